package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.followup.triage.VitalSign;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 13 §6 on a real PostgreSQL: a stable patient whose trial had one ordinary day at pulse 88, one
 * day at 95 and one at 135. The proposal keeps red for 135 (above the clinical floor of 130), not for 88;
 * the edit-plan task shows the alarms these thresholds would have raised, counted from the stored
 * readings; thresholds the nurse changes are refused once with their own counts, and pass the second
 * time; limits under the floor need a reason.
 */
class ThresholdPreviewIT extends IntegrationTest {

  private static final String NURSE = Enrolment.NURSE;
  private final Api api = new Api(PLATFORM);
  private final Enrolment enrolment = new Enrolment(api, PLATFORM);

  @Autowired
  JdbcClient jdbc;

  @Autowired
  ManagementService management;

  @Test
  void theEditPlanFormShowsTheAlarmsTheThresholdsWouldHaveRaisedAndChangedOnesAreShownBeforeTheyGo() {
    Enrolment.Patient patient = enrolment.measuring();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant enrolled = now.minus(Duration.ofDays(15));
    jdbc.sql("update followup_episode set enrolled_at = :enrolled, trial_ends_at = :ends where episode_id = :id")
        .param("enrolled", Timestamp.from(enrolled)).param("ends", Timestamp.from(now.minus(Duration.ofDays(1))))
        .param("id", patient.episodeId()).update();
    int key = jdbc.sql("select monitoring_key from followup_episode where episode_id = :id")
        .param("id", patient.episodeId()).query(Integer.class).single();
    // 14 mornings: pulse around 73 (88 on day 4, 95 on day 7, 135 on day 10), SpO2 96-98
    double[] pulse = {72, 73, 74, 73, 88, 71, 75, 95, 73, 72, 135, 74, 73, 72};
    for (int day = 0; day < 14; day++) {
      Instant at = enrolled.plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
      seed(key, VitalSign.PULSE, pulse[day], at);
      seed(key, VitalSign.SPO2, 96 + day % 3, at);
    }

    // the trial's timer exists once the registration worker has completed its task
    String trialTimer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> management.createJobQuery().processInstanceId(patient.processInstanceId())
            .activityId("Timer_TrialPeriodEnds").singleResult(), java.util.Objects::nonNull).getId();
    management.executeJob(trialTimer);
    JsonNode edit = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=Task_EditPlan&processInstanceBusinessKey="
            + patient.episodeId(), api.tokenOf(NURSE)).json(), tasks -> tasks.size() == 1).get(0);
    String taskId = edit.path("id").asText();

    // proposed: red above the floor of 130, yellow above 90; the reason is in the form
    assertThat(variable(taskId, "pulseRedAbove").asDouble()).isEqualTo(130.0);
    assertThat(variable(taskId, "pulseYellowAbove").asDouble()).isEqualTo(90.0);
    assertThat(variable(taskId, "planContext").asText())
        .contains("Puls: median 73 slag/min av 14 målinger")
        .contains("Foreslått grense er ikke strammere enn kommunens kliniske gulv")
        .contains("fordi NEWS2 gir første poeng ved puls over 90");
    // counted from the stored readings: 135 red, 95 yellow, 88 nothing
    String preview = api.get("/engine-rest/task/" + taskId + "/localVariables/alarmPreview", api.tokenOf(NURSE))
        .json().path("value").asText();
    assertThat(preview).startsWith("### Alarmer med disse grensene")
        .contains("- **Prøveperioden**").contains("28 målinger): **1 røde** og **1 gule** avvik, fra 1 røde og 1 gule"
            + " målinger (Puls 1 røde, 1 gule).")
        .contains("- **Siste 30 dager**").contains("«Måling ikke rapportert» og NEWS2 avhenger ikke av grensene");

    Map<String, Object> plan = plan(taskId);
    plan.put("pulseYellowAbove", 100);
    Api.Response changed = enrolment.submit(edit, plan);
    assertThat(changed.status()).as(changed.body()).isEqualTo(400);
    assertThat(message(changed)).contains("Du har endret terskelverdiene")
        .contains("Prøveperioden").contains("28 målinger): 1 røde og 0 gule avvik, fra 1 røde og 0 gule målinger")
        .contains("Trykk «Fullfør» igjen");

    // the old proposal's limits: 88 yellow, 95 and 135 red
    Map<String, Object> tight = new HashMap<>(plan);
    tight.put("pulseYellowAbove", 80);
    tight.put("pulseRedAbove", 88);
    Api.Response underFloor = enrolment.submit(edit, tight);
    assertThat(underFloor.status()).as(underFloor.body()).isEqualTo(400);
    assertThat(message(underFloor))
        .contains("Puls: gul over 80 (gulvet er 90 slag/min), rød over 88 (gulvet er 130 slag/min).")
        .contains("«Begrunnelse for endringen»").contains("28 målinger): 2 røde og 1 gule avvik");

    Api.Response again = enrolment.submit(edit, plan);
    assertThat(again.status()).as(again.body()).isEqualTo(204);
    assertThat(jdbc.sql("select count(*) from followup_threshold_preview where task_id = :task").param("task", taskId)
        .query(Long.class).single()).isZero();
    String stored = jdbc.sql("select thresholds::text from followup_plan where episode_id = :id and version = 1")
        .param("id", patient.episodeId()).query(String.class).single();
    assertThat(stored).contains("\"yellowAbove\":100.0").contains("\"redAbove\":130.0");
  }

  private void seed(int key, VitalSign sign, double value, Instant at) {
    jdbc.sql("""
            insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
            values (:id, :key, :sign, 0, :value, :at, :at)
            """)
        .param("id", UUID.randomUUID()).param("key", key).param("sign", (short) sign.code())
        .param("value", java.math.BigDecimal.valueOf(value)).param("at", Timestamp.from(at)).update();
  }

  private JsonNode variable(String taskId, String name) {
    return api.get("/engine-rest/task/" + taskId + "/variables/" + name, api.tokenOf(NURSE)).json().path("value");
  }

  /** The form as the Tasklist submits it: the six fields and the thresholds as prefilled. */
  private Map<String, Object> plan(String taskId) {
    Map<String, Object> plan = new HashMap<>(Map.of("whatMatters", "Å gå tur med barnebarna.",
        "goal", "Bo hjemme uten innleggelse.", "subGoals", "Gå 20 minutter hver dag.",
        "interventions", "Måle puls og oksygenmetning hver morgen. Ved gult: ring hjemmetjenesten.",
        "measuredSigns", List.of("SPO2", "PULSE"), "readingsPerDay", "1", "evaluationIntervalDays", 30));
    for (String prefix : List.of("pulse", "spo2")) {
      for (String bound : List.of("RedBelow", "YellowBelow", "YellowAbove", "RedAbove")) {
        JsonNode value = variable(taskId, prefix + bound);
        if (!value.isNull() && !value.isMissingNode()) {
          plan.put(prefix + bound, value.asDouble());
        }
      }
    }
    return plan;
  }

  private static String message(Api.Response response) {
    JsonNode json = response.json();
    return json.has("message") ? json.path("message").asText() : response.body();
  }
}
