package no.carepath.quality;

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
 * Every path of {@code quality-incident.bpmn}: the team leaders' task to classify, with its form, due
 * date and a priority by the reported consequence; a classification with an unknown category refused
 * (nothing written, the task stays), a valid one classifies the incident.
 */
@Deployment(resources = {"processes/quality/quality-incident.bpmn", "forms/quality/quality-classify-incident.form"})
class QualityIncidentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final Date DUE = Date.from(Instant.parse("2026-12-10T08:00:00Z"));

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("classifyIncidentListener", new ClassifyIncidentListener(jdbc, clock));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start(String consequence) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, "1804");
    variables.put(QualityVariables.INCIDENT_ID, "0b8f7f9e-3a51-4c1e-9a43-6c2a4b1f7d10");
    variables.put(QualityVariables.INCIDENT_REFERENCE, "UH-2026-000001");
    variables.put(QualityVariables.INCIDENT_KIND, "EVENT");
    variables.put(QualityVariables.INCIDENT_CATEGORY, "MEDICATION");
    variables.put(QualityVariables.INCIDENT_CONSEQUENCE, consequence);
    variables.put(QualityVariables.INCIDENT_DESCRIPTION, "Dosett med feil ukedag levert.");
    variables.put(QualityVariables.INCIDENT_IMMEDIATE_ACTION, "Byttet dosett, ringte apoteket.");
    variables.put(QualityVariables.INCIDENT_WHERE, "Ikke knyttet til en oppgave");
    variables.put(QualityVariables.CLASSIFY_DUE_DATE, DUE);
    return runtimeService().startProcessInstanceByKey(Incidents.PROCESS, "UH-2026-000001", variables);
  }

  @Test
  void theTeamLeadersConfirmOrChangeTheClassification() {
    ProcessInstance instance = start("MINOR");

    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    assertThat(task()).hasCandidateGroup("team-leaders");
    Assertions.assertThat(task().getDueDate()).isEqualTo(DUE);
    Assertions.assertThat(task().getPriority()).isEqualTo(50);
    complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "TRANSITION",
        QualityVariables.INCIDENT_CONSEQUENCE, "MODERATE",
        QualityVariables.CLASSIFICATION_NOTE, "Feilen oppsto i overgangen fra sykehuset."));

    assertThat(instance).isEnded().hasPassed("EndEvent_IncidentClassified");
    verify(jdbc).sql(anyString());
  }

  @Test
  void aSeriousReportComesFirstAndAClassificationOutsideTheChoicesIsRefused() {
    ProcessInstance instance = start("SERIOUS");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    Assertions.assertThat(task().getPriority()).isEqualTo(90);

    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "WEATHER",
        QualityVariables.INCIDENT_CONSEQUENCE, "SERIOUS"))).hasMessageContaining("Kategori");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "FALL",
        QualityVariables.INCIDENT_CONSEQUENCE, "TERRIBLE"))).hasMessageContaining("Konsekvens");

    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    verify(jdbc, never()).sql(anyString());
  }
}
