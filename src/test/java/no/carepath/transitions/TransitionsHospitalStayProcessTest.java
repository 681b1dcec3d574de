package no.carepath.transitions;

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
import static org.mockito.Mockito.doAnswer;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.allocation.AllocationCases;
import no.carepath.followup.HospitalStayFollowup;
import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
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
 * Every path of {@code transitions-hospital-stay.bpmn}: a patient in follow-up admitted, reported
 * ready, answered and discharged, with the summary arriving; an unknown patient who is not the
 * municipality's, and one who gets a case and a new assessment; ready-for-discharge withdrawn and
 * a discharge while the answer is open; a summary chased twice; a discharge as the first message;
 * and health information that has not come days after the admission, asked for or come another way.
 */
@Deployment(resources = {"processes/transitions/transitions-hospital-stay.bpmn",
    "forms/transitions/transitions-identify-patient.form", "forms/transitions/transitions-answer-ready-for-discharge.form",
    "forms/transitions/transitions-first-assessment.form", "forms/transitions/transitions-chase-summary.form",
    "forms/transitions/transitions-request-health-information.form", "forms/transitions/transitions-check-stay-status.form"})
class TransitionsHospitalStayProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final String STAY_ID = "OPPH-2026-000017";
  private static final String EPISODE_ID = "EP-2026-000007";
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Tuesday 1 December 2026, 10:00 in Oslo. */
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), OSLO);
  private final TransitionsProperties properties = new TransitionsProperties(Duration.ofHours(24), LocalTime.of(15, 30),
      Duration.ofDays(1), Duration.ofHours(4), Duration.ofHours(4), Duration.ofDays(3), Duration.ofHours(4),
      Duration.ofDays(14), Duration.ofDays(1));
  private final StayStore stays = mock(StayStore.class);
  private final HospitalStayFollowup followup = mock(HospitalStayFollowup.class);
  private final Outbox outbox = mock(Outbox.class);
  private final PatientService patients = mock(PatientService.class);
  private final AllocationCases cases = mock(AllocationCases.class);
  private final UUID patientId = UUID.randomUUID();

  private String episodeId;
  private Instant readyAt;
  private Instant readyAnsweredAt;
  private Instant dischargedAt;
  private Instant summaryAt;
  private String healthInformation;
  /** The hospital's last message; long ago unless a test says otherwise, so a silence timer that fires finds silence. */
  private Instant lastMessageAt = Instant.parse("2026-11-01T09:00:00Z");

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("transitionsDeadlines", new TransitionsDeadlines(properties, stays, clock));
    Mocks.register("identifyPatientListener", new IdentifyPatientListener());
    OpenAllocationCaseDelegate openCase = new OpenAllocationCaseDelegate(stays, patients, cases);
    Mocks.register("openAllocationCaseDelegate", openCase);
    Mocks.register("referForAssessmentDelegate", new ReferForAssessmentDelegate(openCase));
    Mocks.register("pauseFollowupDelegate", new PauseFollowupDelegate(stays, followup));
    Mocks.register("sendAdmissionReportDelegate", new SendAdmissionReportDelegate(stays, followup, outbox));
    Mocks.register("readStayStatusDelegate", new ReadStayStatusDelegate(stays));
    Mocks.register("answerReadyForDischargeListener", new AnswerReadyForDischargeListener(stays));
    Mocks.register("sendReadyAnswerDelegate", new SendReadyAnswerDelegate(stays, outbox));
    Mocks.register("resumeFollowupDelegate", new ResumeFollowupDelegate(stays, followup));
    Mocks.register("firstAssessmentListener", new FirstAssessmentListener(followup));
    Mocks.register("checkSummaryDelegate", new CheckSummaryDelegate(stays));
    Mocks.register("chaseSummaryListener", new ChaseSummaryListener());
    Mocks.register("closeStayDelegate", new CloseStayDelegate(stays));
    Mocks.register("checkHealthInformationDelegate", new CheckHealthInformationDelegate(stays));
    Mocks.register("requestHealthInformationListener", new RequestHealthInformationListener());
    Mocks.register("sendHealthInformationRequestDelegate", new SendHealthInformationRequestDelegate(stays, outbox));
    Mocks.register("checkStayStatusListener", new CheckStayStatusListener(clock));
    Mocks.register("checkSilenceDelegate", new CheckSilenceDelegate(stays, properties, clock));
    when(stays.lastMessageAt(STAY_ID)).thenAnswer(invocation -> lastMessageAt);
    Mocks.register("recordDischargeWithoutMessageDelegate", new RecordDischargeWithoutMessageDelegate(stays,
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), clock));
    doAnswer(invocation -> dischargedAt = invocation.getArgument(1)).when(stays)
        .dischargedWithoutMessage(eq(STAY_ID), any(), any());
    when(stays.find(STAY_ID)).thenAnswer(invocation -> Optional.of(stay()));
    when(stays.lock(STAY_ID)).thenAnswer(invocation -> stay());
    doAnswer(invocation -> readyAnsweredAt = clock.instant()).when(stays).readyAnswered(STAY_ID);
    when(followup.admissionReport(EPISODE_ID)).thenReturn(Map.of("service", "Digital hjemmeoppfølging"));
    when(patients.read(eq(patientId), any(), anyString())).thenReturn(new Patient(patientId,
        NationalIdentityNumber.synthetic(LocalDate.of(1941, 3, 12), 100), "Astrid", "Hansen", LocalDate.of(1941, 3, 12), "1804"));
    when(cases.open(any())).thenReturn("SAK-2026-000050");
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  @Test
  void aPatientInFollowupIsAdmittedReportedReadyAnsweredAndDischarged() {
    episodeId = EPISODE_ID;
    ProcessInstance instance = start(true);

    assertThat(instance).hasPassed("Task_PauseFollowup", "Task_SendAdmissionReport", "Task_ReadStayStatus")
        .isWaitingAt("Gateway_AwaitHospital");
    verify(followup).admitted(EPISODE_ID, "Nordlandssykehuset", LocalDate.of(2026, 12, 4));
    Outbox.Outgoing report = sent(0);
    Assertions.assertThat(report.channel()).isEqualTo(Channel.HOSPITAL);
    Assertions.assertThat(report.kind()).isEqualTo("INNLEGGELSESRAPPORT");
    Assertions.assertThat(report.reference()).isEqualTo(STAY_ID);
    Assertions.assertThat(((Map<?, ?>) report.payload().get("content")).get("hospitalStayId")).isEqualTo("NLSH-4711");

    readyAt = clock.instant();
    tell("transitions-ready-for-discharge");
    assertThat(instance).hasPassed("Event_ReadyForDischarge").isWaitingAt("Task_AnswerReadyForDischarge");
    Task answer = task(instance);
    assertThat(answer).hasCandidateGroup("allocation-office").hasDueDate(at("2026-12-01T15:30"));
    Assertions.assertThat(answer.getPriority()).isEqualTo(90);
    assertForm(answer, "transitions-answer-ready-for-discharge");
    Assertions.assertThatThrownBy(() -> taskService().complete(answer.getId(), Map.of("readyAssessment", "Klarer seg.",
            "readyOutcome", "OFFER_SERVICES")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Tilbudet til pasienten");
    complete(answer, Map.of("readyAssessment", "Samme funksjon som før innleggelsen.", "readyOutcome", "RECEIVE_HOME",
        "readyAssessmentVisit", false));

    assertThat(instance).hasPassed("Task_SendReadyAnswer", "EndEvent_ReadyAnswered").isWaitingAt("Gateway_AwaitHospital");
    Assertions.assertThat(sent(1).kind()).isEqualTo("SVAR_UTSKRIVNINGSKLAR");
    Assertions.assertThat(((Map<?, ?>) sent(1).payload().get("content")).get("answer").toString()).contains("kan ta imot");
    verify(cases, never()).open(any());

    dischargedAt = clock.instant();
    tell("transitions-discharged");
    assertThat(instance).hasPassed("Event_Discharged", "Task_ResumeFollowup", "Task_CheckSummary")
        .isWaitingAt("Task_FirstAssessment", "Gateway_AwaitSummary");
    verify(followup).discharged(EPISODE_ID, "Nordlandssykehuset");
    Task first = taskQuery("Task_FirstAssessment");
    assertThat(first).hasCandidateGroup("home-follow-up-nurses").hasDueDate(Date.from(clock.instant().plus(Duration.ofDays(1))));
    assertForm(first, "transitions-first-assessment");
    complete(first, Map.of("checkMedication", true, "checkFunction", true, "checkDevices", true, "checkRelatives", true,
        "checkSummary", true, "planReview", "REVISE_PLAN", "firstAssessmentNote", "Ny vanndrivende dose; SpO2-grensene må ned."));
    verify(followup).revisePlanAfterDischarge(eq(EPISODE_ID), contains("SpO2-grensene"));

    summaryAt = clock.instant();
    tell("transitions-discharge-summary");
    assertThat(instance).hasPassed("Event_SummaryReceived", "Gateway_DischargeJoin", "Task_CloseStay", "EndEvent_StayClosed")
        .isEnded();
    verify(stays).close(STAY_ID);
  }

  @Test
  void aPatientTheMunicipalityDoesNotKnowGoesToTheAllocationOfficeWhoSaysSo() {
    ProcessInstance instance = start(false);

    assertThat(instance).isWaitingAt("Task_IdentifyPatient");
    Task task = task(instance);
    assertThat(task).hasCandidateGroup("allocation-office").hasDueDate(Date.from(clock.instant().plus(Duration.ofHours(4))));
    assertForm(task, "transitions-identify-patient");
    Assertions.assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of("identifyOutcome", "NOT_OURS")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("«Hva vet vi om behovet, eller hvorfor er det ikke kommunens pasient» må fylles ut");
    complete(task, Map.of("identifyOutcome", "NOT_OURS", "identifyNote", "Bor i Saltdal; meldingen er sendt dit."));

    assertThat(instance).hasPassed("Task_CloseStay").hasNotPassed("Task_ReadStayStatus").isEnded();
    verify(cases, never()).open(any());
  }

  @Test
  void anUnknownPatientGetsACaseAndANewAssessmentAndIsDischargedWithTheSummaryThere() {
    ProcessInstance instance = start(false);
    complete(task(instance), Map.of("identifyOutcome", "OPEN_CASE", "identifyNote", "Trenger trolig hjemmesykepleie."));

    assertThat(instance).hasPassed("Task_OpenAllocationCase", "Gateway_InFollowup").hasNotPassed("Task_PauseFollowup")
        .isWaitingAt("Gateway_AwaitHospital").variables().containsEntry("caseId", "SAK-2026-000050");
    ArgumentCaptor<AllocationCases.NewCase> opened = ArgumentCaptor.forClass(AllocationCases.NewCase.class);
    verify(cases).open(opened.capture());
    Assertions.assertThat(opened.getValue().channel()).isEqualTo(AllocationCases.Channel.HOSPITAL_NOTICE);
    Assertions.assertThat(opened.getValue().summary()).contains("Nordlandssykehuset").contains("hjemmesykepleie");

    readyAt = clock.instant();
    tell("transitions-ready-for-discharge");
    complete(task(instance), Map.of("readyAssessment", "Trenger mer hjelp enn før.", "readyOutcome", "NEW_ASSESSMENT"));
    assertThat(instance).hasPassed("Task_ReferForAssessment").isWaitingAt("Gateway_AwaitHospital");
    verify(cases, times(2)).open(any());

    readyAt = null;
    readyAnsweredAt = null;
    tell("transitions-ready-withdrawn");
    assertThat(instance).hasPassed("Event_ReadyWithdrawn").isWaitingAt("Gateway_AwaitHospital");

    summaryAt = clock.instant();
    dischargedAt = clock.instant();
    tell("transitions-discharged");
    assertThat(instance).hasPassed("Gateway_ResumeNeeded", "Gateway_SummaryReceived").hasNotPassed("Task_ResumeFollowup",
        "Task_FirstAssessment").isEnded();
  }

  @Test
  void withdrawalAndDischargeWhileTheAnswerIsOpenAndASummaryChasedTwice() {
    episodeId = EPISODE_ID;
    ProcessInstance instance = start(true);
    readyAt = clock.instant();
    tell("transitions-ready-for-discharge");
    assertThat(instance).isWaitingAt("Task_AnswerReadyForDischarge");

    readyAt = null;
    tell("transitions-ready-withdrawn");
    assertThat(instance).hasPassed("Event_ReadyWithdrawnDuringAnswer").isWaitingAt("Gateway_AwaitHospital");
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();

    readyAt = clock.instant();
    tell("transitions-ready-for-discharge");
    dischargedAt = clock.instant();
    tell("transitions-discharged");
    assertThat(instance).hasPassed("Event_DischargedDuringAnswer").isWaitingAt("Task_FirstAssessment", "Gateway_AwaitSummary");
    Assertions.assertThat(job("Timer_SummaryOverdue", instance).getDuedate())
        .isEqualTo(Date.from(clock.instant().plus(Duration.ofHours(24))));

    Task first = taskQuery("Task_FirstAssessment");
    Assertions.assertThatThrownBy(() -> taskService().complete(first.getId(), Map.of("checkMedication", true,
            "planReview", "NO_CHANGE")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("«Notat fra samtalen» må fylles ut når ikke alle punktene er gjennomgått");
    complete(first, Map.of("checkMedication", true, "checkFunction", true, "checkDevices", true, "planReview", "NO_CHANGE",
        "firstAssessmentNote", "Pårørende ikke nådd; epikrisen er ikke kommet."));
    verify(followup, never()).revisePlanAfterDischarge(anyString(), anyString());

    execute(job("Timer_SummaryOverdue", instance));
    Task chase = taskQuery("Task_ChaseSummary");
    assertThat(chase).hasCandidateGroup("home-follow-up-nurses").hasCandidateGroup("allocation-office")
        .hasDueDate(Date.from(clock.instant().plus(Duration.ofHours(4))));
    assertForm(chase, "transitions-chase-summary");
    Assertions.assertThatThrownBy(() -> taskService().complete(chase.getId(), Map.of("summaryChaseOutcome", "CHASED")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hvem snakket du med");
    complete(chase, Map.of("summaryChaseOutcome", "CHASED", "summaryChaseNote", "Ringte post 3; sendes i dag."));
    assertThat(instance).isWaitingAt("Gateway_AwaitSummary");
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), "summaryReceived")).isEqualTo(false);

    execute(job("Timer_SummaryOverdue", instance));
    complete(taskQuery("Task_ChaseSummary"), Map.of("summaryChaseOutcome", "RECEIVED_OTHERWISE",
        "summaryChaseNote", "Fastlegen videresendte epikrisen."));

    assertThat(instance).hasPassed("Gateway_SummaryDone", "EndEvent_StayClosed").isEnded();
    verify(outbox, times(1)).send(any());
  }

  @Test
  void aDischargeAsTheFirstMessageSkipsTheAdmissionAndResumesFollowup() {
    episodeId = EPISODE_ID;
    dischargedAt = clock.instant();
    summaryAt = clock.instant();
    ProcessInstance instance = start(true);

    assertThat(instance).hasNotPassed("Task_PauseFollowup", "Task_SendAdmissionReport")
        .hasPassed("Task_ResumeFollowup").isWaitingAt("Task_FirstAssessment");
    verify(outbox, never()).send(any());
    complete(task(instance), Map.of("checkMedication", true, "checkFunction", true, "checkDevices", true,
        "checkRelatives", true, "checkSummary", true, "planReview", "NO_CHANGE"));
    assertThat(instance).isEnded();
  }

  @Test
  void healthInformationThatHasNotComeIsAskedForAndTheRequestGoesToTheHospital() {
    episodeId = EPISODE_ID;
    ProcessInstance instance = start(true);
    Assertions.assertThat(job("StartEvent_HealthInformationOverdue", instance).getDuedate())
        .as("three days after the admission, two hours ago").isEqualTo(Date.from(clock.instant().minus(Duration.ofHours(2))
            .plus(Duration.ofDays(3))));

    execute(job("StartEvent_HealthInformationOverdue", instance));

    assertThat(instance).hasPassed("Task_CheckHealthInformation").isWaitingAt("Task_RequestHealthInformation",
        "Gateway_AwaitHospital");
    Task request = taskQuery("Task_RequestHealthInformation");
    assertThat(request).hasCandidateGroup("allocation-office").hasDueDate(Date.from(clock.instant().plus(Duration.ofHours(4))));
    assertForm(request, "transitions-request-health-information");
    Assertions.assertThatThrownBy(() -> taskService().complete(request.getId(), Map.of("healthInformationRequestOutcome",
            "SEND_REQUEST")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hva spør kommunen om");
    complete(request, Map.of("healthInformationRequestOutcome", "SEND_REQUEST",
        "healthInformationRequestText", "Funksjonsnivå, hjelpemidler og forventet utskrivningsdato."));

    assertThat(instance).hasPassed("Task_SendHealthInformationRequest", "EndEvent_HealthInformationRequested")
        .isWaitingAt("Gateway_AwaitHospital");
    Outbox.Outgoing asked = sent(1);
    Assertions.assertThat(asked.channel()).isEqualTo(Channel.HOSPITAL);
    Assertions.assertThat(asked.kind()).isEqualTo("FORESPORSEL_HELSEOPPLYSNINGER");
    Assertions.assertThat(asked.reference()).isEqualTo(STAY_ID);
    Assertions.assertThat(asked.responsibleGroup()).isEqualTo("allocation-office");
    Map<?, ?> content = (Map<?, ?>) asked.payload().get("content");
    Assertions.assertThat(content.get("hospitalStayId")).isEqualTo("NLSH-4711");
    Assertions.assertThat(content.get("question").toString()).contains("hjelpemidler");
  }

  @Test
  void healthInformationThatCameAnotherWayIsNoted() {
    ProcessInstance instance = start(true);
    execute(job("StartEvent_HealthInformationOverdue", instance));
    complete(taskQuery("Task_RequestHealthInformation"), Map.of("healthInformationRequestOutcome", "RECEIVED_OTHERWISE",
        "healthInformationRequestText", "Sykepleier på post 3 ringte og ga opplysningene."));

    assertThat(instance).hasPassed("EndEvent_HealthInformationReceivedOtherwise").hasNotPassed(
        "Task_SendHealthInformationRequest").isWaitingAt("Gateway_AwaitHospital");
    verify(outbox, never()).send(any());
  }

  @Test
  void noRequestWhenTheHealthInformationIsThereOrThePatientIsDischarged() {
    ProcessInstance instance = start(true);
    healthInformation = "Innlagt med pneumoni.";
    execute(job("StartEvent_HealthInformationOverdue", instance));
    assertThat(instance).hasPassed("EndEvent_HealthInformationInPlace").hasNotPassed("Task_RequestHealthInformation");
    Assertions.assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();

    healthInformation = null;
    dischargedAt = clock.instant();
    TransitionsProperties withinAnHour = new TransitionsProperties(Duration.ofHours(24), LocalTime.of(15, 30),
        Duration.ofDays(1), Duration.ofHours(4), Duration.ofHours(4), Duration.ofHours(1), Duration.ofHours(4),
        Duration.ofDays(14), Duration.ofDays(1));
    Assertions.assertThat(new TransitionsDeadlines(withinAnHour, stays, clock).healthInformationDue(STAY_ID))
        .as("due an hour ago, so due now: never in the past").isEqualTo(Date.from(clock.instant()));
    CheckHealthInformationDelegate check = new CheckHealthInformationDelegate(stays);
    org.camunda.bpm.engine.delegate.DelegateExecution execution = mock(org.camunda.bpm.engine.delegate.DelegateExecution.class);
    when(execution.getVariable("stayId")).thenReturn(STAY_ID);
    check.execute(execution);
    verify(execution).setVariable("healthInformationMissing", false);
  }

  @Test
  void aStayTheHospitalIsSilentAboutIsCheckedStillAdmittedThenDischargedWithoutAMessage() {
    episodeId = EPISODE_ID;
    readyAt = clock.instant().minus(Duration.ofDays(3));
    readyAnsweredAt = readyAt;
    lastMessageAt = clock.instant().minus(Duration.ofDays(1));
    ProcessInstance instance = start(true);
    Assertions.assertThat(job("Timer_StaySilent", instance).getDuedate()).as("14 days after the last message")
        .isEqualTo(Date.from(lastMessageAt.plus(Duration.ofDays(14))));

    lastMessageAt = clock.instant().minus(Duration.ofDays(15));
    execute(job("Timer_StaySilent", instance));
    Task check = taskQuery("Task_CheckStayStatus");
    assertThat(check).hasCandidateGroup("allocation-office").hasDueDate(Date.from(clock.instant().plus(Duration.ofDays(1))));
    assertForm(check, "transitions-check-stay-status");
    Assertions.assertThatThrownBy(() -> taskService().complete(check.getId(), Map.of("stayCheckOutcome", "STILL_ADMITTED")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Hvem snakket du med");
    complete(check, Map.of("stayCheckOutcome", "STILL_ADMITTED", "stayCheckNote", "Post 3: fortsatt innlagt, rehabilitering."));
    assertThat(instance).isWaitingAt("Gateway_AwaitHospital");
    Assertions.assertThat(job("Timer_StaySilent", instance).getDuedate()).as("just checked: 14 days from now")
        .isEqualTo(Date.from(clock.instant().plus(Duration.ofDays(14))));

    execute(job("Timer_StaySilent", instance));
    Task again = taskQuery("Task_CheckStayStatus");
    Assertions.assertThatThrownBy(() -> taskService().complete(again.getId(), Map.of("stayCheckOutcome", "DISCHARGED",
            "stayCheckNote", "Utskrevet.")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("Utskrevet dato");
    Assertions.assertThatThrownBy(() -> taskService().complete(again.getId(), Map.of("stayCheckOutcome", "DISCHARGED",
            "stayCheckNote", "Utskrevet.", "stayCheckDischargedOn", "2026-12-05")))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("fram i tid");
    complete(again, Map.of("stayCheckOutcome", "DISCHARGED", "stayCheckDischargedOn", "2026-12-01",
        "stayCheckNote", "Post 3: utskrevet i dag, meldingen ble ikke sendt."));

    assertThat(instance).hasPassed("Task_RecordDischargeWithoutMessage", "Task_ResumeFollowup")
        .isWaitingAt("Task_FirstAssessment", "Gateway_AwaitSummary");
    // noon today is still ahead: now; three days after ready for discharge
    verify(stays).dischargedWithoutMessage(eq(STAY_ID), eq(clock.instant()), eq(3));
    verify(followup).discharged(EPISODE_ID, "Nordlandssykehuset");
  }

  @Test
  void aMessageSinceTheTimerWasSetMeansTheHospitalIsNotSilentAndOneDuringTheCheckEndsIt() {
    ProcessInstance instance = start(true);
    lastMessageAt = clock.instant().plus(Duration.ofDays(10));
    execute(job("Timer_StaySilent", instance));
    assertThat(instance).hasPassed("Task_CheckSilence").hasNotPassed("Task_CheckStayStatus")
        .isWaitingAt("Gateway_AwaitHospital");

    lastMessageAt = clock.instant().minus(Duration.ofDays(30));
    execute(job("Timer_StaySilent", instance));
    assertThat(instance).isWaitingAt("Task_CheckStayStatus");
    readyAt = clock.instant();
    tell("transitions-ready-for-discharge");
    assertThat(instance).hasPassed("Event_ReadyDuringCheck").isWaitingAt("Task_AnswerReadyForDischarge");

    readyAt = null;
    tell("transitions-ready-withdrawn");
    execute(job("Timer_StaySilent", instance));
    assertThat(instance).isWaitingAt("Task_CheckStayStatus");
    dischargedAt = clock.instant();
    tell("transitions-discharged");
    assertThat(instance).hasPassed("Event_DischargedDuringCheck").hasNotPassed("Task_RecordDischargeWithoutMessage");
  }

  @Test
  void closingTheStayEndsAnOpenRequestForHealthInformation() {
    ProcessInstance instance = start(false);
    execute(job("StartEvent_HealthInformationOverdue", instance));
    assertThat(instance).isWaitingAt("Task_IdentifyPatient", "Task_RequestHealthInformation");

    complete(taskQuery("Task_IdentifyPatient"), Map.of("identifyOutcome", "NOT_OURS", "identifyNote", "Bor i Saltdal."));

    assertThat(instance).hasPassed("EndEvent_StayClosed").isEnded();
  }

  @Test
  void aStayThatEndedOtherwiseIsClosed() {
    ProcessInstance instance = start(true);
    execute(job("Timer_StaySilent", instance));
    complete(taskQuery("Task_CheckStayStatus"), Map.of("stayCheckOutcome", "ENDED",
        "stayCheckNote", "Pasienten døde på sykehuset 28.11."));

    assertThat(instance).hasPassed("Task_CloseStay").hasNotPassed("Task_RecordDischargeWithoutMessage").isEnded();
    verify(stays).close(STAY_ID);
  }

  @Test
  void aSummaryThatComesWhileItIsBeingChasedEndsTheChase() {
    dischargedAt = clock.instant();
    ProcessInstance instance = start(true);
    execute(job("Timer_SummaryOverdue", instance));
    assertThat(instance).as("not in follow-up: no first assessment").isWaitingAt("Task_ChaseSummary");

    summaryAt = clock.instant();
    tell("transitions-discharge-summary");

    assertThat(instance).hasPassed("Event_SummaryDuringChase", "EndEvent_StayClosed").isEnded();
  }

  @Test
  void healthInformationThatComesWhileItIsBeingAskedForEndsTheRequest() {
    ProcessInstance instance = start(true);
    execute(job("StartEvent_HealthInformationOverdue", instance));
    assertThat(instance).isWaitingAt("Task_RequestHealthInformation");

    healthInformation = "Innlagt med pneumoni.";
    tell("transitions-health-information");

    assertThat(instance).hasPassed("Event_HealthInformationDuringRequest", "EndEvent_HealthInformationArrived")
        .isWaitingAt("Gateway_AwaitHospital");
    verify(outbox, never()).send(any());
  }

  private ProcessInstance start(boolean known) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("stayId", STAY_ID);
    variables.put("municipalityNumber", "1804");
    variables.put("patientId", patientId.toString());
    variables.put("patientLabel", "Astrid Hansen, f. 12.03.1941");
    variables.put("patientKnown", known);
    variables.put("episodeId", episodeId);
    variables.put("hospitalName", "Nordlandssykehuset");
    variables.put("dischargedAtStart", dischargedAt != null);
    variables.put("stayUrl", "/app/stays/" + STAY_ID);
    variables.put("staySummary", "Nordlandssykehuset, Medisinsk avdeling. Innlagt 01.12.2026 08:00.");
    return runtimeService().createMessageCorrelation("transitions-stay-started").processInstanceBusinessKey(STAY_ID)
        .setVariables(variables).correlateStartMessage();
  }

  private StayStore.Stay stay() {
    return new StayStore.Stay(STAY_ID, "1804", "983974880", "Nordlandssykehuset", "Medisinsk avdeling", "NLSH-4711",
        patientId, true, episodeId, dischargedAt != null ? StayStore.Status.DISCHARGED : StayStore.Status.ADMITTED,
        clock.instant().minus(Duration.ofHours(2)), LocalDate.of(2026, 12, 4), readyAt, readyAnsweredAt, null, dischargedAt,
        null, summaryAt, null, null, healthInformation, clock.instant(), null);
  }

  private void tell(String message) {
    runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(STAY_ID).correlateAllWithResult();
  }

  private Outbox.Outgoing sent(int index) {
    ArgumentCaptor<Outbox.Outgoing> sent = ArgumentCaptor.forClass(Outbox.Outgoing.class);
    verify(outbox, org.mockito.Mockito.atLeast(index + 1)).send(sent.capture());
    return sent.getAllValues().get(index);
  }

  private static Task taskQuery(String key) {
    return taskService().createTaskQuery().taskDefinitionKey(key).singleResult();
  }

  private static Date at(String osloLocal) {
    return Date.from(java.time.LocalDateTime.parse(osloLocal).atZone(OSLO).toInstant());
  }

  private static void assertForm(Task task, String form) {
    Assertions.assertThat(formService().getTaskFormData(task.getId()).getCamundaFormRef().getKey()).isEqualTo(form);
  }
}
