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
    String outcome = form.choice(READY_OUTCOME);
    if ("OFFER_SERVICES".equals(outcome)) {
      form.require(READY_OFFER, "når kommunen tilbyr tjenester");
    }
    form.throwIfInvalid();
    stays.readyAnswered((String) task.getVariable(STAY_ID));
  }
}
