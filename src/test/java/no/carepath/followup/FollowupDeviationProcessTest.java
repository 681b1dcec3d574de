package no.carepath.followup;

import static no.carepath.followup.FollowupFixtures.CLOCK;
import static no.carepath.followup.FollowupFixtures.EPISODE_ID;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
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

/**
 * Every path of {@code followup-deviation.bpmn}: yellow and red, a yellow raised to red, each of the
 * nurse's outcomes, and the team leader's escalation when nobody takes the task. The called
 * processes (plan revision, GP consultation) are stubs here; they have tests of their own.
 */
@Deployment(resources = {"processes/followup/followup-deviation.bpmn", "stubs/followup-plan-revision.bpmn",
    "stubs/escalation-gp-consultation.bpmn", "forms/followup/followup-handle-deviation.form",
    "forms/followup/followup-follow-up-unhandled-deviation.form", "forms/followup/followup-follow-up-acute-event.form"})
class FollowupDeviationProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final String DEVIATION_ID = "AVV-2026-000031";
  private final DeviationStore deviations = mock(DeviationStore.class);
  private final EpisodeStore episodes = mock(EpisodeStore.class);
  private final PlanStore plans = mock(PlanStore.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    when(episodes.get(EPISODE_ID)).thenReturn(FollowupFixtures.episode("ACTIVE", "FOLLOW_UP"));
    Mocks.register("followupDeadlines", new FollowupDeadlines(FollowupFixtures.properties(), episodes, plans, CLOCK));
    Mocks.register("handleDeviationListener", new HandleDeviationListener(deviations, episodes));
    Mocks.register("followUpUnhandledDeviationListener", new FollowUpUnhandledDeviationListener(episodes));
    Mocks.register("followUpAcuteEventListener", new FollowUpAcuteEventListener(episodes));
    Mocks.register("deviationTasks", new DeviationTasks(taskService()));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void aYellowDeviationIsDueTheSameDayAndClosesWhenTheNurseFindsNothingToDo() {
    ProcessInstance instance = start("YELLOW", "1804");

    assertThat(instance).isWaitingAt("Task_HandleYellowDeviation");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("home-follow-up-nurses")
        .hasDueDate(Date.from(CLOCK.instant().atZone(FollowupFixtures.OSLO).toLocalDate().atTime(23, 59)
            .atZone(FollowupFixtures.OSLO).toInstant()));
    Assertions.assertThat(task.getPriority()).isEqualTo(70);
    assertForm(task, "followup-handle-deviation");

    complete(task, Map.of("deviationOutcome", "NO_ACTION"));

    assertThat(instance).hasPassed("EndEvent_DeviationClosed").isEnded();
    verify(deviations).close(eq(DEVIATION_ID), eq("NO_ACTION"), contains("ingen tiltak"), any());
  }

  @Test
  void aRedDeviationIsAtTheTopAndDueWithinTheMunicipalitysResponseTime() {
    ProcessInstance bodo = start("RED", "1804");
    Task task = task(bodo);
    Assertions.assertThat(task.getPriority()).isEqualTo(100);
    assertThat(task).hasDueDate(Date.from(CLOCK.instant().plus(Duration.ofMinutes(30))));

    runtimeService().deleteProcessInstance(bodo.getId(), "test");
    ProcessInstance narvik = start("RED", "1806");
    assertThat(task(narvik)).hasDueDate(Date.from(CLOCK.instant().plus(Duration.ofMinutes(20))));
  }

  @Test
  void aRedReadingWhileTheYellowTaskIsOpenTurnsItIntoARedTask() {
    ProcessInstance instance = start("YELLOW", "1804");

    runtimeService().createMessageCorrelation("followup-deviation-raised").processInstanceBusinessKey(DEVIATION_ID)
        .setVariable("deviationColour", "RED").correlate();

    assertThat(instance).hasPassed("Event_DeviationRaised").isWaitingAt("Task_HandleRedDeviation");
    Assertions.assertThat(taskQuery().taskDefinitionKey("Task_HandleYellowDeviation").count()).isZero();
    Assertions.assertThat(task(instance).getPriority()).isEqualTo(100);
  }

  @Test
  void contactingThePatientNeedsANote() {
    ProcessInstance instance = start("YELLOW", "1804");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), Map.of("deviationOutcome", "CONTACTED")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Vurdering og hva som ble gjort");
    assertThat(instance).isWaitingAt("Task_HandleYellowDeviation");
    verify(deviations, never()).close(anyString(), anyString(), anyString(), any());

    complete(task(instance), Map.of("deviationOutcome", "CONTACTED", "deviationNote", "Ringte; pasienten har det bra."));
    assertThat(instance).isEnded();
  }

  @Test
  void anUrgentEscalationGoesToTheGpByPhone() {
    ProcessInstance instance = start("RED", "1804");

    complete(task(instance), Map.of("deviationOutcome", "ESCALATE_GP", "deviationNote", "Økende tung pust.",
        "gpUrgent", true));

    assertThat(instance).hasPassed("CallActivity_ConsultGp", "EndEvent_GpConsulted")
        .isEnded().variables().containsEntry("gpUrgent", true);
  }

  @Test
  void aDialogueMessageToTheGpNeedsAQuestion() {
    ProcessInstance instance = start("YELLOW", "1804");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(),
            Map.of("deviationOutcome", "ESCALATE_GP", "deviationNote", "Vekten stiger.", "gpUrgent", false)))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Spørsmål til fastlegen");
    assertThat(instance).isWaitingAt("Task_HandleYellowDeviation");
  }

  @Test
  void adjustingThePlanStartsAPlanRevision() {
    ProcessInstance instance = start("RED", "1804");

    complete(task(instance), Map.of("deviationOutcome", "ADJUST_PLAN", "deviationNote", "Grensene er for stramme."));

    assertThat(instance).hasPassed("CallActivity_RevisePlan", "EndEvent_PlanRevised").isEnded();
  }

  @Test
  void afterLegevaktOr113TheNurseFollowsUp() {
    ProcessInstance instance = start("RED", "1804");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(),
            Map.of("deviationOutcome", "ACUTE", "deviationNote", "SpO2 82 %, tungpust.")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hvem ble kontaktet");
    complete(task(instance), Map.of("deviationOutcome", "ACUTE", "deviationNote", "SpO2 82 %, tungpust.",
        "acuteService", "AMK_113"));

    assertThat(instance).isWaitingAt("Task_FollowUpAcuteEvent");
    assertThat(task(instance)).hasCandidateGroup("home-follow-up-nurses")
        .hasDueDate(Date.from(CLOCK.instant().plus(Duration.ofHours(4))));
    assertForm(task(instance), "followup-follow-up-acute-event");
    complete(task(instance), Map.of("acuteFollowUpOutcome", "ADMITTED", "acuteFollowUpNote", "Innlagt på medisinsk."));

    assertThat(instance).hasPassed("EndEvent_AcuteFollowedUp").isEnded();
    verify(deviations).close(eq(DEVIATION_ID), eq("ACUTE"), contains("113"), any());
    verify(episodes).addNote(eq(EPISODE_ID), eq(DEVIATION_ID), anyString(), anyString(), eq("ACUTE_FOLLOWED_UP"),
        contains("innlagt"));
  }

  @Test
  void aRedDeviationNobodyTookGoesToTheTeamLeaderAndStaysOpenForTheNurses() {
    ProcessInstance instance = start("RED", "1804");

    execute(job("Timer_RedDeviationUnhandled", instance));

    assertThat(instance).hasPassed("Gateway_DeviationTaken")
        .isWaitingAt("Task_HandleRedDeviation", "Task_FollowUpUnhandledDeviation");
    Task teamLeader = taskQuery().taskDefinitionKey("Task_FollowUpUnhandledDeviation").singleResult();
    assertThat(teamLeader).hasCandidateGroup("team-leaders");
    Assertions.assertThat(teamLeader.getPriority()).isEqualTo(100);
    assertForm(teamLeader, "followup-follow-up-unhandled-deviation");
    complete(teamLeader, Map.of("unhandledAction", "Tildelte oppgaven til Jonas Lie, som ringer pasienten nå."));

    assertThat(instance).hasPassed("EndEvent_UnhandledFollowedUp").isWaitingAt("Task_HandleRedDeviation");
  }

  @Test
  void aRedDeviationTakenButNotAssessedInTimeGoesToTheTeamLeaderLikeOneNobodyTook() {
    ProcessInstance instance = start("RED", "1804");
    taskService().claim(task(instance).getId(), "jonas.lie");

    // the response time passes with the task claimed and not completed: a stale claim must not silence it
    execute(job("Timer_RedDeviationUnhandled", instance));

    assertThat(instance).hasPassed("Gateway_DeviationTaken").hasNotPassed("EndEvent_DeviationBeingHandled")
        .isWaitingAt("Task_HandleRedDeviation", "Task_FollowUpUnhandledDeviation");
    Task teamLeader = taskQuery().taskDefinitionKey("Task_FollowUpUnhandledDeviation").singleResult();
    assertThat(teamLeader).hasCandidateGroup("team-leaders");
    Assertions.assertThat(teamLeader.getName()).isEqualTo("Følg opp: avvik er ikke vurdert i tide");
    Assertions.assertThat(teamLeader.getPriority()).isEqualTo(100);
    // the nurse keeps her claim; the team leader decides whether someone else takes it
    Assertions.assertThat(taskQuery().taskDefinitionKey("Task_HandleRedDeviation").singleResult().getAssignee())
        .isEqualTo("jonas.lie");
  }

  @Test
  void aYellowDeviationANurseHasTakenIsNotEscalated() {
    ProcessInstance instance = start("YELLOW", "1804");
    taskService().claim(task(instance).getId(), "jonas.lie");

    execute(job("Timer_YellowDeviationUnhandled", instance));

    assertThat(instance).hasPassed("EndEvent_DeviationBeingHandled")
        .isWaitingAt("Task_HandleYellowDeviation");
    Assertions.assertThat(taskQuery().taskDefinitionKey("Task_FollowUpUnhandledDeviation").count()).isZero();
  }

  @Test
  void theModelLoadsAgainWhenTheEngineHasForgottenItAsAfterARestart() {
    ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngine()
        .getProcessEngineConfiguration()).getDeploymentCache().discardProcessDefinitionCache();

    ProcessInstance instance = start("RED", "1804");

    assertThat(instance).isWaitingAt("Task_HandleRedDeviation");
    assertForm(task(instance), "followup-handle-deviation");
  }

  private ProcessInstance start(String colour, String municipality) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("deviationId", DEVIATION_ID);
    variables.put("episodeId", EPISODE_ID);
    variables.put("municipalityNumber", municipality);
    variables.put("patientLabel", "Astrid Hansen, f. 12.03.1941");
    variables.put("patientId", FollowupFixtures.PATIENT_ID.toString());
    variables.put("deviationColour", colour);
    variables.put("deviationKind", "READING");
    variables.put("deviationSummary", "Oksygenmetning 86 % (rød) 23.11. kl. 09:55");
    variables.put("deviationHeadline", "Rødt avvik: Oksygenmetning 86 %");
    variables.put("episodeUrl", "/app/episodes/" + EPISODE_ID);
    variables.put("readingsChartUrl", "/app/episodes/" + EPISODE_ID + "/readings.svg");
    return runtimeService().createMessageCorrelation("followup-deviation-detected").processInstanceBusinessKey(DEVIATION_ID)
        .setVariables(variables).correlateStartMessage();
  }

  private static void assertForm(Task task, String form) {
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey()).isEqualTo(form);
  }
}
