package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A nurse of Narvik asking for a Bodø task gets 404, and so does a nurse asking for a task that does not exist
 * (also where the REST API would say 400); the log gets one WARN line for each, not the engine's ERROR and its REST
 * API's WARN with two stack traces. A task someone else has claimed is a 409 and one WARN line. A national ID
 * number put in a URL never reaches the log.
 */
class EngineRefusalLogIT extends IntegrationTest {

  private static final String KEY = "tenant-refusal-log-it";

  @Autowired ProcessEngine engine;
  private final Api api = new Api(PLATFORM);
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers = List.of(logback.getLogger(EngineRefusalLog.COMMAND_LOGGER),
      logback.getLogger(EngineRefusalLog.REST_LOGGER), logback.getLogger(EngineRefusalLog.class));
  private String deployment;
  private String task;

  @BeforeEach
  void aBodoTaskForNurses() {
    deployment = TestTaskModel.deploy(engine, KEY, CarepathGroups.HOME_FOLLOW_UP_NURSES);
    String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of("municipalityNumber", "1804",
        "followUpDueDate", new Date())).getId();
    task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    logged.start();
    loggers.forEach(logger -> logger.addAppender(logged));
  }

  @AfterEach
  void removeIt() {
    loggers.forEach(logger -> logger.detachAppender(logged));
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void anotherMunicipalitysTaskIsA404AndOneWarningLine() {
    Api.Response refused = api.get("/engine-rest/task/" + task + "/form-variables", api.tokenOf("ola.bakke"));

    assertThat(refused.status()).isEqualTo(404);
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getFormattedMessage()).contains(task).contains(EngineRefusalLog.REFUSAL);
      assertThat(event.getThrowableProxy()).isNull();
    });
    // the nurse of the task's own municipality is served, and nothing is logged
    assertThat(api.get("/engine-rest/task/" + task + "/form-variables", api.tokenOf("jonas.lie")).status())
        .isEqualTo(200);
    assertThat(logged.list).hasSize(1);
  }

  @Test
  void aTaskSomeoneElseHasClaimedIsA409InNorwegianAndOneWarningLine() {
    assertThat(api.postJson("/engine-rest/task/" + task + "/claim", api.tokenOf("jonas.lie"),
        "{\"userId\": \"jonas.lie\"}").status()).isEqualTo(204);

    Api.Response second = api.postJson("/engine-rest/task/" + task + "/claim", api.tokenOf("mari.sandvik"),
        "{\"userId\": \"mari.sandvik\"}");

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().path("message").asText()).isEqualTo("Oppgaven er allerede tatt av en annen. Last"
        + " oppgavelisten på nytt.");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("jonas.lie");
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getFormattedMessage()).contains(task).contains("already claimed");
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  @Test
  void aTaskThatDoesNotExistIsA404AndOneWarningLineEvenWhereTheRestApiSays400() {
    for (String path : List.of("", "/form-variables", "/form", "/variables")) {
      Api.Response missing = api.get("/engine-rest/task/" + UUID.randomUUID() + path, api.tokenOf("jonas.lie"));

      assertThat(missing.status()).as(path).isEqualTo(404);
      assertThat(missing.body()).as(path).contains("Oppgaven finnes ikke").doesNotContain("null", "Cannot");
    }
    // the task itself is looked up by a query, and its form variables' refusal is one the engine does not log as a
    // failure (nothing to log); its form and its variables by commands that fail, each now one line
    assertThat(logged.list).hasSize(2).allSatisfy(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  @Test
  void aBodyOfTheWrongShapeIsANorwegian400NamingNoJavaClass() {
    for (String body : List.of("{\"variables\": []}", "{\"variables\": {\"x\": []}}", "not json")) {
      Api.Response refused = api.postJson("/engine-rest/task/" + task + "/submit-form", api.tokenOf("jonas.lie"), body);

      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(refused.json().path("message").asText()).as(body).startsWith("Forespørselen er ugyldig");
      assertThat(refused.body()).as(body).doesNotContain("java", "camunda", "Exception", "StreamReadFeature");
    }
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).as("nothing completed").isEqualTo(1);
  }

  @Test
  void aNationalIdNumberSomeonePutInAUrlNeverReachesTheLog() {
    String nationalId = Referrals.syntheticNationalId();
    assertThat(api.get("/engine-rest/task/" + nationalId + "/variables", api.tokenOf("jonas.lie")).status())
        .isEqualTo(404);
    assertThat(api.postJson("/engine-rest/task/" + nationalId + "/complete", api.tokenOf("jonas.lie"), "{}").status())
        .isEqualTo(404);
    // and a failure the engine logs with its stack trace, as it would quote an id back
    LoggerFactory.getLogger(EngineRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command"
        + " context: {}", "Cannot correlate " + nationalId, new IllegalStateException("Cannot correlate " + nationalId,
        new IllegalArgumentException("business key " + nationalId)));

    // every line as the application's own log writes it (the console appender's pattern from application.yaml)
    Encoder<ILoggingEvent> encoder = ((ConsoleAppender<ILoggingEvent>) logback.getLogger(Logger.ROOT_LOGGER_NAME)
        .getAppender("CONSOLE")).getEncoder();
    String written = logged.list.stream().map(event -> new String(encoder.encode(event), StandardCharsets.UTF_8))
        .collect(Collectors.joining());
    assertThat(logged.list).hasSize(3);
    assertThat(logged.list.get(0).getFormattedMessage()).as("the engine's message, before the pattern").contains(nationalId);
    assertThat(written).doesNotContain(nationalId).contains("***********")
        .contains("Caused by: java.lang.IllegalArgumentException: business key ***********");
    // other numbers are left as they are
    assertThat(new String(encoder.encode(new ch.qos.logback.classic.spi.LoggingEvent(getClass().getName(),
        logback.getLogger(getClass()), ch.qos.logback.classic.Level.WARN, "episode 1804 has 123456789012 and 1234567890",
        null, null)), StandardCharsets.UTF_8)).contains("episode 1804 has 123456789012 and 1234567890");
  }
}
