package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.APPEAL_UNDER_REVIEW;
import static no.carepath.allocation.AllocationVariables.ASSESSMENT_ROUND;
import static no.carepath.allocation.AllocationVariables.CASE_ID;
import static no.carepath.allocation.AllocationVariables.PATIENT_ID;
import static no.carepath.allocation.AllocationVariables.CHANNEL;
import static no.carepath.allocation.AllocationVariables.MUNICIPALITY_NUMBER;
import static no.carepath.allocation.AllocationVariables.PATIENT_LABEL;
import static no.carepath.allocation.AllocationVariables.READY_FOR_DISCHARGE;
import static no.carepath.allocation.AllocationVariables.REFERRAL_SUMMARY;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The allocation office's cases: opening one (which starts {@code allocation-case}), registering an
 * appeal, and reading a case, its decision and its letter. Reads of patient data are access-logged.
 */
@Service
public class AllocationCases {

  /** How the need reached the municipality; each has its own message start event. */
  public enum Channel { APPLICATION, GP_REFERRAL, HOSPITAL_NOTICE, CHANGED_NEEDS }

  /** The patient's GP as a referral names them. */
  public record GpContact(String name, String hprNumber, String practice) {
  }

  /**
   * @param summary the referral in a few lines, shown to the case worker in the task form
   * @param readyForDischarge a hospital notice for a patient ready for discharge: answer the same day
   */
  public record NewCase(Channel channel, Patient patient, String municipalityNumber, String summary,
      boolean readyForDischarge, GpContact gp) {
  }

  /** A row of the case list; the patient shown by name and birth date only. */
  public record CaseSummary(String caseId, String patientLabel, String municipalityNumber, Channel channel,
      CaseStatus status, Instant receivedAt) {
  }

  public record DecisionView(String outcome, List<String> services, String scope, LocalDate startDate, String reason,
      String legalBasis, String recommendation, String appealOutcome, String decidedByName, Instant decidedAt, int round) {
  }

  public record LetterView(UUID letterId, Instant createdAt, String dispatchStatus, Instant dispatchedAt) {
  }

  public record EventView(Instant occurredAt, String actorId, String kind, Map<String, Object> content) {
  }

  /** A case with the patient's identity: reading it is written to the access log. */
  public record CaseView(String caseId, CaseStatus status, Channel channel, Instant receivedAt, String municipalityNumber,
      String summary, String patientName, String patientNationalIdMasked, LocalDate patientBirthDate,
      Optional<Map<String, Object>> assessment, Optional<DecisionView> decision, Optional<LetterView> letter,
      List<EventView> events, List<no.carepath.messaging.Outbox.Summary> messages,
      List<PatientService.NameReport> nameReports) {
  }

  public record LetterPdf(String fileName, byte[] content) {
  }

  private static final DateTimeFormatter NORWEGIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final CaseStore store;
  private final AllocationProcess process;
  private final PatientService patients;
  private final AllocationProperties properties;
  private final no.carepath.messaging.Outbox outbox;
  private final Clock clock;

  AllocationCases(CaseStore store, AllocationProcess process, PatientService patients, AllocationProperties properties,
      no.carepath.messaging.Outbox outbox, Clock clock) {
    this.store = store;
    this.process = process;
    this.patients = patients;
    this.properties = properties;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Whether the allocation office has (or had) a case for the patient in this municipality. */
  public boolean knows(UUID patientId, String municipalityNumber) {
    return store.hasCase(patientId, municipalityNumber);
  }

  /** Registers the case and starts its process in the same transaction; returns the case id. */
  @Transactional
  public String open(NewCase newCase) {
    Instant now = clock.instant();
    String caseId = store.nextCaseId(Year.now(clock).getValue());
    store.insertCase(new CaseStore.CaseRow(caseId, newCase.patient().id(), newCase.municipalityNumber(), newCase.channel(),
        CaseStatus.RECEIVED, now, newCase.summary()));
    if (newCase.gp() != null) {
      store.setGp(caseId, newCase.gp());
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CASE_ID, caseId);
    variables.put(MUNICIPALITY_NUMBER, newCase.municipalityNumber());
    variables.put(PATIENT_ID, newCase.patient().id().toString());
    variables.put(CHANNEL, newCase.channel().name());
    variables.put(PATIENT_LABEL, newCase.patient().label());
    variables.put(REFERRAL_SUMMARY, newCase.summary());
    variables.put(READY_FOR_DISCHARGE, newCase.readyForDischarge());
    variables.put(ASSESSMENT_ROUND, 1);
    variables.put(APPEAL_UNDER_REVIEW, false);
    process.start(newCase.channel(), caseId, variables);
    return caseId;
  }

  /**
   * Registers an appeal (klage) and re-opens the case for a new assessment. The appeal is in time
   * when it was received within the appeal window counted from the day the letter was sent.
   */
  @Transactional
  public void registerAppeal(String caseId, Set<String> municipalities, LocalDate receivedDate, String reason) {
    CaseStore.CaseRow row = store.findCase(caseId).filter(found -> municipalities.contains(found.municipalityNumber()))
        .orElseThrow(() -> RequestRejectedException.notFound("Finner ingen sak " + caseId + " i kommunene du har tilgang til."));
    LocalDate today = LocalDate.now(clock);
    if (receivedDate.isAfter(today)) {
      throw RequestRejectedException.invalid("receivedDate", "Mottatt dato kan ikke være i fremtiden.");
    }
    if (!process.waitingForAppeal(caseId)) {
      throw RequestRejectedException.conflict(switch (row.status()) {
        case APPEALED -> "Saken " + caseId + " har allerede en klage under behandling.";
        case AT_COUNTY_GOVERNOR -> "Klagen i sak " + caseId + " er allerede sendt til Statsforvalteren.";
        case FINAL -> "Klagefristen i sak " + caseId + " er ute, og vedtaket er endelig. En klage etter fristen må"
            + " vurderes særskilt (forvaltningsloven § 31); ta den med saksbehandleren.";
        default -> "Saken " + caseId + " har ikke et sendt vedtak som kan påklages ennå (status: "
            + row.status().label() + ").";
      });
    }
    CaseStore.LetterRow letter = store.latestLetter(caseId).filter(l -> l.dispatchedAt() != null)
        .orElseThrow(() -> RequestRejectedException.conflict("Vedtaksbrevet i sak " + caseId + " er ikke sendt ennå."));
    LocalDate sent = letter.dispatchedAt().atZone(clock.getZone()).toLocalDate();
    LocalDate deadline = sent.plusDays(properties.appealWindow().toDays());
    if (receivedDate.isBefore(sent)) {
      throw RequestRejectedException.invalid("receivedDate", "Mottatt dato (" + NORWEGIAN_DATE.format(receivedDate)
          + ") er før vedtaksbrevet ble sendt (" + NORWEGIAN_DATE.format(sent) + ").");
    }
    if (receivedDate.isAfter(deadline)) {
      throw RequestRejectedException.conflict("Klagen kom inn " + NORWEGIAN_DATE.format(receivedDate)
          + ", etter klagefristen " + NORWEGIAN_DATE.format(deadline) + ". En klage etter fristen må vurderes særskilt"
          + " (forvaltningsloven § 31); ta den med saksbehandleren.");
    }
    int newRound = store.latestDecision(caseId).map(decision -> decision.round() + 1).orElse(2);
    store.addEvent(caseId, clock.instant(), Actor.current().id(), "APPEAL_RECEIVED",
        Map.of("receivedDate", receivedDate.toString(), "reason", reason));
    store.updateStatus(caseId, CaseStatus.APPEALED);
    process.correlateAppeal(caseId, newRound);
  }

  /** The newest cases of these municipalities; the names they show are written to the access log. */
  public List<CaseSummary> list(Set<String> municipalities, int limit) {
    List<CaseStore.CaseRow> rows = store.listCases(municipalities, limit);
    patients.recordListRead(rows.stream().map(CaseStore.CaseRow::patientId).toList(), "case-list");
    return rows.stream()
        .map(row -> new CaseSummary(row.caseId(), patients.label(row.patientId()), row.municipalityNumber(),
            row.channel(), row.status(), row.receivedAt()))
        .toList();
  }

  /** The whole case; the read is written to the access log. */
  @Transactional
  public Optional<CaseView> view(String caseId, Set<String> municipalities) {
    return store.findCase(caseId).filter(row -> municipalities.contains(row.municipalityNumber())).map(row -> {
      Patient patient = patients.read(row.patientId(), caseId, "case-view");
      return new CaseView(row.caseId(), row.status(), row.channel(), row.receivedAt(), row.municipalityNumber(),
          row.summary(), patient.fullName(), patient.nationalId().masked(), patient.birthDate(),
          store.latestAssessment(caseId),
          store.latestDecision(caseId).map(d -> new DecisionView(d.outcome(), d.services(), d.scope(), d.startDate(),
              d.reason(), d.legalBasis(), d.recommendation(), d.appealOutcome(), d.decidedByName(), d.decidedAt(), d.round())),
          store.latestLetter(caseId).map(l -> new LetterView(l.id(), l.createdAt(), l.dispatchStatus(), l.dispatchedAt())),
          store.events(caseId).stream().map(e -> new EventView(e.occurredAt(), e.actorId(), e.kind(), e.content())).toList(),
          outbox.summaries(List.of(caseId)), patients.nameReports(row.patientId()));
    });
  }

  /** The newest decision letter of a case as PDF; the read is written to the access log. */
  @Transactional
  public Optional<LetterPdf> letter(String caseId, Set<String> municipalities) {
    return store.findCase(caseId).filter(row -> municipalities.contains(row.municipalityNumber()))
        .flatMap(row -> store.latestLetter(caseId).map(letter -> {
          patients.read(row.patientId(), caseId, "decision-letter");
          return new LetterPdf("vedtak-" + caseId + ".pdf", letter.pdf());
        }));
  }
}
