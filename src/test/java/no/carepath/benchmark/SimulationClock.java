package no.carepath.benchmark;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.joda.time.DateTimeUtils;

/**
 * The simulated day's time: it stands still until the simulation moves it on, and only forward. It is
 * the application's {@code Clock} bean and, through Joda-Time's millis provider that Camunda's
 * {@code ClockUtil} reads, the engine's clock: due dates, timers, job acquisition and history.
 */
final class SimulationClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  SimulationClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(start), zone);
  }

  private SimulationClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves time on to {@code instant}; never back. */
  void set(Instant instant) {
    Instant before = now.getAndUpdate(current -> instant.isAfter(current) ? instant : current);
    if (instant.isBefore(before)) {
      throw new IllegalArgumentException("The simulated clock runs forward only: " + instant + " is before " + before);
    }
  }

  /** Makes the engine read this clock ({@code ClockUtil.getCurrentTime()}). */
  void installInEngine() {
    DateTimeUtils.setCurrentMillisProvider(this::millis);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new SimulationClock(now, other);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
