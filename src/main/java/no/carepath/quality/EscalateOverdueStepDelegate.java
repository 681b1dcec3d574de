package no.carepath.quality;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Task_EscalateOverdueStep, after a leader's task passed its due date (a non-interrupting timer on
 * each): the open step of the avvik, the only user task the process has at a time, goes to the
 * managers ({@link Escalations}).
 */
@Component
class EscalateOverdueStepDelegate implements JavaDelegate {

  private final Escalations escalations;

  EscalateOverdueStepDelegate(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Task open = execution.getProcessEngineServices().getTaskService().createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).active().list().stream()
        .filter(task -> task.getDueDate() != null).findFirst().orElse(null);
    if (open == null) {
      // the step was done in the same moment: nothing is overdue any more
      return;
    }
    escalations.escalate(new Escalations.OverdueStep((String) execution.getVariable(QualityVariables.INCIDENT_ID),
        (String) execution.getVariable(QualityVariables.INCIDENT_REFERENCE),
        (String) execution.getVariable(QualityVariables.MUNICIPALITY),
        (String) execution.getVariable(QualityVariables.INCIDENT_CATEGORY), open.getTaskDefinitionKey(),
        open.getName(), open.getDueDate()));
  }
}
