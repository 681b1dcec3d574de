package no.carepath.competence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Training before a competence ends, on PostgreSQL, Keycloak and the engine: the demo nurse
 * jonas.lie's «Triage av røde avvik» ends in 40 days, so shortly after start-up he has one task
 * «Forny kompetanse», assigned to him in Bodø, due on the last day; the schedule run again starts
 * no second one. He sees it in the Tasklist («Mine oppgaver», its form and what it shows); nobody
 * else but Bodø's team leaders does. He answers through the Tasklist's API: a wrong answer is a 400
 * in Norwegian with nothing kept, a right one is kept for the team leader, and the register is not
 * changed by it.
 */
class CompetenceTrainingIT extends IntegrationTest {

  private static final String ENGINE = "/camunda/api/engine/engine/default";

  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService tasks;
  @Autowired
  TrainingSchedule schedule;
  @Autowired
  Trainings trainings;
  @Autowired
  CompetenceRegister register;

  private final Api api = new Api(PLATFORM);

  private List<Task> trainingTasks() {
    return tasks.createTaskQuery().processDefinitionKey(Trainings.PROCESS).taskAssignee("jonas.lie")
        .processVariableValueEquals(CompetenceVariables.CODE, "dho-red-triage").list();
  }

  private String outcome(String processInstanceId) {
    return jdbc.sql("select coalesce(outcome, 'OPEN') from competence_training where process_instance_id = :instance")
        .param("instance", processInstanceId).query(String.class).single();
  }

  @Test
  void theNurseGetsOneTrainingTaskDueOnTheLastDayAndAnswersItInTheTasklist() {
    CompetenceRegister.Holding holding = register.holding("jonas.lie", "1804", "dho-red-triage").orElseThrow();
    assertThat(holding.validUntil()).isEqualTo(register.today().plusDays(40));

    // started by the run shortly after start-up
    Task task = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(this::trainingTasks, found -> !found.isEmpty()).get(0);
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_RenewCompetence");
    assertThat(task.getName()).isEqualTo("Forny kompetanse: Triage av røde avvik (DHO)");
    assertThat(task.getTenantId()).isEqualTo("1804");
    assertThat(task.getDueDate()).isEqualTo(Trainings.dueDate(holding.validUntil()));
    assertThat(task.getDueDate().toInstant().atZone(Trainings.OSLO).toLocalDate()).isEqualTo(holding.validUntil());

    // the schedule again (a second node, the next morning): no second training
    assertThat(schedule.startDue()).noneMatch(reference -> reference.equals(
        jdbc.sql("select 'KOMP-' || id from competence_training where process_instance_id = :instance")
            .param("instance", task.getProcessInstanceId()).query(String.class).single()));
    assertThat(trainingTasks()).hasSize(1);
    assertThat(jdbc.sql("select count(*) from competence_training where user_id = 'jonas.lie'"
            + " and municipality_number = '1804' and competence_code = 'dho-red-triage'")
        .query(Integer.class).single()).isEqualTo(1);
    assertThat(trainings.trainings("1804")).filteredOn(training -> training.userId().equals("jonas.lie")
            && training.code().equals("dho-red-triage"))
        .singleElement().satisfies(training -> {
          assertThat(training.status()).isEqualTo(Trainings.Status.OPEN);
          assertThat(training.processInstanceId()).isEqualTo(task.getProcessInstanceId());
        });

    // nobody else sees it: another nurse of Bodø, the team leader of Narvik (Bodø's team leader does)
    for (String other : List.of("nora.lund", "kari.eide")) {
      assertThat(api.get("/engine-rest/task/" + task.getId(), api.tokenOf(other)).status()).as(other).isEqualTo(404);
    }
    assertThat(api.get("/engine-rest/task/" + task.getId(), api.tokenOf("marte.dahl")).status()).isEqualTo(200);

    // he sees it in the Tasklist, with its form and what the form shows
    BrowserSession nurse = BrowserSession.login(PLATFORM, "jonas.lie");
    nurse.getPage("/camunda/app/tasklist/default/");
    assertThat(nurse.filterList("Mine oppgaver").toString()).contains(task.getId())
        .contains("Forny kompetanse: Triage av røde avvik (DHO)");
    Api.Response form = nurse.getJson(ENGINE + "/task/" + task.getId() + "/deployed-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.body()).contains("Kompetanseregisteret endres ikke av dette skjemaet");
    Api.Response shown = nurse.getJson(ENGINE + "/task/" + task.getId() + "/form-variables");
    assertThat(shown.status()).as(shown.body()).isEqualTo(200);
    assertThat(shown.body()).contains("Triage av røde avvik (DHO)").contains(holding.validUntil().getYear() + "");
    Api.Response definition = nurse.getJson(ENGINE + "/process-definition/" + task.getProcessDefinitionId());
    assertThat(definition.status()).isEqualTo(200);
    assertThat(definition.json().path("name").asText()).isEqualTo("Opplæring før kompetansen går ut");

    // a wrong answer: 400 in Norwegian, nothing kept, the task stays
    String submit = ENGINE + "/task/" + task.getId() + "/submit-form";
    Api.Response refused = nurse.sendJson("POST", submit, """
        {"variables": {"competenceTrainingOutcome": {"value": "RENEWED"},
          "competenceTrainingNote": {"value": "Veiledet ved pasient 12034100160."}}}""");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("«Dato for opplæringen» må fylles ut når opplæringen er gjennomført")
        .contains("fødselsnummer").doesNotContain("Exception").doesNotContain("org.camunda");
    assertThat(outcome(task.getProcessInstanceId())).isEqualTo("OPEN");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

    // the right answer: kept for the team leader; the register is not changed by it
    LocalDate today = register.today();
    Api.Response done = nurse.sendJson("POST", submit, """
        {"variables": {"competenceTrainingOutcome": {"value": "RENEWED"},
          "competenceTrainingDate": {"value": "%s"},
          "competenceTrainingNote": {"value": "Kurs i NEWS2 og triage."}}}""".formatted(today));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    Map<String, Object> row = jdbc.sql("select outcome, training_date, note, completed_by from competence_training"
        + " where process_instance_id = :instance").param("instance", task.getProcessInstanceId()).query().singleRow();
    assertThat(row).containsEntry("outcome", "RENEWED").containsEntry("training_date", java.sql.Date.valueOf(today))
        .containsEntry("note", "Kurs i NEWS2 og triage.").containsEntry("completed_by", "jonas.lie");
    assertThat(register.holding("jonas.lie", "1804", "dho-red-triage").orElseThrow().validUntil())
        .isEqualTo(holding.validUntil());
    assertThat(trainings.trainings("1804")).filteredOn(training -> training.userId().equals("jonas.lie")
            && training.code().equals("dho-red-triage"))
        .singleElement().satisfies(training -> {
          assertThat(training.status()).isEqualTo(Trainings.Status.REPORTED);
          assertThat(training.outcome()).isEqualTo(Trainings.Outcome.RENEWED);
          assertThat(training.trainingDate()).isEqualTo(today);
          assertThat(training.completedBy()).isEqualTo("jonas.lie");
        });
    // answered is answered: the schedule starts nothing for this holding again
    schedule.startDue();
    assertThat(jdbc.sql("select count(*) from competence_training where user_id = 'jonas.lie'"
            + " and competence_code = 'dho-red-triage'").query(Integer.class).single()).isEqualTo(1);
  }
}
