package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A nurse of Narvik asking for a Bodø task gets 404, and the log gets one WARN line for it, not the engine's
 * ERROR and its REST API's WARN with two stack traces.
 */
class TenantRefusalLogIT extends IntegrationTest {

  private static final String KEY = "tenant-refusal-log-it";

  @Autowired ProcessEngine engine;
  private final Api api = new Api(PLATFORM);
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers = List.of(logback.getLogger(TenantRefusalLog.COMMAND_LOGGER),
      logback.getLogger(TenantRefusalLog.REST_LOGGER), logback.getLogger(TenantRefusalLog.class));
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
      assertThat(event.getLoggerName()).isEqualTo(TenantRefusalLog.class.getName());
      assertThat(event.getFormattedMessage()).contains(task).contains(TenantRefusalLog.REFUSAL);
      assertThat(event.getThrowableProxy()).isNull();
    });
    // the nurse of the task's own municipality is served, and nothing is logged
    assertThat(api.get("/engine-rest/task/" + task + "/form-variables", api.tokenOf("jonas.lie")).status())
        .isEqualTo(200);
    assertThat(logged.list).hasSize(1);
  }
}
