package no.carepath.followup.triage;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The limits that apply to one patient: the individual thresholds of the active self-management
 * plan over the municipality's defaults (the defaults alone during the trial period, so a
 * dangerous value is never green just because no plan is approved yet). Immutable; the hot path of
 * triage is two array reads and four comparisons.
 */
public final class ThresholdSet {

  private static final int SIZE = VitalSign.values().length;

  private final double[] redBelow = new double[SIZE];
  private final double[] yellowBelow = new double[SIZE];
  private final double[] yellowAbove = new double[SIZE];
  private final double[] redAbove = new double[SIZE];
  private final Map<VitalSign, Thresholds> bySign = new EnumMap<>(VitalSign.class);

  private ThresholdSet(Collection<Thresholds> defaults, Collection<Thresholds> individual) {
    for (int i = 0; i < SIZE; i++) {
      redBelow[i] = Double.NEGATIVE_INFINITY;
      yellowBelow[i] = Double.NEGATIVE_INFINITY;
      yellowAbove[i] = Double.POSITIVE_INFINITY;
      redAbove[i] = Double.POSITIVE_INFINITY;
    }
    defaults.forEach(this::put);
    individual.forEach(this::put);
  }

  /** Individual limits replace the default of the same sign as a whole, not bound by bound. */
  public static ThresholdSet of(Collection<Thresholds> defaults, Collection<Thresholds> individual) {
    return new ThresholdSet(defaults, individual);
  }

  private void put(Thresholds limits) {
    int i = limits.sign().ordinal();
    redBelow[i] = limits.redBelow() == null ? Double.NEGATIVE_INFINITY : limits.redBelow();
    yellowBelow[i] = limits.yellowBelow() == null ? Double.NEGATIVE_INFINITY : limits.yellowBelow();
    yellowAbove[i] = limits.yellowAbove() == null ? Double.POSITIVE_INFINITY : limits.yellowAbove();
    redAbove[i] = limits.redAbove() == null ? Double.POSITIVE_INFINITY : limits.redAbove();
    bySign.put(limits.sign(), limits);
  }

  public Interpretation classify(VitalSign sign, double value) {
    int i = sign.ordinal();
    if (value < redBelow[i]) {
      return Interpretation.CRITICAL_LOW;
    }
    if (value > redAbove[i]) {
      return Interpretation.CRITICAL_HIGH;
    }
    if (value < yellowBelow[i]) {
      return Interpretation.LOW;
    }
    if (value > yellowAbove[i]) {
      return Interpretation.HIGH;
    }
    return Interpretation.NORMAL;
  }

  public Optional<Thresholds> forSign(VitalSign sign) {
    return Optional.ofNullable(bySign.get(sign));
  }

  public Collection<Thresholds> all() {
    return bySign.values();
  }
}
