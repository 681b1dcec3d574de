package no.carepath.quality;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.ArgumentMatchers.any;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
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
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of {@code quality-incident.bpmn}: classified, analysed and closed without a measure; a
 * measure whose effect check shows it worked; a measure that did not work, so a second is planned and
 * checked; a serious one reported onwards to Helsetilsynet first (through the outbox, no patient);
 * a change request to the process owners from the analysis; every leader's step past its due date
 * escalated to the managers, and their escalation ended when the step is done. Every task the team
 * leaders', with its form and due date; what a form must not hold is refused with the task left as it
 * was (an unknown category, no reason for closing without a measure, an indicator outside the
 * catalogue, a national ID number in a text).
 */
@Deployment(resources = {"processes/quality/quality-incident.bpmn", "forms/quality/quality-classify-incident.form",
    "forms/quality/quality-analyse-cause.form", "forms/quality/quality-plan-measure.form",
    "forms/quality/quality-check-effect.form", "forms/quality/quality-report-onwards.form", "forms/quality/quality-report-incident.form"})
class QualityIncidentProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final Date DUE = Date.from(Instant.parse("2026-12-10T08:00:00Z"));

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneId.of("Europe/Oslo"));
  private final JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
  private final Outbox outbox = mock(Outbox.class);
  private final ChangeRequests changeRequests = mock(ChangeRequests.class);
  private final Escalations escalations = mock(Escalations.class);
  private final Incidents incidents = mock(Incidents.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("reportedInTasklistListener", new ReportedInTasklistListener(incidents));
    Mocks.register("classifyIncidentListener", new ClassifyIncidentListener(jdbc, clock));
    Mocks.register("analyseCauseListener", new AnalyseCauseListener(jdbc, clock));
    Mocks.register("planMeasureListener", new PlanMeasureListener(jdbc, clock));
    Mocks.register("checkEffectListener", new CheckEffectListener(jdbc, clock));
    Mocks.register("reportOnwardsListener", new ReportOnwardsListener(outbox, jdbc, clock));
    Mocks.register("requestModelChangeDelegate", new RequestModelChangeDelegate(changeRequests));
    Mocks.register("escalateOverdueStepDelegate", new EscalateOverdueStepDelegate(escalations));
    Mocks.register("overdueStepDoneListener", new OverdueStepDoneListener(escalations));
    when(outbox.send(any())).thenReturn("MSG-2026-000043");
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
    variables.put(QualityVariables.INCIDENT_HAPPENED_AT, "2026-12-02T14:30");
    return runtimeService().startProcessInstanceByKey(Incidents.PROCESS, "UH-2026-000001", variables);
  }

  @Test
  void anAvvikReportedWithTheStartFormIsCheckedAndStoredWhenItStartsAndOneFromThePagesIsNot() {
    start("MINOR");
    org.mockito.Mockito.verifyNoInteractions(incidents);

    // the Tasklist's start form: the form's fields only; the listener stores it (here: gives it its reference)
    org.mockito.Mockito.doAnswer(call -> {
      org.camunda.bpm.engine.delegate.DelegateExecution execution = call.getArgument(0);
      execution.setVariable(QualityVariables.INCIDENT_ID, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
      execution.setVariable(QualityVariables.INCIDENT_REFERENCE, "UH-2026-000002");
      execution.setVariable(QualityVariables.CLASSIFY_DUE_DATE, DUE);
      execution.setVariable(QualityVariables.INCIDENT_WHERE, "Ikke knyttet til en oppgave");
      execution.setVariable(QualityVariables.INCIDENT_IMMEDIATE_ACTION, "Ikke oppgitt");
      execution.setProcessBusinessKey("UH-2026-000002");
      return null;
    }).when(incidents).reportStartedInTasklist(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    Map<String, Object> form = new HashMap<>();
    form.put(QualityVariables.MUNICIPALITY, "1804");
    form.put(QualityVariables.INCIDENT_KIND, "NEAR_MISS");
    form.put(QualityVariables.INCIDENT_HAPPENED_ON, "2026-12-03");
    form.put(QualityVariables.INCIDENT_HAPPENED_TIME, "07:45");
    form.put(QualityVariables.INCIDENT_CATEGORY, "FALL");
    form.put(QualityVariables.INCIDENT_CONSEQUENCE, "NONE");
    form.put(QualityVariables.INCIDENT_DESCRIPTION, "Løs ledning over gulvet i stua.");
    ProcessInstance reported = runtimeService().startProcessInstanceByKey(Incidents.PROCESS, form);
    verify(incidents).reportStartedInTasklist(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().processInstanceId(reported.getId())
        .singleResult().getBusinessKey()).isEqualTo("UH-2026-000002");
    assertThat(reported).isWaitingAt("Task_ClassifyIncident");
  }

  @Test
  void anIncidentAnalysedAsNeedingNoMeasureIsClosedWithItsReason() {
    ProcessInstance instance = start("MINOR");

    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    assertThat(task()).hasCandidateGroup("team-leaders");
    Assertions.assertThat(task().getDueDate()).isEqualTo(DUE);
    Assertions.assertThat(task().getPriority()).isEqualTo(50);
    classify();

    assertThat(instance).isWaitingAt("Task_AnalyseCause");
    assertThat(task()).hasCandidateGroup("team-leaders");
    // ten working days from Thursday 3 December 2026
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-17T08:00:00Z")));
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.CAUSE_CATEGORIES, List.of("METHOD"),
        QualityVariables.CAUSE_DESCRIPTION, "Dosetten ble fylt ut fra en gammel liste.",
        QualityVariables.MEASURE_NEEDED, "NO"))).hasMessageContaining("Hvorfor ingen tiltak");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.CAUSE_CATEGORIES, List.of("WEATHER"),
        QualityVariables.CAUSE_DESCRIPTION, "Pasient 12034100160 fikk feil dosett.",
        QualityVariables.MEASURE_NEEDED, "NO", QualityVariables.CLOSE_REASON, "Engangshendelse.")))
        .hasMessageContaining("Årsaker").hasMessageContaining("fødselsnummer");
    assertThat(instance).isWaitingAt("Task_AnalyseCause");
    complete(task(), Map.of(QualityVariables.CAUSE_CATEGORIES, List.of("METHOD", "COMMUNICATION"),
        QualityVariables.CAUSE_DESCRIPTION, "Dosetten ble fylt ut fra en gammel liste.",
        QualityVariables.MEASURE_NEEDED, "NO", QualityVariables.CLOSE_REASON, "Listen er rettet; engangshendelse."));

    assertThat(instance).isEnded().hasPassed("EndEvent_ClosedWithoutMeasure").hasNotPassed("Task_PlanMeasure")
        .hasNotPassed("Task_ReportOnwards", "Task_RequestModelChange");
    verify(outbox, never()).send(any());
    verify(escalations).stepDone("UH-2026-000001", "Task_ClassifyIncident");
    verify(escalations).stepDone("UH-2026-000001", "Task_AnalyseCause");
  }

  @Test
  void aSeriousIncidentIsReportedOnwardsToHelsetilsynetByTheNextWorkingDayWithoutAPatient() {
    ProcessInstance instance = start("MODERATE");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "MEDICATION",
        QualityVariables.INCIDENT_CONSEQUENCE, "SERIOUS", QualityVariables.CLASSIFICATION_NOTE, "Innlagt etter feil dose."));

    assertThat(instance).isWaitingAt("Task_ReportOnwards");
    assertThat(task()).hasCandidateGroup("team-leaders").hasName("Meld videre til Helsetilsynet");
    // the next working day after Thursday 3 December 2026, the same time
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-04T08:00:00Z")));
    Assertions.assertThat(task().getPriority()).isEqualTo(95);
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), QualityVariables.ONWARD_TEXT))
        .startsWith("Hva skjedde: Dosett med feil ukedag levert.");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.ONWARD_TEXT,
        "Pasient 12034100160 fikk feil dose.", QualityVariables.ONWARD_CONTACT_NAME, "Marte Dahl")))
        .hasMessageContaining("fødselsnummer").hasMessageContaining("Telefon til kontaktpersonen");
    verify(outbox, never()).send(any());

    complete(task(), Map.of(QualityVariables.ONWARD_TEXT, "Feil dose insulin ga alvorlig hypoglykemi; innlagt.",
        QualityVariables.ONWARD_CONTACT_NAME, "Marte Dahl, teamleder", QualityVariables.ONWARD_CONTACT_PHONE,
        "75 55 50 00"));

    ArgumentCaptor<Outbox.Outgoing> sent = ArgumentCaptor.forClass(Outbox.Outgoing.class);
    verify(outbox).send(sent.capture());
    Outbox.Outgoing notification = sent.getValue();
    Assertions.assertThat(notification.channel()).isEqualTo(Channel.HEALTH_SUPERVISION);
    Assertions.assertThat(notification.patientId()).isNull();
    Assertions.assertThat(notification.reference()).isEqualTo("UH-2026-000001");
    Assertions.assertThat(notification.responsibleGroup()).isEqualTo("team-leaders");
    Assertions.assertThat(notification.payload()).containsEntry("incidentReference", "UH-2026-000001")
        .containsEntry("consequence", "Alvorlig").containsEntry("category", "Legemidler")
        .containsEntry("happenedAt", "2026-12-02T14:30").containsEntry("contactPhone", "75 55 50 00")
        .doesNotContainKeys("patientId", "patient", "patientLabel");
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), QualityVariables.ONWARD_MESSAGE_ID))
        .isEqualTo("MSG-2026-000043");
    // the receipt is recorded on the incident when it comes; the analysis does not wait for it
    assertThat(instance).hasPassed("Task_ReportOnwards").isWaitingAt("Task_AnalyseCause");
    verify(escalations).stepDone("UH-2026-000001", "Task_ReportOnwards");
  }

  @Test
  void aVerySeriousIncidentIsDueAtOnce() {
    ProcessInstance instance = start("VERY_SERIOUS");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "FALL",
        QualityVariables.INCIDENT_CONSEQUENCE, "DEATH_OR_NEAR"));

    assertThat(instance).isWaitingAt("Task_ReportOnwards");
    // «straks»: two hours after the classification
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-03T10:00:00Z")));
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), QualityVariables.ONWARD_DEADLINE_TEXT))
        .contains("straks");
  }

  @Test
  void anAvvikAboutTheModelGivesTheProcessOwnersAChangeRequest() {
    ProcessInstance instance = start("MINOR");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    classify();
    Map<String, Object> analysis = new HashMap<>(Map.of(QualityVariables.CAUSE_CATEGORIES, List.of("METHOD"),
        QualityVariables.CAUSE_DESCRIPTION, "Modellen sender utskrivningsklare pasienter rett til vedtak.",
        QualityVariables.MEASURE_NEEDED, "NO", QualityVariables.CLOSE_REASON, "Modellen må endres.",
        QualityVariables.MODEL_CHANGE_REQUESTED, true, QualityVariables.MODEL_CHANGE_PROCESS, "no-such-process"));
    Assertions.assertThatThrownBy(() -> complete(task(), analysis)).hasMessageContaining("Hvilken prosess")
        .hasMessageContaining("Hva er feil i modellen");
    verify(changeRequests, never()).request(any(), any(), any(), any(), any(), any());

    analysis.put(QualityVariables.MODEL_CHANGE_PROCESS, "allocation-case");
    analysis.put(QualityVariables.MODEL_CHANGE_ACTIVITY, "Svar sykehuset samme dag");
    analysis.put(QualityVariables.MODEL_CHANGE_DESCRIPTION, "Et steg for å kartlegge behov mangler før svaret.");
    complete(task(), analysis);

    assertThat(instance).hasPassed("Task_RequestModelChange").isEnded().hasPassed("EndEvent_ClosedWithoutMeasure");
    verify(changeRequests).request("0b8f7f9e-3a51-4c1e-9a43-6c2a4b1f7d10", "UH-2026-000001", "1804", "allocation-case",
        "Svar sykehuset samme dag", "Et steg for å kartlegge behov mangler før svaret.");
  }

  @Test
  void everyStepPastItsDueDateGoesToTheManagersAndTheStepStaysWithTheLeaders() {
    ProcessInstance instance = start("MODERATE");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    ArgumentCaptor<Escalations.OverdueStep> escalated = ArgumentCaptor.forClass(Escalations.OverdueStep.class);

    execute(job("Boundary_ClassifyIncidentOverdue"));
    assertThat(instance).hasPassed("Task_EscalateOverdueStep", "EndEvent_StepEscalated").isWaitingAt("Task_ClassifyIncident");
    complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "MEDICATION",
        QualityVariables.INCIDENT_CONSEQUENCE, "SERIOUS"));
    execute(job("Boundary_ReportOnwardsOverdue"));
    complete(task(), Map.of(QualityVariables.ONWARD_TEXT, "Feil dose.", QualityVariables.ONWARD_CONTACT_NAME,
        "Marte Dahl", QualityVariables.ONWARD_CONTACT_PHONE, "75 55 50 00"));
    execute(job("Boundary_AnalyseCauseOverdue"));
    analyseNeedingAMeasure();
    execute(job("Boundary_PlanMeasureOverdue"));
    complete(task(), measure("red-response-time", 6));
    execute(job("Timer_EffectCheck"));
    execute(job("Boundary_CheckEffectOverdue"));
    complete(task(), Map.of(QualityVariables.EFFECT_WORKED, "WORKED", QualityVariables.EFFECT_NOTE, "Bedring."));

    assertThat(instance).isEnded();
    verify(escalations, times(5)).escalate(escalated.capture());
    Assertions.assertThat(escalated.getAllValues()).extracting(Escalations.OverdueStep::step).containsExactly(
        "Task_ClassifyIncident", "Task_ReportOnwards", "Task_AnalyseCause", "Task_PlanMeasure", "Task_CheckEffect");
    Escalations.OverdueStep first = escalated.getAllValues().get(0);
    Assertions.assertThat(first.reference()).isEqualTo("UH-2026-000001");
    Assertions.assertThat(first.municipality()).isEqualTo("1804");
    Assertions.assertThat(first.category()).isEqualTo("MEDICATION");
    Assertions.assertThat(first.stepName()).isEqualTo("Klassifiser avvik");
    Assertions.assertThat(first.dueDate()).isEqualTo(DUE);
    for (String step : List.of("Task_ClassifyIncident", "Task_ReportOnwards", "Task_AnalyseCause", "Task_PlanMeasure",
        "Task_CheckEffect")) {
      verify(escalations).stepDone("UH-2026-000001", step);
    }
  }

  @Test
  void aMeasureThatWorkedClosesTheIncidentAfterItsEffectCheck() {
    ProcessInstance instance = start("MODERATE");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    classify();
    analyseNeedingAMeasure();

    assertThat(instance).isWaitingAt("Task_PlanMeasure");
    assertThat(task()).hasCandidateGroup("team-leaders");
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-10T08:00:00Z")));
    Assertions.assertThatThrownBy(() -> complete(task(), measure("no-such-indicator", 6)))
        .hasMessageContaining("Indikatoren tiltaket skal bedre");
    Assertions.assertThatThrownBy(() -> complete(task(), measure("red-response-time", 60)))
        .hasMessageContaining("Sjekk effekten etter antall uker");
    complete(task(), measure("red-response-time", 6));

    assertThat(instance).isWaitingAt("Timer_EffectCheck");
    Assertions.assertThat(runtimeService().getVariable(instance.getId(), QualityVariables.EFFECT_CHART_URL))
        .isEqualTo("/app/metrics/red-response-time?municipality=1804&periods=52&baseline=46");
    Assertions.assertThat(job().getDuedate()).isEqualTo(Date.from(Instant.parse("2027-01-14T06:00:00Z")));
    execute(job());

    assertThat(instance).isWaitingAt("Task_CheckEffect");
    assertThat(task()).hasCandidateGroup("team-leaders");
    Assertions.assertThat(task().getDueDate()).isNotNull();
    complete(task(), Map.of(QualityVariables.EFFECT_WORKED, "WORKED",
        QualityVariables.EFFECT_NOTE, "Svartiden er under senterlinjen seks uker på rad."));

    assertThat(instance).isEnded().hasPassed("EndEvent_IncidentClosed");
  }

  @Test
  void aMeasureThatDidNotWorkGivesANewMeasureToPlan() {
    ProcessInstance instance = start("SERIOUS");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    Assertions.assertThat(task().getPriority()).isEqualTo(90);
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "WEATHER",
        QualityVariables.INCIDENT_CONSEQUENCE, "SERIOUS"))).hasMessageContaining("Kategori");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "FALL",
        QualityVariables.INCIDENT_CONSEQUENCE, "TERRIBLE"))).hasMessageContaining("Konsekvens");
    assertThat(instance).isWaitingAt("Task_ClassifyIncident");
    verify(jdbc, never()).sql(anyString());
    classify();
    analyseNeedingAMeasure();
    complete(task(), measure("yellow-same-day", 4));
    execute(job());

    assertThat(instance).isWaitingAt("Task_CheckEffect");
    complete(task(), Map.of(QualityVariables.EFFECT_WORKED, "NOT_WORKED",
        QualityVariables.EFFECT_NOTE, "Ingen endring i andelen."));

    assertThat(instance).isWaitingAt("Task_PlanMeasure");
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), QualityVariables.MEASURE_HISTORY))
        .contains("Forrige tiltak virket ikke").contains("Fast ansvarlig");
    complete(task(), measure("yellow-same-day", 8));
    execute(job());
    complete(task(), Map.of(QualityVariables.EFFECT_WORKED, "WORKED", QualityVariables.EFFECT_NOTE, "Bedring."));

    assertThat(instance).isEnded().hasPassed("EndEvent_IncidentClosed");
  }

  private void classify() {
    complete(task(), Map.of(QualityVariables.INCIDENT_CATEGORY, "TRANSITION",
        QualityVariables.INCIDENT_CONSEQUENCE, "MODERATE",
        QualityVariables.CLASSIFICATION_NOTE, "Feilen oppsto i overgangen fra sykehuset."));
  }

  private void analyseNeedingAMeasure() {
    complete(task(), Map.of(QualityVariables.CAUSE_CATEGORIES, List.of("ORGANISATION"),
        QualityVariables.CAUSE_DESCRIPTION, "Ingen hadde ansvar for gule avvik etter klokken 15.",
        QualityVariables.MEASURE_NEEDED, "YES"));
  }

  private static Map<String, Object> measure(String indicator, int weeks) {
    return Map.of(QualityVariables.MEASURE_DESCRIPTION, "Fast ansvarlig sykepleier for gule avvik på ettermiddagen.",
        QualityVariables.MEASURE_OWNER, "Marte Dahl, teamleder", QualityVariables.MEASURE_DUE_DATE, "2026-12-20",
        QualityVariables.MEASURE_INDICATOR, indicator, QualityVariables.EFFECT_CHECK_WEEKS, weeks);
  }
}
