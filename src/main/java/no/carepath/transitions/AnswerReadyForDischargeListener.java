package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_AnswerReadyForDischarge, on complete: the municipality's assessment of the need and its
 * answer to the hospital (can receive the patient, offers services, or a new assessment is
 * needed). Offering services needs the offer in words. The stay records that it was answered.
 */
@Component
class AnswerReadyForDischargeListener implements TaskListener {

  private final StayStore stays;

  AnswerReadyForDischargeListener(StayStore stays) {
    this.stays = stays;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    form.requiredText(READY_ASSESSMENT, "Vurdering av behovet", 4000);
    String outcome = form.requiredChoice(READY_OUTCOME, "Svar til sykehuset", READY_OUTCOMES.keySet());
    if ("OFFER_SERVICES".equals(outcome)) {
      form.requiredText(READY_OFFER, "Tilbudet til pasienten", 4000);
    } else {
      form.optionalText(READY_OFFER, "Tilbudet til pasienten", 4000);
    }
    form.flag(READY_ASSESSMENT_VISIT, "Vurderingsbesøk på sykehuset");
    form.throwIfInvalid();
    stays.readyAnswered((String) task.getVariable(STAY_ID));
  }
}
