package no.carepath.followup.readings;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.servlet.http.HttpServletRequest;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;
import no.carepath.security.Actor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The FHIR R4 endpoint of the home-monitoring platform: {@code POST /fhir/Observation} with one
 * Observation, {@code POST /fhir} with a {@code batch} or {@code transaction} Bundle of
 * Observations. Only the platform's client-credentials token (group {@code system-monitoring})
 * gets here. Every answer is FHIR JSON; every error an OperationOutcome with a diagnostic in
 * Norwegian and the FHIRPath of the problem. The triage colour comes back as the Observation's
 * {@code interpretation}. {@code Prefer: return=minimal} leaves the resources out of a Bundle answer.
 */
@RestController
@RequestMapping("/fhir")
class FhirController {

  private static final Logger log = LoggerFactory.getLogger(FhirController.class);

  private final ReadingIngestion ingestion;
  private final TransactionTemplate transaction;
  private final long maxBodyBytes;
  private final int maxBundleEntries;

  FhirController(ReadingIngestion ingestion, TransactionTemplate transaction,
      @Value("${carepath.fhir.max-body-bytes}") long maxBodyBytes,
      @Value("${carepath.fhir.max-bundle-entries}") int maxBundleEntries) {
    this.ingestion = ingestion;
    this.transaction = transaction;
    this.maxBodyBytes = maxBodyBytes;
    this.maxBundleEntries = maxBundleEntries;
  }

  @PostMapping("/Observation")
  ResponseEntity<byte[]> observation(HttpServletRequest request) throws IOException {
    IBaseResource resource = parse(request);
    if (!(resource instanceof Observation observation)) {
      return wrongType(resource, "Observation");
    }
    // the answer is built before the commit: if that failed, nothing would be stored either
    return transaction.execute(status -> {
      ReadingIngestion.EntryResult result = ingestion.ingest(
          List.of(new ReadingIngestion.Entry(0, observation, "Observation")), true, municipalities()).get(0);
      Observation answer = answer(result);
      return ResponseEntity.status(result.status() == ReadingIngestion.Status.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
          .header(HttpHeaders.LOCATION, "Observation/" + answer.getIdElement().getIdPart())
          .contentType(FhirResponses.FHIR_JSON).body(FhirResponses.serialise(answer));
    });
  }

  @PostMapping
  ResponseEntity<byte[]> bundle(HttpServletRequest request) throws IOException {
    IBaseResource resource = parse(request);
    if (!(resource instanceof Bundle bundle)) {
      return wrongType(resource, "Bundle");
    }
    if (bundle.getType() != BundleType.BATCH && bundle.getType() != BundleType.TRANSACTION) {
      return FhirResponses.error(HttpStatus.BAD_REQUEST, IssueType.VALUE, "Bundle.type må være «batch» (hver måling for"
          + " seg) eller «transaction» (alt eller ingenting), ikke «" + (bundle.getType() == null ? "" : bundle.getType().toCode()) + "».");
    }
    if (bundle.getEntry().size() > maxBundleEntries) {
      return FhirResponses.error(HttpStatus.BAD_REQUEST, IssueType.TOOCOSTLY, "Bundle har " + bundle.getEntry().size()
          + " oppføringer; største tillatte antall er " + maxBundleEntries + ". Del opp sendingen.");
    }
    boolean transaction = bundle.getType() == BundleType.TRANSACTION;
    List<ReadingIngestion.Entry> entries = new ArrayList<>();
    List<FhirIssue> structural = new ArrayList<>();
    Set<String> fullUrls = new HashSet<>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      BundleEntryComponent entry = bundle.getEntry().get(i);
      String path = "Bundle.entry[" + i + "]";
      if (entry.hasFullUrl() && !fullUrls.add(entry.getFullUrl())) {
        structural.add(FhirIssue.invalid(path + ".fullUrl", "fullUrl «" + entry.getFullUrl() + "» er brukt før i samme"
            + " Bundle; hver oppføring må ha sin egen."));
      }
      if (entry.hasRequest() && (entry.getRequest().getMethod() == null
          || !"POST".equals(entry.getRequest().getMethod().toCode()))) {
        structural.add(FhirIssue.value(path + ".request.method", "Bare POST av Observation støttes her (fikk «"
            + (entry.getRequest().getMethod() == null ? "" : entry.getRequest().getMethod().toCode()) + "»)."));
      }
      if (!(entry.getResource() instanceof Observation observation)) {
        structural.add(FhirIssue.value(path + ".resource", "Oppføringen må være en Observation"
            + (entry.hasResource() ? ", ikke " + entry.getResource().fhirType() : "") + "."));
        continue;
      }
      entries.add(new ReadingIngestion.Entry(i, observation, path + ".resource"));
    }
    if (!structural.isEmpty()) {
      // a Bundle we cannot read entry by entry is refused as a whole, batch or not
      return FhirResponses.respond(HttpStatus.BAD_REQUEST, FhirResponses.outcome(structural));
    }
    boolean minimal = String.valueOf(request.getHeader("Prefer")).contains("return=minimal");
    return this.transaction.execute(status -> answer(ingestion.ingest(entries, transaction, municipalities()), transaction,
        minimal));
  }

  private ResponseEntity<byte[]> answer(List<ReadingIngestion.EntryResult> results, boolean transaction, boolean minimal) {
    Bundle response = new Bundle().setType(transaction ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE);
    response.setId(UUID.randomUUID().toString());
    for (ReadingIngestion.EntryResult result : results) {
      BundleEntryComponent entry = response.addEntry();
      if (result.status() == ReadingIngestion.Status.INVALID) {
        entry.getResponse().setStatus("400 Bad Request").setOutcome(FhirResponses.outcome(result.issues()));
        continue;
      }
      Observation answer = answer(result);
      entry.getResponse().setStatus(result.status() == ReadingIngestion.Status.CREATED ? "201 Created" : "200 OK")
          .setLocation("Observation/" + answer.getIdElement().getIdPart());
      if (!minimal) {
        entry.setFullUrl("Observation/" + answer.getIdElement().getIdPart()).setResource(answer);
      }
    }
    return FhirResponses.respond(HttpStatus.OK, response);
  }

  /** The posted Observation with its stored id and the triage result as interpretation. */
  private static Observation answer(ReadingIngestion.EntryResult result) {
    // the parsed resource itself, not a copy: copying re-validates, and nothing may fail once the readings are stored
    Observation observation = result.entry().observation();
    String key = observation.getIdentifier().stream().filter(id -> id.hasSystem() && id.hasValue()).findFirst()
        .map(id -> id.getSystem() + "|" + id.getValue()).orElseThrow();
    observation.setId(UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    Interpretation worst = result.readings().stream().map(StoredReading::interpretation)
        .max(java.util.Comparator.comparing(Interpretation::colour)).orElse(Interpretation.NORMAL);
    observation.setInterpretation(List.of(interpretation(worst)));
    if (result.readings().size() > 1) {
      for (Observation.ObservationComponentComponent component : observation.getComponent()) {
        for (StoredReading reading : result.readings()) {
          boolean same = component.getCode().getCoding().stream()
              .anyMatch(coding -> VitalSign.ofCode(coding.getCode()).filter(reading.sign()::equals).isPresent());
          if (same) {
            component.setInterpretation(List.of(interpretation(reading.interpretation())));
          }
        }
      }
    }
    return observation;
  }

  private static CodeableConcept interpretation(Interpretation interpretation) {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding().setSystem(Interpretation.SYSTEM).setCode(interpretation.code()).setDisplay(interpretation.label());
    Colour colour = interpretation.colour();
    concept.setText(colour.label());
    return concept;
  }

  private IBaseResource parse(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw new BadFhirRequest(IssueType.TOOLONG, tooLarge());
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) maxBodyBytes + 1);
    }
    if (body.length > maxBodyBytes) {
      throw new BadFhirRequest(IssueType.TOOLONG, tooLarge());
    }
    if (body.length == 0) {
      throw new BadFhirRequest(IssueType.REQUIRED, "Forespørselen mangler innhold. Send en FHIR-ressurs som JSON"
          + " (Content-Type: application/fhir+json).");
    }
    String contentType = String.valueOf(request.getContentType());
    if (!contentType.contains("json")) {
      throw new BadFhirRequest(IssueType.NOTSUPPORTED, "Innholdstypen «" + request.getContentType() + "» støttes ikke."
          + " Send FHIR JSON med 'Content-Type: application/fhir+json'.");
    }
    IParser parser = FhirResponses.context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new BadFhirRequest(IssueType.STRUCTURE, "Innholdet er ikke gyldig FHIR R4 JSON: "
          + e.getMessage().replaceFirst("^HAPI-\\d+: ", "") + " Rett ressursen og send den på nytt.");
    }
  }

  private String tooLarge() {
    return "Forespørselen er for stor. Største tillatte størrelse er " + maxBodyBytes / 1024
        + " KB; del opp sendingen i flere Bundles.";
  }

  private static ResponseEntity<byte[]> wrongType(IBaseResource resource, String expected) {
    return FhirResponses.error(HttpStatus.BAD_REQUEST, IssueType.NOTSUPPORTED, "Her tas det imot " + expected
        + ", ikke " + resource.fhirType() + "." + ("Bundle".equals(expected)
        ? " Enkeltmålinger sendes til /fhir/Observation." : " Bundles sendes til /fhir."));
  }

  private static Set<String> municipalities() {
    return Actor.current().municipalities();
  }

  static final class BadFhirRequest extends RuntimeException {
    private final IssueType type;

    BadFhirRequest(IssueType type, String message) {
      super(message);
      this.type = type;
    }
  }

  /** A single Observation, or a transaction, with a bad entry: nothing stored, every problem reported. */
  @ExceptionHandler(ReadingIngestion.Rejected.class)
  ResponseEntity<byte[]> rejected(ReadingIngestion.Rejected rejected) {
    List<FhirIssue> issues = rejected.results().stream().flatMap(result -> result.issues().stream()).toList();
    return FhirResponses.respond(HttpStatus.BAD_REQUEST, FhirResponses.outcome(issues));
  }

  @ExceptionHandler(BadFhirRequest.class)
  ResponseEntity<byte[]> badRequest(BadFhirRequest e) {
    return FhirResponses.error(HttpStatus.BAD_REQUEST, e.type, e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("Unexpected error in the FHIR endpoint, reference {}", reference, e);
    return FhirResponses.error(HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION, "Noe gikk galt hos oss, og ingenting"
        + " er lagret. Send på nytt; oppgi referansen " + reference + " hvis feilen gjentar seg.");
  }
}
