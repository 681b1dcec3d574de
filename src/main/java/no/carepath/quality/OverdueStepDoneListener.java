package no.carepath.quality;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Each leader's task of an avvik, on complete: if the step had been escalated to the managers, their
 * task ends by itself, since there is nothing left to follow up.
 */
@Component
class OverdueStepDoneListener implements TaskListener {

  private final Escalations escalations;

  OverdueStepDoneListener(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void notify(DelegateTask task) {
    escalations.stepDone((String) task.getVariable(QualityVariables.INCIDENT_REFERENCE), task.getTaskDefinitionKey());
  }
}
