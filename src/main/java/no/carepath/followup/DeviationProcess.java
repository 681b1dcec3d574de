package no.carepath.followup;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of deviations: start {@code followup-deviation}, or raise it to red, by business key. */
@Component
class DeviationProcess {

  private final RuntimeService runtime;

  DeviationProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  void start(String deviationId, Map<String, Object> variables) {
    runtime.createMessageCorrelation(FollowupVariables.MESSAGE_DEVIATION_DETECTED)
        .processInstanceBusinessKey(deviationId)
        .setVariables(variables)
        .correlateStartMessage();
  }

  /** A red reading while the yellow task is open: the yellow task gives way to a red one. */
  void raise(String deviationId, String summary, String headline) {
    runtime.createMessageCorrelation(FollowupVariables.MESSAGE_DEVIATION_RAISED)
        .processInstanceBusinessKey(deviationId)
        .setVariable(FollowupVariables.DEVIATION_COLOUR, "RED")
        .setVariable(FollowupVariables.DEVIATION_SUMMARY, summary)
        .setVariable(FollowupVariables.DEVIATION_HEADLINE, headline)
        .correlate();
  }
}
