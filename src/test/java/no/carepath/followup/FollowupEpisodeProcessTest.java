package no.carepath.followup;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** Every path of {@code followup-episode.bpmn} (this version: planning the start-up). */
@Deployment(resources = {"processes/followup/followup-episode.bpmn", "forms/followup/followup-plan-startup.form"})
class FollowupEpisodeProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final FollowupService episodes = mock(FollowupService.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("followupDeadlines", new FollowupDeadlines(Duration.ofDays(3), clock));
    Mocks.register("planStartupListener", new PlanStartupListener(episodes, new ObjectMapper(), clock));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void aGrantedDecisionStartsTheEpisodeWithStartUpPlanningForTheNurses() {
    ProcessInstance instance = start();

    assertThat(instance).hasPassed("StartEvent_EpisodeRequested").isWaitingAt("Task_PlanStartup");
    assertThat(task(instance)).hasCandidateGroup("home-follow-up-nurses")
        .hasDueDate(Date.from(clock.instant().plus(Duration.ofDays(3))));
    Assertions.assertThat(formService().getTaskFormData(task(instance).getId()).getCamundaFormRef().getKey())
        .isEqualTo("followup-plan-startup");
  }

  @Test
  void aPlannedStartUpIsRecordedAndEndsThisPart() {
    ProcessInstance instance = start();

    complete(task(instance), Map.of("homeVisitDate", LocalDate.now(clock).plusDays(2).toString(),
        "devicesPlanned", List.of("PULSOKSYMETER", "NETTBRETT"), "relativesInformed", true));

    assertThat(instance).hasPassed("EndEvent_StartupPlanned").isEnded();
    ArgumentCaptor<String> plan = ArgumentCaptor.forClass(String.class);
    verify(episodes).recordEvent(eq("EP-2026-000007"), anyString(), eq("STARTUP_PLANNED"), plan.capture());
    Assertions.assertThat(plan.getValue()).contains("PULSOKSYMETER").contains("NETTBRETT").contains("\"relativesInformed\":true");
  }

  @Test
  void aStartUpWithoutDevicesOrWithAVisitInThePastIsRefused() {
    ProcessInstance instance = start();

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(),
            Map.of("homeVisitDate", LocalDate.now(clock).minusDays(1).toString())))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Utstyr").hasMessageContaining("kan ikke være før");
    assertThat(instance).isWaitingAt("Task_PlanStartup");
    verify(episodes, never()).recordEvent(anyString(), anyString(), anyString(), anyString());
  }

  private ProcessInstance start() {
    return runtimeService().createMessageCorrelation("followup-episode-requested").processInstanceBusinessKey("EP-2026-000007")
        .setVariables(Map.of("episodeId", "EP-2026-000007", "caseId", "SAK-2026-000042", "municipalityNumber", "1804",
            "patientLabel", "Astrid Hansen, f. 12.03.1941"))
        .correlateStartMessage();
  }
}
