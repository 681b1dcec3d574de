package no.carepath.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckReceipt: after delivery, whether the receipt came already (a fast receiver can answer
 * before the worker has reported the delivery). The message row is locked, so a receipt arriving
 * now either is seen here or finds the process waiting for it.
 */
@Component
class CheckReceiptDelegate implements JavaDelegate {

  private final Outbox outbox;

  CheckReceiptDelegate(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String messageId = (String) execution.getVariable(MessagingVariables.MESSAGE_ID);
    String status = outbox.lockedReceiptStatus(messageId).orElse(null);
    execution.setVariable(MessagingVariables.RECEIPT_STATUS, status);
    if (status != null) {
      execution.setVariable(MessagingVariables.RECEIPT_TEXT,
          outbox.find(messageId).map(Outbox.Message::receiptText).orElse(null));
    }
  }
}
