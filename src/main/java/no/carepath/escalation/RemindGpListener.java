package no.carepath.escalation;

import static no.carepath.escalation.EscalationVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_RemindGp, on complete: a reminder goes out, or the nurse phoned and records the answer. */
@Component
class RemindGpListener implements TaskListener {

  private final GpDialogue dialogue;

  RemindGpListener(GpDialogue dialogue) {
    this.dialogue = dialogue;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(GP_REMINDER_OUTCOME);
    if ("PHONED".equals(outcome)) {
      form.require(GP_REMINDER_NOTE, "når du ringte fastlegen");
    }
    String note = form.text(GP_REMINDER_NOTE);
    form.throwIfInvalid();
    dialogue.recordContact((String) task.getVariable(EPISODE_ID), (String) task.getVariable(DEVIATION_ID),
        "PHONED".equals(outcome) ? "PHONED_GP" : "GP_REMINDED",
        "PHONED".equals(outcome) ? "Ringte fastlegen etter 5 virkedager uten svar: " + note
            : "Purring sendt til fastlegen" + (note == null ? "." : ": " + note));
  }
}
