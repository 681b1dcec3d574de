package no.carepath.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PrepareResend: a new transmission of the message, with its own idempotency key, for the worker to deliver. */
@Component
class PrepareResendDelegate implements JavaDelegate {

  private final Outbox outbox;

  PrepareResendDelegate(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    outbox.prepareResend((String) execution.getVariable(MessagingVariables.MESSAGE_ID));
    execution.removeVariable(MessagingVariables.RECEIPT_STATUS);
    execution.removeVariable(MessagingVariables.RECEIPT_TEXT);
    execution.removeVariable(MessagingVariables.MESSAGE_PROBLEM);
  }
}
