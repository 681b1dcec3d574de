package no.carepath.escalation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

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
import org.mockito.ArgumentCaptor;

/**
 * Every path of {@code escalation-gp-consultation.bpmn}: urgent by phone, a dialogue message
 * answered, no answer in five working days with a reminder or a phone call.
 */
@Deployment(resources = {"processes/escalation/escalation-gp-consultation.bpmn", "forms/escalation/escalation-phone-gp.form",
    "forms/escalation/escalation-follow-up-gp-answer.form", "forms/escalation/escalation-remind-gp.form"})
class EscalationGpConsultationProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  /** Thursday 26 November 2026, 10:00 in Oslo: five working days later is Thursday 3 December. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final GpDialogue dialogue = mock(GpDialogue.class);
  private final UUID patientId = UUID.randomUUID();

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    when(dialogue.prepare(any())).thenReturn("DLG-2026-000011", "DLG-2026-000012");
    Mocks.register("escalationDeadlines", new EscalationDeadlines(clock));
    Mocks.register("sendGpRequestDelegate", new SendGpRequestDelegate(dialogue));
    Mocks.register("phoneGpListener", new PhoneGpListener(dialogue));
    Mocks.register("followUpGpAnswerListener", new FollowUpGpAnswerListener(dialogue));
    Mocks.register("remindGpListener", new RemindGpListener(dialogue));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void anUrgentMatterIsAPhoneCallWithinFifteenMinutesNeverAMessage() {
    ProcessInstance instance = start(true);

    assertThat(instance).isWaitingAt("Task_PhoneGp");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("home-follow-up-nurses").hasDueDate(Date.from(clock.instant().plus(Duration.ofMinutes(15))));
    Assertions.assertThat(task.getPriority()).isEqualTo(100);
    assertForm(task, "escalation-phone-gp");
    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of("phoneContact", "FASTLEGE")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hva ble avtalt");

    complete(task, Map.of("phoneContact", "LEGEVAKT", "phoneReached", true,
        "phoneOutcome", "Legevakten sender lege hjem til pasienten innen en time."));

    assertThat(instance).hasPassed("EndEvent_GpPhoned").isEnded();
    verify(dialogue, never()).prepare(any());
    verify(dialogue).recordContact(eq("EP-2026-000007"), eq("AVV-2026-000031"), eq("PHONED_GP"), contains("legevakt"));
  }

  @Test
  void aDialogueMessageIsAnsweredAndTheNurseFollowsUp() {
    ProcessInstance instance = start(false);

    assertThat(instance).hasPassed("Task_SendGpRequest");
    ArgumentCaptor<GpDialogue.Request> request = ArgumentCaptor.forClass(GpDialogue.Request.class);
    verify(dialogue).prepare(request.capture());
    Assertions.assertThat(request.getValue().kind()).isEqualTo(GpDialogue.Kind.REQUEST);
    Assertions.assertThat(request.getValue().text()).contains("Skal vi øke vanndrivende?").contains("Vekt 84,2 kg");
    Assertions.assertThat(request.getValue().processInstanceId()).isEqualTo(instance.getId());
    Assertions.assertThat(request.getValue().answerMessage()).isEqualTo("escalation-gp-answer");
    assertThat(instance).isWaitingAt("Gateway_GpAnswer");
    Assertions.assertThat(job("Timer_GpAnswerOverdue", instance).getDuedate())
        .isEqualTo(Date.from(Instant.parse("2026-12-03T09:00:00Z")));

    runtimeService().createMessageCorrelation("escalation-gp-answer").processInstanceId(instance.getId())
        .setVariable("gpAnswer", "Øk Furix til 40 mg x 2 i tre dager.").setVariable("gpAnswerFrom", "Marit Solheim")
        .correlate();

    assertThat(instance).hasPassed("Event_GpAnswered").isWaitingAt("Task_FollowUpGpAnswer");
    assertThat(task(instance)).hasDueDate(Date.from(clock.instant().plus(Duration.ofDays(1))));
    assertForm(task(instance), "escalation-follow-up-gp-answer");
    complete(task(instance), Map.of("gpAnswerFollowUp", "Pasienten informert; ny vekt i morgen."));

    assertThat(instance).hasPassed("EndEvent_GpAnswerFollowedUp").isEnded();
    verify(dialogue).recordContact(eq("EP-2026-000007"), eq("AVV-2026-000031"), eq("GP_ANSWER_FOLLOWED_UP"),
        contains("Furix"));
  }

  @Test
  void withoutAnAnswerInFiveWorkingDaysAReminderGoesOut() {
    ProcessInstance instance = start(false);

    execute(job("Timer_GpAnswerOverdue", instance));
    assertThat(instance).isWaitingAt("Task_RemindGp");
    assertForm(task(instance), "escalation-remind-gp");
    complete(task(instance), Map.of("gpReminderOutcome", "RESEND"));

    assertThat(instance).isWaitingAt("Gateway_GpAnswer");
    ArgumentCaptor<GpDialogue.Request> requests = ArgumentCaptor.forClass(GpDialogue.Request.class);
    verify(dialogue, org.mockito.Mockito.times(2)).prepare(requests.capture());
    Assertions.assertThat(requests.getAllValues().get(1).kind()).isEqualTo(GpDialogue.Kind.REMINDER);
    Assertions.assertThat(requests.getAllValues().get(1).text()).startsWith("Purring");
  }

  @Test
  void orTheNursePhonesAndRecordsTheAnswer() {
    ProcessInstance instance = start(false);
    execute(job("Timer_GpAnswerOverdue", instance));

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), Map.of("gpReminderOutcome", "PHONED")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hva sa fastlegen");
    complete(task(instance), Map.of("gpReminderOutcome", "PHONED", "gpReminderNote", "Fastlegen sier: fortsett som før."));

    assertThat(instance).hasPassed("EndEvent_GpReachedByPhone").isEnded();
  }

  private ProcessInstance start(boolean urgent) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("episodeId", "EP-2026-000007");
    variables.put("deviationId", "AVV-2026-000031");
    variables.put("municipalityNumber", "1804");
    variables.put("patientId", patientId.toString());
    variables.put("patientLabel", "Ole Johansen, f. 02.07.1950");
    variables.put("gpName", "Marit Solheim");
    variables.put("gpHprNumber", "1234567");
    variables.put("gpUrgent", urgent);
    variables.put("gpQuestion", urgent ? null : "Vekten har økt 2 kg på tre dager. Skal vi øke vanndrivende?");
    variables.put("deviationSummary", "Vekt 84,2 kg (gul) 26.11. kl. 08:10");
    return runtimeService().startProcessInstanceByKey("escalation-gp-consultation", "AVV-2026-000031", variables);
  }

  private static void assertForm(Task task, String form) {
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey()).isEqualTo(form);
  }
}
