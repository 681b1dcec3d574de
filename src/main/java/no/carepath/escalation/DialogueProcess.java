package no.carepath.escalation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of dialogue messages: an answer wakes the process instance that sent the message. */
@Component
class DialogueProcess {

  private final RuntimeService runtime;

  DialogueProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** @return {@code false} when the process no longer waits (the nurse phoned instead, or it ended) */
  boolean answer(String processInstanceId, String message, String text, String from, Boolean approved) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(EscalationVariables.GP_ANSWER, text);
    variables.put(EscalationVariables.GP_ANSWER_FROM, from);
    if (approved != null) {
      variables.put(EscalationVariables.GP_ANSWER_APPROVED, approved);
    }
    return !runtime.createMessageCorrelation(message).processInstanceId(processInstanceId).setVariables(variables)
        .correlateAllWithResult().isEmpty();
  }
}
