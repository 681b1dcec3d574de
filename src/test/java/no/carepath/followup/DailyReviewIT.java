package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Today;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily review of green patients on PostgreSQL, Keycloak and the engine: four patients measure,
 * all green; one nobody has looked at for three weeks, one whose home visit was two days ago, one
 * with an open yellow deviation, and one of Narvik's. Bodø's list of the day is one task for Bodø's
 * nurses with the first patient only, once; a second start the same day does nothing; Narvik's
 * nurse does not see it, nor does the allocation office; the nurse's read is access-logged for the
 * patient; completing it records who looked, and the patient is off the list until the interval has
 * passed.
 */
class DailyReviewIT extends IntegrationTest {

  private static final String NURSE = Enrolment.NURSE;
  private final Api api = new Api(PLATFORM);
  private final Enrolment enrolment = new Enrolment(api, PLATFORM);

  @Autowired
  JdbcClient jdbc;
  @Autowired
  DailyReviews reviews;
  @Autowired
  DailyReviewProperties properties;
  @Autowired
  TaskService tasks;

  /** Green readings of every sign the devices measure (so no missed-reading alarm opens). */
  private void measureGreen(Enrolment.Patient patient) {
    for (String observation : List.of(Observations.spo2(patient.nationalId(), 97),
        Observations.pulse(patient.nationalId(), 72), Observations.bloodPressure(patient.nationalId(), 128, 78))) {
      Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);
      assertThat(response.status()).as(response.body()).isIn(200, 201);
    }
  }

  /** The home visit (enrolment and its note) happened this many days ago. */
  private void enrolledDaysAgo(Enrolment.Patient patient, int days) {
    jdbc.sql("update followup_episode set enrolled_at = now() - make_interval(days => :days) where episode_id = :id")
        .param("days", days).param("id", patient.episodeId()).update();
    jdbc.sql("update followup_episode_note set occurred_at = now() - make_interval(days => :days) where episode_id = :id")
        .param("days", days).param("id", patient.episodeId()).update();
  }

  private UUID patientOf(Enrolment.Patient patient) {
    return jdbc.sql("select patient_id from followup_episode where episode_id = :id").param("id", patient.episodeId())
        .query(UUID.class).single();
  }

  /** The checklists' options in the form's variables (a Json variable: its value as text, or as JSON). */
  private static List<String> options(JsonNode formVariables) throws Exception {
    JsonNode value = formVariables.path(FollowupVariables.REVIEW_CANDIDATES).path("value");
    JsonNode candidates = value.isTextual() ? Api.JSON.readTree(value.asText()) : value;
    return Api.list(candidates).stream().map(option -> option.path("value").asText()).toList();
  }

  @Test
  void aGreenPatientNobodyHasLookedAtIsOnTheTeamsOneTaskOfTheDayAndCompletingItRecordsTheLook() throws Exception {
    Enrolment.Patient forgotten = enrolment.measuring();
    Enrolment.Patient recentlySeen = enrolment.measuring();
    Enrolment.Patient deviating = enrolment.measuring();
    Enrolment.Patient narvik = enrolment.measuring();
    for (Enrolment.Patient patient : List.of(forgotten, recentlySeen, deviating, narvik)) {
      measureGreen(patient);
    }
    // a yellow reading: the deviation is open until a nurse handles it
    api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(deviating.nationalId(), 91));
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select count(*) from followup_deviation where episode_id = :id and status = 'OPEN'")
        .param("id", deviating.episodeId()).query(Long.class).single() == 1);
    enrolledDaysAgo(forgotten, 21);
    enrolledDaysAgo(recentlySeen, 2);
    enrolledDaysAgo(deviating, 21);
    enrolledDaysAgo(narvik, 21);
    // Enrolment brings patients in through Bodø; this one stands for a patient of Narvik's
    jdbc.sql("update followup_episode set municipality_number = '1806' where episode_id = :id")
        .param("id", narvik.episodeId()).update();

    String bodo = reviews.start("1804", Today.date()).orElseThrow();
    String narvikReview = reviews.start("1806", Today.date()).orElseThrow();
    assertThat(bodo).isEqualTo("GJ-" + Today.date() + "-1804");
    // a second start the same day (another node, or the schedule again) does nothing
    assertThat(reviews.start("1804", Today.date())).isEmpty();

    List<Task> bodoTasks = tasks.createTaskQuery().processInstanceBusinessKey(bodo).list();
    assertThat(bodoTasks).hasSize(1);
    Task task = bodoTasks.get(0);
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewGreenPatients");
    assertThat(task.getTenantId()).isEqualTo("1804");
    assertThat(task.getDueDate()).isAfter(java.util.Date.from(Instant.now().minusSeconds(60)));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("home-follow-up-nurses").count())
        .isEqualTo(1);

    // the nurse of Bodø sees it in the Tasklist's filter and its form lists the forgotten patient, once
    String nurse = api.tokenOf(NURSE);
    JsonNode visible = api.get("/engine-rest/task?processDefinitionKey=followup-daily-review", nurse).json();
    assertThat(Api.list(visible).stream().map(t -> t.path("id").asText())).contains(task.getId());
    // as the Tasklist asks for them: Json variables as their text
    Api.Response form = api.get("/engine-rest/task/" + task.getId() + "/form-variables?deserializeValues=false", nurse);
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(reviews.list(bodo).stream().map(DailyReviews.Listed::episodeId)).containsOnlyOnce(forgotten.episodeId())
        .doesNotContain(recentlySeen.episodeId(), deviating.episodeId(), narvik.episodeId());
    List<String> listed = options(form.json());
    assertThat(listed).as(form.body()).containsOnlyOnce(forgotten.episodeId())
        .doesNotContain(recentlySeen.episodeId(), deviating.episodeId(), narvik.episodeId());
    JsonNode card = api.get("/engine-rest/task/" + task.getId() + "/localVariables", nurse).json();
    assertThat(card.path("cardReference").path("value").asText()).isEqualTo(bodo);
    assertThat(card.path("cardPatient").path("value").asText()).matches("\\d+ pasienter?");
    // the nurse's read is in the access log for the patient on the list
    UUID patient = patientOf(forgotten);
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
        select count(*) from security_access_log where patient_id = :patient and actor_id = :nurse and what = 'task-form'
        """).param("patient", patient).param("nurse", NURSE).query(Long.class).single() >= 1);

    // Narvik's patient is on Narvik's list, which Bodø's nurse does not see, and Narvik's nurse not Bodø's
    Task narvikTask = tasks.createTaskQuery().processInstanceBusinessKey(narvikReview).singleResult();
    assertThat(narvikTask.getTenantId()).isEqualTo("1806");
    assertThat(reviews.list(narvikReview).stream().map(DailyReviews.Listed::episodeId)).contains(narvik.episodeId())
        .doesNotContain(forgotten.episodeId());
    assertThat(api.get("/engine-rest/task/" + narvikTask.getId() + "/form-variables", nurse).status()).isEqualTo(404);
    String narvikNurse = api.tokenOf("ola.bakke");
    assertThat(api.get("/engine-rest/task/" + task.getId() + "/form-variables", narvikNurse).status()).isEqualTo(404);
    assertThat(api.get("/engine-rest/task?processDefinitionKey=followup-daily-review", narvikNurse).body())
        .doesNotContain(task.getId());
    // nor does the allocation office, in its own municipality
    String caseWorker = api.tokenOf("ingrid.berg");
    assertThat(api.get("/engine-rest/task?processDefinitionKey=followup-daily-review", caseWorker).json()).isEmpty();
    assertThat(api.get("/engine-rest/task/" + task.getId() + "/form-variables", caseWorker).status()).isIn(403, 404);

    // completing it records the look; the patients not ticked (others' tests) need a note
    Api.Response done = new no.carepath.allocation.CaseWorkAccess(api).complete(
        api.get("/engine-rest/task/" + task.getId(), nurse).json(), NURSE,
        Map.of(FollowupVariables.REVIEWED_FINE, List.of(forgotten.episodeId()),
            FollowupVariables.REVIEW_NOTE, "De andre tas i morgen."));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    Map<String, Object> look = jdbc.sql("""
        select looked_by, looked_at, outcome from followup_daily_review_patient where review_id = :review and episode_id = :episode
        """).param("review", bodo).param("episode", forgotten.episodeId()).query().singleRow();
    assertThat(look).containsEntry("looked_by", NURSE).containsEntry("outcome", "FINE");
    assertThat(look.get("looked_at")).isNotNull();
    assertThat(reviews.find(bodo).orElseThrow().status()).isEqualTo("DONE");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(bodo).count()).isZero();

    // tomorrow's list leaves the patient out: looked at within the interval
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    DailyReviewRule.Facts facts = reviews.facts("1804", "GJ-tomorrow", tomorrow).stream()
        .filter(f -> f.episodeId().equals(forgotten.episodeId())).findFirst().orElseThrow();
    assertThat(DailyReviewRule.judge(facts, tomorrow, properties.interval()))
        .isEqualTo(DailyReviewRule.Verdict.LOOKED_AT_RECENTLY);
  }
}
