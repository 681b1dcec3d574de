package no.carepath.followup.triage;

import java.time.Instant;
import java.util.Objects;

/** One measured value and when it was measured (the observation's effective time, not its arrival). */
public record TimedValue(double value, Instant at) {

  public TimedValue {
    Objects.requireNonNull(at, "at");
  }
}
