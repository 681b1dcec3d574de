package no.carepath.followup.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The tightest limits a municipality accepts for one vital sign, so that a patient's ordinary days do
 * not become alarms: a red or yellow limit is never closer to normal than the absolute floor, and never
 * closer to the patient's own median than the margin. For limits above the median:
 * {@code limit ≥ max(floor, median + margin)}; below: {@code limit ≤ min(floor, median − margin)}. An
 * absent floor ({@code null}) means that side is bounded by the margin only. An absent limit (no limit on
 * that side) is always allowed: it is the loosest there is.
 *
 * <p>The absolute floors of the defaults follow NEWS2 (yellow where NEWS2 gives its first point, red where
 * it gives three); {@code docs/thresholds.md} has the reasoning per sign, and {@link #reason()} says it to
 * the nurse in Norwegian.
 *
 * @param redBelow a red-below limit is never above this
 * @param yellowBelow a yellow-below limit is never above this
 * @param yellowAbove a yellow-above limit is never below this
 * @param redAbove a red-above limit is never below this
 * @param yellowMargin yellow limits are at least this far from the patient's median
 * @param redMargin red limits are at least this far from the patient's median
 * @param reason why, in Norwegian, for the nurse and the GP ("NEWS2 gir ...")
 */
public record ClinicalFloor(VitalSign sign, Double redBelow, Double yellowBelow, Double yellowAbove, Double redAbove,
    double yellowMargin, double redMargin, String reason) {

  private static final Locale NORWEGIAN = Locale.forLanguageTag("nb-NO");

  /**
   * Refuses floors that could themselves produce disordered limits (red inside yellow), that lie outside
   * what can be measured, or that have no margin.
   */
  public ClinicalFloor {
    Objects.requireNonNull(sign, "sign");
    List<String> problems = new ArrayList<>();
    if (!(yellowMargin > 0) || !(redMargin >= yellowMargin)) {
      problems.add("margins must be yellow > 0 and red >= yellow (yellow " + yellowMargin + ", red " + redMargin + ")");
    }
    checkPlausible(sign, redBelow, "red-below", problems);
    checkPlausible(sign, yellowBelow, "yellow-below", problems);
    checkPlausible(sign, yellowAbove, "yellow-above", problems);
    checkPlausible(sign, redAbove, "red-above", problems);
    if (yellowBelow != null && (redBelow == null || redBelow > yellowBelow)) {
      problems.add("a yellow-below floor needs a red-below floor at or below it");
    }
    if (yellowAbove != null && (redAbove == null || redAbove < yellowAbove)) {
      problems.add("a yellow-above floor needs a red-above floor at or above it");
    }
    if (yellowBelow != null && yellowAbove != null && yellowBelow >= yellowAbove) {
      problems.add("yellow-below must be below yellow-above");
    }
    if (reason == null || reason.isBlank()) {
      problems.add("a reason is required: the nurse is shown why");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Clinical floor of " + sign + ": " + String.join("; ", problems));
    }
  }

  private static void checkPlausible(VitalSign sign, Double bound, String name, List<String> problems) {
    if (bound != null && !sign.isPlausible(bound)) {
      problems.add(name + " " + bound + " is outside " + sign.plausibleMin() + "-" + sign.plausibleMax());
    }
  }

  /**
   * The tightest limits allowed for a patient with this median: rounded away from the median to the
   * sign's decimals and clipped to what can be measured (a limit at the edge of the plausible range
   * never fires, which is looser still).
   */
  public Thresholds tightest(double median) {
    return new Thresholds(sign,
        below(redBelow, median - redMargin),
        below(yellowBelow, median - yellowMargin),
        above(yellowAbove, median + yellowMargin),
        above(redAbove, median + redMargin));
  }

  /** These limits moved out to the floor where they were tighter; absent limits stay absent. */
  public Thresholds widen(Thresholds limits, double median) {
    requireSign(limits);
    Thresholds floor = tightest(median);
    return new Thresholds(sign,
        limits.redBelow() == null ? null : Math.min(limits.redBelow(), floor.redBelow()),
        limits.yellowBelow() == null ? null : Math.min(limits.yellowBelow(), floor.yellowBelow()),
        limits.yellowAbove() == null ? null : Math.max(limits.yellowAbove(), floor.yellowAbove()),
        limits.redAbove() == null ? null : Math.max(limits.redAbove(), floor.redAbove()));
  }

  /**
   * The limits that are tighter than this floor, each as "rød over 88 (gulvet er 130 slag/min)", in the
   * order red below, yellow below, yellow above, red above; empty when none is. {@code median} may be
   * {@code null} when the patient's median is not known: then only the absolute floors apply.
   */
  public List<String> tighterThan(Thresholds limits, Double median) {
    requireSign(limits);
    Thresholds floor = median == null
        ? new Thresholds(sign, redBelow, yellowBelow, yellowAbove, redAbove)
        : tightest(median);
    List<String> tighter = new ArrayList<>();
    belowTighter(limits.redBelow(), floor.redBelow(), "rød under", tighter);
    belowTighter(limits.yellowBelow(), floor.yellowBelow(), "gul under", tighter);
    aboveTighter(limits.yellowAbove(), floor.yellowAbove(), "gul over", tighter);
    aboveTighter(limits.redAbove(), floor.redAbove(), "rød over", tighter);
    return tighter;
  }

  /**
   * "rød over 130 og gul over 90 slag/min": the floor itself, for the sentences shown to the nurse; only
   * the sides that have an absolute floor.
   */
  public String describeAbsolute() {
    List<String> parts = new ArrayList<>();
    if (redBelow != null) {
      parts.add("rød under " + number(redBelow));
    }
    if (yellowBelow != null) {
      parts.add("gul under " + number(yellowBelow));
    }
    if (yellowAbove != null) {
      parts.add("gul over " + number(yellowAbove));
    }
    if (redAbove != null) {
      parts.add("rød over " + number(redAbove));
    }
    return parts.isEmpty() ? "" : String.join(", ", parts) + unitSuffix();
  }

  /** "gul minst 10 og rød minst 20 slag/min fra medianen". */
  public String describeMargins() {
    return "gul minst " + number(yellowMargin) + " og rød minst " + number(redMargin) + unitSuffix()
        + " fra pasientens median";
  }

  private void belowTighter(Double limit, Double floor, String name, List<String> tighter) {
    if (limit != null && floor != null && limit > floor) {
      tighter.add(name + " " + number(limit) + " (gulvet er " + number(floor) + unitSuffix() + ")");
    }
  }

  private void aboveTighter(Double limit, Double floor, String name, List<String> tighter) {
    if (limit != null && floor != null && limit < floor) {
      tighter.add(name + " " + number(limit) + " (gulvet er " + number(floor) + unitSuffix() + ")");
    }
  }

  private Double below(Double absolute, double fromMedian) {
    double bound = round(fromMedian, RoundingMode.FLOOR);
    if (absolute != null) {
      bound = Math.min(bound, absolute);
    }
    return Math.max(sign.plausibleMin(), bound);
  }

  private Double above(Double absolute, double fromMedian) {
    double bound = round(fromMedian, RoundingMode.CEILING);
    if (absolute != null) {
      bound = Math.max(bound, absolute);
    }
    return Math.min(sign.plausibleMax(), bound);
  }

  /** As {@link ThresholdProposal}: a few extra decimals first, so 36.8 − 0.5 floors to 36.3, not 36.2. */
  private double round(double value, RoundingMode mode) {
    return BigDecimal.valueOf(value).setScale(sign.decimals() + 6, RoundingMode.HALF_EVEN)
        .setScale(sign.decimals(), mode).doubleValue();
  }

  private void requireSign(Thresholds limits) {
    if (limits.sign() != sign) {
      throw new IllegalArgumentException("Limits of " + limits.sign() + " against the floor of " + sign);
    }
  }

  private String number(double value) {
    return String.format(NORWEGIAN, "%." + sign.decimals() + "f", value);
  }

  private String unitSuffix() {
    return sign.unitLabel().isEmpty() ? "" : " " + sign.unitLabel();
  }
}
