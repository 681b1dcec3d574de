package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.DECISION_ID;
import static no.carepath.allocation.AllocationVariables.LETTER_ID;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.security.Municipalities;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CreateDecisionLetter: renders the decision letter (PDF) and keeps it with the case. */
@Component
class CreateDecisionLetterDelegate implements JavaDelegate {

  private static final DateTimeFormatter NORWEGIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  private final CaseStore store;
  private final PatientService patients;
  private final DecisionLetterRenderer renderer;
  private final Municipalities municipalities;
  private final AllocationProperties properties;
  private final Clock clock;

  CreateDecisionLetterDelegate(CaseStore store, PatientService patients, DecisionLetterRenderer renderer,
      Municipalities municipalities, AllocationProperties properties, Clock clock) {
    this.store = store;
    this.patients = patients;
    this.renderer = renderer;
    this.municipalities = municipalities;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = AllocationVariables.caseId(execution);
    UUID decisionId = UUID.fromString((String) execution.getVariable(DECISION_ID));
    CaseStore.DecisionRow decision = store.findDecision(decisionId)
        .orElseThrow(() -> new IllegalStateException("Decision " + decisionId + " of case " + caseId + " not found"));
    CaseStore.CaseRow caseRow = store.findCase(caseId).orElseThrow();
    Patient patient = patients.read(caseRow.patientId(), caseId, "decision-letter");

    boolean granted = DecideServiceListener.GRANTED.equals(decision.outcome());
    boolean appeal = DecideServiceListener.OVERTURNED.equals(decision.appealOutcome());
    String channelText = switch (caseRow.channel()) {
      case APPLICATION -> "søknaden om helse- og omsorgstjenester";
      case GP_REFERRAL -> "henvisningen fra fastlegen din";
      case HOSPITAL_NOTICE -> "meldingen fra sykehuset";
      case CHANGED_NEEDS -> "meldingen fra hjemmeoppfølgingen om at behovene dine har endret seg";
    };
    String title = appeal ? "Nytt vedtak etter klage"
        : granted ? "Vedtak om helse- og omsorgstjenester" : "Vedtak om avslag på helse- og omsorgstjenester";
    String municipality = municipalities.nameOrNumber(caseRow.municipalityNumber());
    String receivedDate = NORWEGIAN_DATE.format(caseRow.receivedAt().atZone(clock.getZone()));
    String letterDate = NORWEGIAN_DATE.format(LocalDate.now(clock));
    List<String> services = decision.services().stream().map(DecideServiceListener.SERVICES::get).toList();
    String startDate = decision.startDate() == null ? null : NORWEGIAN_DATE.format(decision.startDate());
    String legalBasis = DecideServiceListener.LEGAL_BASES.get(decision.legalBasis());
    byte[] pdf = renderer.render(new DecisionLetterRenderer.Letter(title, municipality, patient.fullName(),
        patient.nationalId().value(), caseId, letterDate, decision.decidedByName(), channelText, receivedDate,
        granted, appeal, services, decision.scope(), startDate, decision.reason(), legalBasis,
        inWords(properties.appealWindow())));
    UUID letterId = store.insertLetter(caseId, decisionId, pdf, clock.instant());
    execution.setVariable(LETTER_ID, letterId.toString());
  }

  /** "tre uker" for P21D, "fire uker" for P28D, otherwise days. */
  static String inWords(java.time.Duration window) {
    long days = window.toDays();
    String[] weeks = {"", "én uke", "to uker", "tre uker", "fire uker", "fem uker", "seks uker"};
    if (days % 7 == 0 && days / 7 < weeks.length && days > 0) {
      return weeks[(int) (days / 7)];
    }
    return days + " dager";
  }
}
