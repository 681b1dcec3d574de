package no.carepath.allocation;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.followup.FollowupService;
import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.security.Municipalities;
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
 * Every path of {@code allocation-case.bpmn}, with the real listeners and delegates (so server-side
 * validation is exercised) over mocked storage, and the real decision table.
 */
@Deployment(resources = {
    "processes/allocation/allocation-case.bpmn", "processes/allocation/allocation-eligibility.dmn",
    "forms/allocation/allocation-assess-needs.form", "forms/allocation/allocation-decide-service.form",
    "forms/allocation/allocation-answer-hospital-notice.form", "forms/allocation/allocation-follow-up-overdue.form",
    "forms/allocation/allocation-forward-to-county-governor.form"})
class AllocationCaseProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final String CASE_ID = "SAK-2026-000042";
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), OSLO);
  private final AllocationProperties properties = new AllocationProperties(Duration.ofDays(7), Duration.ofDays(5),
      LocalTime.of(15, 30), Duration.ofDays(21), Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(1));
  private final CaseStore store = mock(CaseStore.class);
  private final PatientService patients = mock(PatientService.class);
  private final FollowupService followup = mock(FollowupService.class);
  private final Outbox outbox = mock(Outbox.class);
  private final DecisionLetterRenderer renderer = mock(DecisionLetterRenderer.class);
  private final UUID patientId = UUID.randomUUID();
  private final Map<UUID, CaseStore.DecisionRow> decisions = new HashMap<>();

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Municipalities municipalities = new Municipalities();
    municipalities.getMunicipalities().put("1804", "Bodø");
    Mocks.register("allocationDeadlines", new AllocationDeadlines(properties, clock));
    Mocks.register("assessNeedsListener", new AssessNeedsListener(store, clock));
    Mocks.register("decideServiceListener", new DecideServiceListener(store, clock));
    Mocks.register("answerHospitalNoticeListener", new AnswerHospitalNoticeListener(store, clock));
    Mocks.register("followUpOverdueListener", new FollowUpOverdueListener(store, clock));
    Mocks.register("forwardToCountyGovernorListener", new ForwardToCountyGovernorListener(store, clock));
    Mocks.register("closeCaseListener", new CloseCaseListener(store, clock));
    Mocks.register("createDecisionLetterDelegate",
        new CreateDecisionLetterDelegate(store, patients, renderer, municipalities, properties, clock));
    Mocks.register("handOverToFollowupDelegate", new HandOverToFollowupDelegate(store, followup));
    Mocks.register("sendDecisionLetterDelegate", new SendDecisionLetterDelegate(store, outbox));
    Mocks.register("notifyGpOfServicesDelegate", new NotifyGpOfServicesDelegate(store, outbox, municipalities));

    when(store.insertDecision(any(), anyString())).thenAnswer(invocation -> {
      UUID id = UUID.randomUUID();
      CaseStore.DecisionRow row = invocation.getArgument(0);
      decisions.put(id, row);
      return id;
    });
    when(store.findDecision(any())).thenAnswer(invocation -> Optional.ofNullable(decisions.get(invocation.<UUID>getArgument(0))));
    when(store.latestDecision(CASE_ID)).thenAnswer(invocation -> decisions.values().stream()
        .max(java.util.Comparator.comparingInt(CaseStore.DecisionRow::round)));
    when(store.findCase(CASE_ID)).thenReturn(Optional.of(new CaseStore.CaseRow(CASE_ID, patientId, "1804",
        AllocationCases.Channel.APPLICATION, CaseStatus.RECEIVED, clock.instant(), "Søknad fra pasienten selv.")));
    when(patients.read(eq(patientId), eq(CASE_ID), anyString())).thenReturn(new Patient(patientId,
        NationalIdentityNumber.synthetic(LocalDate.of(1941, 3, 12), 100), "Astrid", "Hansen", LocalDate.of(1941, 3, 12), "1804"));
    when(renderer.render(any())).thenReturn("%PDF-1.7 letter".getBytes());
    when(store.insertLetter(eq(CASE_ID), any(), any(), any())).thenAnswer(invocation -> UUID.randomUUID());
    when(followup.startEpisode(any())).thenReturn("EP-2026-000007");
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  // ---- the ways in ----

  @Test
  void anApplicationStartsWithTheNeedsAssessment() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);

    assertThat(instance).hasPassed("StartEvent_ApplicationReceived").isWaitingAt("Task_AssessNeeds");
    assertUserTask("Task_AssessNeeds", "allocation-office", "allocation-assess-needs", clock.instant().plus(Duration.ofDays(7)));
    Assertions.assertThat(task(instance).getPriority()).isEqualTo(50);
  }

  @Test
  void changedNeedsFromHomeFollowUpStartWithTheNeedsAssessment() {
    ProcessInstance instance = start("allocation-changed-needs-received", "CHANGED_NEEDS", false);

    assertThat(instance).hasPassed("StartEvent_ChangedNeedsReceived").isWaitingAt("Task_AssessNeeds");
  }

  @Test
  void aGpReferralStartsWithTheNeedsAssessment() {
    ProcessInstance instance = start("allocation-gp-referral-received", "GP_REFERRAL", false);

    assertThat(instance).hasPassed("StartEvent_GpReferralReceived").isWaitingAt("Task_AssessNeeds");
  }

  @Test
  void aHospitalNoticeForAPatientNotYetReadyGoesStraightToAssessmentWithHigherPriority() {
    ProcessInstance instance = start("allocation-hospital-notice-received", "HOSPITAL_NOTICE", false);

    assertThat(instance).hasPassed("Gateway_ReadyForDischarge").hasNotPassed("Task_AnswerHospitalNotice")
        .isWaitingAt("Task_AssessNeeds");
    Assertions.assertThat(task(instance).getPriority()).isEqualTo(70);
  }

  @Test
  void aPatientReadyForDischargeGetsTheSameDayAnswerFirst() {
    ProcessInstance instance = start("allocation-hospital-notice-received", "HOSPITAL_NOTICE", true);

    assertThat(instance).isWaitingAt("Task_AnswerHospitalNotice");
    Instant sameDayCutoff = LocalDate.now(clock).atTime(15, 30).atZone(OSLO).toInstant();
    assertUserTask("Task_AnswerHospitalNotice", "allocation-office", "allocation-answer-hospital-notice", sameDayCutoff);

    complete(task(instance), Map.of("hospitalAnswer", "Kommunen tar imot pasienten i morgen med hjemmesykepleie.",
        "plannedReceptionDate", LocalDate.now(clock).plusDays(1).toString(), "answerChannel", "PLO"));

    assertThat(instance).hasPassed("Task_AnswerHospitalNotice").isWaitingAt("Task_AssessNeeds");
    verify(store).addEvent(eq(CASE_ID), any(), anyString(), eq("HOSPITAL_ANSWERED"), any());
    verify(store).updateStatus(CASE_ID, CaseStatus.HOSPITAL_ANSWERED);
  }

  // ---- decisions ----

  @Test
  void aGrantedDigitalFollowupIsLetteredSentHandedOverAndFinalWhenTheWindowCloses() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());

    assertThat(instance).hasPassed("Task_RecommendService").isWaitingAt("Task_DecideService")
        .variables().containsEntry("recommendation", "ANBEFALES");
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), "recommendationText")).isNotBlank();
    // the advice is read from the engine's transient decision result: the table's whole result row is not
    // kept on the case as a serialized variable (with its history and byte arrays)
    Assertions.assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
        .isNotEmpty()
        .noneMatch(variable -> variable.getName().equals("eligibility"));
    assertUserTask("Task_DecideService", "allocation-office", "allocation-decide-service", clock.instant().plus(Duration.ofDays(5)));

    complete(task(instance), granted(List.of("DIGITAL_HOME_FOLLOW_UP", "HOME_NURSING")));
    assertThat(instance).isWaitingAt("Task_CreateDecisionLetter");
    execute(job(instance));
    assertThat(instance).hasPassed("Task_SendDecisionLetter", "Task_NotifyGpOfServices")
        .isWaitingAt("Task_HandOverToFollowup");
    String letterId = (String) runtimeService().getVariable(instance.getId(), "letterId");
    ArgumentCaptor<Outbox.Outgoing> sent = ArgumentCaptor.forClass(Outbox.Outgoing.class);
    verify(outbox).send(sent.capture());
    Assertions.assertThat(sent.getValue().channel()).isEqualTo(Channel.DECISION_LETTER);
    Assertions.assertThat(sent.getValue().payload()).containsEntry("documentId", letterId);
    Assertions.assertThat(sent.getValue().reference()).isEqualTo(CASE_ID);
    Assertions.assertThat(sent.getValue().responsibleGroup()).isEqualTo("allocation-office");
    execute(job(instance));

    assertThat(instance).hasPassed("Task_HandOverToFollowup").isWaitingAt("Gateway_AppealWindow")
        .variables().containsEntry("episodeId", "EP-2026-000007");
    ArgumentCaptor<FollowupService.EpisodeRequest> handOver = ArgumentCaptor.forClass(FollowupService.EpisodeRequest.class);
    verify(followup).startEpisode(handOver.capture());
    Assertions.assertThat(handOver.getValue().caseId()).isEqualTo(CASE_ID);
    Assertions.assertThat(handOver.getValue().patientId()).isEqualTo(patientId);
    Assertions.assertThat(handOver.getValue().municipalityNumber()).isEqualTo("1804");

    execute(job("Timer_AppealWindowExpired", instance));
    assertThat(instance).hasPassed("EndEvent_DecisionFinal").isEnded();
    verify(store).updateStatus(CASE_ID, CaseStatus.FINAL);
  }

  @Test
  void aGrantWithoutDigitalFollowupIsNotHandedOver() {
    ProcessInstance instance = start("allocation-gp-referral-received", "GP_REFERRAL", false);
    complete(task(instance), assessment());
    complete(task(instance), granted(List.of("HOME_NURSING")));
    execute(job(instance));

    assertThat(instance).hasPassed("Gateway_FollowupGranted").hasNotPassed("Task_HandOverToFollowup")
        .isWaitingAt("Gateway_AppealWindow");
    verify(followup, never()).startEpisode(any());
  }

  @Test
  void theGpIsToldOfGrantedServicesButNotOfARejection() {
    when(store.gp(CASE_ID)).thenReturn(Optional.of(new AllocationCases.GpContact("Marit Solheim", "1234567",
        "Sentrum legekontor")));
    ProcessInstance granted = start("allocation-gp-referral-received", "GP_REFERRAL", false);
    complete(task(granted), assessment());
    complete(task(granted), granted(List.of("HOME_NURSING")));
    execute(job(granted));

    ArgumentCaptor<Outbox.Outgoing> sent = ArgumentCaptor.forClass(Outbox.Outgoing.class);
    verify(outbox, times(2)).send(sent.capture());
    Outbox.Outgoing notice = sent.getAllValues().get(1);
    Assertions.assertThat(notice.channel()).isEqualTo(Channel.GP_DIALOGUE);
    Assertions.assertThat(notice.kind()).isEqualTo("ORIENTERING_TJENESTETILBUD");
    Assertions.assertThat(notice.payload()).containsEntry("gpHprNumber", "1234567").containsEntry("answerExpected", false);
    Assertions.assertThat((String) notice.payload().get("text")).contains("Bodø kommune har innvilget").contains("Hjemmesykepleie");

    org.mockito.Mockito.clearInvocations(outbox);
    decisions.clear();
    ProcessInstance rejected = start("allocation-gp-referral-received", "GP_REFERRAL", false);
    complete(task(rejected), assessment());
    complete(task(rejected), rejected());
    execute(job(rejected));

    assertThat(rejected).hasPassed("Task_NotifyGpOfServices");
    verify(outbox, times(1)).send(any());
  }

  @Test
  void aRejectionIsLetteredAndBecomesFinal() {
    ProcessInstance instance = start("allocation-gp-referral-received", "GP_REFERRAL", false);
    complete(task(instance), assessment());
    complete(task(instance), rejected());
    execute(job(instance));
    execute(job("Timer_AppealWindowExpired", instance));

    assertThat(instance).hasPassed("Task_CreateDecisionLetter", "Task_SendDecisionLetter", "EndEvent_DecisionFinal")
        .hasNotPassed("Task_HandOverToFollowup").isEnded();
    Assertions.assertThat(decisions.values()).singleElement().extracting(CaseStore.DecisionRow::outcome).isEqualTo("REJECTED");
  }

  // ---- appeals ----

  @Test
  void anUpheldAppealGoesToTheCountyGovernor() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());
    complete(task(instance), rejected());
    execute(job(instance));

    appeal();
    assertThat(instance).hasPassed("Event_AppealReceived").isWaitingAt("Task_AssessNeeds");
    complete(task(instance), assessment());
    Map<String, Object> upheld = rejected();
    upheld.put("appealOutcome", "UPHELD");
    complete(task(instance), upheld);

    assertThat(instance).hasPassed("Gateway_AppealUpheld").isWaitingAt("Task_ForwardToCountyGovernor");
    assertUserTask("Task_ForwardToCountyGovernor", "allocation-office", "allocation-forward-to-county-governor",
        clock.instant().plus(Duration.ofDays(7)));
    complete(task(instance), Map.of("countyGovernorSentDate", LocalDate.now(clock).toString(), "countyGovernorReference", "SF-2026/123"));

    assertThat(instance).hasPassed("EndEvent_ForwardedToCountyGovernor").isEnded();
    verify(store).updateStatus(CASE_ID, CaseStatus.AT_COUNTY_GOVERNOR);
    verify(renderer, times(1)).render(any());
  }

  @Test
  void anOverturnedAppealGetsANewLetterAndANewAppealWindow() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());
    complete(task(instance), rejected());
    execute(job(instance));

    appeal();
    complete(task(instance), assessment());
    Map<String, Object> overturned = granted(List.of("DIGITAL_HOME_FOLLOW_UP"));
    overturned.put("appealOutcome", "OVERTURNED");
    complete(task(instance), overturned);
    execute(job(instance));
    execute(job(instance));

    assertThat(instance).isWaitingAt("Gateway_AppealWindow");
    verify(renderer, times(2)).render(any());
    verify(followup).startEpisode(any());
    Assertions.assertThat(decisions.values()).extracting(CaseStore.DecisionRow::round).containsExactlyInAnyOrder(1, 2);
  }

  // ---- deadlines ----

  @Test
  void anOverdueHospitalAnswerGoesToTheTeamLeaderAndTheAnswerStaysOpen() {
    ProcessInstance instance = start("allocation-hospital-notice-received", "HOSPITAL_NOTICE", true);

    execute(job("Timer_HospitalAnswerOverdue", instance));

    assertThat(instance).isWaitingAt("Task_AnswerHospitalNotice", "Task_FollowUpOverdueHospitalAnswer");
    Task followUp = taskQuery().taskDefinitionKey("Task_FollowUpOverdueHospitalAnswer").singleResult();
    assertThat(followUp).hasCandidateGroup("team-leaders");
    Assertions.assertThat(followUp.getPriority()).isEqualTo(95);
    assertForm(followUp, "allocation-follow-up-overdue");
    complete(followUp, Map.of("overdueAction", "PRIORITISED"));
    assertThat(instance).hasPassed("EndEvent_HospitalAnswerOverdueHandled").isWaitingAt("Task_AnswerHospitalNotice");
    verify(store).addEvent(eq(CASE_ID), any(), anyString(), eq("OVERDUE_FOLLOWED_UP"), any());
  }

  @Test
  void anOverdueAssessmentGoesToTheTeamLeader() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);

    execute(job("Timer_AssessmentOverdue", instance));

    assertThat(instance).isWaitingAt("Task_AssessNeeds", "Task_FollowUpOverdueAssessment");
    Task followUp = taskQuery().taskDefinitionKey("Task_FollowUpOverdueAssessment").singleResult();
    assertThat(followUp).hasCandidateGroup("team-leaders").hasDueDate(Date.from(clock.instant().plus(Duration.ofDays(1))));
    complete(followUp, Map.of("overdueAction", "REASSIGNED"));
    assertThat(instance).hasPassed("EndEvent_AssessmentOverdueHandled").isWaitingAt("Task_AssessNeeds");
  }

  @Test
  void anOverdueDecisionGoesToTheTeamLeader() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());

    execute(job("Timer_DecisionOverdue", instance));

    assertThat(instance).isWaitingAt("Task_DecideService", "Task_FollowUpOverdueDecision");
    Task followUp = taskQuery().taskDefinitionKey("Task_FollowUpOverdueDecision").singleResult();
    assertThat(followUp).hasCandidateGroup("team-leaders");
    complete(followUp, Map.of("overdueAction", "OTHER", "overdueNote", "Saksbehandler er syk; saken er flyttet."));
    assertThat(instance).hasPassed("EndEvent_DecisionOverdueHandled").isWaitingAt("Task_DecideService");
  }

  // ---- server-side validation ----

  @Test
  void anIncompleteAssessmentIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    Map<String, Object> incomplete = assessment();
    incomplete.remove("whatMattersToYou");
    incomplete.put("deviceAbility", "KANSKJE");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), incomplete))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("«Hva er viktig for deg?» må fylles ut")
        .hasMessageContaining("KANSKJE");
    assertThat(instance).isWaitingAt("Task_AssessNeeds");
    verify(store, never()).insertAssessment(anyString(), any(Integer.class), any(), anyString(), any());
  }

  @Test
  void aGrantWithoutServicesOrStartDateIsRefused() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());
    Map<String, Object> decision = granted(List.of());
    decision.remove("serviceStartDate");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), decision))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("«Tjenester»").hasMessageContaining("«Startdato»");
  }

  @Test
  void anUpheldAppealCannotChangeTheOutcome() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());
    complete(task(instance), rejected());
    execute(job(instance));
    appeal();
    complete(task(instance), assessment());
    Map<String, Object> contradiction = granted(List.of("HOME_NURSING"));
    contradiction.put("appealOutcome", "UPHELD");

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), contradiction))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Vedtaket endres");
  }

  @Test
  void anAppealRoundNeedsTheAppealOutcome() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    complete(task(instance), assessment());
    complete(task(instance), rejected());
    execute(job(instance));
    appeal();
    complete(task(instance), assessment());

    Assertions.assertThatThrownBy(() -> taskService().complete(task(instance).getId(), rejected()))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Utfall av klagebehandlingen");
  }

  @Test
  void anOverdueFollowUpMarkedOtherNeedsANote() {
    ProcessInstance instance = start("allocation-application-received", "APPLICATION", false);
    execute(job("Timer_AssessmentOverdue", instance));
    Task followUp = taskQuery().taskDefinitionKey("Task_FollowUpOverdueAssessment").singleResult();

    Assertions.assertThatThrownBy(() -> taskService().complete(followUp.getId(), Map.of("overdueAction", "OTHER")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("«Notat» må fylles ut når tiltaket er «Annet»");
  }

  // ---- helpers ----

  private ProcessInstance start(String message, String channel, boolean readyForDischarge) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", CASE_ID);
    variables.put("municipalityNumber", "1804");
    variables.put("channel", channel);
    variables.put("patientLabel", "Astrid Hansen, f. 12.03.1941");
    variables.put("referralSummary", "Søknad fra pasienten selv.");
    variables.put("readyForDischarge", readyForDischarge);
    variables.put("assessmentRound", 1);
    variables.put("appealUnderReview", false);
    return runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(CASE_ID)
        .setVariables(variables).correlateStartMessage();
  }

  private void appeal() {
    runtimeService().createMessageCorrelation("allocation-appeal-received").processInstanceBusinessKey(CASE_ID)
        .setVariable("assessmentRound", 2).setVariable("appealUnderReview", true).correlate();
  }

  private void assertUserTask(String key, String group, String form, Instant due) {
    Task task = taskQuery().taskDefinitionKey(key).singleResult();
    assertThat(task).hasCandidateGroup(group).hasDueDate(Date.from(due));
    assertForm(task, form);
  }

  private static void assertForm(Task task, String form) {
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey()).isEqualTo(form);
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getBinding()).isEqualTo("deployment");
  }

  private Map<String, Object> assessment() {
    Map<String, Object> form = new HashMap<>();
    form.put("whatMattersToYou", "Å bo hjemme.");
    form.put("primaryCondition", "KOLS");
    AllocationVariables.FUNCTION_ITEMS.forEach(item -> form.put(item, "2"));
    form.put("livingSituation", "ALENE");
    form.put("deviceAbility", "SELVSTENDIG");
    form.put("consentDigitalFollowUp", true);
    return form;
  }

  private Map<String, Object> granted(List<String> services) {
    Map<String, Object> form = new HashMap<>();
    form.put("decisionOutcome", "GRANTED");
    form.put("grantedServices", services);
    form.put("serviceScope", "Daglige målinger.");
    form.put("serviceStartDate", LocalDate.now(clock).plusDays(3).toString());
    form.put("decisionReason", "Pasienten har behov for oppfølging.");
    form.put("legalBasis", "PBRL_2-1A_HOL_3-2-6A");
    return form;
  }

  private Map<String, Object> rejected() {
    Map<String, Object> form = new HashMap<>();
    form.put("decisionOutcome", "REJECTED");
    form.put("decisionReason", "Pasienten klarer seg selv.");
    form.put("legalBasis", "PBRL_2-1A_HOL_3-2-6A");
    return form;
  }
}
