package no.carepath.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reporting an avvik as its users do, on PostgreSQL, Keycloak and the engine: a case worker reports
 * from her own task (the task gives the municipality, where in the pathway and the patient), the
 * team leaders of her municipality get «Klassifiser avvik» and nobody else does; bad reports come back
 * with every problem in Norwegian and store nothing, also a national ID number typed into the text; a
 * task of another municipality is not hers to report from; anonymous only where the municipality
 * allows it. Onwards: a serious avvik is reported to Helsetilsynet's simulator through the outbox, with
 * no patient in it, and its receipt is recorded on the avvik; a change request reaches the process
 * owners' Tasklist filter and its answer the avvik; a step past its deadline gives the managers a task
 * that names no patient, while the avvik's own variables stay closed to them.
 */
class IncidentsIT extends IntegrationTest {

  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService tasks;
  @Autowired
  org.camunda.bpm.engine.ManagementService management;

  private final Api api = new Api(PLATFORM);

  @Test
  void aCaseWorkerReportsFromHerTaskAndTheTeamLeadersGetItToClassify() {
    String caseId = api.postJson("/api/intake/applications", api.integrationsToken(), Referrals.application()).json()
        .path("caseId").asText();
    JsonNode task = awaitAssessment("ingrid.berg", caseId);
    BrowserSession office = BrowserSession.login(PLATFORM, "ingrid.berg");

    Api.Response form = office.getPage("/app/incidents/new?task=" + task.path("id").asText());
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("Meld avvik").contains("Meldes fra oppgaven").contains(task.path("name").asText())
        .contains("Legemidler").contains("Død eller nær død").contains("lang=\"nb\"");

    Map<String, String> fields = valid();
    fields.put("task", task.path("id").asText());
    Api.Response reported = office.postForm("/app/incidents", fields);
    assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    assertThat(reported.body()).contains("Avviket er meldt").contains("UH-");
    String reference = reported.body().replaceAll("(?s).*(UH-\\d{4}-\\d{6}).*", "$1");

    Map<String, Object> row = jdbc.sql("select * from quality_incident where reference = :reference")
        .param("reference", reference).query().singleRow();
    assertThat(row).containsEntry("municipality_number", "1804").containsEntry("process_key", "allocation-case")
        .containsEntry("activity_id", "Task_AssessNeeds").containsEntry("reported_by", "ingrid.berg")
        .containsEntry("category", "MEDICATION").containsEntry("consequence", "MODERATE")
        .containsEntry("status", "REPORTED");
    assertThat(row.get("patient_id")).isNotNull();

    Task classify = tasks.createTaskQuery().processInstanceBusinessKey(reference).singleResult();
    assertThat(classify.getTaskDefinitionKey()).isEqualTo("Task_ClassifyIncident");
    assertThat(classify.getTenantId()).isEqualTo("1804");
    assertThat(classify.getDueDate()).isNotNull();
    String leaderTasks = BrowserSession.login(PLATFORM, "marte.dahl")
        .getJson("/camunda/api/engine/engine/default/task?maxResults=500").body();
    assertThat(leaderTasks).contains(classify.getId());
    assertThat(BrowserSession.login(PLATFORM, "kari.eide").getJson("/camunda/api/engine/engine/default/task?maxResults=500")
        .body()).doesNotContain(classify.getId());
  }

  @Test
  void aBadReportComesBackWithEveryProblemAndNothingIsStored() {
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    long before = incidents();

    Map<String, String> empty = new HashMap<>();
    Api.Response refused = nurse.postForm("/app/incidents", empty);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("Avviket er ikke meldt ennå").contains("Velg «Kategori»")
        .contains("Velg «Konsekvens»").contains("«Hva skjedde» må fylles ut").contains("Skriv når det skjedde")
        .doesNotContain("Exception").doesNotContain("no.carepath");

    Map<String, String> typedId = valid();
    typedId.put("description", "Pasient 120341 00160 fikk feil dose.");
    Api.Response withId = nurse.postForm("/app/incidents", typedId);
    assertThat(withId.status()).isEqualTo(400);
    assertThat(withId.body()).contains("ser ut til å inneholde et fødselsnummer");

    Map<String, String> unknown = valid();
    unknown.put("category", "WEATHER");
    unknown.put("happenedAt", LocalDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(2).toString());
    Api.Response wrong = nurse.postForm("/app/incidents", unknown);
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("«Kategori» må være ett av valgene").contains("kan ikke være fram i tid")
        // what was typed comes back
        .contains("Dosetten hadde feil ukedag");

    assertThat(incidents()).isEqualTo(before);
  }

  @Test
  void anotherMunicipalitysTaskIsNotHersAndAnonymousOnlyWhereAllowed() {
    String narvikCase = api.postJson("/api/intake/applications", api.integrationsToken(), narvik()).json()
        .path("caseId").asText();
    JsonNode narvikTask = awaitAssessment("hanne.strand", narvikCase);
    BrowserSession bodo = BrowserSession.login(PLATFORM, "ingrid.berg");
    long before = incidents();

    Api.Response form = bodo.getPage("/app/incidents/new?task=" + narvikTask.path("id").asText());
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("Oppgaven finnes ikke, er ferdig, eller er ikke din")
        .doesNotContain(narvikTask.path("name").asText() + "</strong>");
    Map<String, String> fromNarvik = valid();
    fromNarvik.put("task", narvikTask.path("id").asText());
    assertThat(bodo.postForm("/app/incidents", fromNarvik).status()).isEqualTo(400);
    Map<String, String> toNarvik = valid();
    toNarvik.put("municipality", "1806");
    assertThat(bodo.postForm("/app/incidents", toNarvik).body()).contains("bare melde avvik i din egen kommune");

    // Narvik does not take anonymous reports; Bodø (the demo's setting) does
    Map<String, String> anonymous = valid();
    anonymous.put("anonymous", "true");
    assertThat(BrowserSession.login(PLATFORM, "ola.bakke").postForm("/app/incidents", anonymous).body())
        .contains("tar ikke imot anonyme avviksmeldinger");
    assertThat(incidents()).isEqualTo(before);

    Api.Response accepted = bodo.postForm("/app/incidents", anonymous);
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body()).contains("navnet ditt er ikke lagret");
    String reference = accepted.body().replaceAll("(?s).*(UH-\\d{4}-\\d{6}).*", "$1");
    assertThat(jdbc.sql("select reported_by is null and anonymous from quality_incident where reference = :reference")
        .param("reference", reference).query(Boolean.class).single()).isTrue();
  }

  @Test
  void theTeamLeaderClassifiesAnalysesPlansAMeasureAndChecksItsEffect() {
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    Api.Response reported = nurse.postForm("/app/incidents", valid());
    String reference = reported.body().replaceAll("(?s).*(UH-\\d{4}-\\d{6}).*", "$1");
    String leader = api.tokenOf("marte.dahl");

    complete(leader, reference, "Task_ClassifyIncident", Map.of(
        "incidentCategory", string("TRANSITION"), "incidentConsequence", string("MODERATE"),
        "classificationNote", string("Feilen oppsto i overgangen fra sykehuset.")));
    assertThat(status(reference)).isEqualTo("CLASSIFIED");
    // refused: the task stays, nothing written
    assertThat(api.postJson("/engine-rest/task/" + task(reference).getId() + "/claim", leader,
        Map.of("userId", "marte.dahl")).status()).isIn(200, 204);
    Api.Response refused = api.postJson("/engine-rest/task/" + task(reference).getId() + "/complete", leader,
        Map.of("variables", Map.of("causeCategories", json("[\"ORGANISATION\"]"),
            "causeDescription", string("Pasient 120341 00160 fikk feil dosett."), "measureNeeded", string("YES"))));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("fødselsnummer").doesNotContain("Exception");
    complete(leader, reference, "Task_AnalyseCause", Map.of("causeCategories", json("[\"ORGANISATION\", \"METHOD\"]"),
        "causeDescription", string("Ingen hadde ansvar for dosetter etter utskrivning."), "measureNeeded", string("YES")));
    assertThat(status(reference)).isEqualTo("ANALYSED");
    complete(leader, reference, "Task_PlanMeasure", Map.of("measureDescription", string("Sjekkliste ved utskrivning."),
        "measureOwner", string("Marte Dahl, teamleder"), "measureDueDate", string(java.time.LocalDate.now().plusDays(14)
            .toString()), "measureIndicator", string("readmissions-rate"),
        "effectCheckWeeks", Map.of("value", 6, "type", "Integer")));
    assertThat(status(reference)).isEqualTo("MEASURES");
    Map<String, Object> measure = jdbc.sql("""
        select m.* from quality_measure m join quality_incident i on i.incident_id = m.incident_id
        where i.reference = :reference""").param("reference", reference).query().singleRow();
    assertThat(measure).containsEntry("indicator_id", "readmissions-rate").containsEntry("owner", "Marte Dahl, teamleder")
        .containsEntry("planned_by", "marte.dahl");
    assertThat(measure.get("effect")).isNull();

    String instance = jdbc.sql("select process_instance_id from quality_incident where reference = :reference")
        .param("reference", reference).query(String.class).single();
    management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
    complete(leader, reference, "Task_CheckEffect", Map.of("effectWorked", string("WORKED"),
        "effectNote", string("Færre reinnleggelser seks uker på rad.")));
    assertThat(status(reference)).isEqualTo("CLOSED");
    assertThat(jdbc.sql("""
        select m.effect from quality_measure m join quality_incident i on i.incident_id = m.incident_id
        where i.reference = :reference""").param("reference", reference).query(String.class).single())
        .isEqualTo("WORKED");
  }

  @Test
  void aSeriousAvvikIsReportedToHelsetilsynetWithoutThePatientAndItsReceiptIsRecorded() {
    String reference = reportFromATask("SERIOUS");
    String leader = api.tokenOf("marte.dahl");
    complete(leader, reference, "Task_ClassifyIncident", Map.of("incidentCategory", string("MEDICATION"),
        "incidentConsequence", string("SERIOUS")));
    Task onward = task(reference);
    assertThat(onward.getTaskDefinitionKey()).isEqualTo("Task_ReportOnwards");
    assertThat(onward.getName()).isEqualTo("Meld videre til Helsetilsynet");
    assertThat(onward.getDueDate()).isNotNull();
    int before = PLATFORM.healthSupervision().received().size();

    complete(leader, reference, "Task_ReportOnwards", Map.of("onwardText",
        string("Feil dose insulin ga alvorlig hypoglykemi; pasienten ble innlagt."),
        "onwardContactName", string("Marte Dahl, teamleder"), "onwardContactPhone", string("75 55 50 00")));

    // the analysis goes on at once; the notification on its own way
    assertThat(task(reference).getTaskDefinitionKey()).isEqualTo("Task_AnalyseCause");
    Map<String, Object> row = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> jdbc.sql("select * from quality_incident where reference = :reference")
            .param("reference", reference).query().singleRow(), found -> found.get("reported_onwards_at") != null);
    assertThat(row.get("onward_receipt_id").toString()).startsWith("HTIL-");
    assertThat(row).containsEntry("onward_receipt_status", "OK").containsEntry("onward_reported_by", "marte.dahl");
    assertThat(row.get("onward_sent_at")).isNotNull();
    List<JsonNode> received = PLATFORM.healthSupervision().received();
    assertThat(received).hasSize(before + 1);
    JsonNode notification = received.get(before);
    assertThat(notification.path("incidentReference").asText()).isEqualTo(reference);
    assertThat(notification.path("text").asText()).startsWith("Feil dose insulin");
    assertThat(notification.has("patient")).isFalse();
    String nationalId = jdbc.sql("select p.national_id from patient p join quality_incident i on i.patient_id = p.id"
        + " where i.reference = :reference").param("reference", reference).query(String.class).single();
    assertThat(notification.toString()).doesNotContain(nationalId);
    assertThat(jdbc.sql("select patient_id is null from messaging_outbox where message_id = :id")
        .param("id", row.get("onward_message_id")).query(Boolean.class).single()).isTrue();
  }

  @Test
  void aChangeRequestReachesTheProcessOwnersFilterAndTheirAnswerTheAvvik() {
    String reference = reportFromATask("MODERATE");
    String leader = api.tokenOf("marte.dahl");
    complete(leader, reference, "Task_ClassifyIncident", Map.of("incidentCategory", string("TRANSITION"),
        "incidentConsequence", string("MODERATE")));
    complete(leader, reference, "Task_AnalyseCause", Map.of("causeCategories", json("[\"METHOD\"]"),
        "causeDescription", string("Kartleggingen kommer for sent i modellen."), "measureNeeded", string("YES"),
        "modelChangeRequested", Map.of("value", true, "type", "Boolean"),
        "modelChangeProcess", string("allocation-case"), "modelChangeActivity", string("Kartlegg behov"),
        "modelChangeDescription", string("Kartleggingen bør starte før svaret til sykehuset.")));

    Task request = tasks.createTaskQuery().processDefinitionKey("quality-change-request")
        .processInstanceBusinessKey(reference).singleResult();
    assertThat(request.getName()).isEqualTo("Vurder endringsønske");
    BrowserSession owner = BrowserSession.login(PLATFORM, "erik.moen");
    JsonNode cards = owner.filterList("Endringsønsker");
    assertThat(cards.toString()).contains(request.getId()).contains(reference);
    // nothing of the avvik's own process, and no patient, in the owner's form
    assertThat(owner.getJson("/camunda/api/engine/engine/default/task/" + request.getId() + "/form-variables").body())
        .contains("Kartleggingen bør starte").doesNotContain("patient").doesNotContain("Dosetten hadde feil ukedag");
    assertThat(BrowserSession.login(PLATFORM, "even.nygard").getJson("/camunda/api/engine/engine/default/task?maxResults=500")
        .body()).doesNotContain(request.getId());

    String ownerToken = api.tokenOf("erik.moen");
    assertThat(api.postJson("/engine-rest/task/" + request.getId() + "/claim", ownerToken, Map.of("userId", "erik.moen"))
        .status()).isIn(200, 204);
    Api.Response answered = api.postJson("/engine-rest/task/" + request.getId() + "/complete", ownerToken,
        Map.of("variables", Map.of("changeOutcome", string("ACCEPTED"),
            "changeOutcomeReason", string("Tas med i neste versjon."))));
    assertThat(answered.status()).as(answered.body()).isIn(200, 204);
    assertThat(jdbc.sql("select c.outcome from quality_change_request c join quality_incident i"
        + " on i.incident_id = c.incident_id where i.reference = :reference").param("reference", reference)
        .query(String.class).single()).isEqualTo("ACCEPTED");
    Task plan = task(reference);
    assertThat(plan.getTaskDefinitionKey()).isEqualTo("Task_PlanMeasure");
    assertThat(tasks.getVariable(plan.getId(), "changeRequestOutcome").toString()).contains("Godtatt")
        .contains("Tas med i neste versjon.");
  }

  @Test
  void aStepPastItsDeadlineGivesTheManagersATaskWithoutThePatientAndEndsWhenTheStepIsDone() {
    String reference = reportFromATask("MODERATE");
    String instance = jdbc.sql("select process_instance_id from quality_incident where reference = :reference")
        .param("reference", reference).query(String.class).single();
    String patientId = jdbc.sql("select patient_id::text from quality_incident where reference = :reference")
        .param("reference", reference).query(String.class).single();
    String nationalId = jdbc.sql("select p.national_id from patient p join quality_incident i on i.patient_id = p.id"
        + " where i.reference = :reference").param("reference", reference).query(String.class).single();
    management.executeJob(management.createJobQuery().processInstanceId(instance)
        .activityId("Boundary_ClassifyIncidentOverdue").singleResult().getId());
    Task escalated = tasks.createTaskQuery().processDefinitionKey("quality-escalation")
        .processInstanceBusinessKey(reference + "/Task_ClassifyIncident").singleResult();
    assertThat(escalated.getName()).isEqualTo("Følg opp avvik på overtid");
    assertThat(escalated.getTenantId()).isEqualTo("1804");
    assertThat(task(reference).getTaskDefinitionKey()).isEqualTo("Task_ClassifyIncident");

    String manager = api.tokenOf("sigrid.holm");
    JsonNode cards = BrowserSession.login(PLATFORM, "sigrid.holm").filterList("Avvik på overtid");
    assertThat(cards.toString()).contains(escalated.getId()).contains(reference);
    Api.Response variables = api.get("/engine-rest/task/" + escalated.getId() + "/variables", manager);
    assertThat(variables.status()).isEqualTo(200);
    assertThat(variables.json().fieldNames()).toIterable().noneMatch(name -> name.toLowerCase().contains("patient"));
    assertThat(variables.body()).contains(reference).contains("Legemidler").contains("Klassifiser avvik")
        .doesNotContain(patientId).doesNotContain(nationalId).doesNotContain("Dosetten hadde feil ukedag");
    // the avvik's own process: no task, no variable for the manager
    assertThat(api.get("/engine-rest/task?processInstanceId=" + instance, manager).json()).isEmpty();
    assertThat(api.get("/engine-rest/process-instance/" + instance + "/variables", manager).status()).isEqualTo(403);
    assertThat(BrowserSession.login(PLATFORM, "sigrid.holm")
        .getJson("/camunda/api/engine/engine/default/variable-instance?processInstanceIdIn=" + instance).status())
        .isEqualTo(403);
    assertThat(BrowserSession.login(PLATFORM, "tone.haugen").getJson("/camunda/api/engine/engine/default/task?maxResults=500")
        .body()).doesNotContain(escalated.getId());

    complete(api.tokenOf("marte.dahl"), reference, "Task_ClassifyIncident", Map.of("incidentCategory",
        string("MEDICATION"), "incidentConsequence", string("MODERATE")));

    assertThat(tasks.createTaskQuery().taskId(escalated.getId()).count()).isZero();
    assertThat(jdbc.sql("select e.step_done_at is not null from quality_escalation e join quality_incident i"
        + " on i.incident_id = e.incident_id where i.reference = :reference").param("reference", reference)
        .query(Boolean.class).single()).isTrue();
  }

  /** A case worker reports an avvik from her task (so it has a patient); its reference. */
  @Test
  void anAvvikIsReportedFromACasePageWithItsPatientAndOnlyByThoseWhoMayOpenIt() {
    String caseId = api.postJson("/api/intake/applications", api.integrationsToken(), Referrals.application()).json()
        .path("caseId").asText();
    BrowserSession office = BrowserSession.login(PLATFORM, "ingrid.berg");
    assertThat(office.getPage("/app/cases/" + caseId).body()).contains("Meld avvik fra saken")
        .contains("/app/incidents/new?from=case:" + caseId);

    Api.Response form = office.getPage("/app/incidents/new?from=case:" + caseId);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("Meldes fra").contains("saken " + caseId).doesNotContain("Oppgaven finnes ikke");
    Map<String, String> fields = valid();
    fields.put("task", "case:" + caseId);
    Api.Response reported = office.postForm("/app/incidents", fields);
    assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    String reference = reported.body().replaceAll("(?s).*(UH-\\d{4}-\\d{6}).*", "$1");
    Map<String, Object> row = jdbc.sql("select * from quality_incident where reference = :reference")
        .param("reference", reference).query().singleRow();
    assertThat(row).containsEntry("process_key", "allocation-case").containsEntry("municipality_number", "1804")
        .containsEntry("task_id", null).containsEntry("activity_id", null);
    assertThat(row.get("patient_id")).isEqualTo(jdbc.sql("select patient_id from allocation_case where case_id = :id")
        .param("id", caseId).query(java.util.UUID.class).single());

    // a nurse does not open case pages, a Narvik case worker not Bodø's: no patient is linked, and they are told
    long before = incidents();
    for (String other : List.of("jonas.lie", "hanne.strand")) {
      BrowserSession session = BrowserSession.login(PLATFORM, other);
      assertThat(session.getPage("/app/incidents/new?from=case:" + caseId).body()).as(other)
          .contains("finnes ikke, eller du har ikke tilgang").doesNotContain("saken " + caseId);
      Map<String, String> sneaky = valid();
      sneaky.put("task", "case:" + caseId);
      Api.Response refused = session.postForm("/app/incidents", sneaky);
      assertThat(refused.status()).as(other).isEqualTo(400);
      assertThat(refused.body()).contains("finnes ikke, eller du har ikke tilgang");
    }
    assertThat(incidents()).isEqualTo(before);
  }

  @Test
  void anAvvikIsReportedWithTheStartFormInTheTasklistInTheReportersMunicipality() {
    String engine = "/camunda/api/engine/engine/default";
    String start = engine + "/process-definition/key/quality-incident/submit-form";
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    nurse.getPage("/camunda/app/tasklist/default/");
    String startable = nurse.getJson(engine + "/process-definition?latest=true&active=true&startableInTasklist=true"
        + "&startablePermissionCheck=true&maxResults=50").body();
    assertThat(startable).contains("\"key\":\"quality-incident\"").doesNotContain("\"key\":\"allocation-case\"");
    LocalDateTime hourAgo = LocalDateTime.now(ZoneId.of("Europe/Oslo")).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
    String day = hourAgo.toLocalDate().toString();
    String time = hourAgo.toLocalTime().toString();

    long before = incidents();
    Api.Response bad = nurse.sendJson("POST", start, """
        {"variables": {"incidentKind": {"value": "EVENT"}, "incidentHappenedOn": {"value": "%s"},
          "incidentHappenedTime": {"value": "%s"},
          "incidentConsequence": {"value": "MINOR"},
          "incidentDescription": {"value": "Pasient 12034100160 falt i badet."}}}""".formatted(day, time));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("Velg «Kategori»").contains("fødselsnummer").doesNotContain("Exception")
        .doesNotContain("org.camunda");
    Api.Response forged = nurse.sendJson("POST", start, """
        {"variables": {"incidentId": {"value": "7c9e6679-7425-40de-944b-e07fc1f90ae7"},
          "municipalityNumber": {"value": "1806"}}}""");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).contains("ikke et felt i skjemaet");
    assertThat(incidents()).isEqualTo(before);

    Api.Response started = nurse.sendJson("POST", start, """
        {"variables": {"incidentKind": {"value": "NEAR_MISS"}, "incidentHappenedOn": {"value": "%s"},
          "incidentHappenedTime": {"value": "%s"},
          "incidentCategory": {"value": "FALL"}, "incidentConsequence": {"value": "NONE"},
          "incidentDescription": {"value": "Løs ledning over gulvet i stua hos en bruker."}}}""".formatted(day, time));
    assertThat(started.status()).as(started.body()).isEqualTo(200);
    String instance = started.json().path("id").asText();
    Map<String, Object> row = jdbc.sql("select * from quality_incident where process_instance_id = :instance")
        .param("instance", instance).query().singleRow();
    assertThat(row).containsEntry("municipality_number", "1804").containsEntry("reported_by", "jonas.lie")
        .containsEntry("anonymous", false).containsEntry("category", "FALL").containsEntry("kind", "NEAR_MISS")
        .containsEntry("patient_id", null).containsEntry("status", "REPORTED");
    Task classify = task((String) row.get("reference"));
    assertThat(classify.getTaskDefinitionKey()).isEqualTo("Task_ClassifyIncident");
    assertThat(classify.getTenantId()).isEqualTo("1804");

    // someone in two municipalities chooses on the page
    BrowserSession both = BrowserSession.login(PLATFORM, "mari.sandvik");
    both.getPage("/camunda/app/tasklist/default/");
    Api.Response ambiguous = both.sendJson("POST", start, """
        {"variables": {"incidentKind": {"value": "EVENT"}, "incidentHappenedOn": {"value": "%s"},
          "incidentHappenedTime": {"value": "%s"},
          "incidentCategory": {"value": "FALL"}, "incidentConsequence": {"value": "MINOR"},
          "incidentDescription": {"value": "Fall i gangen."}}}""".formatted(day, time));
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.body()).contains("Du hører til flere kommuner");
  }

  private String reportFromATask(String consequence) {
    String caseId = api.postJson("/api/intake/applications", api.integrationsToken(), Referrals.application()).json()
        .path("caseId").asText();
    JsonNode task = awaitAssessment("ingrid.berg", caseId);
    Map<String, String> fields = valid();
    fields.put("task", task.path("id").asText());
    fields.put("consequence", consequence);
    Api.Response reported = BrowserSession.login(PLATFORM, "ingrid.berg").postForm("/app/incidents", fields);
    assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    return reported.body().replaceAll("(?s).*(UH-\\d{4}-\\d{6}).*", "$1");
  }

  /** The cards of a Tasklist filter, as the Tasklist asks for them. */
  private void complete(String token, String reference, String taskKey, Map<String, Object> variables) {
    Task open = task(reference);
    assertThat(open.getTaskDefinitionKey()).isEqualTo(taskKey);
    assertThat(api.postJson("/engine-rest/task/" + open.getId() + "/claim", token, Map.of("userId", "marte.dahl"))
        .status()).isIn(200, 204);
    Api.Response done = api.postJson("/engine-rest/task/" + open.getId() + "/complete", token,
        Map.of("variables", variables));
    assertThat(done.status()).as(done.body()).isIn(200, 204);
  }

  private Task task(String reference) {
    return tasks.createTaskQuery().processDefinitionKey(Incidents.PROCESS).processInstanceBusinessKey(reference)
        .singleResult();
  }

  private String status(String reference) {
    return jdbc.sql("select status from quality_incident where reference = :reference").param("reference", reference)
        .query(String.class).single();
  }

  private static Map<String, Object> string(String value) {
    return Map.of("value", value, "type", "String");
  }

  private static Map<String, Object> json(String value) {
    return Map.of("value", value, "type", "Json");
  }

  private long incidents() {
    return jdbc.sql("select count(*) from quality_incident").query(Long.class).single();
  }

  private static Map<String, String> valid() {
    Map<String, String> fields = new HashMap<>();
    fields.put("kind", "EVENT");
    fields.put("happenedAt", LocalDateTime.now(ZoneId.of("Europe/Oslo")).minusHours(2).truncatedTo(ChronoUnit.MINUTES)
        .toString());
    fields.put("category", "MEDICATION");
    fields.put("consequence", "MODERATE");
    fields.put("description", "Dosetten hadde feil ukedag; pasienten tok tirsdagens tabletter på mandag.");
    fields.put("immediateAction", "Byttet dosett og ringte fastlegen.");
    return fields;
  }

  private static Map<String, Object> narvik() {
    Map<String, Object> application = Referrals.application();
    application.put("municipalityNumber", "1806");
    return application;
  }

  private JsonNode awaitAssessment(String user, String caseId) {
    String token = api.tokenOf(user);
    List<JsonNode> found = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> Api.list(api.get("/engine-rest/task?taskDefinitionKey=Task_AssessNeeds&processVariables=caseId_eq_"
            + caseId, token).json()), list -> list.size() == 1);
    return found.get(0);
  }
}
