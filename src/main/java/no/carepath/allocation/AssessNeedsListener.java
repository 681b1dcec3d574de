package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.*;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_AssessNeeds, on complete: validates the needs assessment and keeps it with the case. */
@Component
class AssessNeedsListener implements TaskListener {

  private final CaseStore store;
  private final Clock clock;

  AssessNeedsListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    Map<String, Object> assessment = new LinkedHashMap<>();
    assessment.put(WHAT_MATTERS_TO_YOU, form.requiredText(WHAT_MATTERS_TO_YOU, "Hva er viktig for deg?", 2000));
    assessment.put(PRIMARY_CONDITION, form.requiredChoice(PRIMARY_CONDITION, "Hovedtilstand", CONDITIONS));
    assessment.put(OTHER_CONDITIONS, form.optionalText(OTHER_CONDITIONS, "Andre diagnoser og tilstander", 1000));
    Map<String, Object> function = new TreeMap<>();
    FUNCTION_ITEMS.forEach((name, label) -> function.put(name, form.requiredScore(name, label, 1, 5)));
    assessment.put("functionalLevel", function);
    assessment.put(LIVING_SITUATION, form.requiredChoice(LIVING_SITUATION, "Bosituasjon", LIVING_SITUATIONS));
    assessment.put(RELATIVES, form.optionalText(RELATIVES, "Pårørende", 2000));
    assessment.put(RELATIVES_INVOLVED, form.flag(RELATIVES_INVOLVED, "Pårørende involveres"));
    assessment.put(DEVICE_ABILITY, form.requiredChoice(DEVICE_ABILITY, "Bruk av nettbrett og måleutstyr", DEVICE_ABILITIES));
    boolean consent = form.flag(CONSENT_DIGITAL_FOLLOW_UP, "Samtykke til digital hjemmeoppfølging");
    assessment.put(CONSENT_DIGITAL_FOLLOW_UP, consent);
    assessment.put(CONSENT_INFORMATION_SHARING, form.flag(CONSENT_INFORMATION_SHARING, "Samtykke til deling av opplysninger"));
    assessment.put(ASSESSMENT_NOTES, form.optionalText(ASSESSMENT_NOTES, "Saksbehandlers vurdering", 4000));
    form.throwIfInvalid();

    // an untouched checkbox arrives as no variable; the decision table needs true or false
    task.setVariable(CONSENT_DIGITAL_FOLLOW_UP, consent);
    String caseId = caseId(task);
    store.insertAssessment(caseId, assessmentRound(task), assessment, Actor.current().id(), clock.instant());
    store.updateStatus(caseId, CaseStatus.ASSESSED);
  }
}
