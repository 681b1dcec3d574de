package no.carepath.messaging;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of the outbox: start {@code messaging-outbound-message}, and wake it with a receipt, by business key. */
@Component
class OutboundMessageProcess {

  static final String PROCESS_KEY = "messaging-outbound-message";

  private final RuntimeService runtime;

  OutboundMessageProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  void start(String messageId, Map<String, Object> variables) {
    runtime.createProcessInstanceByKey(PROCESS_KEY).businessKey(messageId).setVariables(variables).execute();
  }

  /** Wakes the process if it waits for the receipt; if not, it reads the receipt when it gets there. */
  void receiptReceived(String messageId, String status, String text) {
    runtime.createMessageCorrelation(MessagingVariables.MESSAGE_RECEIPT_RECEIVED)
        .processInstanceBusinessKey(messageId)
        .setVariable(MessagingVariables.RECEIPT_STATUS, status)
        .setVariable(MessagingVariables.RECEIPT_TEXT, text)
        .correlateAllWithResult();
  }
}
