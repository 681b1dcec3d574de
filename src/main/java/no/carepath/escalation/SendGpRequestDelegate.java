package no.carepath.escalation;

import static no.carepath.escalation.EscalationVariables.*;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendGpRequest: writes the forespørsel (or, after a reminder task, the purring) that
 * the worker then delivers. The message carries the nurse's question and the deviation in short;
 * the patient is identified on the wire by the worker, never in a variable.
 */
@Component
class SendGpRequestDelegate implements JavaDelegate {

  private final GpDialogue dialogue;

  SendGpRequestDelegate(GpDialogue dialogue) {
    this.dialogue = dialogue;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean reminder = execution.getVariable(DIALOGUE_ID) != null;
    String question = (String) execution.getVariable(GP_QUESTION);
    String summary = (String) execution.getVariable(DEVIATION_SUMMARY);
    String text = (reminder ? "Purring: vi har ikke fått svar på forespørselen vår og ber om svar snarest.\n\n" : "")
        + question + (summary == null ? "" : "\n\nMålinger som ga avvik: " + summary)
        + "\n\nHilsen digital hjemmeoppfølging";
    String dialogueId = dialogue.prepare(new GpDialogue.Request(UUID.fromString((String) execution.getVariable(PATIENT_ID)),
        (String) execution.getVariable(EPISODE_ID), (String) execution.getVariable(MUNICIPALITY_NUMBER),
        reminder ? GpDialogue.Kind.REMINDER : GpDialogue.Kind.REQUEST,
        reminder ? "Purring: forespørsel om pasient i digital hjemmeoppfølging"
            : "Forespørsel om pasient i digital hjemmeoppfølging",
        text, (String) execution.getVariable(GP_NAME), (String) execution.getVariable(GP_HPR_NUMBER),
        execution.getProcessInstanceId(), MESSAGE_GP_ANSWER));
    execution.setVariable(DIALOGUE_ID, dialogueId);
  }
}
