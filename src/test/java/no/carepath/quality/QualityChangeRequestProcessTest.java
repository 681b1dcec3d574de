package no.carepath.quality;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quality-change-request.bpmn}: the process owners assess a change request from an avvik
 * (accepted, rejected with a reason, already done), with nothing about a patient in the task.
 */
@Deployment(resources = {"processes/quality/quality-change-request.bpmn",
    "forms/quality/quality-assess-change-request.form"})
class QualityChangeRequestProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final Date DUE = Date.from(Instant.parse("2026-12-31T08:00:00Z"));
  private static final String ID = "9a6f3f3c-1d2e-4b5a-8c7d-6e5f4a3b2c1d";

  private final ChangeRequests changeRequests = mock(ChangeRequests.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("assessChangeRequestListener", new AssessChangeRequestListener(changeRequests));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, "1804");
    variables.put(QualityVariables.CHANGE_REQUEST_ID, ID);
    variables.put(QualityVariables.INCIDENT_REFERENCE, "UH-2026-000001");
    variables.put(QualityVariables.CHANGE_PROCESS_KEY, "allocation-case");
    variables.put(QualityVariables.CHANGE_PROCESS_NAME, "Tildelingssak: fra henvendelse til vedtak");
    variables.put(QualityVariables.CHANGE_ACTIVITY, "Svar sykehuset samme dag");
    variables.put(QualityVariables.CHANGE_DESCRIPTION, "Et steg for å kartlegge behov mangler.");
    variables.put(QualityVariables.ASSESS_DUE_DATE, DUE);
    return runtimeService().startProcessInstanceByKey(ChangeRequests.PROCESS, "UH-2026-000001", variables);
  }

  @Test
  void theProcessOwnersRejectAChangeRequestOnlyWithAReason() {
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_AssessChangeRequest");
    assertThat(task()).hasCandidateGroup("process-owners").hasName("Vurder endringsønske").hasDueDate(DUE);
    Assertions.assertThat(taskService().getVariables(task().getId()).keySet())
        .noneMatch(name -> name.toLowerCase().contains("patient"));
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.CHANGE_OUTCOME, "REJECTED")))
        .hasMessageContaining("Begrunnelse");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.CHANGE_OUTCOME, "MAYBE")))
        .hasMessageContaining("Vurdering");
    verify(changeRequests, never()).assessed(any(), any(), any(), any());

    complete(task(), Map.of(QualityVariables.CHANGE_OUTCOME, "REJECTED",
        QualityVariables.CHANGE_OUTCOME_REASON, "Kartleggingen skjer etter svaret, med vilje."));

    assertThat(instance).isEnded().hasPassed("EndEvent_ChangeRequestAssessed");
    verify(changeRequests).assessed(ID, "UH-2026-000001", "REJECTED", "Kartleggingen skjer etter svaret, med vilje.");
  }

  @Test
  void anAcceptedChangeRequestNeedsNoReason() {
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt("Task_AssessChangeRequest");

    complete(task(), Map.of(QualityVariables.CHANGE_OUTCOME, "ACCEPTED"));

    assertThat(instance).isEnded();
    verify(changeRequests).assessed(ID, "UH-2026-000001", "ACCEPTED", null);
  }
}
