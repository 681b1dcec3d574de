package no.carepath.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * For integration tests that need a task of their own: one user task as Carepath's models have them (a role
 * as candidate group, a due date from {@code followUpDueDate}, a form), which {@link DeploymentGuard} accepts.
 */
final class TestTaskModel {

  private TestTaskModel() {
  }

  /** Deploys process {@code key} and returns the deployment's id (delete it with its instances afterwards). */
  static String deploy(ProcessEngine engine, String key, String candidateGroup) {
    return engine.getRepositoryService().createDeployment().name(key)
        .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).name("Test " + key)
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_TestStarted")
            .userTask("Task_TestSomething").name("Test task").camundaCandidateGroups(candidateGroup)
            .camundaDueDate("${followUpDueDate}").camundaFormKey("embedded:app:forms/benchmark.html")
            .endEvent("EndEvent_TestDone")
            .done())
        .deploy().getId();
  }
}
