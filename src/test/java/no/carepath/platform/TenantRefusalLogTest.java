package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A tenant refusal is one WARN line of Carepath's instead of the engine's ERROR and its REST API's WARN, each
 * with a stack trace; every other failure the engine logs stays as it was.
 */
class TenantRefusalLogTest {

  private static final String REFUSED = "ENGINE-13034 Cannot read the task 'a1b2' because it belongs to no"
      + " authenticated tenant.";

  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final TenantRefusalLog filter = new TenantRefusalLog();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers = List.of(logback.getLogger(TenantRefusalLog.COMMAND_LOGGER),
      logback.getLogger(TenantRefusalLog.REST_LOGGER), logback.getLogger(TenantRefusalLog.class),
      logback.getLogger("no.carepath.somewhere"));

  @BeforeEach
  void capture() {
    logged.start();
    loggers.forEach(logger -> logger.addAppender(logged));
    filter.start();
    logback.addTurboFilter(filter);
  }

  @AfterEach
  void release() {
    logback.getTurboFilterList().remove(filter);
    loggers.forEach(logger -> logger.detachAppender(logged));
  }

  private static org.slf4j.Logger log(String name) {
    return LoggerFactory.getLogger(name);
  }

  @Test
  void theEnginesFailedCommandBecomesOneWarningWithItsMessage() {
    ProcessEngineException refusal = new ProcessEngineException(REFUSED);

    // as the engine's ContextLogger logs it: the message, then the exception
    log(TenantRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        refusal.getMessage(), refusal);

    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLoggerName()).isEqualTo(TenantRefusalLog.class.getName());
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains(REFUSED);
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  @Test
  void theRestApisSecondLogOfItWithTheStackTraceAsTextIsLeftOut() {
    // as the REST API's ExceptionLogger logs it: the stack trace written into the message itself
    log(TenantRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.ProcessEngineException: "
        + REFUSED + "\n\tat org.camunda.Something.call(Something.java:1)");
    // or as a parameter
    log(TenantRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 {}",
        "org.camunda.bpm.engine.ProcessEngineException: " + REFUSED);

    assertThat(logged.list).isEmpty();
  }

  @Test
  void aRefusalWrappedInAnotherExceptionIsFoundToo() {
    ProcessEngineException wrapped = new ProcessEngineException("Cannot submit task form a1b2",
        new ProcessEngineException(REFUSED));

    log(TenantRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        wrapped.getMessage(), wrapped);

    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getLoggerName)
        .isEqualTo(TenantRefusalLog.class.getName());
  }

  @Test
  void everyOtherFailureIsLoggedAsTheEngineLogsIt() {
    ProcessEngineException other = new ProcessEngineException("ENGINE-13005 Cannot find task with id a1b2");

    log(TenantRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        other.getMessage(), other);
    log(TenantRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.ProcessEngineException:"
        + " ENGINE-13005 Cannot find task with id a1b2");

    assertThat(logged.list).extracting(ILoggingEvent::getLoggerName)
        .containsExactly(TenantRefusalLog.COMMAND_LOGGER, TenantRefusalLog.REST_LOGGER);
    assertThat(logged.list.get(0).getThrowableProxy()).isNotNull();
  }

  @Test
  void theWordsElsewhereOrBelowWarnAreNotTouched() {
    ProcessEngineException refusal = new ProcessEngineException(REFUSED);

    log("no.carepath.somewhere").error("A test quoting the engine: {}", REFUSED, refusal);
    log(TenantRefusalLog.COMMAND_LOGGER).info("ENGINE-16004 Exception while closing command context: {}",
        refusal.getMessage(), refusal);

    assertThat(logged.list).extracting(ILoggingEvent::getLoggerName)
        .containsExactly("no.carepath.somewhere", TenantRefusalLog.COMMAND_LOGGER);
  }
}
