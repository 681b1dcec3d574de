package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_DecideService, on complete: validates the decision (vedtak) on the server and records it.
 * A granted decision needs services, scope, start date and legal basis; every decision needs a
 * reason; an appeal round needs the appeal outcome, and an upheld decision keeps its outcome.
 */
@Component
class DecideServiceListener implements TaskListener {

  static final String GRANTED = "GRANTED";
  static final String REJECTED = "REJECTED";
  static final String UPHELD = "UPHELD";
  static final String OVERTURNED = "OVERTURNED";
  static final String DIGITAL_HOME_FOLLOW_UP = "DIGITAL_HOME_FOLLOW_UP";
  static final Map<String, String> SERVICES = Map.of(
      DIGITAL_HOME_FOLLOW_UP, "Digital hjemmeoppfølging",
      "HOME_NURSING", "Hjemmesykepleie",
      "PRACTICAL_ASSISTANCE", "Praktisk bistand",
      "SAFETY_ALARM", "Trygghetsalarm");
  static final Map<String, String> LEGAL_BASES = Map.of(
      "PBRL_2-1A_HOL_3-2-6A", "pasient- og brukerrettighetsloven § 2-1 a andre ledd, jf. helse- og omsorgstjenesteloven"
          + " § 3-2 første ledd nr. 6 bokstav a (helsetjenester i hjemmet)",
      "PBRL_2-1A_HOL_3-2-6B", "pasient- og brukerrettighetsloven § 2-1 a andre ledd, jf. helse- og omsorgstjenesteloven"
          + " § 3-2 første ledd nr. 6 bokstav b (personlig assistanse, herunder praktisk bistand)",
      "HOL_3-1", "helse- og omsorgstjenesteloven § 3-1 (kommunens overordnede ansvar)");
  private static final int START_DATE_DAYS_BACK = 30;

  private final CaseStore store;
  private final Clock clock;

  DecideServiceListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String caseId = caseId(task);
    boolean appeal = appealUnderReview(task);
    // the form shows the appeal outcome only in an appeal round, and services, scope and start only when granted
    String appealOutcome = appeal ? form.choice(APPEAL_OUTCOME) : null;
    String outcome = form.choice(DECISION_OUTCOME);
    boolean granted = GRANTED.equals(outcome);
    List<String> services = form.selection(GRANTED_SERVICES);
    String scope = form.text(SERVICE_SCOPE);
    form.notBefore(SERVICE_START_DATE, LocalDate.now(clock).minusDays(START_DATE_DAYS_BACK));
    LocalDate startDate = form.date(SERVICE_START_DATE);
    String reason = form.text(DECISION_REASON);
    String legalBasis = form.choice(LEGAL_BASIS);
    if (UPHELD.equals(appealOutcome) && outcome != null) {
      store.latestDecision(caseId).filter(previous -> !previous.outcome().equals(outcome)).ifPresent(previous ->
          form.problem("Når vedtaket opprettholdes, må utfallet være det samme som i vedtaket det er klaget på ("
              + (GRANTED.equals(previous.outcome()) ? "Innvilget" : "Avslag") + "). Velg «Vedtaket endres» hvis du vil endre det."));
    }
    form.throwIfInvalid();

    Actor actor = Actor.current();
    UUID decisionId = store.insertDecision(new CaseStore.DecisionRow(null, caseId, assessmentRound(task), outcome,
        services, scope, startDate, reason, legalBasis, (String) task.getVariable(RECOMMENDATION), appealOutcome,
        actor.displayName(), clock.instant()), actor.id());
    task.setVariable(DECISION_ID, decisionId.toString());
    task.setVariable(APPEAL_OUTCOME, appealOutcome);
    task.setVariable(FOLLOWUP_GRANTED, granted && services.contains(DIGITAL_HOME_FOLLOW_UP));
    store.updateStatus(caseId, CaseStatus.DECIDED);
  }
}
