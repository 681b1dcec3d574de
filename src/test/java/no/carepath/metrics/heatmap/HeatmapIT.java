package no.carepath.metrics.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.followup.Enrolment;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The heatmap against the engine's history on real PostgreSQL: deviations run through
 * {@code followup-deviation} (one closed after its due date, one waiting), an application in Narvik, and
 * the answer of {@code /api/metrics/heatmap} and of the Cockpit plugin checked against a direct count over
 * {@code act_hi_actinst} and percentiles computed here from the raw durations; each caller sees only their
 * own municipalities, a nurse nothing, and no answer names an instance or a patient.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeatmapIT extends IntegrationTest {

  private static final String HEATMAP = "/api/metrics/heatmap";
  private static final String COCKPIT = "/camunda/api/cockpit/plugin/carepath-heatmap/default/activities";

  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;

  private Enrolment.Patient patient;
  private JsonNode closed;
  private JsonNode waiting;
  private String narvikCase;

  @BeforeAll
  void runInstancesThroughTheProcesses() {
    DeviationRuns runs = new DeviationRuns(api, PLATFORM);
    patient = runs.measuringPatient();
    closed = runs.openRedDeviation(patient);
    // the nurse takes it an hour after its deadline
    Task late = taskService.createTaskQuery().taskId(closed.path("id").asText()).singleResult();
    late.setDueDate(Date.from(Instant.now().minus(Duration.ofHours(1))));
    taskService.saveTask(late);
    runs.closeWithoutAction(closed);
    waiting = runs.openRedDeviation(patient);

    Map<String, Object> application = Referrals.application();
    application.put("municipalityNumber", "1806");
    Api.Response received = api.postJson("/api/intake/applications", api.integrationsToken(), application);
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    narvikCase = received.json().path("caseId").asText();
  }

  @Test
  void theFiguresAreTheHistoryCountedDirectly() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode heatmap = heatmap("sigrid.holm", "process=followup-deviation&days=30");
      Instant from = Instant.parse(heatmap.path("from").asText());
      Instant to = Instant.parse(heatmap.path("to").asText());
      assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
      assertThat(counts(heatmap)).isEqualTo(directCounts("followup-deviation", null, List.of("1804"), from));

      JsonNode task = activity(heatmap, "Task_HandleRedDeviation");
      assertThat(task.path("passed").asLong()).isPositive();
      assertThat(task.path("waiting").asLong()).isPositive();
      for (JsonNode activity : heatmap.path("activities")) {
        List<Long> durations = durations("followup-deviation", List.of("1804"), activity.path("activityId").asText(), from);
        if (durations.isEmpty()) {
          assertThat(activity.path("medianSeconds").isNumber()).isFalse();
        } else {
          assertThat(activity.path("medianSeconds").asDouble()).as(activity.path("activityId").asText())
              .isCloseTo(percentile(durations, 0.5) / 1000.0, within(0.001));
          assertThat(activity.path("p90Seconds").asDouble()).isCloseTo(percentile(durations, 0.9) / 1000.0, within(0.001));
        }
      }
      Map<String, Object> due = jdbc.sql("""
              select count(*) as with_due_date, count(*) filter (where due_date_ < coalesce(end_time_, :to)) as overdue
                from act_hi_taskinst
               where proc_def_key_ = 'followup-deviation' and task_def_key_ = 'Task_HandleRedDeviation'
                 and tenant_id_ = '1804' and due_date_ is not null and (end_time_ is null or end_time_ >= :from)
              """).param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query().singleRow();
      assertThat(task.path("withDueDate").asLong()).isEqualTo(((Number) due.get("with_due_date")).longValue());
      assertThat(task.path("overdue").asLong()).isEqualTo(((Number) due.get("overdue")).longValue()).isPositive();
      assertThat(task.path("overdueShare").asDouble())
          .isCloseTo((double) task.path("overdue").asLong() / task.path("withDueDate").asLong(), within(1e-9));
      // a gateway has no due date: no share rather than 0 %
      assertThat(activity(heatmap, "Gateway_DeviationColour").path("overdueShare").isNumber()).isFalse();
    });
  }

  @Test
  void oneVersionCountsOnlyThatVersion() {
    String version = waiting.path("processDefinitionId").asText();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode heatmap = heatmap("erik.moen", "process=followup-deviation&days=90&version=" + Api.urlEncode(version));
      assertThat(heatmap.path("version").asText()).isEqualTo(version);
      assertThat(heatmap.path("days").asInt()).isEqualTo(90);
      assertThat(counts(heatmap)).isEqualTo(directCounts("followup-deviation", version, List.of("1804"),
          Instant.parse(heatmap.path("from").asText())));
    });
  }

  @Test
  void eachManagerSeesHerOwnMunicipalityAndTheAdministratorEvery() {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      JsonNode bodo = heatmap("sigrid.holm", "process=allocation-case&days=365");
      JsonNode narvik = heatmap("tone.haugen", "process=allocation-case&days=365");
      JsonNode all = heatmap("lars.vik", "process=allocation-case&days=365");
      Instant from = Instant.parse(bodo.path("from").asText());
      assertThat(bodo.path("municipalities").findValuesAsText("name")).containsExactly("Bodø");
      assertThat(narvik.path("municipalities").findValuesAsText("name")).containsExactly("Narvik");
      assertThat(all.path("municipalities").findValuesAsText("number")).containsExactly("1804", "1806");
      assertThat(counts(bodo)).isEqualTo(directCounts("allocation-case", null, List.of("1804"), from));
      assertThat(counts(narvik)).isEqualTo(directCounts("allocation-case", null, List.of("1806"), from));
      assertThat(counts(all)).isEqualTo(directCounts("allocation-case", null, List.of("1804", "1806"), from));
      // Narvik's application waits in Narvik's figures, and in nobody's in Bodø
      long narvikWaiting = directCounts("allocation-case", null, List.of("1806"), from).get("Task_AssessNeeds").get(1);
      assertThat(activity(narvik, "Task_AssessNeeds").path("waiting").asLong()).isEqualTo(narvikWaiting).isPositive();
      assertThat(activity(all, "Task_AssessNeeds").path("waiting").asLong())
          .isEqualTo(activity(bodo, "Task_AssessNeeds").path("waiting").asLong() + narvikWaiting);
      // and Bodø's deviations are not Narvik's
      JsonNode narvikDeviations = heatmap("tone.haugen", "process=followup-deviation&days=30");
      assertThat(counts(narvikDeviations)).isEqualTo(directCounts("followup-deviation", null, List.of("1806"),
          Instant.parse(narvikDeviations.path("from").asText())));
    });
  }

  @Test
  void cockpitGetsTheSameFiguresThroughTheBrowserSession() {
    BrowserSession owner = BrowserSession.login(PLATFORM, "erik.moen");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      Api.Response cockpit = owner.getJson(COCKPIT + "?process=followup-deviation&days=30");
      assertThat(cockpit.status()).as(cockpit.body()).isEqualTo(200);
      assertThat(cockpit.json().path("activities"))
          .isEqualTo(heatmap("erik.moen", "process=followup-deviation&days=30").path("activities"));
    });
    Api.Response refused = owner.getJson(COCKPIT + "?process=followup-deviation&days=7");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("type").asText()).isEqualTo("BadRequest");
    assertThat(refused.json().path("message").asText()).isEqualTo("Perioden «7» finnes ikke. Velg 30, 90 eller 365 (dager).");
  }

  @Test
  void aNurseIsRefusedAndNobodyWithoutALogin() {
    Api.Response nurse = api.get(HEATMAP + "?process=followup-deviation&days=30", api.tokenOf("jonas.lie"));
    assertThat(nurse.status()).isEqualTo(403);
    assertThat(nurse.json().path("title").asText()).isEqualTo("Ingen tilgang");
    assertThat(api.get(HEATMAP + "?process=followup-deviation&days=30", api.tokenOf("ingrid.berg")).status())
        .isEqualTo(403);
    assertThat(api.get(HEATMAP + "?process=followup-deviation&days=30", null).status()).isEqualTo(401);
    Api.Response cockpit = BrowserSession.login(PLATFORM, "jonas.lie").getJson(COCKPIT + "?process=followup-deviation&days=30");
    assertThat(cockpit.status()).isEqualTo(403);
    assertThat(cockpit.body()).doesNotContain("activities");
  }

  @Test
  void badParametersAreAnsweredInNorwegian() {
    String token = api.tokenOf("sigrid.holm");
    Api.Response period = api.get(HEATMAP + "?process=followup-deviation&days=7", token);
    assertThat(period.status()).isEqualTo(400);
    assertThat(period.header("Content-Type")).startsWith("application/problem+json");
    assertThat(period.json().path("title").asText()).isEqualTo("Ugyldig forespørsel");
    assertThat(period.json().path("detail").asText()).isEqualTo("Perioden «7» finnes ikke. Velg 30, 90 eller 365 (dager).");

    Api.Response nothing = api.get(HEATMAP, token);
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.json().path("errors").findValuesAsText("field")).containsExactly("days", "process");
    assertThat(nothing.json().path("errors").findValuesAsText("message"))
        .contains("Oppgi prosessen med parameteren process, for eksempel process=followup-deviation.");

    Api.Response unknown = api.get(HEATMAP + "?process=no-such-process&days=30", token);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("detail").asText()).isEqualTo("Det finnes ingen prosess med nøkkelen «no-such-process».");

    String otherProcess = jdbc.sql("select id_ from act_re_procdef where key_ = 'allocation-case' limit 1")
        .query(String.class).single();
    Api.Response version = api.get(HEATMAP + "?process=followup-deviation&days=30&version=" + Api.urlEncode(otherProcess),
        token);
    assertThat(version.status()).isEqualTo(400);
    assertThat(version.json().path("errors").findValuesAsText("field")).containsExactly("version");

    assertThat(api.get(HEATMAP + "?process=followup-deviation&days=thirty", token).body())
        .doesNotContain("Exception").doesNotContain("NumberFormat").contains("30, 90 eller 365");
  }

  @Test
  void noAnswerNamesAnInstanceOrAPatient() {
    String apiAnswer = api.get(HEATMAP + "?process=followup-deviation&days=365", api.tokenOf("lars.vik")).body();
    String cockpitAnswer = BrowserSession.login(PLATFORM, "sigrid.holm")
        .getJson(COCKPIT + "?process=followup-deviation&days=365").body();
    for (String answer : List.of(apiAnswer, cockpitAnswer)) {
      assertThat(answer).contains("Task_HandleRedDeviation")
          .doesNotContain(closed.path("processInstanceId").asText()).doesNotContain(waiting.path("processInstanceId").asText())
          .doesNotContain(waiting.path("id").asText()).doesNotContain(patient.nationalId())
          .doesNotContain(patient.episodeId()).doesNotContain(patient.caseId()).doesNotContain(narvikCase)
          .doesNotContain("AVV-").doesNotContain("Pasient").doesNotContain("processInstanceId");
    }
  }

  // ---------------------------------------------------------------- helpers

  private JsonNode heatmap(String user, String query) {
    Api.Response response = api.get(HEATMAP + "?" + query, api.tokenOf(user));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static JsonNode activity(JsonNode heatmap, String activityId) {
    for (JsonNode activity : heatmap.path("activities")) {
      if (activity.path("activityId").asText().equals(activityId)) {
        return activity;
      }
    }
    throw new AssertionError(activityId + " is not in " + heatmap);
  }

  /** Activity id to [passed, waiting], as the answer says. */
  private static Map<String, List<Long>> counts(JsonNode heatmap) {
    Map<String, List<Long>> counts = new TreeMap<>();
    heatmap.path("activities").forEach(activity -> counts.put(activity.path("activityId").asText(),
        List.of(activity.path("passed").asLong(), activity.path("waiting").asLong())));
    return counts;
  }

  /** The same, counted straight from the engine's history. */
  private Map<String, List<Long>> directCounts(String process, String version, Collection<String> tenants, Instant from) {
    Map<String, List<Long>> counts = new TreeMap<>();
    jdbc.sql("""
            select act_id_,
                   count(*) filter (where end_time_ is not null and end_time_ >= :from) as passed,
                   count(*) filter (where end_time_ is null) as waiting
              from act_hi_actinst
             where proc_def_key_ = :process and tenant_id_ in (:tenants) and act_type_ <> 'multiInstanceBody'
               and (cast(:version as varchar) is null or proc_def_id_ = cast(:version as varchar))
             group by act_id_
            """).param("process", process).param("tenants", List.copyOf(tenants)).param("from", Timestamp.from(from))
        .param("version", version, java.sql.Types.VARCHAR)
        .query((rs, row) -> Map.entry(rs.getString("act_id_"), List.of(rs.getLong("passed"), rs.getLong("waiting"))))
        .list().stream().filter(entry -> entry.getValue().get(0) + entry.getValue().get(1) > 0)
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  private List<Long> durations(String process, Collection<String> tenants, String activityId, Instant from) {
    return jdbc.sql("""
            select duration_ from act_hi_actinst
             where proc_def_key_ = :process and tenant_id_ in (:tenants) and act_id_ = :activity
               and end_time_ is not null and end_time_ >= :from
            """).param("process", process).param("tenants", List.copyOf(tenants)).param("activity", activityId)
        .param("from", Timestamp.from(from)).query(Long.class).list();
  }

  /** The percentile with linear interpolation between the closest ranks (what percentile_cont does). */
  private static double percentile(List<Long> values, double fraction) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double rank = fraction * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
  }
}
