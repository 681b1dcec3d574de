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
    assessment.put(WHAT_MATTERS_TO_YOU, form.text(WHAT_MATTERS_TO_YOU));
    assessment.put(PRIMARY_CONDITION, form.choice(PRIMARY_CONDITION));
    assessment.put(OTHER_CONDITIONS, form.text(OTHER_CONDITIONS));
    Map<String, Object> function = new TreeMap<>();
    FUNCTION_ITEMS.forEach(name -> function.put(name, form.score(name)));
    assessment.put("functionalLevel", function);
    assessment.put(LIVING_SITUATION, form.choice(LIVING_SITUATION));
    assessment.put(RELATIVES, form.text(RELATIVES));
    assessment.put(RELATIVES_INVOLVED, form.flag(RELATIVES_INVOLVED));
    assessment.put(DEVICE_ABILITY, form.choice(DEVICE_ABILITY));
    boolean consent = form.flag(CONSENT_DIGITAL_FOLLOW_UP);
    assessment.put(CONSENT_DIGITAL_FOLLOW_UP, consent);
    assessment.put(CONSENT_INFORMATION_SHARING, form.flag(CONSENT_INFORMATION_SHARING));
    assessment.put(ASSESSMENT_NOTES, form.text(ASSESSMENT_NOTES));
    form.throwIfInvalid();

    // an untouched checkbox arrives as no variable; the decision table needs true or false
    task.setVariable(CONSENT_DIGITAL_FOLLOW_UP, consent);
    String caseId = caseId(task);
    store.insertAssessment(caseId, assessmentRound(task), assessment, Actor.current().id(), clock.instant());
    store.updateStatus(caseId, CaseStatus.ASSESSED);
  }
}
