package no.carepath.messaging;

import static no.carepath.messaging.MessagingVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_FollowUpMessage and Task_FollowUpLetter, on complete: send again, or record how the message
 * was handled otherwise (phoned, sent by post); the note is required then, so the trail says what happened.
 */
@Component
class FollowUpMessageListener implements TaskListener {

  private final Outbox outbox;

  FollowUpMessageListener(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.requiredChoice(FOLLOW_UP_OUTCOME, "Hva gjør du", FOLLOW_UP_OUTCOMES);
    String note = "HANDLED".equals(outcome) ? form.requiredText(FOLLOW_UP_NOTE, "Hvordan ble det fulgt opp", 2000)
        : form.optionalText(FOLLOW_UP_NOTE, "Notat", 2000);
    form.throwIfInvalid();
    if ("HANDLED".equals(outcome)) {
      outbox.resolve((String) task.getVariable(MESSAGE_ID), note);
    }
  }
}
