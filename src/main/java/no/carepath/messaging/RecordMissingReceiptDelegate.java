package no.carepath.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordMissingReceipt: no receipt came in time; the message is marked and the person following up is told why. */
@Component
class RecordMissingReceiptDelegate implements JavaDelegate {

  private final Outbox outbox;
  private final MessagingProperties properties;

  RecordMissingReceiptDelegate(Outbox outbox, MessagingProperties properties) {
    this.outbox = outbox;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String messageId = (String) execution.getVariable(MessagingVariables.MESSAGE_ID);
    outbox.recordNoReceipt(messageId);
    execution.setVariable(MessagingVariables.MESSAGE_PROBLEM, "Mottakeren har ikke bekreftet at meldingen kom fram"
        + " (ingen kvittering på " + hours(properties.receiptTimeout()) + "). Ring mottakeren og avklar om den er"
        + " mottatt, eller send den på nytt.");
  }

  private static String hours(java.time.Duration duration) {
    long minutes = duration.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + " timer" : minutes + " minutter";
  }
}
