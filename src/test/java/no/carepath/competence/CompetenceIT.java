package no.carepath.competence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.followup.Enrolment;
import no.carepath.followup.Observations;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Task sharing by competence on the real platform: a red deviation of a patient on insulin requires
 * diabetes follow-up; a nurse without it is refused (engine REST, the webapps' REST, assignment,
 * delegation) with a Norwegian message naming the competence, and nothing changes; she hands it on
 * and the timers keep running; a trainee takes a task only under a supervisor; a team leader's
 * override is logged and counted; every completion is recorded with its competence; the register's
 * page and API refuse bad input.
 */
class CompetenceIT extends IntegrationTest {

  @Autowired
  TaskService tasks;

  @Autowired
  ManagementService management;

  @Autowired
  JdbcClient jdbc;

  private final Api api = new Api(PLATFORM);
  private final Enrolment enrolment = new Enrolment(api, PLATFORM);

  @Test
  void aNurseWithoutDiabetesCompetenceCannotTakeARedDeviationOfAPatientOnInsulinAndHandsItOn() {
    Enrolment.Patient patient = enrolment.measuring(true);
    assertThat(api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 86))
        .status()).isEqualTo(201);
    Task red = awaitTask(patient, "Task_HandleRedDeviation");
    assertThat(tasks.getVariableLocal(red.getId(), TaskCompetence.REQUIRED)).isEqualTo("dho-red-triage,diabetes-followup");
    assertThat((String) tasks.getVariableLocal(red.getId(), TaskCompetence.CARD))
        .contains("Diabetesoppfølging").contains("pasienten bruker insulin");

    // refused through the engine's REST API: claim, set assignee, delegate
    String jonas = api.tokenOf("jonas.lie");
    for (String[] call : List.of(new String[] {"claim", "userId"}, new String[] {"assignee", "userId"},
        new String[] {"delegate", "userId"})) {
      Api.Response refused = api.postJson("/engine-rest/task/" + red.getId() + "/" + call[0], jonas,
          Map.of(call[1], "jonas.lie"));
      assertThat(refused.status()).as(call[0] + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).startsWith("Kompetanse mangler:")
          .contains("«Diabetesoppfølging»").contains("/app/tasks/" + red.getId() + "/competence")
          .doesNotContain("Exception").doesNotContain("no.carepath");
    }
    // and through the Tasklist's own REST call
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    Api.Response tasklistClaim = nurse.sendJson("POST", "/camunda/api/engine/engine/default/task/" + red.getId() + "/claim",
        "{\"userId\":\"jonas.lie\"}");
    assertThat(tasklistClaim.status()).as(tasklistClaim.body()).isEqualTo(403);
    assertThat(tasklistClaim.json().path("message").asText()).contains("«Diabetesoppfølging»");
    // completing it unclaimed is refused the same way, and nothing of it is kept
    Api.Response complete = api.postJson("/engine-rest/task/" + red.getId() + "/complete", jonas,
        Map.of("variables", Map.of("deviationOutcome", Map.of("value", "NO_ACTION"), "deviationNote",
            Map.of("value", "Sett."))));
    assertThat(complete.status()).as(complete.body()).isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(red.getId()).singleResult().getAssignee()).isNull();
    assertThat(refusals(red.getId())).isEqualTo(5);

    // the page says why, suggests who could take it, and lets her hand it on
    Api.Response page = nurse.getPage("/app/tasks/" + red.getId() + "/competence");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Diabetesoppfølging").contains("mari.sandvik").doesNotContain("nora.lund");
    String timerBefore = timer(red);
    Api.Response noNote = nurse.postForm("/app/tasks/" + red.getId() + "/hand-on", Map.of("to", "mari.sandvik", "note", ""));
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.body()).contains("Skriv et notat");
    Api.Response toUnqualified = nurse.postForm("/app/tasks/" + red.getId() + "/hand-on",
        Map.of("to", "nora.lund", "note", "Pasienten bruker insulin."));
    assertThat(toUnqualified.status()).isEqualTo(400);
    assertThat(tasks.createTaskQuery().taskId(red.getId()).singleResult().getAssignee()).isNull();
    Api.Response handedOn = nurse.postForm("/app/tasks/" + red.getId() + "/hand-on",
        Map.of("to", "mari.sandvik", "note", "Insulinbruker, SpO2 86: trenger diabeteskompetanse."));
    assertThat(handedOn.status()).as(handedOn.body()).isEqualTo(200);
    Task after = tasks.createTaskQuery().taskId(red.getId()).singleResult();
    assertThat(after.getAssignee()).isEqualTo("mari.sandvik");
    assertThat(after.getDueDate()).isEqualTo(red.getDueDate());
    assertThat(timer(red)).as("the escalation timer keeps running").isEqualTo(timerBefore);
    assertThat(events(red.getId(), "HANDED_ON")).isEqualTo(1);

    // mari completes it; the accountability record says under which competence and level
    Api.Response done = api.postJson("/engine-rest/task/" + red.getId() + "/complete", api.tokenOf("mari.sandvik"),
        Map.of("variables", Map.of("deviationOutcome", Map.of("value", "NO_ACTION"), "deviationNote",
            Map.of("value", "Ringte pasienten; blodsukker og SpO2 i orden etter hvile."))));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    Map<String, Object> record = jdbc.sql("select * from competence_task_event where task_id = :task and kind = 'COMPLETED'")
        .param("task", red.getId()).query().singleRow();
    assertThat(record).containsEntry("user_id", "mari.sandvik").containsEntry("competence_code", "dho-red-triage")
        .containsEntry("level", "SUPERVISOR").containsEntry("qualified", true)
        .containsEntry("required", "dho-red-triage,diabetes-followup").containsEntry("reference", patient.episodeId());
  }

  @Test
  void aTraineeTakesATaskOnlyWithANamedSupervisorAndATeamLeaderMayOverrideWithAReason() {
    Enrolment.Patient patient = enrolment.measuring(false);
    assertThat(api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 86))
        .status()).isEqualTo(201);
    Task red = awaitTask(patient, "Task_HandleRedDeviation");
    assertThat(tasks.getVariableLocal(red.getId(), TaskCompetence.REQUIRED)).isEqualTo("dho-red-triage");
    // jonas may (no insulin), but nora is under training in red triage
    Api.Response alone = api.postJson("/engine-rest/task/" + red.getId() + "/claim", api.tokenOf("nora.lund"),
        Map.of("userId", "nora.lund"));
    assertThat(alone.status()).isEqualTo(403);
    assertThat(alone.json().path("message").asText()).contains("under opplæring").contains("veileder");
    BrowserSession nora = BrowserSession.login(PLATFORM, "nora.lund");
    Api.Response badSupervisor = nora.postForm("/app/tasks/" + red.getId() + "/supervised", Map.of("supervisor", "jonas.lie"));
    assertThat(badSupervisor.status()).isEqualTo(400);
    Api.Response supervised = nora.postForm("/app/tasks/" + red.getId() + "/supervised", Map.of("supervisor", "mari.sandvik"));
    assertThat(supervised.status()).as(supervised.body()).isEqualTo(200);
    assertThat(tasks.createTaskQuery().taskId(red.getId()).singleResult().getAssignee()).isEqualTo("nora.lund");
    Api.Response done = api.postJson("/engine-rest/task/" + red.getId() + "/complete", api.tokenOf("nora.lund"),
        Map.of("variables", Map.of("deviationOutcome", Map.of("value", "NO_ACTION"), "deviationNote",
            Map.of("value", "Vurdert sammen med Mari."))));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(jdbc.sql("select supervisor from competence_task_event where task_id = :task and kind = 'COMPLETED'")
        .param("task", red.getId()).query(String.class).single()).isEqualTo("mari.sandvik");

    // a second red deviation: only a team leader may override, with a reason; logged and counted
    Enrolment.Patient other = enrolment.measuring(true);
    assertThat(api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(other.nationalId(), 86))
        .status()).isEqualTo(201);
    Task insulin = awaitTask(other, "Task_HandleRedDeviation");
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    assertThat(nurse.postForm("/app/tasks/" + insulin.getId() + "/override",
        Map.of("user", "jonas.lie", "reason", "Ingen andre på vakt i kveld.")).status()).isEqualTo(400);
    BrowserSession leader = BrowserSession.login(PLATFORM, "marte.dahl");
    // only to someone who works these tasks in the municipality
    for (String outsider : List.of("ola.bakke", "ingrid.berg", "nobody.here")) {
      Api.Response refused = leader.postForm("/app/tasks/" + insulin.getId() + "/override",
          Map.of("user", outsider, "reason", "Ingen andre på vakt i kveld."));
      assertThat(refused.status()).as(outsider).isEqualTo(400);
      assertThat(refused.body()).contains("arbeider ikke med denne typen oppgaver");
    }
    assertThat(tasks.createTaskQuery().taskId(insulin.getId()).singleResult().getAssignee()).isNull();
    Api.Response shortReason = leader.postForm("/app/tasks/" + insulin.getId() + "/override",
        Map.of("user", "jonas.lie", "reason", "ok"));
    assertThat(shortReason.status()).isEqualTo(400);
    assertThat(shortReason.body()).contains("begrunnelse");
    Api.Response override = leader.postForm("/app/tasks/" + insulin.getId() + "/override",
        Map.of("user", "jonas.lie", "reason", "Mari er syk; jeg følger opp med Jonas på telefon."));
    assertThat(override.status()).as(override.body()).isEqualTo(200);
    assertThat(tasks.createTaskQuery().taskId(insulin.getId()).singleResult().getAssignee()).isEqualTo("jonas.lie");
    assertThat(api.postJson("/engine-rest/task/" + insulin.getId() + "/complete", api.tokenOf("jonas.lie"),
        Map.of("variables", Map.of("deviationOutcome", Map.of("value", "NO_ACTION"), "deviationNote",
            Map.of("value", "Vurdert med teamleder på telefon.")))).status()).isEqualTo(204);
    Map<String, Object> completed = jdbc.sql("select * from competence_task_event where task_id = :task and kind = 'COMPLETED'")
        .param("task", insulin.getId()).query().singleRow();
    assertThat(completed).containsEntry("qualified", false).containsEntry("reason", "OVERRIDE");
    assertThat(events(insulin.getId(), "OVERRIDE")).isEqualTo(1);
    // the managers' page counts it apart
    Api.Response coverage = BrowserSession.login(PLATFORM, "sigrid.holm").getPage("/app/competences/overview");
    assertThat(coverage.status()).isEqualTo(200);
    assertThat(coverage.body()).contains("Kompetansedekning").contains("Overstyrt av teamleder")
        .doesNotContain(other.nationalId());
  }

  @Test
  void theQualifiedFilterShowsOnlyTasksTheNurseHoldsTheCompetenceFor() {
    Enrolment.Patient insulin = enrolment.measuring(true);
    assertThat(api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(insulin.nationalId(), 86))
        .status()).isEqualTo(201);
    Task insulinTask = awaitTask(insulin, "Task_HandleRedDeviation");
    Enrolment.Patient plain = enrolment.measuring(false);
    assertThat(api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(plain.nationalId(), 86))
        .status()).isEqualTo(201);
    Task plainTask = awaitTask(plain, "Task_HandleRedDeviation");
    List<String> jonas = ids(BrowserSession.login(PLATFORM, "jonas.lie").filterList("Kvalifisert for meg"));
    assertThat(jonas).contains(plainTask.getId()).doesNotContain(insulinTask.getId());
    List<String> mari = ids(BrowserSession.login(PLATFORM, "mari.sandvik").filterList("Kvalifisert for meg"));
    assertThat(mari).contains(plainTask.getId(), insulinTask.getId());
    List<String> nora = ids(BrowserSession.login(PLATFORM, "nora.lund").filterList("Kvalifisert for meg"));
    assertThat(nora).doesNotContain(plainTask.getId(), insulinTask.getId());
  }

  @Test
  void theRegisterRefusesBadInputOnThePageAndTheApiAndLogsEveryChange() {
    BrowserSession leader = BrowserSession.login(PLATFORM, "marte.dahl");
    BrowserSession.login(PLATFORM, "jonas.lie");
    Api.Response page = leader.getPage("/app/competences");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Kompetansematrise").contains("jonas.lie").contains("Diabetesoppfølging");
    for (Map<String, String> bad : List.of(
        Map.of("user", "", "competence", "wound-care", "level", "INDEPENDENT"),
        Map.of("user", "jonas.lie", "competence", "astrology", "level", "INDEPENDENT"),
        Map.of("user", "jonas.lie", "competence", "wound-care", "level", "EXPERT"),
        Map.of("user", "jonas.lie", "competence", "dho-red-triage", "level", "INDEPENDENT", "validFrom", "2026-13-01"),
        Map.of("user", "jonas.lie", "competence", "dho-red-triage", "level", "INDEPENDENT", "validUntil", "2099-01-01"),
        Map.of("user", "marte.dahl", "competence", "wound-care", "level", "INDEPENDENT"),
        Map.of("user", "ola.bakke", "competence", "wound-care", "level", "INDEPENDENT"),
        Map.of("user", "<script>", "competence", "wound-care", "level", "INDEPENDENT"))) {
      Api.Response refused = leader.postForm("/app/competences/holdings", bad);
      assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
      assertThat(refused.body()).contains("Endringen ble ikke lagret").doesNotContain("Exception").doesNotContain("<script>");
    }
    long logged = jdbc.sql("select count(*) from competence_log where changed_by = 'marte.dahl'").query(Long.class).single();
    Api.Response saved = leader.postForm("/app/competences/holdings", Map.of("user", "jonas.lie", "competence",
        "diabetes-followup", "level", "UNDER_TRAINING", "note", "Startet diabeteskurs."));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.body()).contains("Lagret");
    assertThat(jdbc.sql("select count(*) from competence_log where changed_by = 'marte.dahl'").query(Long.class).single())
        .isEqualTo(logged + 1);
    // another municipality's team leader sees nothing of it; a nurse cannot open the register
    assertThat(BrowserSession.login(PLATFORM, "kari.eide").getPage("/app/competences").body()).doesNotContain("jonas.lie");
    assertThat(BrowserSession.login(PLATFORM, "jonas.lie").getPage("/app/competences").status()).isEqualTo(403);

    // the API: same rules, problem JSON
    String token = api.tokenOf("marte.dahl");
    Api.Response badLevel = api.putJson("/api/competences/holdings/1804/jonas.lie/wound-care", token,
        Map.of("level", "EXPERT"));
    assertThat(badLevel.status()).isEqualTo(400);
    assertThat(badLevel.body()).contains("Nivået").doesNotContain("Exception");
    assertThat(api.putJson("/api/competences/holdings/1806/ola.bakke/wound-care", token, Map.of("level", "INDEPENDENT"))
        .status()).isEqualTo(404);
    Api.Response put = api.putJson("/api/competences/holdings/1804/jonas.lie/diabetes-followup", token,
        Map.of("level", "INDEPENDENT", "note", "Kurs bestått."));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("level").asText()).isEqualTo("INDEPENDENT");
    assertThat(put.json().path("validUntil").asText()).isNotBlank();
    assertThat(api.get("/api/competences", api.tokenOf("jonas.lie")).json().size())
        .isEqualTo(CompetenceCatalogue.all().size());
    assertThat(api.get("/api/competences/holdings", api.tokenOf("jonas.lie")).status()).isEqualTo(403);
    assertThat(api.delete("/api/competences/holdings/1804/jonas.lie/diabetes-followup", token).status()).isEqualTo(204);
    assertThat(api.delete("/api/competences/holdings/1804/jonas.lie/diabetes-followup", token).status()).isEqualTo(404);
  }

  private Task awaitTask(Enrolment.Patient patient, String key) {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> tasks.createTaskQuery().processDefinitionKey("followup-deviation").taskDefinitionKey(key)
            .processVariableValueEquals("episodeId", patient.episodeId()).singleResult(), task -> task != null);
  }

  private String timer(Task task) {
    return management.createJobQuery().processInstanceId(task.getProcessInstanceId()).timers().list().stream()
        .map(job -> job.getId() + "@" + job.getDuedate().toInstant()).sorted().toList().toString();
  }

  private long refusals(String taskId) {
    return events(taskId, "REFUSED");
  }

  private long events(String taskId, String kind) {
    return jdbc.sql("select count(*) from competence_task_event where task_id = :task and kind = :kind")
        .param("task", taskId).param("kind", kind).query(Long.class).single();
  }

  private static List<String> ids(JsonNode list) {
    return Api.list(list.path("_embedded").path("task")).stream().map(task -> task.path("id").asText()).toList();
  }
}
