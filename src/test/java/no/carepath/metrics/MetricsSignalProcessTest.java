package no.carepath.metrics;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of {@code metrics-signal.bpmn}: the team leaders' task with its form and due date, an
 * assessment without a reason refused (the signal stays open), an assessment with one closes it.
 */
@Deployment(resources = {"processes/metrics/metrics-signal.bpmn", "forms/metrics/metrics-assess-signal.form"})
class MetricsSignalProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("assessSignalListener", new AssessSignalListener(jdbc, clock));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(MetricsVariables.MUNICIPALITY, "1804");
    variables.put(MetricsVariables.SIGNAL_INDICATOR, "Svartid på røde avvik, median");
    variables.put(MetricsVariables.SIGNAL_MUNICIPALITY, "Bodø");
    variables.put(MetricsVariables.SIGNAL_RULE, "Siste punkt ligger over øvre kontrollgrense.");
    variables.put(MetricsVariables.SIGNAL_CHART_URL, "/app/metrics/red-response-time?municipality=1804");
    variables.put(MetricsVariables.SIGNAL_DUE_DATE, Date.from(Instant.parse("2026-12-07T08:00:00Z")));
    return runtimeService().startProcessInstanceByKey(SignalWatch.PROCESS, "3f1c1b52-5b7e-4d7b-9d7e-8a8a2f0f2b11",
        variables);
  }

  @Test
  void theTeamLeadersAssessTheSignalWithAReason() {
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_AssessSignal");
    assertThat(task()).hasCandidateGroup("team-leaders").hasFormKey(null);
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-07T08:00:00Z")));
    complete(task(), Map.of(MetricsVariables.SIGNAL_ASSESSMENT, "MEASURE",
        MetricsVariables.SIGNAL_REASON, "Vi prøver fast ansvarlig sykepleier for røde avvik på kveldstid."));

    assertThat(instance).isEnded().hasPassed("EndEvent_SignalAssessed");
    verify(jdbc).sql(anyString());
  }

  @Test
  void anAssessmentWithoutAReasonIsRefusedAndTheSignalStaysOpen() {
    ProcessInstance instance = start();
    assertThat(instance).isWaitingAt("Task_AssessSignal");

    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(MetricsVariables.SIGNAL_ASSESSMENT, "NOTHING")))
        .hasMessageContaining("Begrunnelse");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(MetricsVariables.SIGNAL_ASSESSMENT, "SOMETHING",
        MetricsVariables.SIGNAL_REASON, "x"))).hasMessageContaining("Vurdering");

    assertThat(instance).isWaitingAt("Task_AssessSignal");
    verify(jdbc, never()).sql(anyString());
  }
}
