package no.carepath.intake;

import java.net.URI;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three ways in. Each answers 201 with the case id (Location: {@code /api/cases/{caseId}}), or
 * 200 with {@code duplicate: true} when the same {@code externalReference} was sent before; bad
 * input gets 400 problem JSON and nothing is stored.
 */
@RestController
@RequestMapping(path = "/api/intake", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
class IntakeController {

  private final IntakeService intake;

  IntakeController(IntakeService intake) {
    this.intake = intake;
  }

  @PostMapping("/applications")
  ResponseEntity<IntakeRequests.Receipt> application(@Valid @RequestBody IntakeRequests.Application request) {
    return answer(intake.application(request));
  }

  @PostMapping("/gp-referrals")
  ResponseEntity<IntakeRequests.Receipt> gpReferral(@Valid @RequestBody IntakeRequests.GpReferral request) {
    return answer(intake.gpReferral(request));
  }

  @PostMapping("/hospital-notices")
  ResponseEntity<IntakeRequests.Receipt> hospitalNotice(@Valid @RequestBody IntakeRequests.HospitalNotice request) {
    return answer(intake.hospitalNotice(request));
  }

  private static ResponseEntity<IntakeRequests.Receipt> answer(IntakeRequests.Receipt receipt) {
    return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
        .location(URI.create("/api/cases/" + receipt.caseId()))
        .body(receipt);
  }
}
