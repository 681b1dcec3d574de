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
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.escalation.GpDialogue;
import no.carepath.followup.readings.Enrollments;
import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.ConfiguredFloors;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * Every path of {@code followup-plan-revision.bpmn}: a plan proposed from the trial readings and
 * approved by the GP, turned down and revised, no answer in five working days (reminder, approval
 * by phone, withdrawal), and the checks of the plan form.
 */
@Deployment(resources = {"processes/followup/followup-plan-revision.bpmn", "forms/followup/followup-edit-plan.form",
    "forms/followup/followup-remind-gp-of-plan.form"})
class FollowupPlanRevisionProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private final EpisodeStore episodes = mock(EpisodeStore.class);
  private final PlanStore plans = mock(PlanStore.class);
  private final ReadingStore readings = mock(ReadingStore.class);
  private final Enrollments enrollments = mock(Enrollments.class);
  private final PreviewsShown shown = mock(PreviewsShown.class);
  private final GpDialogue dialogue = mock(GpDialogue.class);
  private final List<PlanStore.Plan> created = new ArrayList<>();

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    EpisodeStore.EpisodeRow episode = FollowupFixtures.episode("ACTIVE", "TRIAL");
    when(episodes.get(EPISODE_ID)).thenReturn(episode);
    when(enrollments.defaults()).thenReturn(FollowupFixtures.properties().defaults());
    List<StoredReading> trial = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      Instant at = episode.enrolledAt().plus(Duration.ofDays(day));
      trial.add(new StoredReading(UUID.randomUUID(), 17, VitalSign.SPO2, Interpretation.NORMAL, 93 + day % 3, at, at));
      trial.add(new StoredReading(UUID.randomUUID(), 17, VitalSign.PULSE, Interpretation.NORMAL, 70 + day % 5, at, at));
    }
    when(readings.since(17, Instant.EPOCH)).thenReturn(trial);
    when(plans.active(EPISODE_ID)).thenReturn(Optional.empty());
    when(plans.awaitingGp(EPISODE_ID)).thenReturn(Optional.empty());
    when(plans.createAwaitingGp(eq(EPISODE_ID), anyString(), anyString(), anyString(), anyString(), any(), any(), any(),
        any(), any(), any(), anyString(), anyString())).thenAnswer(invocation -> {
          PlanStore.Plan plan = FollowupFixtures.plan(UUID.randomUUID(), created.size() + 1, "AWAITING_GP");
          plan = new PlanStore.Plan(plan.planId(), EPISODE_ID, plan.version(), plan.status(), plan.whatMatters(),
              plan.goal(), plan.subGoals(), plan.interventions(), null, null, invocation.getArgument(7),
              invocation.getArgument(8), invocation.getArgument(9), invocation.getArgument(10), invocation.getArgument(11),
              "jonas.lie", CLOCK.instant(), null, null, null);
          created.add(plan);
          return plan;
        });
    when(plans.get(any())).thenAnswer(invocation -> created.stream()
        .filter(plan -> plan.planId().equals(invocation.getArgument(0))).findFirst().orElseThrow());
    when(dialogue.prepare(any())).thenReturn("DLG-2026-000001", "DLG-2026-000002", "DLG-2026-000003");
    Mocks.register("followupDeadlines", new FollowupDeadlines(FollowupFixtures.properties(), episodes, plans, CLOCK));
    // the nurse has seen the preview of whatever she submits, unless a test says otherwise
    when(shown.contains(anyString(), anyString())).thenReturn(true);
    ThresholdPreviews previews = new ThresholdPreviews(ConfiguredFloors.properties(), FollowupFixtures.properties(),
        CLOCK, shown);
    Mocks.register("editPlanListener", new EditPlanListener(episodes, plans, readings, enrollments, previews));
    Mocks.register("sendPlanToGpDelegate", new SendPlanToGpDelegate(plans, episodes, dialogue));
    Mocks.register("remindGpOfPlanListener", new RemindGpOfPlanListener(plans, episodes));
    Mocks.register("activatePlanDelegate", new ActivatePlanDelegate(plans, episodes));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void atTheEndOfTheTrialThePlanIsProposedFromTheReadingsAndActiveOnceTheGpApproves() {
    ProcessInstance instance = start("TRIAL_ENDED");

    assertThat(instance).isWaitingAt("Task_EditPlan");
    Task edit = task(instance);
    assertThat(edit).hasCandidateGroup("home-follow-up-nurses").hasDueDate(Date.from(CLOCK.instant().plus(Duration.ofDays(3))));
    Assertions.assertThat(formService().getTaskFormData(edit.getId()).getCamundaFormRef().getKey()).isEqualTo("followup-edit-plan");
    Map<String, Object> prefilled = taskService().getVariables(edit.getId());
    Assertions.assertThat((String) prefilled.get("planContext")).contains("Prøveperioden er over").contains("Oksygenmetning");
    // proposed from 14 readings of 93-95 %: tighter than the default of 92
    Assertions.assertThat((Double) prefilled.get("spo2YellowBelow")).isNotNull().isGreaterThan(88.0).isLessThan(94.0);
    Assertions.assertThat(((SpinJsonNode) prefilled.get("measuredSigns")).elements())
        .extracting(SpinJsonNode::stringValue).containsExactly("SPO2", "PULSE");

    complete(edit, FollowupFixtures.planForm());
    assertThat(instance).hasPassed("Task_SendPlanToGp");
    ArgumentCaptor<GpDialogue.Request> request = ArgumentCaptor.forClass(GpDialogue.Request.class);
    verify(dialogue).prepare(request.capture());
    Assertions.assertThat(request.getValue().kind()).isEqualTo(GpDialogue.Kind.PLAN_APPROVAL);
    Assertions.assertThat(request.getValue().answerMessage()).isEqualTo("followup-plan-answer");
    Assertions.assertThat(request.getValue().text()).contains("Oksygenmetning: rød under 87 %").contains("gul under 89 %");
    Assertions.assertThat(request.getValue().gpHprNumber()).isEqualTo("1234567");

    answer(instance, true, "Godkjent.");

    assertThat(instance).hasPassed("Task_ActivatePlan", "EndEvent_PlanActive").isEnded();
    PlanStore.Plan plan = created.get(0);
    verify(plans).activate(plan.planId(), "Godkjent.");
    verify(episodes).applyPlan(EPISODE_ID, List.of(VitalSign.SPO2, VitalSign.PULSE), Duration.ofDays(1));
    Assertions.assertThat(plan.thresholds()).contains(new Thresholds(VitalSign.PULSE, 40.0, 48.0, 105.0, 130.0));
  }

  @Test
  void aPlanTheGpTurnsDownComesBackWithTheCommentAndGoesOutAgain() {
    ProcessInstance instance = start("EVALUATION");
    complete(task(instance), FollowupFixtures.planForm());

    answer(instance, false, "Senk rød grense for SpO2 til 86.");

    assertThat(instance).isWaitingAt("Task_EditPlan");
    verify(plans).reject(created.get(0).planId(), "Senk rød grense for SpO2 til 86.");
    Assertions.assertThat((String) taskService().getVariableLocal(task(instance).getId(), "planContext"))
        .contains("Fastlegen godkjente ikke versjon 1").contains("Senk rød grense");
    Map<String, Object> revised = FollowupFixtures.planForm();
    revised.put("spo2RedBelow", 86.0);
    complete(task(instance), revised);
    answer(instance, true, "OK nå.");

    assertThat(instance).hasPassed("EndEvent_PlanActive").isEnded();
    verify(plans).activate(created.get(1).planId(), "OK nå.");
  }

  @Test
  void withoutAnAnswerInFiveWorkingDaysTheNurseSendsAReminder() {
    ProcessInstance instance = start("DEVIATION");
    complete(task(instance), FollowupFixtures.planForm());

    execute(job("Timer_GpPlanAnswerOverdue", instance));

    assertThat(instance).isWaitingAt("Task_RemindGpOfPlan");
    assertThat(task(instance)).hasCandidateGroup("home-follow-up-nurses");
    Assertions.assertThat(formService().getTaskFormData(task(instance).getId()).getCamundaFormRef().getKey())
        .isEqualTo("followup-remind-gp-of-plan");
    complete(task(instance), Map.of("planReminderOutcome", "RESEND"));

    assertThat(instance).hasPassed("Task_SendPlanToGp");
    ArgumentCaptor<GpDialogue.Request> requests = ArgumentCaptor.forClass(GpDialogue.Request.class);
    verify(dialogue, org.mockito.Mockito.times(2)).prepare(requests.capture());
    Assertions.assertThat(requests.getAllValues().get(1).kind()).isEqualTo(GpDialogue.Kind.REMINDER);
    answer(instance, true, "Beklager sent svar. Godkjent.");
    assertThat(instance).isEnded();
  }

  @Test
  void aPlanTheGpApprovedByPhoneIsActivated() {
    ProcessInstance instance = start("EVALUATION");
    complete(task(instance), FollowupFixtures.planForm());
    execute(job("Timer_GpPlanAnswerOverdue", instance));

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(),
            Map.of("planReminderOutcome", "APPROVED_BY_PHONE")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("«Notat» må fylles ut når fastlegen godkjente på telefon");
    complete(task(instance), Map.of("planReminderOutcome", "APPROVED_BY_PHONE",
        "planReminderNote", "Dr. Solheim godkjente på telefon 27.11."));

    assertThat(instance).hasPassed("EndEvent_PlanActive").isEnded();
    verify(plans).activate(eq(created.get(0).planId()), contains("Dr. Solheim"));
  }

  @Test
  void aVersionWithoutAnswerCanBeWithdrawn() {
    ProcessInstance instance = start("EVALUATION");
    complete(task(instance), FollowupFixtures.planForm());
    execute(job("Timer_GpPlanAnswerOverdue", instance));

    complete(task(instance), Map.of("planReminderOutcome", "WITHDRAW"));

    assertThat(instance).hasPassed("EndEvent_PlanWithdrawn").isEnded();
    verify(plans).withdraw(created.get(0).planId());
    verify(plans, never()).activate(any(), any());
  }

  @Test
  void aPlanWithEmptyFieldsOrCrossedThresholdsIsRefused() {
    ProcessInstance instance = start("EVALUATION");
    Map<String, Object> form = FollowupFixtures.planForm();
    form.remove("goal");
    form.put("spo2RedBelow", 95.0);
    form.put("evaluationIntervalDays", 400L);

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("«Målsetting» må fylles ut")
        .hasMessageContaining("rød nedre grense (95.0) kan ikke være høyere enn gul nedre grense (89.0)")
        .hasMessageContaining("Evaluering hver (dager)");
    assertThat(instance).isWaitingAt("Task_EditPlan");
    verify(plans, never()).createAwaitingGp(anyString(), anyString(), anyString(), anyString(), anyString(), any(), any(),
        any(), any(), any(), any(), anyString(), anyString());
  }

  @Test
  void onlyOneVersionWaitsForTheGpAtATime() {
    when(plans.awaitingGp(EPISODE_ID)).thenReturn(Optional.of(FollowupFixtures.plan(UUID.randomUUID(), 2, "AWAITING_GP")));
    ProcessInstance instance = start("DEVIATION");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), FollowupFixtures.planForm()))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("venter allerede på svar fra fastlegen");
    verify(dialogue, never()).prepare(any());
    verify(episodes, never()).addNote(anyString(), isNull(), anyString(), anyString(), eq("PLAN_WRITTEN"), anyString());
  }

  @Test
  void theFormShowsHowManyAlarmsTheProposedThresholdsWouldHaveRaised() {
    // one day of the trial with a pulse of 135: red with any limits the floor allows
    List<StoredReading> trial = new ArrayList<>(readings.since(17, Instant.EPOCH));
    Instant day3 = FollowupFixtures.episode("ACTIVE", "TRIAL").enrolledAt().plus(Duration.ofDays(3)).plusSeconds(60);
    trial.add(new StoredReading(UUID.randomUUID(), 17, VitalSign.PULSE, Interpretation.CRITICAL_HIGH, 135, day3, day3));
    when(readings.since(17, Instant.EPOCH)).thenReturn(trial);

    ProcessInstance instance = start("TRIAL_ENDED");

    Map<String, Object> local = taskService().getVariablesLocal(task(instance).getId());
    Assertions.assertThat((String) local.get("alarmPreview")).startsWith("### Alarmer med disse grensene")
        .contains("**Prøveperioden**").contains("29 målinger): **1 røde** og **0 gule** avvik, fra 1 røde og 0 gule"
            + " målinger (Puls 1 røde, 0 gule)")
        .contains("**Siste 30 dager**").contains("«Måling ikke rapportert» og NEWS2 avhenger ikke av grensene");
    Assertions.assertThat((String) local.get("alarmPreviewFor")).hasSize(64);
    Assertions.assertThat((String) local.get("planContext")).contains("ikke strammere enn kommunens kliniske gulv");
  }

  @Test
  void thresholdsOtherThanThePreviewedAreRefusedOnceWithTheirOwnPreview() {
    when(shown.contains(anyString(), anyString())).thenReturn(false);
    ProcessInstance instance = start("TRIAL_ENDED");
    String taskId = task(instance).getId();
    Map<String, Object> form = FollowupFixtures.planForm();
    // yellow at 90 % for a patient whose SpO2 is usually 94 % (and 93 % on a third of the days)
    form.put("spo2YellowBelow", 92.0);
    form.put("spo2RedBelow", 90.0);

    Assertions.assertThatThrownBy(() -> taskService().complete(taskId, form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Du har endret terskelverdiene")
        .hasMessageContaining("Prøveperioden (8.11.2026–22.11.2026, 28 målinger): 0 røde og 0 gule avvik.")
        .hasMessageContaining("Siste 30 dager (24.10.2026–23.11.2026, 28 målinger)")
        .hasMessageContaining("Trykk «Fullfør» igjen");
    ArgumentCaptor<String> fingerprint = ArgumentCaptor.forClass(String.class);
    verify(shown).add(eq(taskId), fingerprint.capture());
    assertThat(instance).isWaitingAt("Task_EditPlan");

    when(shown.contains(taskId, fingerprint.getValue())).thenReturn(true);
    complete(task(instance), form);

    assertThat(instance).hasPassed("Task_SendPlanToGp");
    verify(shown).removeTask(taskId);
  }

  @Test
  void theProposedThresholdsPassWithoutASecondPress() {
    when(shown.contains(anyString(), anyString())).thenReturn(false);
    ProcessInstance instance = start("TRIAL_ENDED");
    Map<String, Object> form = FollowupFixtures.planForm();
    // exactly what the form was opened with
    taskService().getVariables(task(instance).getId()).forEach((key, value) -> {
      if (key.matches("(spo2|pulse)(Red|Yellow)(Below|Above)")) {
        form.put(key, value);
      }
    });

    complete(task(instance), form);

    assertThat(instance).hasPassed("Task_SendPlanToGp");
    verify(shown, never()).add(anyString(), anyString());
  }

  @Test
  void limitsTighterThanTheClinicalFloorNeedAReasonForTheGp() {
    ProcessInstance instance = start("EVALUATION");
    Map<String, Object> form = FollowupFixtures.planForm();
    form.put("pulseYellowAbove", 80.0);
    form.put("pulseRedAbove", 88.0);

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), form))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("strammere enn kommunens kliniske gulv")
        .hasMessageContaining("Puls: gul over 80 (gulvet er 90 slag/min), rød over 88 (gulvet er 130 slag/min).")
        .hasMessageContaining("fordi NEWS2 gir første poeng ved puls over 90")
        .hasMessageContaining("«Begrunnelse for endringen»");
    assertThat(instance).isWaitingAt("Task_EditPlan");

    form.put("planChangeReason", "Hjertesvikt: kardiolog ønsker varsel ved puls over 88.");
    complete(task(instance), form);
    assertThat(instance).hasPassed("Task_SendPlanToGp");
  }

  @Test
  void aPlanInForceWithLimitsTighterThanTheFloorIsShownSoAtTheNextRevision() {
    PlanStore.Plan tight = FollowupFixtures.plan(UUID.randomUUID(), 1, "ACTIVE");
    tight = new PlanStore.Plan(tight.planId(), EPISODE_ID, 1, "ACTIVE", tight.whatMatters(), tight.goal(),
        tight.subGoals(), tight.interventions(), null, null, List.of(VitalSign.PULSE), Duration.ofDays(1),
        Duration.ofDays(30), List.of(new Thresholds(VitalSign.PULSE, 57.0, 62.0, 82.0, 87.0)), "Første plan",
        "jonas.lie", CLOCK.instant(), null, null, CLOCK.instant());
    when(plans.active(EPISODE_ID)).thenReturn(Optional.of(tight));

    ProcessInstance instance = start("EVALUATION");

    Map<String, Object> variables = taskService().getVariables(task(instance).getId());
    // kept as the GP approved them, not widened behind the nurse's back, but named
    Assertions.assertThat(variables.get("pulseRedAbove")).isEqualTo(87.0);
    Assertions.assertThat((String) variables.get("planContext"))
        .contains("**Grenser strammere enn kommunens kliniske gulv.**")
        .contains("Puls: rød under 57 (gulvet er 41 slag/min), gul under 62 (gulvet er 51 slag/min), gul over 82"
            + " (gulvet er 90 slag/min), rød over 87 (gulvet er 130 slag/min).");
  }

  private ProcessInstance start(String reason) {
    return runtimeService().createProcessInstanceByKey("followup-plan-revision").businessKey(EPISODE_ID)
        .setVariable("episodeId", EPISODE_ID).setVariable("municipalityNumber", "1804")
        .setVariable("patientLabel", "Astrid Hansen, f. 12.03.1941").setVariable("planReason", reason)
        .setVariable("planReasonText", "Oksygenmetning 86 % (rød)").execute();
  }

  private void answer(ProcessInstance instance, boolean approved, String text) {
    runtimeService().createMessageCorrelation("followup-plan-answer").processInstanceId(instance.getId())
        .setVariable("planApproved", approved).setVariable("gpAnswer", text).setVariable("gpAnswerFrom", "Marit Solheim")
        .correlate();
  }
}
