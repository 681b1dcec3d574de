package no.carepath.transitions;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckSilence: whether the hospital has sent nothing about the stay for {@code stay-silent-after}. */
@Component
class CheckSilenceDelegate implements JavaDelegate {

  private final StayStore stays;
  private final TransitionsProperties properties;
  private final Clock clock;

  CheckSilenceDelegate(StayStore stays, TransitionsProperties properties, Clock clock) {
    this.stays = stays;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String stayId = (String) execution.getVariable(TransitionsVariables.STAY_ID);
    stays.lock(stayId);
    boolean silent = !stays.lastMessageAt(stayId).plus(properties.staySilentAfter()).isAfter(clock.instant());
    execution.setVariable(TransitionsVariables.STAY_SILENT, silent);
  }
}
