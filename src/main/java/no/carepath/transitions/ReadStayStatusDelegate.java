package no.carepath.transitions;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ReadStayStatus: where the stay is now (admitted, ready for discharge and not answered yet,
 * discharged), read with the stay locked: a message arriving meanwhile waits for this transaction
 * and then finds the process waiting for it.
 */
@Component
class ReadStayStatusDelegate implements JavaDelegate {

  private final StayStore stays;

  ReadStayStatusDelegate(StayStore stays) {
    this.stays = stays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.lock((String) execution.getVariable(TransitionsVariables.STAY_ID));
    execution.setVariable(TransitionsVariables.STAY_STATUS, stay.processStatus());
  }
}
