package no.carepath.followup;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of an episode: messages correlated by the episode id, never by a variable. */
@Component
class FollowupProcess {

  private final RuntimeService runtime;

  FollowupProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  void start(String episodeId, Map<String, Object> variables) {
    runtime.createMessageCorrelation(FollowupVariables.MESSAGE_EPISODE_REQUESTED)
        .processInstanceBusinessKey(episodeId)
        .setVariables(variables)
        .correlateStartMessage();
  }

  void correlate(String episodeId, String message) {
    runtime.createMessageCorrelation(message).processInstanceBusinessKey(episodeId).correlate();
  }

  boolean isWaitingFor(String episodeId, String message) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(episodeId).messageEventSubscriptionName(message)
        .count() > 0;
  }
}
