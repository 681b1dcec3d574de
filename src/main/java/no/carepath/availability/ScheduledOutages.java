package no.carepath.availability;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.ErrorHandler;

/**
 * The scheduled sweeps (missed measurements, reviews, metrics, partitions, ...) while PostgreSQL is
 * down: each round fails, and is tried again at its next turn. That is said in one line per kind of
 * outage and half minute, with the exception kinds only, instead of a stack trace per sweep and
 * round; any other failure of a sweep is logged in full, as before.
 */
@Component
public class ScheduledOutages implements ErrorHandler, ThreadPoolTaskSchedulerCustomizer {

  private static final Logger log = LoggerFactory.getLogger(ScheduledOutages.class);

  private final OutageLog said;

  public ScheduledOutages(Clock clock) {
    this.said = new OutageLog(clock);
  }

  @Override
  public void customize(org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler scheduler) {
    scheduler.setErrorHandler(this);
  }

  @Override
  public void handleError(Throwable error) {
    Optional<Outage> outage = Outage.of(error);
    if (outage.isEmpty()) {
      log.error("Unexpected error occurred in scheduled task", error);
      return;
    }
    if (!said.due(outage.get())) {
      return;
    }
    log.warn("A scheduled sweep could not run: {} is unavailable ({}); it runs again at its next turn; said at most"
        + " every {} s", outage.get(), OutageLog.kinds(error), OutageLog.INTERVAL.toSeconds());
  }
}
