package no.carepath.followup;

import static no.carepath.followup.FollowupFixtures.CLOCK;
import static no.carepath.followup.FollowupFixtures.EPISODE_ID;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.escalation.GpDialogue;
import no.carepath.followup.triage.VitalSign;
import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Every path of {@code followup-episode.bpmn}: start-up with the home visit, registration on the
 * monitoring platform, the trial period and the first plan, evaluations (continue, adjust, changed
 * needs, end), pause and resume, the planned pause running out, an end requested while active or
 * paused, and the end of the service with each reason. The plan revision is a stub here.
 */
@Deployment(resources = {"processes/followup/followup-episode.bpmn", "stubs/followup-plan-revision.bpmn",
    "forms/followup/followup-plan-startup.form", "forms/followup/followup-conduct-home-visit.form",
    "forms/followup/followup-evaluate-plan.form", "forms/followup/followup-check-paused-patient.form",
    "forms/followup/followup-end-service.form", "forms/followup/followup-collect-devices.form"})
class FollowupEpisodeProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private final EpisodeStore episodes = mock(EpisodeStore.class);
  private final PlanStore plans = mock(PlanStore.class);
  private final GpDialogue dialogue = mock(GpDialogue.class);
  private final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);
  private final UUID weight = UUID.randomUUID();
  private final UUID oximeter = UUID.randomUUID();

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    when(episodes.get(EPISODE_ID)).thenReturn(FollowupFixtures.episode("ACTIVE", "FOLLOW_UP"));
    when(episodes.find(EPISODE_ID)).thenReturn(Optional.of(FollowupFixtures.episode("ACTIVE", "FOLLOW_UP")));
    when(episodes.devices(EPISODE_ID)).thenReturn(List.of(
        new EpisodeStore.Device(weight, "VEKT", "W-1", CLOCK.instant(), null),
        new EpisodeStore.Device(oximeter, "PULSOKSYMETER", "P-2", CLOCK.instant(), null)));
    when(plans.active(EPISODE_ID)).thenReturn(Optional.of(FollowupFixtures.plan(UUID.randomUUID(), 1, "ACTIVE")));
    when(dialogue.prepare(any())).thenReturn("DLG-2026-000009");
    FollowupProperties properties = FollowupFixtures.properties();
    Mocks.register("followupDeadlines", new FollowupDeadlines(properties, episodes, plans, CLOCK));
    Mocks.register("planStartupListener", new PlanStartupListener(episodes, CLOCK));
    Mocks.register("conductHomeVisitListener", new ConductHomeVisitListener(episodes, properties, CLOCK));
    Mocks.register("evaluatePlanListener", new EvaluatePlanListener(episodes));
    Mocks.register("referToAllocationOfficeDelegate", new ReferToAllocationOfficeDelegate(episodes, events));
    Mocks.register("checkPausedPatientListener", new CheckPausedPatientListener(episodes));
    Mocks.register("endServiceListener", new EndServiceListener(episodes));
    Mocks.register("collectDevicesListener", new CollectDevicesListener(episodes));
    Mocks.register("sendFinalSummaryToGpDelegate", new SendFinalSummaryToGpDelegate(episodes, plans, dialogue, CLOCK));
    Mocks.register("episodeEndedListener", new EpisodeEndedListener(episodes));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void startUpPlanningShowsTheGpOfTheReferralForTheNurseToConfirm() {
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_PlanStartup");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("home-follow-up-nurses").hasDueDate(Date.from(CLOCK.instant().plus(Duration.ofDays(3))));
    assertForm(task, "followup-plan-startup");
    Assertions.assertThat(taskService().getVariables(task.getId())).containsEntry("gpName", "Marit Solheim")
        .containsEntry("gpHprNumber", "1234567");

    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(
            "homeVisitDate", LocalDate.now(CLOCK).minusDays(1).toString(), "gpName", "", "gpHprNumber", "12")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Utstyr")
        .hasMessageContaining("kan ikke være før").hasMessageContaining("«Fastlege» må fylles ut")
        .hasMessageContaining("HPR-nummer");
    verify(episodes, never()).setGp(anyString(), anyString(), any(), any());
  }

  @Test
  void theWholeEpisodeFromStartUpToTheEndOfTheService() {
    ProcessInstance instance = start();
    planStartUp(instance);

    assertThat(instance).isWaitingAt("Task_ConductHomeVisit");
    assertThat(task(instance)).hasDueDate(Date.from(LocalDate.now(CLOCK).plusDays(2).atTime(23, 59)
        .atZone(FollowupFixtures.OSLO).toInstant()));
    assertForm(task(instance), "followup-conduct-home-visit");
    conductHomeVisit(instance);
    verify(episodes).enroll(eq(EPISODE_ID), eq(List.of(VitalSign.WEIGHT, VitalSign.SPO2, VitalSign.PULSE)), eq(false),
        eq(CLOCK.instant().plus(Duration.ofDays(14))));
    verify(episodes).addDevice(EPISODE_ID, "VEKT", "4711-22");

    assertThat(instance).isWaitingAt("Task_RegisterOnMonitoringPlatform").externalTask()
        .hasTopicName("followup-register-on-monitoring-platform");
    complete(externalTask(instance));
    assertThat(instance).isWaitingAt("Timer_TrialPeriodEnds");
    Assertions.assertThat(BpmnAwareTests.job("Timer_TrialPeriodEnds", instance).getDuedate())
        .isEqualTo(Date.from(CLOCK.instant().plus(Duration.ofDays(14))));
    execute(job("Timer_TrialPeriodEnds", instance));
    assertThat(instance).hasPassed("CallActivity_WriteFirstPlan").isWaitingAt("Timer_EvaluationDue");
    Assertions.assertThat(job("Timer_EvaluationDue", instance).getDuedate())
        .isEqualTo(Date.from(CLOCK.instant().plus(Duration.ofDays(30))));

    evaluate(instance, "CONTINUE", null);
    assertThat(instance).isWaitingAt("Timer_EvaluationDue");
    evaluate(instance, "ADJUST_PLAN", null);
    assertThat(instance).hasPassed("CallActivity_AdjustPlan").isWaitingAt("Timer_EvaluationDue");
    evaluate(instance, "CHANGED_NEEDS", "Trenger hjelp med medisiner morgen og kveld.");
    assertThat(instance).hasPassed("Task_ReferToAllocationOffice").isWaitingAt("Timer_EvaluationDue");
    ArgumentCaptor<FollowupService.ChangedNeedsReported> changed = ArgumentCaptor.forClass(FollowupService.ChangedNeedsReported.class);
    verify(events).publishEvent(changed.capture());
    Assertions.assertThat(changed.getValue().description()).contains("hjelp med medisiner");
    Assertions.assertThat(changed.getValue().gp().name()).isEqualTo("Marit Solheim");

    evaluate(instance, "END_SERVICE", null);
    assertThat(instance).hasPassed("EndEvent_ServiceToEnd").isWaitingAt("Task_EndService");
    endService(instance, "GOALS_MET");
    finish(instance);
  }

  @Test
  void changedNeedsMustBeDescribed() {
    ProcessInstance instance = toActiveFollowUp();
    execute(job("Timer_EvaluationDue", instance));

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), Map.of(
            "evaluationText", "Mer hjelp trengs.", "goalAttainment", "PARTLY", "evaluationOutcome", "CHANGED_NEEDS")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Endrede behov");
  }

  @Test
  void aPausedEpisodeWaitsAndResumesWithANewEvaluationTimer() {
    ProcessInstance instance = toActiveFollowUp();

    correlate("followup-pause-requested");
    assertThat(instance).hasPassed("Event_PauseRequested").isWaitingAt("Gateway_WhilePaused");
    Assertions.assertThat(taskQuery().count()).isZero();
    correlate("followup-resume-requested");

    assertThat(instance).hasPassed("Event_ResumeRequested").isWaitingAt("Timer_EvaluationDue");
  }

  @Test
  void whenThePlannedPauseRunsOutTheNurseDecidesToResume() {
    ProcessInstance instance = toActiveFollowUp();
    correlate("followup-pause-requested");

    execute(job("Timer_PauseEnds", instance));
    assertThat(instance).isWaitingAt("Task_CheckPausedPatient");
    assertForm(task(instance), "followup-check-paused-patient");
    complete(task(instance), Map.of("pauseOutcome", "RESUME", "pauseNote", "Hjemme igjen fra Spania."));

    assertThat(instance).isWaitingAt("Timer_EvaluationDue");
    verify(episodes).resume(EPISODE_ID);
  }

  @Test
  void whenThePlannedPauseRunsOutTheNurseMayEndTheService() {
    ProcessInstance instance = toActiveFollowUp();
    correlate("followup-pause-requested");
    execute(job("Timer_PauseEnds", instance));

    complete(task(instance), Map.of("pauseOutcome", "END", "pauseNote", "Flyttet til datteren i Tromsø."));

    assertThat(instance).isWaitingAt("Task_EndService");
    verify(episodes, never()).resume(anyString());
  }

  @Test
  void anEndRequestedWhileActiveStopsTheEvaluationsAndEndsTheService() {
    ProcessInstance instance = toActiveFollowUp();

    correlate("followup-end-requested");

    assertThat(instance).hasPassed("Event_EndRequested").isWaitingAt("Task_EndService");
    Assertions.assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
        .eventName("followup-pause-requested").count()).isZero();
    endService(instance, "DIED");
    finish(instance);
  }

  @Test
  void anEndRequestedWhilePausedEndsTheService() {
    ProcessInstance instance = toActiveFollowUp();
    correlate("followup-pause-requested");

    correlate("followup-end-requested");

    assertThat(instance).hasPassed("Event_EndRequestedWhilePaused").isWaitingAt("Task_EndService");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GOALS_MET", "PATIENT_WISH", "MOVED", "DIED", "OTHER_SERVICE"})
  void everyEndReasonIsRecordedAndTheGpGetsTheFinalSummary(String reason) {
    ProcessInstance instance = toActiveFollowUp();
    correlate("followup-end-requested");

    endService(instance, reason);

    verify(episodes).startEnding(EPISODE_ID, reason);
    ArgumentCaptor<GpDialogue.Request> summary = ArgumentCaptor.forClass(GpDialogue.Request.class);
    verify(dialogue).prepare(summary.capture());
    Assertions.assertThat(summary.getValue().kind()).isEqualTo(GpDialogue.Kind.INFORMATION);
    Assertions.assertThat(summary.getValue().answerMessage()).isNull();
    Assertions.assertThat(summary.getValue().text()).contains(EndServiceListener.label(reason)).contains("versjon 1");
  }

  @Test
  void devicesNotReturnedMustBeExplained() {
    ProcessInstance instance = toActiveFollowUp();
    correlate("followup-end-requested");
    endService(instance, "MOVED");
    Task collect = taskQuery().taskDefinitionKey("Task_CollectDevices").singleResult();

    Assertions.assertThatThrownBy(() -> taskService().complete(collect.getId(),
            Map.of("devicesReturned", List.of(weight.toString()))))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("utstyret som ikke er levert");
    complete(collect, Map.of("devicesReturned", List.of(weight.toString()), "deviceReturnNote", "Pulsoksymeteret er borte."));
    verify(episodes).markDevicesReturned(EPISODE_ID, List.of(weight));
  }

  private ProcessInstance start() {
    return runtimeService().createMessageCorrelation("followup-episode-requested").processInstanceBusinessKey(EPISODE_ID)
        .setVariables(Map.of("episodeId", EPISODE_ID, "caseId", "SAK-2026-000042", "municipalityNumber", "1804",
            "patientLabel", "Astrid Hansen, f. 12.03.1941", "patientId", FollowupFixtures.PATIENT_ID.toString(),
            "episodeUrl", "/app/episodes/" + EPISODE_ID))
        .correlateStartMessage();
  }

  private ProcessInstance toActiveFollowUp() {
    ProcessInstance instance = start();
    planStartUp(instance);
    conductHomeVisit(instance);
    complete(externalTask(instance));
    execute(job("Timer_TrialPeriodEnds", instance));
    assertThat(instance).isWaitingAt("Timer_EvaluationDue");
    return instance;
  }

  private void planStartUp(ProcessInstance instance) {
    complete(task(instance), Map.of("homeVisitDate", LocalDate.now(CLOCK).plusDays(2).toString(),
        "devicesPlanned", List.of("VEKT", "PULSOKSYMETER", "NETTBRETT"), "gpName", "Marit Solheim",
        "gpHprNumber", "1234567", "relativesInformed", true));
    verify(episodes).setGp(EPISODE_ID, "Marit Solheim", "1234567", "Sentrum legekontor");
  }

  private void conductHomeVisit(ProcessInstance instance) {
    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), Map.of(
            "homeVisitDoneDate", LocalDate.now(CLOCK).toString(), "devicesHandedOut", List.of("NETTBRETT"))))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Kryss av for «Opplæring i utstyret er gitt")
        .hasMessageContaining("Kryss av for «Pasienten har bekreftet samtykke");
    verify(episodes, never()).enroll(anyString(), any(), anyBoolean(), any());
    complete(task(instance), Map.of("homeVisitDoneDate", LocalDate.now(CLOCK).toString(),
        "devicesHandedOut", List.of("VEKT", "PULSOKSYMETER", "NETTBRETT"),
        "deviceSerialNumbers", "VEKT: 4711-22\npulsoksymeter: PX-9", "trainingGiven", true, "consentConfirmed", true,
        "relativesInformedAtVisit", true));
  }

  private void evaluate(ProcessInstance instance, String outcome, String changedNeeds) {
    execute(job("Timer_EvaluationDue", instance));
    assertThat(instance).isWaitingAt("Task_EvaluatePlan");
    assertForm(task(instance), "followup-evaluate-plan");
    Map<String, Object> form = new java.util.HashMap<>(Map.of("evaluationText", "Går bra; måler hver morgen.",
        "goalAttainment", "PARTLY", "evaluationOutcome", outcome));
    if (changedNeeds != null) {
      form.put("changedNeedsText", changedNeeds);
    }
    complete(task(instance), form);
  }

  private void endService(ProcessInstance instance, String reason) {
    assertForm(task(instance), "followup-end-service");
    complete(task(instance), Map.of("endReason", reason, "finalSummary", "Stabil i perioden, ingen innleggelser."));
    assertThat(instance).isWaitingAt("Task_CollectDevices", "Task_DeregisterFromMonitoringPlatform")
        .hasPassed("Task_SendFinalSummaryToGp");
  }

  private void finish(ProcessInstance instance) {
    Task collect = taskQuery().taskDefinitionKey("Task_CollectDevices").singleResult();
    assertForm(collect, "followup-collect-devices");
    complete(collect, Map.of("devicesReturned", List.of(weight.toString(), oximeter.toString())));
    for (ExternalTask external : externalTaskQuery().processInstanceId(instance.getId()).list()) {
      complete(external);
    }
    assertThat(instance).hasPassed("Gateway_EndJoin", "EndEvent_EpisodeEnded").isEnded();
    verify(episodes).finish(EPISODE_ID);
    verify(episodes).addNote(eq(EPISODE_ID), isNull(), anyString(), anyString(), eq("SERVICE_ENDING"), contains("Stabil"));
  }

  private void correlate(String message) {
    runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(EPISODE_ID).correlate();
  }

  private static void assertForm(Task task, String form) {
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey()).isEqualTo(form);
  }
}
