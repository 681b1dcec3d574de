package no.carepath.followup;

import no.carepath.Today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Digital home follow-up end to end, on real PostgreSQL and Keycloak with the home-monitoring and
 * GP-office simulators: a red reading reaches the nurse's Tasklist within seconds; many deviating
 * readings are one task; yellow is raised to red; the GP answers a dialogue message; the trial ends
 * in a plan the GP approves, whose thresholds then apply; pause and resume; a missed measurement.
 */
class FollowupPathwayIT extends IntegrationTest {

  private static final String NURSE = Enrolment.NURSE;
  private final Api api = new Api(PLATFORM);
  private final Enrolment enrolment = new Enrolment(api, PLATFORM);

  @Autowired
  JdbcClient jdbc;

  @Autowired
  ManagementService management;

  @Autowired
  MissedReadings missedReadings;

  @Test
  void aRedReadingReachesTheNursesTasklistWithinSeconds() {
    Enrolment.Patient patient = enrolment.measuring();
    Instant sent = Instant.now();

    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 86));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().path("interpretation").path(0).path("coding").path(0).path("code").asText()).isEqualTo("LL");
    JsonNode task = awaitDeviationTask(patient, "Task_HandleRedDeviation");
    assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(task.path("priority").asInt()).isEqualTo(100);
    assertThat(Instant.parse(task.path("due").asText().replaceFirst("(\\+\\d\\d)(\\d\\d)$", "$1:$2")))
        .isBetween(sent.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
    String summary = api.get("/engine-rest/task/" + task.path("id").asText() + "/variables/deviationSummary",
        api.tokenOf(NURSE)).json().path("value").asText();
    assertThat(summary).contains("Oksygenmetning 86 %").contains("rød");
    // the allocation office does not see the nurses' deviations
    assertThat(api.get("/engine-rest/task?processDefinitionKey=followup-deviation", api.tokenOf("ingrid.berg")).json())
        .isEmpty();
  }

  @Test
  void manyDeviatingReadingsForOnePatientAreOneDeviationAndOneTask() throws Exception {
    Enrolment.Patient patient = enrolment.measuring();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> sent = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      double value = i % 3 == 0 ? 86 : 91;
      sent.add(pool.submit(() -> api.postFhir("/fhir/Observation", api.monitoringToken(),
          Observations.spo2(patient.nationalId(), value)).status()));
    }
    for (Future<Integer> status : sent) {
      assertThat(status.get()).isEqualTo(201);
    }
    pool.shutdown();

    awaitDeviationTask(patient, "Task_HandleRedDeviation");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> deviationTasks(patient).size() == 1);
    Map<String, Object> deviation = jdbc.sql("""
            select count(*) as deviations, sum(reading_count) as readings, max(colour) as colour
            from followup_deviation where episode_id = :episodeId
            """).param("episodeId", patient.episodeId()).query().singleRow();
    assertThat(((Number) deviation.get("deviations")).intValue()).isEqualTo(1);
    assertThat(((Number) deviation.get("readings")).intValue()).isEqualTo(24);
    assertThat(deviation.get("colour")).isEqualTo("RED");
  }

  @Test
  void aYellowDeviationBecomesRedWhenARedReadingComes() {
    Enrolment.Patient patient = enrolment.measuring();
    api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 91));
    JsonNode yellow = awaitDeviationTask(patient, "Task_HandleYellowDeviation");
    assertThat(yellow.path("priority").asInt()).isEqualTo(70);

    api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.pulse(patient.nationalId(), 140));

    JsonNode red = awaitDeviationTask(patient, "Task_HandleRedDeviation");
    assertThat(red.path("processInstanceId").asText()).isEqualTo(yellow.path("processInstanceId").asText());
    assertThat(deviationTasks(patient)).hasSize(1);
  }

  @Test
  void theGpAnswersADialogueMessageAndTheNurseFollowsUp() {
    Enrolment.Patient patient = enrolment.measuring();
    api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 91));
    JsonNode task = awaitDeviationTask(patient, "Task_HandleYellowDeviation");

    enrolment.complete(task, Map.of("deviationOutcome", "ESCALATE_GP", "deviationNote", "Lavere metning tre dager på rad.",
        "gpUrgent", false, "gpQuestion", "Oksygenmetningen har ligget på 90-91 %. Ønsker du å se pasienten?"));

    JsonNode answer = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(300))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=Task_FollowUpGpAnswer&processVariables=episodeId_eq_"
            + patient.episodeId(), api.tokenOf(NURSE)).json(), tasks -> tasks.size() == 1).get(0);
    JsonNode sent = PLATFORM.gpOffice().received().stream()
        .filter(message -> message.path("text").asText().contains("Ønsker du å se pasienten?")).findFirst().orElseThrow();
    assertThat(sent.path("patient").path("nationalId").asText()).isEqualTo(patient.nationalId());
    assertThat(sent.path("recipient").path("hprNumber").asText()).isEqualTo("1234567");
    assertThat(sent.path("type").asText()).isEqualTo("FORESPORSEL");
    String gpAnswer = api.get("/engine-rest/task/" + answer.path("id").asText() + "/variables/gpAnswer", api.tokenOf(NURSE))
        .json().path("value").asText();
    assertThat(gpAnswer).contains("Takk for meldingen");
    enrolment.complete(answer, Map.of("gpAnswerFollowUp", "Pasienten informert om ny dose."));
    JsonNode state = api.get("/api/episodes/" + patient.episodeId(), api.tokenOf(NURSE)).json();
    assertThat(state.path("deviations").path(0).path("status").asText()).isEqualTo("CLOSED");
    assertThat(state.path("deviations").path(0).path("outcome").asText()).isEqualTo("ESCALATE_GP");
  }

  @Test
  void theTrialEndsInAPlanTheGpApprovesAndItsThresholdsApplyAfterwards() {
    Enrolment.Patient patient = enrolment.measuring();
    for (int day = 0; day < 8; day++) {
      api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 93 + day % 2));
    }
    management.executeJob(management.createJobQuery().processInstanceId(patient.processInstanceId())
        .activityId("Timer_TrialPeriodEnds").singleResult().getId());

    JsonNode edit = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=Task_EditPlan&processInstanceBusinessKey="
            + patient.episodeId(), api.tokenOf(NURSE)).json(), tasks -> tasks.size() == 1).get(0);
    Map<String, Object> plan = new java.util.HashMap<>(Map.of("whatMatters", "Å gå tur med barnebarna.",
        "goal", "Bo hjemme uten innleggelse.", "subGoals", "Gå 20 minutter hver dag.",
        "interventions", "Måle oksygenmetning hver morgen. Ved gult: ring hjemmetjenesten.",
        "measuredSigns", List.of("SPO2", "PULSE"), "readingsPerDay", "1", "evaluationIntervalDays", 30,
        "spo2RedBelow", 86, "spo2YellowBelow", 89));
    // other thresholds than those proposed: first their alarm preview, then they go
    Api.Response previewed = enrolment.submit(edit, plan);
    assertThat(previewed.status()).as(previewed.body()).isEqualTo(400);
    assertThat(previewed.body()).contains("Du har endret terskelverdiene");
    enrolment.complete(edit, plan);

    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/episodes/" + patient.episodeId(), api.tokenOf(NURSE)).json(),
            state -> state.path("activePlanVersion").asInt() == 1 && "FOLLOW_UP".equals(state.path("phase").asText()));
    Api.Response reading = api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(patient.nationalId(), 90));
    // yellow under the municipality's defaults (below 92), green under the patient's approved plan
    assertThat(reading.json().path("interpretation").path(0).path("coding").path(0).path("code").asText()).isEqualTo("N");

    Api.Response pause = api.postJson("/api/episodes/" + patient.episodeId() + "/pause", api.tokenOf(NURSE),
        Map.of("until", Today.date().plusDays(10).toString(), "reason", "Reiser til Spania."));
    assertThat(pause.status()).as(pause.body()).isEqualTo(204);
    assertThat(api.get("/api/episodes/" + patient.episodeId(), api.tokenOf(NURSE)).json().path("status").asText())
        .isEqualTo("ON_HOLD");
    Api.Response pausedAgain = api.postJson("/api/episodes/" + patient.episodeId() + "/pause", api.tokenOf(NURSE),
        Map.of("until", Today.date().plusDays(10).toString(), "reason", "Igjen."));
    assertThat(pausedAgain.status()).isEqualTo(409);
    assertThat(pausedAgain.json().path("detail").asText()).contains("bare settes på pause når den er aktiv");
    assertThat(api.postJson("/api/episodes/" + patient.episodeId() + "/resume", api.tokenOf(NURSE), Map.of()).status())
        .isEqualTo(204);
    assertThat(api.get("/api/episodes/" + patient.episodeId(), api.tokenOf(NURSE)).json().path("status").asText())
        .isEqualTo("ACTIVE");
  }

  @Test
  void aMissedMeasurementIsADeviationOfItsOwn() {
    Enrolment.Patient patient = enrolment.measuring();
    jdbc.sql("update followup_episode set enrolled_at = now() - interval '2 days' where episode_id = :id")
        .param("id", patient.episodeId()).update();

    missedReadings.check();

    JsonNode task = awaitDeviationTask(patient, "Task_HandleYellowDeviation");
    String summary = api.get("/engine-rest/task/" + task.path("id").asText() + "/variables/deviationSummary",
        api.tokenOf(NURSE)).json().path("value").asText();
    assertThat(summary).startsWith("Måling ikke rapportert").contains("Oksygenmetning");
    // one alarm per silence
    missedReadings.check();
    assertThat(jdbc.sql("select count(*) from followup_deviation where episode_id = :id and kind = 'MISSED'")
        .param("id", patient.episodeId()).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void readingAnEpisodeIsAccessLogged() {
    Enrolment.Patient patient = enrolment.measuring();

    Api.Response response = api.get("/api/episodes/" + patient.episodeId(), api.tokenOf(NURSE));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(patient.nationalId());
    assertThat(jdbc.sql("""
            select count(*) from security_access_log l join followup_episode e on e.patient_id = l.patient_id
            where e.episode_id = :id and l.actor_id = :nurse and l.what = 'episode-api'
            """).param("id", patient.episodeId()).param("nurse", NURSE).query(Long.class).single()).isEqualTo(1);
    assertThat(api.get("/api/episodes/" + patient.episodeId(), api.tokenOf("ingrid.berg")).status()).isEqualTo(403);
  }

  private JsonNode awaitDeviationTask(Enrolment.Patient patient, String taskKey) {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
        .until(() -> api.get("/engine-rest/task?processDefinitionKey=followup-deviation&taskDefinitionKey=" + taskKey
            + "&processVariables=episodeId_eq_" + patient.episodeId(), api.tokenOf(NURSE)).json(), tasks -> tasks.size() == 1)
        .get(0);
  }

  private List<JsonNode> deviationTasks(Enrolment.Patient patient) {
    return Api.list(api.get("/engine-rest/task?processDefinitionKey=followup-deviation&processVariables=episodeId_eq_"
        + patient.episodeId(), api.tokenOf(NURSE)).json());
  }
}
