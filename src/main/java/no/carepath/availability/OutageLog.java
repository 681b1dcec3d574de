package no.carepath.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * How often one place says an outage: at most once per half minute and kind of outage, so that a
 * database down for ten minutes gives twenty lines, not one per request, sweep or dispatcher round.
 * Each place that meets outages (the filter answering 503, the scheduled sweeps, the deviation
 * dispatcher) keeps one of its own, with its own sentence.
 */
public final class OutageLog {

  public static final Duration INTERVAL = Duration.ofSeconds(30);

  private final Clock clock;
  private final Map<Outage, Instant> lastSaid = new EnumMap<>(Outage.class);

  public OutageLog(Clock clock) {
    this.clock = clock;
  }

  /** Whether this outage is to be said now; if it is, it counts as said. */
  public boolean due(Outage outage) {
    Instant now = clock.instant();
    synchronized (lastSaid) {
      Instant last = lastSaid.get(outage);
      if (last != null && now.isBefore(last.plus(INTERVAL))) {
        return false;
      }
      lastSaid.put(outage, now);
      return true;
    }
  }

  /** The chain of exception kinds, with SQLStates: never a message, which may quote a statement's values. */
  public static String kinds(Throwable e) {
    StringBuilder kinds = new StringBuilder();
    int depth = 0;
    for (Throwable cause = e; cause != null && depth < 12; cause = cause.getCause() == cause ? null : cause.getCause(),
        depth++) {
      kinds.append(kinds.isEmpty() ? "" : " <- ").append(cause.getClass().getSimpleName());
      if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        kinds.append(" (SQLState ").append(sql.getSQLState()).append(')');
      }
    }
    return kinds.toString();
  }
}
