package no.carepath.transitions;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of hospital stays: start {@code transitions-hospital-stay}, and wake it, by the stay id. */
@Component
class StayProcess {

  private final RuntimeService runtime;

  StayProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  void start(String stayId, Map<String, Object> variables) {
    runtime.createMessageCorrelation(TransitionsVariables.MESSAGE_STAY_STARTED).processInstanceBusinessKey(stayId)
        .setVariables(variables).correlateStartMessage();
  }

  /** Wakes the process if it waits for this; if not, it reads the stay when it gets there. */
  void tell(String stayId, String message) {
    runtime.createMessageCorrelation(message).processInstanceBusinessKey(stayId).correlateAllWithResult();
  }
}
