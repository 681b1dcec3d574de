package no.carepath.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import no.carepath.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.CannotCreateTransactionException;

class ScheduledOutagesTest {

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ScheduledOutages.class);

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
  }

  @Test
  void aSweepFailingBecausePostgresIsDownIsSaidInOneLineEveryHalfMinute() {
    TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
    ScheduledOutages handler = new ScheduledOutages(clock);
    CannotCreateTransactionException down = new CannotCreateTransactionException("Could not open JDBC Connection",
        new SQLException("Connection to localhost:5432 refused with patient 01019912345", "08001"));

    for (int round = 0; round < 10; round++) {
      handler.handleError(down);
      clock.advance(Duration.ofSeconds(2));
    }
    clock.advance(Duration.ofSeconds(30));
    handler.handleError(down);

    assertThat(logged.list).hasSize(2).allSatisfy(event -> {
      assertThat(event.getLevel().toString()).isEqualTo("WARN");
      assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
      assertThat(event.getFormattedMessage()).contains("DATABASE", "SQLState 08001").doesNotContain("01019912345");
    });
  }

  @Test
  void anyOtherFailureOfASweepIsLoggedInFull() {
    new ScheduledOutages(Clock.systemUTC()).handleError(new IllegalStateException("a bug"));
    assertThat(logged.list).singleElement().satisfies(event -> {
      assertThat(event.getLevel().toString()).isEqualTo("ERROR");
      assertThat(event.getThrowableProxy()).isNotNull();
    });
  }

  @Test
  void theSchedulerUsesIt() {
    ScheduledOutages handler = new ScheduledOutages(Clock.systemUTC());
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    handler.customize(scheduler);
    scheduler.initialize();
    try {
      scheduler.schedule(() -> {
        throw new CannotCreateTransactionException("down", new SQLException("refused", "08001"));
      }, Instant.now());
      org.awaitility.Awaitility.await().until(() -> !logged.list.isEmpty());
      assertThat(logged.list.get(0).getLevel().toString()).isEqualTo("WARN");
    } finally {
      scheduler.shutdown();
    }
  }
}
