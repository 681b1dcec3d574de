package no.carepath.allocation;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/cases}: the allocation office's cases for integrations and scripts (bearer token).
 * A user sees only cases of the municipalities in their token; every read of one case is
 * access-logged.
 */
@RestController
@RequestMapping(path = "/api/cases", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseController {

  /** POST /api/cases/{caseId}/appeals: the patient appealed (klage). */
  record AppealRequest(
      @NotNull(message = "Oppgi datoen klagen kom inn (receivedDate, ÅÅÅÅ-MM-DD).") LocalDate receivedDate,
      @NotBlank(message = "Oppgi hva klagen gjelder (reason).") @Size(max = 4000, message = "Begrunnelsen kan ha høyst 4000 tegn.") String reason) {
  }

  private final AllocationCases cases;

  CaseController(AllocationCases cases) {
    this.cases = cases;
  }

  @GetMapping
  List<AllocationCases.CaseSummary> list() {
    return cases.list(Actor.current().municipalities(), 200);
  }

  @GetMapping("/{caseId}")
  AllocationCases.CaseView view(@PathVariable String caseId) {
    return cases.view(caseId, Actor.current().municipalities()).orElseThrow(() -> notFound(caseId));
  }

  @GetMapping(path = "/{caseId}/letter", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> letter(@PathVariable String caseId) {
    AllocationCases.LetterPdf letter = cases.letter(caseId, Actor.current().municipalities())
        .orElseThrow(() -> RequestRejectedException.notFound("Sak " + caseId + " har ikke noe vedtaksbrev ennå."));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(letter.fileName()).build().toString())
        .contentType(MediaType.APPLICATION_PDF)
        .body(letter.content());
  }

  /** 202: the case is re-opened for a new assessment. */
  @PostMapping(path = "/{caseId}/appeals", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<java.util.Map<String, String>> appeal(@PathVariable String caseId, @Valid @RequestBody AppealRequest request) {
    cases.registerAppeal(caseId, Actor.current().municipalities(), request.receivedDate(), request.reason().strip());
    return ResponseEntity.accepted().body(java.util.Map.of("caseId", caseId, "status", CaseStatus.APPEALED.name()));
  }

  private static RequestRejectedException notFound(String caseId) {
    return RequestRejectedException.notFound("Finner ingen sak " + caseId + " i kommunene du har tilgang til.");
  }
}
