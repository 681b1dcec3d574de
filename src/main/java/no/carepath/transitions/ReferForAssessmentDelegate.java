package no.carepath.transitions;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ReferForAssessment: the answer to a ready-for-discharge patient is that the need must be
 * assessed anew; the allocation office gets a case, as for an unknown patient ({@link OpenAllocationCaseDelegate}).
 */
@Component
class ReferForAssessmentDelegate implements JavaDelegate {

  private final OpenAllocationCaseDelegate openCase;

  ReferForAssessmentDelegate(OpenAllocationCaseDelegate openCase) {
    this.openCase = openCase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    openCase.execute(execution);
  }
}
