package no.carepath.transitions;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseStay: the stay is done (home and followed up, or not the municipality's patient). */
@Component
class CloseStayDelegate implements JavaDelegate {

  private final StayStore stays;

  CloseStayDelegate(StayStore stays) {
    this.stays = stays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    stays.close((String) execution.getVariable(TransitionsVariables.STAY_ID));
  }
}
