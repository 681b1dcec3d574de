package no.carepath.escalation;

import static no.carepath.escalation.EscalationVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_FollowUpGpAnswer, on complete: what the nurse did with the GP's answer. */
@Component
class FollowUpGpAnswerListener implements TaskListener {

  private final GpDialogue dialogue;

  FollowUpGpAnswerListener(GpDialogue dialogue) {
    this.dialogue = dialogue;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String followUp = form.text(GP_ANSWER_FOLLOW_UP);
    form.throwIfInvalid();
    dialogue.recordContact((String) task.getVariable(EPISODE_ID), (String) task.getVariable(DEVIATION_ID),
        "GP_ANSWER_FOLLOWED_UP", "Svar fra " + task.getVariable(GP_ANSWER_FROM) + ": " + task.getVariable(GP_ANSWER)
            + "\nOppfølging: " + followUp);
  }
}
