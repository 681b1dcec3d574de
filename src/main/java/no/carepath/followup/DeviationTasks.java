package no.carepath.followup;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** {@code ${deviationTasks.taken(execution)}}: has a nurse claimed the deviation's task? */
@Component("deviationTasks")
public class DeviationTasks {

  private final TaskService tasks;

  DeviationTasks(TaskService tasks) {
    this.tasks = tasks;
  }

  public boolean taken(DelegateExecution execution) {
    return tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn("Task_HandleYellowDeviation", "Task_HandleRedDeviation").taskAssigned().count() > 0;
  }
}
