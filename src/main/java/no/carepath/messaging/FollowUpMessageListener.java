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
    String outcome = form.choice(FOLLOW_UP_OUTCOME);
    if ("HANDLED".equals(outcome)) {
      form.require(FOLLOW_UP_NOTE, "når meldingen er fulgt opp på annen måte");
    }
    String note = form.text(FOLLOW_UP_NOTE);
    form.throwIfInvalid();
    if ("HANDLED".equals(outcome)) {
      outbox.resolve((String) task.getVariable(MESSAGE_ID), note);
    }
  }
}
