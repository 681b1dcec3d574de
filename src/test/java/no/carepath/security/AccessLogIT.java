package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every channel through which a person can read a patient's data writes the access log: Carepath's
 * API and pages (detail and list), the Tasklist (a task's form, a filter's cards), Cockpit and
 * {@code /engine-rest} (an instance's variables, variable history); the log is append-only; the
 * patient's report and the managers' statistics are made from it.
 */
class AccessLogIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;

  private String nationalId;
  private String caseId;
  private UUID patient;
  private JsonNode task;

  @BeforeEach
  void aCaseWaitingForItsAssessment() {
    Map<String, Object> application = Referrals.application();
    nationalId = (String) ((Map<?, ?>) application.get("patient")).get("nationalId");
    Api.Response received = api.postJson("/api/intake/applications", api.integrationsToken(), application);
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    caseId = received.json().path("caseId").asText();
    patient = jdbc.sql("select id from patient where national_id = :nid").param("nid", nationalId).query(UUID.class).single();
    String token = api.tokenOf("ingrid.berg");
    task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=Task_AssessNeeds&processVariables=caseId_eq_" + caseId,
            token).json(), tasks -> tasks.size() == 1).get(0);
  }

  @Test
  void carepathsApiAndPagesLogDetailAndListReads() {
    api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg"));
    assertLogged("ingrid.berg", "api", "case-view", "ROLE");
    BrowserSession office = BrowserSession.login(PLATFORM, "ingrid.berg");
    assertThat(office.getPage("/app/cases/" + caseId).status()).isEqualTo(200);
    assertLogged("ingrid.berg", "app", "case-view", "ROLE");
    assertThat(office.getPage("/app/cases").status()).isEqualTo(200);
    assertLogged("ingrid.berg", "app", "case-list", "LIST");
  }

  @Test
  void theTasklistLogsTheFormAndTheCardsItShows() {
    BrowserSession tasklist = BrowserSession.login(PLATFORM, "ingrid.berg");
    assertThat(tasklist.getJson("/camunda/api/engine/engine/default/task/" + task.path("id").asText()
        + "/form-variables").status()).isEqualTo(200);
    assertLogged("ingrid.berg", "tasklist", "task-form", "TASK: Kartlegg behov");
    String filter = null;
    for (JsonNode candidate : tasklist.getJson("/camunda/api/engine/engine/default/filter?resourceType=Task").json()) {
      if (candidate.path("name").asText().equals("Tildelingskontoret")) {
        filter = candidate.path("id").asText();
      }
    }
    assertThat(tasklist.postHal("/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=50",
        "{\"processInstanceId\":\"" + task.path("processInstanceId").asText() + "\"}").status()).isEqualTo(200);
    assertLogged("ingrid.berg", "tasklist", "task-list", "LIST");
    // a list refreshed within minutes is one row
    tasklist.postHal("/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=50",
        "{\"processInstanceId\":\"" + task.path("processInstanceId").asText() + "\"}");
    assertThat(count("ingrid.berg", "tasklist", "task-list")).isEqualTo(1);
  }

  @Test
  void engineRestAndCockpitLogVariableReadsAndAdministratorsAreNotOwnWork() {
    api.get("/engine-rest/task/" + task.path("id").asText() + "/variables", api.tokenOf("ingrid.berg"));
    assertLogged("ingrid.berg", "engine-rest", "task-variables", "TASK: Kartlegg behov");

    String instance = task.path("processInstanceId").asText();
    api.get("/engine-rest/history/variable-instance?processInstanceId=" + instance, api.tokenOf("lars.vik"));
    assertLogged("lars.vik", "engine-rest", "variable-history", "ADMINISTRATOR");
    BrowserSession cockpit = BrowserSession.login(PLATFORM, "lars.vik");
    assertThat(cockpit.sendJson("POST", "/camunda/api/engine/engine/default/variable-instance",
        "{\"processInstanceIdIn\":[\"" + instance + "\"]}").status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
            select count(*) from security_access_log where patient_id = :patient and actor_id = 'lars.vik'
                and what = 'variable-instances' and not own_work
            """).param("patient", patient).query(Long.class).single() == 1);
  }

  @Test
  void theLogIsAppendOnly() {
    api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg"));
    assertLogged("ingrid.berg", "api", "case-view", "ROLE");
    assertThatThrownBy(() -> jdbc.sql("update security_access_log set actor_id = 'someone' where patient_id = :patient")
        .param("patient", patient).update()).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from security_access_log where patient_id = :patient")
        .param("patient", patient).update()).hasMessageContaining("append-only");
  }

  @Test
  void aPatientWhoAsksGetsEveryReadOfTheirDataAsAPageAndAPdf() throws Exception {
    api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg"));
    assertLogged("ingrid.berg", "api", "case-view", "ROLE");
    BrowserSession office = BrowserSession.login(PLATFORM, "ingrid.berg");

    Api.Response page = office.postForm("/app/access-report", Map.of("nationalId", nationalId));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Oppslag i opplysningene om").contains("Ingrid Berg (ingrid.berg)")
        .contains("saken " + caseId).contains("Carepath (API)").doesNotContain(nationalId);
    assertThat(page.uri()).doesNotContain(nationalId);

    BrowserSession.Download pdf = office.download("/app/access-report/pdf", Map.of());
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(document)).contains("Innsyn i logg").contains("Ingrid Berg");
    }
    assertThat(count("ingrid.berg", "app", "access-report")).isEqualTo(2);

    assertThat(BrowserSession.login(PLATFORM, "hanne.strand").postForm("/app/access-report",
        Map.of("nationalId", nationalId)).body()).contains("Ingen pasient med dette nummeret").doesNotContain("ingrid.berg");
    assertThat(office.postForm("/app/access-report", Map.of("nationalId", "123")).body()).contains("ikke gyldig");
  }

  @Test
  void managersSeeWhoReadOutsideTheirWorkAndManyPatientsQuickly() {
    // a team leader opens the case, which she has no task for: outside own work
    BrowserSession office = BrowserSession.login(PLATFORM, "marte.dahl");
    assertThat(office.getPage("/app/cases/" + caseId).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
            select count(*) from security_access_log where patient_id = :patient and actor_id = 'marte.dahl' and not own_work
            """).param("patient", patient).query(Long.class).single() == 1);

    Api.Response statistics = BrowserSession.login(PLATFORM, "sigrid.holm").getPage("/app/access-statistics");
    assertThat(statistics.status()).isEqualTo(200);
    assertThat(statistics.body()).contains("Marte Dahl (marte.dahl)").contains("Oppslag utenfor egne oppgaver")
        .doesNotContain(caseId).doesNotContain("Test Pasient");
    assertThat(BrowserSession.login(PLATFORM, "tone.haugen").getPage("/app/access-statistics").body())
        .doesNotContain("marte.dahl");
  }

  @Test
  void workAboutNoPatientIsNoWarningButAnInstanceCarepathCannotTraceToItsPatientIs() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(EngineReadAudit.class);
    logged.start();
    logger.addAppender(logged);
    try {
      String instance = task.path("processInstanceId").asText();
      BrowserSession tasklist = BrowserSession.login(PLATFORM, "ingrid.berg");
      String filter = null;
      for (JsonNode candidate : tasklist.getJson("/camunda/api/engine/engine/default/filter?resourceType=Task").json()) {
        if (candidate.path("name").asText().equals("Tildelingskontoret")) {
          filter = candidate.path("id").asText();
        }
      }
      String list = "/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=50";
      String query = "{\"processInstanceId\":\"" + instance + "\"}";
      String warning = "A read through tasklist (task-list) named 1 process instances Carepath does not know the patient of";
      // a process about no patient by design, as a nurse's competence training: nothing to log, no warning
      jdbc.sql("update security_process_patient set patient_id = null, process_key = 'competence-training'"
          + " where process_instance_id = :id").param("id", instance).update();
      Api.Response aboutNoPatient = tasklist.postHal(list, query);
      assertThat(aboutNoPatient.status()).isEqualTo(200);
      assertThat(aboutNoPatient.body()).contains(task.path("id").asText());
      assertThat(warnings(logged)).isEmpty();
      // a patient's process the index holds without its patient: a read the access log cannot attribute
      jdbc.sql("update security_process_patient set process_key = 'allocation-case' where process_instance_id = :id")
          .param("id", instance).update();
      assertThat(tasklist.postHal(list, query).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> warnings(logged).size() == 1);
      // and one the index does not know at all (how many, no ids in the log)
      jdbc.sql("delete from security_process_patient where process_instance_id = :id").param("id", instance).update();
      assertThat(tasklist.postHal(list, query).status()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> warnings(logged).size() == 2);

      assertThat(warnings(logged)).containsExactly(warning, warning);
      assertThat(count("ingrid.berg", "tasklist", "task-list")).isZero();
    } finally {
      logger.detachAppender(logged);
    }
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> logged) {
    synchronized (logged) { // the appender adds under its own lock
      return logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private void assertLogged(String actor, String channel, String what, String basis) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql("""
            select count(*) from security_access_log where patient_id = :patient and actor_id = :actor
                and channel = :channel and what = :what and basis = :basis
            """).param("patient", patient).param("actor", actor).param("channel", channel).param("what", what)
        .param("basis", basis).query(Long.class).single() >= 1);
  }

  private long count(String actor, String channel, String what) {
    return jdbc.sql("""
            select count(*) from security_access_log where patient_id = :patient and actor_id = :actor
                and channel = :channel and what = :what
            """).param("patient", patient).param("actor", actor).param("channel", channel).param("what", what)
        .query(Long.class).single();
  }
}
