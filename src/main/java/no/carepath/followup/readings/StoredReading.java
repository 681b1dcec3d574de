package no.carepath.followup.readings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;

/**
 * A reading as stored: one value of one sign, triaged when it arrived.
 *
 * @param exact the value in the sign's canonical unit, with the precision it was sent with
 * @param sentValue the value as sent, when it came in another unit (then {@code exact} is converted); else {@code null}
 * @param sentUnit that other UCUM unit; else {@code null}
 */
public record StoredReading(UUID id, int monitoringKey, VitalSign sign, Interpretation interpretation, BigDecimal exact,
    BigDecimal sentValue, String sentUnit, Instant measuredAt, Instant receivedAt) {

  /** A reading sent in the canonical unit (tests, examples). */
  public StoredReading(UUID id, int monitoringKey, VitalSign sign, Interpretation interpretation, double value,
      Instant measuredAt, Instant receivedAt) {
    this(id, monitoringKey, sign, interpretation, BigDecimal.valueOf(value).stripTrailingZeros(), null, null, measuredAt,
        receivedAt);
  }

  /** The value for arithmetic (triage, charts); {@link #exact()} for showing and comparing. */
  public double value() {
    return exact.doubleValue();
  }

  /** Same reading: same patient, sign, time and value (precision aside: 6.7 and 6.70 are one value). */
  public boolean sameContent(StoredReading other) {
    return monitoringKey == other.monitoringKey && sign == other.sign && measuredAt.equals(other.measuredAt)
        && exact.compareTo(other.exact) == 0;
  }
}
