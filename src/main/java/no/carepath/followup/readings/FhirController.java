package no.carepath.followup.readings;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

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
  private final ReadingGroupCommit groupCommit;
  private final TransactionTemplate transaction;
  private final long maxBodyBytes;
  private final int maxBundleEntries;

  FhirController(ReadingIngestion ingestion, ReadingGroupCommit groupCommit, TransactionTemplate transaction,
      @Value("${carepath.fhir.max-body-bytes}") long maxBodyBytes,
      @Value("${carepath.fhir.max-bundle-entries}") int maxBundleEntries) {
    this.ingestion = ingestion;
    this.groupCommit = groupCommit;
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
    ReadingIngestion.Entry entry = new ReadingIngestion.Entry(0, observation, "Observation");
    if (groupCommit.enabled()) {
      // checked alone first: a bad Observation never joins a group, and gets its own answer
      ObservationMapper.Result mapped = ingestion.validate(entry);
      ReadingIngestion.EntryResult result = mapped.valid() ? groupCommit.submit(entry, mapped, municipalities())
          : ingestion.refuse(entry, mapped);
      if (result.status().failed()) {
        throw new ReadingIngestion.Rejected(List.of(result));
      }
      return created(result);
    }
    // the answer is built before the commit: if that failed, nothing would be stored either
    return transaction.execute(status -> {
      return created(ingestion.ingest(List.of(entry), true, municipalities()).get(0));
    });
  }

  private static ResponseEntity<byte[]> created(ReadingIngestion.EntryResult result) {
    Observation answer = answer(result);
    return ResponseEntity.status(result.status().code())
        .header(HttpHeaders.LOCATION, "Observation/" + answer.getIdElement().getIdPart())
        .contentType(FhirResponses.FHIR_JSON).body(FhirResponses.serialise(answer));
  }

  /**
   * A batch (each entry on its own: an unsupported method, a bad resource, an unknown patient, a
   * conflict each get their own entry response) or a transaction (all or nothing, every failing entry
   * named). The answer keeps the entries' order and echoes each entry's {@code fullUrl}.
   */
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
    List<FhirIssue> structural = new ArrayList<>();
    Set<String> fullUrls = new HashSet<>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      BundleEntryComponent entry = bundle.getEntry().get(i);
      if (entry.hasFullUrl() && !fullUrls.add(entry.getFullUrl())) {
        structural.add(FhirIssue.invalid("Bundle.entry[" + i + "].fullUrl", "fullUrl «" + entry.getFullUrl() + "» er"
            + " brukt før i samme Bundle; hver oppføring må ha sin egen (FHIR-regel bdl-7)."));
      }
    }
    if (!structural.isEmpty()) {
      // a Bundle that breaks FHIR's own rules is not a Bundle: refused as a whole, batch or not
      return FhirResponses.respond(HttpStatus.BAD_REQUEST, FhirResponses.outcome(structural));
    }
    ReadingIngestion.EntryResult[] results = new ReadingIngestion.EntryResult[bundle.getEntry().size()];
    List<ReadingIngestion.Entry> entries = new ArrayList<>();
    for (int i = 0; i < bundle.getEntry().size(); i++) {
      BundleEntryComponent entry = bundle.getEntry().get(i);
      String path = "Bundle.entry[" + i + "]";
      ReadingIngestion.Entry candidate = new ReadingIngestion.Entry(i,
          entry.getResource() instanceof Observation observation ? observation : null, path + ".resource");
      if (entry.hasRequest() && (entry.getRequest().getMethod() == null
          || !"POST".equals(entry.getRequest().getMethod().toCode()))) {
        results[i] = ReadingIngestion.EntryResult.failed(candidate, ReadingIngestion.Status.NOT_ALLOWED,
            List.of(FhirIssue.notSupported(path + ".request.method", "Bare POST av Observation støttes her (fikk «"
                + (entry.getRequest().getMethod() == null ? "" : entry.getRequest().getMethod().toCode()) + "»).")));
      } else if (entry.hasRequest() && entry.getRequest().hasUrl() && !"Observation".equals(entry.getRequest().getUrl())) {
        results[i] = ReadingIngestion.EntryResult.failed(candidate, ReadingIngestion.Status.INVALID,
            List.of(FhirIssue.value(path + ".request.url", "request.url må være «Observation» (fikk «"
                + entry.getRequest().getUrl() + "»).")));
      } else if (candidate.observation() == null) {
        results[i] = ReadingIngestion.EntryResult.failed(candidate, ReadingIngestion.Status.INVALID,
            List.of(FhirIssue.value(path + ".resource", "Oppføringen må være en Observation"
                + (entry.hasResource() ? ", ikke " + entry.getResource().fhirType() : "") + ".")));
      } else {
        entries.add(candidate);
      }
    }
    boolean othersFailed = java.util.Arrays.stream(results).anyMatch(java.util.Objects::nonNull);
    boolean minimal = String.valueOf(request.getHeader("Prefer")).contains("return=minimal");
    try {
      return this.transaction.execute(status -> {
        for (ReadingIngestion.EntryResult result : ingestion.ingest(entries, transaction, othersFailed, municipalities())) {
          results[result.entry().index()] = result;
        }
        return answer(bundle, List.of(results), transaction, minimal);
      });
    } catch (ReadingIngestion.Rejected rejected) {
      for (ReadingIngestion.EntryResult result : rejected.results()) {
        results[result.entry().index()] = result;
      }
      throw new ReadingIngestion.Rejected(java.util.Arrays.stream(results).filter(java.util.Objects::nonNull).toList());
    }
  }

  private ResponseEntity<byte[]> answer(Bundle request, List<ReadingIngestion.EntryResult> results, boolean transaction,
      boolean minimal) {
    Bundle response = new Bundle().setType(transaction ? BundleType.TRANSACTIONRESPONSE : BundleType.BATCHRESPONSE);
    response.setId(UUID.randomUUID().toString());
    for (ReadingIngestion.EntryResult result : results) {
      BundleEntryComponent entry = response.addEntry();
      String fullUrl = request.getEntry().get(result.entry().index()).getFullUrl();
      if (fullUrl != null) {
        entry.setFullUrl(fullUrl);
      }
      entry.getResponse().setStatus(result.status().line());
      if (result.status().failed()) {
        entry.getResponse().setOutcome(FhirResponses.outcome(result.issues()));
        continue;
      }
      Observation answer = answer(result);
      entry.getResponse().setLocation("Observation/" + answer.getIdElement().getIdPart());
      if (!minimal) {
        if (fullUrl == null) {
          entry.setFullUrl("Observation/" + answer.getIdElement().getIdPart());
        }
        entry.setResource(answer);
      }
    }
    return FhirResponses.respond(HttpStatus.OK, response);
  }

  /**
   * The Observation as stored, never more: its identifier, status, code, patient, time, the value as
   * sent (in the unit sent) and the triage result as interpretation. Narrative, notes, extensions and
   * anything else the sender put in are not stored and not echoed.
   */
  static Observation answer(ReadingIngestion.EntryResult result) {
    Observation sent = result.entry().observation();
    Observation answer = new Observation();
    String key = ObservationMapper.identifierKey(sent);
    answer.setId(UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    Identifier identifier = sent.getIdentifier().stream().filter(id -> id.hasSystem() && id.hasValue()).findFirst()
        .orElseThrow();
    answer.addIdentifier().setSystem(identifier.getSystem()).setValue(identifier.getValue());
    answer.setStatus(sent.getStatus());
    answer.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("vital-signs");
    Identifier patient = sent.getSubject().getIdentifier();
    answer.getSubject().getIdentifier().setSystem(patient.getSystem()).setValue(patient.getValue());
    List<StoredReading> readings = result.readings();
    StoredReading first = readings.get(0);
    answer.setEffective(new DateTimeType(java.util.Date.from(first.measuredAt()),
        ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC")));
    Interpretation worst = readings.stream().map(StoredReading::interpretation)
        .max(java.util.Comparator.comparing(Interpretation::colour)).orElse(Interpretation.NORMAL);
    if (readings.size() > 1) {
      answer.getCode().addCoding().setSystem(ObservationMapper.LOINC).setCode(VitalSign.BLOOD_PRESSURE_PANEL)
          .setDisplay("Blodtrykk");
      for (StoredReading reading : readings.stream()
          .sorted(java.util.Comparator.comparingInt(reading -> reading.sign().code())).toList()) {
        Observation.ObservationComponentComponent component = answer.addComponent();
        component.getCode().addCoding().setSystem(ObservationMapper.LOINC).setCode(reading.sign().loinc())
            .setDisplay(reading.sign().label());
        component.setValue(quantity(reading));
        component.setInterpretation(List.of(interpretation(reading.interpretation())));
      }
    } else {
      answer.getCode().addCoding().setSystem(ObservationMapper.LOINC).setCode(first.sign().loinc())
          .setDisplay(first.sign().label());
      if (first.sign() == VitalSign.CONSCIOUSNESS) {
        VitalSign.Consciousness level = VitalSign.Consciousness.values()[first.exact().intValue()];
        answer.getValueCodeableConcept().addCoding().setCode(level.code()).setDisplay(level.label());
      } else {
        answer.setValue(quantity(first));
      }
    }
    answer.setInterpretation(List.of(interpretation(worst)));
    return answer;
  }

  /** The value as sent: in the unit sent, with its precision. */
  private static Quantity quantity(StoredReading reading) {
    BigDecimal value = reading.sentValue() != null ? reading.sentValue() : reading.exact();
    String unit = reading.sentUnit() != null ? reading.sentUnit() : reading.sign().ucum();
    return new Quantity().setValue(value).setUnit(unit).setSystem(ObservationMapper.UCUM).setCode(unit);
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
    try {
      StrictJson.check(body);
    } catch (StrictJson.Refused refused) {
      throw new BadFhirRequest(IssueType.STRUCTURE, refused.getMessage());
    }
    IParser parser = FhirResponses.context().newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new BadFhirRequest(IssueType.STRUCTURE, "Innholdet er ikke gyldig FHIR R4 JSON: "
          + FhirResponses.plain(e.getMessage()) + " Rett ressursen og send den på nytt.");
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

  /**
   * A single Observation, or a transaction, with a bad entry: nothing stored, every problem reported.
   * The status is the entries' worst: 400 for a bad entry, else 422 for an unknown patient, else 409.
   */
  @ExceptionHandler(ReadingIngestion.Rejected.class)
  ResponseEntity<byte[]> rejected(ReadingIngestion.Rejected rejected) {
    List<FhirIssue> issues = rejected.results().stream().flatMap(result -> result.issues().stream()).toList();
    java.util.Set<ReadingIngestion.Status> failures = rejected.results().stream().map(ReadingIngestion.EntryResult::status)
        .filter(ReadingIngestion.Status::failed).collect(java.util.stream.Collectors.toSet());
    HttpStatus status = failures.contains(ReadingIngestion.Status.INVALID) ? HttpStatus.BAD_REQUEST
        : failures.contains(ReadingIngestion.Status.NOT_ALLOWED) ? HttpStatus.BAD_REQUEST
        : failures.contains(ReadingIngestion.Status.UNKNOWN_PATIENT) ? HttpStatus.UNPROCESSABLE_ENTITY
        : failures.contains(ReadingIngestion.Status.CONFLICT) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
    return FhirResponses.respond(status, FhirResponses.outcome(issues));
  }

  /**
   * Not taken in (too much waiting, or Carepath is stopping), or no answer in time: 503 with
   * {@code Retry-After}. A resend is safe: the identifier keeps a reading from being stored twice.
   */
  @ExceptionHandler(ReadingGroupCommit.Unavailable.class)
  ResponseEntity<byte[]> unavailable(ReadingGroupCommit.Unavailable e) {
    ResponseEntity<byte[]> outcome = FhirResponses.error(HttpStatus.SERVICE_UNAVAILABLE, IssueType.TRANSIENT,
        e.maybeStored()
            ? "Carepath svarte ikke i tide, og målingen kan være lagret. Send den på nytt om litt: samme"
                + " identifikator lagres bare én gang."
            : "Carepath tar ikke imot målinger akkurat nå (for mye venter, eller tjenesten starter på nytt), og"
                + " målingen er ikke lagret. Send den på nytt om litt.");
    return ResponseEntity.status(outcome.getStatusCode()).headers(outcome.getHeaders())
        .header(HttpHeaders.RETRY_AFTER, "2").body(outcome.getBody());
  }

  @ExceptionHandler(BadFhirRequest.class)
  ResponseEntity<byte[]> badRequest(BadFhirRequest e) {
    return FhirResponses.error(HttpStatus.BAD_REQUEST, e.type, e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e) throws Exception {
    // the database or Keycloak is down: an OperationOutcome with 503 and Retry-After (availability.OutageFilter);
    // nothing was stored, since nothing could commit
    no.carepath.availability.Outage.rethrowIfOutage(e);
    String reference = UUID.randomUUID().toString();
    log.error("Unexpected error in the FHIR endpoint, reference {}", reference, e);
    return FhirResponses.error(HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION, "Noe gikk galt hos oss, og ingenting"
        + " er lagret. Send på nytt; oppgi referansen " + reference + " hvis feilen gjentar seg.");
  }
}
