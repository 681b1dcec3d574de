package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A tenant refusal, or a task or instance asked for that does not exist, is one WARN line of Carepath's instead of the engine's ERROR and its REST API's WARN, each
 * with a stack trace; every other failure the engine logs stays as it was.
 */
class EngineRefusalLogTest {

  private static final String REFUSED = "ENGINE-13034 Cannot read the task 'a1b2' because it belongs to no"
      + " authenticated tenant.";

  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final EngineRefusalLog filter = new EngineRefusalLog();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<Logger> loggers = List.of(logback.getLogger(EngineRefusalLog.COMMAND_LOGGER),
      logback.getLogger(EngineRefusalLog.REST_LOGGER), logback.getLogger(EngineRefusalLog.class),
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
    log(EngineRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        refusal.getMessage(), refusal);

    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains(REFUSED);
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  @Test
  void theRestApisSecondLogOfItWithTheStackTraceAsTextIsLeftOut() {
    ProcessEngineException refusal = new ProcessEngineException(REFUSED);
    // the command's failure, then the REST API's log of the same request on the same thread: the stack trace written
    // into the message itself
    command(refusal);
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.ProcessEngineException: "
        + REFUSED + "\n\tat org.camunda.Something.call(Something.java:1)");
    // or as a parameter
    command(refusal);
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 {}",
        "org.camunda.bpm.engine.ProcessEngineException: " + REFUSED);

    assertThat(logged.list).hasSize(2).extracting(ILoggingEvent::getLoggerName)
        .containsOnly(EngineRefusalLog.class.getName());
  }

  @Test
  void aClaimOfATaskSomeoneElseHasIsOneWarningWhereOnlyTheRestApiLogsIt() {
    String claimed = "Task 'a1b2' is already claimed by someone else.";
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.TaskAlreadyClaimedException: "
        + claimed + "\n\tat org.camunda.Something.call(Something.java:1)");
    // and where the command logs it, once
    command(new TaskAlreadyClaimedException("a1b2", "mari.sandvik"));
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 {}", "org.camunda.bpm.engine"
        + ".TaskAlreadyClaimedException: " + claimed);

    assertThat(logged.list).hasSize(2).allSatisfy(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getFormattedMessage()).isEqualTo("Refused: " + claimed);
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  private static void command(ProcessEngineException failure) {
    // as the engine's ContextLogger logs it: the message, then the exception
    log(EngineRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        failure.getMessage(), failure);
  }

  @Test
  void aRefusalWrappedInAnotherExceptionIsFoundToo() {
    ProcessEngineException wrapped = new ProcessEngineException("Cannot submit task form a1b2",
        new ProcessEngineException(REFUSED));

    log(EngineRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
        wrapped.getMessage(), wrapped);

    assertThat(logged.list).singleElement().extracting(ILoggingEvent::getLoggerName)
        .isEqualTo(EngineRefusalLog.class.getName());
  }

  @Test
  void aTaskOrInstanceThatDoesNotExistIsOneWarningToo() {
    List<ProcessEngineException> missing = List.of(
        new NullValueException("task a1b2 doesn't exist: task is null"),
        new NullValueException("Cannot find task with id a1b2: task is null"),
        new BadUserRequestException("Cannot find task with id 'a1b2'."),
        new NotFoundException("No process instance found for id 'a1b2'"),
        new ProcessEngineException("Cannot complete task a1b2", new NullValueException("execution a1b2 doesn't exist")));

    for (ProcessEngineException failure : missing) {
      command(failure);
    }
    // the REST API's logs of the first two, each right after its command's
    command(missing.get(0));
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.exception.NullValueException:"
        + " task a1b2 doesn't exist: task is null\n\tat org.camunda.Something.call(Something.java:1)");
    command(missing.get(1));
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 {}", "org.camunda.bpm.engine.rest.exception"
        + ".RestException: Cannot complete task a1b2: Cannot find task with id a1b2\nCaused by: org.camunda.bpm.engine"
        + ".exception.NullValueException: Cannot find task with id a1b2: task is null");

    // a job asked for that does not exist: only the REST API logs it, as its own exception
    log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 org.camunda.bpm.engine.rest.exception"
        + ".InvalidRequestException: ENGINE-13053 No job found with id 'a1b2'.'\n\tat org.camunda.Something.call(x:1)");

    assertThat(logged.list).hasSize(missing.size() + 3).allSatisfy(event -> {
      assertThat(event.getLoggerName()).isEqualTo(EngineRefusalLog.class.getName());
      assertThat(event.getLevel()).isEqualTo(Level.WARN);
      assertThat(event.getFormattedMessage()).contains("a1b2");
      assertThat(event.getThrowableProxy()).isNull();
    });
  }

  @Test
  void everyOtherFailureIsLoggedAsTheEngineLogsIt() {
    // a plain engine failure with the words of a missing thing (a model's or a worker's), and a null value that is no
    // missing thing
    List<ProcessEngineException> others = List.of(
        new ProcessEngineException("ENGINE-13005 Cannot find task with id a1b2"),
        new NullValueException("variableName is null"));

    for (ProcessEngineException other : others) {
      log(EngineRefusalLog.COMMAND_LOGGER).error("ENGINE-16004 Exception while closing command context: {}",
          other.getMessage(), other);
      log(EngineRefusalLog.REST_LOGGER).warn("ENGINE-REST-HTTP500 " + other.getClass().getName() + ": "
          + other.getMessage());
    }

    assertThat(logged.list).extracting(ILoggingEvent::getLoggerName).containsExactly(EngineRefusalLog.COMMAND_LOGGER,
        EngineRefusalLog.REST_LOGGER, EngineRefusalLog.COMMAND_LOGGER, EngineRefusalLog.REST_LOGGER);
    assertThat(logged.list.get(0).getThrowableProxy()).isNotNull();
    assertThat(logged.list.get(2).getThrowableProxy()).isNotNull();
  }

  @Test
  void theWordsElsewhereOrBelowWarnAreNotTouched() {
    ProcessEngineException refusal = new ProcessEngineException(REFUSED);

    log("no.carepath.somewhere").error("A test quoting the engine: {}", REFUSED, refusal);
    log(EngineRefusalLog.COMMAND_LOGGER).info("ENGINE-16004 Exception while closing command context: {}",
        refusal.getMessage(), refusal);

    assertThat(logged.list).extracting(ILoggingEvent::getLoggerName)
        .containsExactly("no.carepath.somewhere", EngineRefusalLog.COMMAND_LOGGER);
  }
}
