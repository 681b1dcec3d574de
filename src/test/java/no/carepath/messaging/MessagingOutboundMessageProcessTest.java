package no.carepath.messaging;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
 * Every path of {@code messaging-outbound-message.bpmn}: delivered and acknowledged (the receipt
 * arriving while the process waits, or before the delivery was reported), rejected and sent again,
 * and no receipt in time, followed up by the allocation office some other way; a notification to
 * Helsetilsynet (no patient) followed up by the team leaders.
 */
@Deployment(resources = {"processes/messaging/messaging-outbound-message.bpmn",
    "forms/messaging/messaging-follow-up-message.form"})
class MessagingOutboundMessageProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final String MESSAGE_ID = "MSG-2026-000017";
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final MessagingProperties.Endpoint endpoint = new MessagingProperties.Endpoint(URI.create("http://localhost"),
      Duration.ofSeconds(1), Duration.ofSeconds(1));
  private final MessagingProperties properties = new MessagingProperties(Duration.ofHours(4), Duration.ofHours(2), 3,
      Duration.ofSeconds(1), Duration.ofSeconds(2), endpoint, endpoint, endpoint, endpoint, endpoint);
  private final Outbox outbox = mock(Outbox.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("messagingDeadlines", new MessagingDeadlines(properties, clock));
    Mocks.register("checkReceiptDelegate", new CheckReceiptDelegate(outbox));
    Mocks.register("recordRejectionDelegate", new RecordRejectionDelegate());
    Mocks.register("recordMissingReceiptDelegate", new RecordMissingReceiptDelegate(outbox, properties));
    Mocks.register("prepareResendDelegate", new PrepareResendDelegate(outbox));
    Mocks.register("followUpMessageListener", new FollowUpMessageListener(outbox));
    when(outbox.lockedReceiptStatus(MESSAGE_ID)).thenReturn(Optional.empty());
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void aDeliveredMessageWaitsForItsReceiptAndEndsWhenItIsPositive() {
    ProcessInstance instance = start("home-follow-up-nurses");

    assertThat(instance).isWaitingAt("Task_DeliverMessage").externalTask().hasTopicName("messaging-deliver-message");
    complete(externalTask(instance));
    assertThat(instance).hasPassed("Task_CheckReceipt").isWaitingAt("Gateway_AwaitReceipt");
    // a duration from the engine's clock
    Assertions.assertThat(job("Timer_ReceiptOverdue", instance).getDuedate())
        .isCloseTo(Date.from(Instant.now().plus(Duration.ofHours(4))), 60_000);

    receipt("OK", null);

    assertThat(instance).hasPassed("Event_ReceiptReceived", "EndEvent_MessageAcknowledged").isEnded();
  }

  @Test
  void aReceiptThatCameBeforeTheDeliveryWasReportedIsNotWaitedFor() {
    when(outbox.lockedReceiptStatus(MESSAGE_ID)).thenReturn(Optional.of("OK_WITH_ERRORS"));
    ProcessInstance instance = start("home-follow-up-nurses");

    complete(externalTask(instance));

    assertThat(instance).hasPassed("Gateway_ReceiptKnown", "EndEvent_MessageAcknowledged")
        .hasNotPassed("Gateway_AwaitReceipt").isEnded();
  }

  @Test
  void aRejectedMessageGoesToTheNursesWhoSendItAgainWithANewTransmission() {
    ProcessInstance instance = start("home-follow-up-nurses");
    complete(externalTask(instance));

    receipt("REJECTED", "Ukjent mottaker i adresseregisteret.");

    assertThat(instance).hasPassed("Task_RecordRejection").isWaitingAt("Task_FollowUpMessage");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("home-follow-up-nurses").hasDueDate(Date.from(clock.instant().plus(Duration.ofHours(2))));
    Assertions.assertThat(task.getPriority()).isEqualTo(70);
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey())
        .isEqualTo("messaging-follow-up-message");
    Assertions.assertThat((String) taskService().getVariable(task.getId(), "messageProblem"))
        .contains("avviste").contains("Ukjent mottaker i adresseregisteret.");

    complete(task, Map.of("messageFollowUpOutcome", "SEND_AGAIN", "messageFollowUpNote", "Rettet HPR-nummeret."));

    assertThat(instance).hasPassed("Task_PrepareResend").isWaitingAt("Task_DeliverMessage");
    verify(outbox).prepareResend(MESSAGE_ID);
    verify(outbox, never()).resolve(anyString(), anyString());
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), "receiptStatus")).isNull();
    complete(externalTask(instance));
    receipt("OK", null);
    assertThat(instance).isEnded();
  }

  @Test
  void noReceiptInTimeGoesToTheResponsibleOfficeWhoRecordsHowItWasHandled() {
    ProcessInstance instance = start("allocation-office");
    complete(externalTask(instance));

    execute(job("Timer_ReceiptOverdue", instance));

    assertThat(instance).hasPassed("Task_RecordMissingReceipt").isWaitingAt("Task_FollowUpCaseMessage");
    verify(outbox).recordNoReceipt(MESSAGE_ID);
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("allocation-office");
    Assertions.assertThat((String) taskService().getVariable(task.getId(), "messageProblem"))
        .contains("ingen kvittering på 4 timer");
    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of("messageFollowUpOutcome", "HANDLED")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hvordan ble det fulgt opp");
    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of("messageFollowUpOutcome", "IGNORE")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hva gjør du");

    complete(task, Map.of("messageFollowUpOutcome", "HANDLED",
        "messageFollowUpNote", "Ringte pasienten; brevet sendes i posten i dag."));

    assertThat(instance).hasPassed("EndEvent_MessageResolved").isEnded();
    verify(outbox).resolve(eq(MESSAGE_ID), contains("posten"));
  }

  @Test
  void aReceiptThatComesAfterAllWhileTheFollowUpIsOpenEndsItWithoutASecondSending() {
    ProcessInstance accepted = start("allocation-office");
    complete(externalTask(accepted));
    execute(job("Timer_ReceiptOverdue", accepted));
    assertThat(accepted).isWaitingAt("Task_FollowUpCaseMessage");

    receipt("OK", null);

    assertThat(accepted).hasPassed("Event_LateReceiptCase", "EndEvent_MessageAcknowledged").isEnded();
    verify(outbox, never()).prepareResend(anyString());
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(accepted.getId()).count()).isZero();
  }

  @Test
  void aLateRejectionReplacesTheFollowUpOfTheMissingReceipt() {
    ProcessInstance instance = start("home-follow-up-nurses");
    complete(externalTask(instance));
    execute(job("Timer_ReceiptOverdue", instance));
    String missing = task(instance).getId();

    receipt("REJECTED", "Ukjent pasient hos mottakeren.");

    assertThat(instance).hasPassed("Event_LateReceipt", "Task_RecordRejection").isWaitingAt("Task_FollowUpMessage");
    Task rejected = task(instance);
    Assertions.assertThat(rejected.getId()).isNotEqualTo(missing);
    Assertions.assertThat((String) taskService().getVariable(rejected.getId(), "messageProblem"))
        .contains("Ukjent pasient hos mottakeren.");
  }

  @Test
  void aNotificationToHelsetilsynetWithoutReceiptGoesToTheTeamLeadersUntilTheReceiptComesAfterAll() {
    ProcessInstance instance = start("team-leaders");
    complete(externalTask(instance));
    execute(job("Timer_ReceiptOverdue", instance));

    assertThat(instance).isWaitingAt("Task_FollowUpIncidentMessage");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("team-leaders").hasName("Følg opp varselet til Helsetilsynet");
    Assertions.assertThat(task.getPriority()).isEqualTo(90);

    receipt("OK", null);

    assertThat(instance).hasPassed("Event_LateReceiptIncident", "EndEvent_MessageAcknowledged").isEnded();
  }

  @Test
  void aRejectedNotificationToHelsetilsynetIsSentAgainByATeamLeader() {
    ProcessInstance instance = start("team-leaders");
    complete(externalTask(instance));
    receipt("REJECTED", "Varselet mangler kontaktperson.");

    assertThat(instance).isWaitingAt("Task_FollowUpIncidentMessage");
    complete(task(instance), Map.of("messageFollowUpOutcome", "SEND_AGAIN"));

    assertThat(instance).hasPassed("Task_PrepareResend").isWaitingAt("Task_DeliverMessage");
    verify(outbox).prepareResend(MESSAGE_ID);
  }

  private ProcessInstance start(String responsibleGroup) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("messageId", MESSAGE_ID);
    variables.put("channel", "DECISION_LETTER");
    variables.put("responsibleGroup", responsibleGroup);
    variables.put("messageHeadline", "Vedtak i sak SAK-2026-000042");
    variables.put("messageReference", "SAK-2026-000042");
    variables.put("municipalityNumber", "1804");
    variables.put("patientLabel", "Astrid Hansen, f. 12.03.1941");
    variables.put("receiptTimeout", properties.receiptTimeout().toString());
    return runtimeService().startProcessInstanceByKey("messaging-outbound-message", MESSAGE_ID, variables);
  }

  private void receipt(String status, String text) {
    runtimeService().createMessageCorrelation("messaging-receipt-received").processInstanceBusinessKey(MESSAGE_ID)
        .setVariable("receiptStatus", status).setVariable("receiptText", text).correlate();
  }
}
