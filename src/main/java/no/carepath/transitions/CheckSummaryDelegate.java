package no.carepath.transitions;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckSummary: whether the discharge summary is in (it may come before the discharge), with the stay locked. */
@Component
class CheckSummaryDelegate implements JavaDelegate {

  private final StayStore stays;

  CheckSummaryDelegate(StayStore stays) {
    this.stays = stays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.lock((String) execution.getVariable(TransitionsVariables.STAY_ID));
    execution.setVariable(TransitionsVariables.SUMMARY_RECEIVED, stay.summaryAt() != null);
  }
}
