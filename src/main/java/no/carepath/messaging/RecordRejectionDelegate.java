package no.carepath.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRejection: the receiver rejected the message (negative receipt); the person following up is told why. */
@Component
class RecordRejectionDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String text = (String) execution.getVariable(MessagingVariables.RECEIPT_TEXT);
    execution.setVariable(MessagingVariables.MESSAGE_PROBLEM, "Mottakeren avviste meldingen (negativ kvittering)"
        + (text == null || text.isBlank() ? "." : ": " + text) + " Rett opp det som er feil og send på nytt, eller"
        + " avklar med mottakeren på annen måte.");
  }
}
