package no.carepath.followup.triage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes individual thresholds from the readings of a patient's trial period (2-4 weeks), for the nurse
 * to review and the GP to approve; nothing here takes effect by itself. The rule, per vital sign:
 *
 * <ol>
 *   <li>At least {@value #MIN_READINGS} plausible readings, else no proposal: the defaults keep applying.
 *   <li>The <em>median</em> is the patient's normal value. The <em>typical variation</em> is the median
 *       absolute deviation from it times 1.4826, which equals the standard deviation for normally
 *       distributed readings but is not widened by one or two odd days.
 *   <li>Yellow below median − 2 × variation and above median + 2 × variation; red below median − 3 ×
 *       variation and above median + 3 × variation.
 *   <li>A very stable patient would alarm on measurement noise, so the variation is never taken smaller
 *       than half the sign's minimum width: yellow is at least that far from the median (SpO2 2 %-points,
 *       pulse 10/min, systolic 15 mmHg, diastolic 10 mmHg, temperature 0.5 °C, weight 1.5 kg, glucose 1.5
 *       mmol/L, respiratory rate 4/min) and red at least 1.5 times as far.
 *   <li>Bounds are rounded away from the median to the sign's {@link VitalSign#decimals()} (rounding never
 *       narrows the green range) and clipped to the sign's plausible range.
 *   <li>SpO2 gets no upper bounds: 100 % is never a deviation.
 *   <li>Last, no limit is tighter than the municipality's {@link ClinicalFloor clinical floor} of the sign:
 *       not closer to normal than its absolute floor, not closer to the median than its margin. Statistics
 *       alone put a stable patient's red limit a few beats from the median (pulse red above 88 with a
 *       median of 73), which turns ordinary days into red alarms; the floor is what the municipality
 *       considers worth an alarm at all. The explanation says when the floor moved a limit, and why.
 * </ol>
 *
 * <p>Weight has no meaningful population default, so its limits only exist relative to the patient's own
 * median, as proposed here. Oxygen flow and consciousness get no proposal: the first is a prescription,
 * and any change from alert is a deviation for everyone.
 */
public final class ThresholdProposal {

  /** Fewer readings of a sign than this give no proposal for it. */
  public static final int MIN_READINGS = 7;

  /** Scales the median absolute deviation to the standard deviation of a normal distribution. */
  static final double MAD_TO_SD = 1.4826;

  static final double YELLOW_SPREADS = 2;
  static final double RED_SPREADS = 3;

  private static final Locale NORWEGIAN = Locale.forLanguageTag("nb-NO");

  private static final Map<VitalSign, Double> MINIMUM_WIDTH = minimumWidths();

  private ThresholdProposal() {
  }

  /**
   * A proposal for one vital sign.
   *
   * @param thresholds the proposed limits, valid ({@link Thresholds#problems()} is empty)
   * @param readings how many plausible readings the proposal rests on
   * @param median the median of those readings, unrounded
   * @param explanation one sentence in Norwegian for the nurse and the GP
   */
  public record Proposal(Thresholds thresholds, int readings, double median, String explanation) {

    public VitalSign sign() {
      return thresholds.sign();
    }
  }

  /**
   * Proposals for every sign that has enough readings, in the order of {@link VitalSign}, none tighter
   * than the municipality's floors.
   */
  public static List<Proposal> propose(Map<VitalSign, ? extends Collection<Double>> trialReadings,
      ClinicalFloors floors) {
    Map<VitalSign, Collection<Double>> ordered = new EnumMap<>(VitalSign.class);
    ordered.putAll(trialReadings);
    List<Proposal> proposals = new ArrayList<>();
    ordered.forEach((sign, readings) -> propose(sign, readings, floors).ifPresent(proposals::add));
    return Collections.unmodifiableList(proposals);
  }

  /**
   * The proposal for one sign, never tighter than its floor, or empty if the sign gets none (too few
   * readings, or not proposed at all).
   */
  public static Optional<Proposal> propose(VitalSign sign, Collection<Double> trialReadings, ClinicalFloors floors) {
    Double minimumWidth = MINIMUM_WIDTH.get(sign);
    if (minimumWidth == null) {
      return Optional.empty();
    }
    // present for every sign that gets proposals (ClinicalFloors.of insists)
    ClinicalFloor floor = floors.of(sign).orElseThrow();
    double[] values = plausibleSorted(sign, trialReadings);
    if (values.length < MIN_READINGS) {
      return Optional.empty();
    }
    double median = median(values);
    double variation = MAD_TO_SD * median(absoluteDeviations(values, median));
    boolean floored = variation < minimumWidth / YELLOW_SPREADS;
    double spread = Math.max(variation, minimumWidth / YELLOW_SPREADS);

    Double redBelow = lower(sign, median - RED_SPREADS * spread);
    Double yellowBelow = lower(sign, median - YELLOW_SPREADS * spread);
    Double yellowAbove = sign == VitalSign.SPO2 ? null : upper(sign, median + YELLOW_SPREADS * spread);
    Double redAbove = sign == VitalSign.SPO2 ? null : upper(sign, median + RED_SPREADS * spread);
    Thresholds statistical = new Thresholds(sign, redBelow, yellowBelow, yellowAbove, redAbove);
    Thresholds thresholds = floor.widen(statistical, median);
    // when the floor moved a limit, the floor's sentence says why it is where it is
    String byFloor = explainFloor(floor, statistical, thresholds);
    String explanation = explain(thresholds, values.length, median, floored && byFloor.isEmpty() ? minimumWidth : null)
        + byFloor;
    return Optional.of(new Proposal(thresholds, values.length, median, explanation));
  }

  /**
   * The median of the plausible values, when there are at least {@value #MIN_READINGS} of them (the same
   * rule as a proposal), for judging limits against a floor's margins.
   */
  public static Optional<Double> median(VitalSign sign, Collection<Double> readings) {
    double[] values = plausibleSorted(sign, readings);
    return values.length < MIN_READINGS ? Optional.empty() : Optional.of(median(values));
  }

  private static double[] plausibleSorted(VitalSign sign, Collection<Double> readings) {
    return readings.stream()
        .filter(value -> value != null && Double.isFinite(value) && sign.isPlausible(value))
        .mapToDouble(Double::doubleValue)
        .sorted()
        .toArray();
  }

  /** How far yellow is at least from the median for this sign; empty for a sign that gets no proposal. */
  public static Optional<Double> minimumWidth(VitalSign sign) {
    return Optional.ofNullable(MINIMUM_WIDTH.get(sign));
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double[] absoluteDeviations(double[] values, double median) {
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    Arrays.sort(deviations);
    return deviations;
  }

  private static double lower(VitalSign sign, double bound) {
    return Math.max(sign.plausibleMin(), round(bound, sign.decimals(), RoundingMode.FLOOR));
  }

  private static double upper(VitalSign sign, double bound) {
    return Math.min(sign.plausibleMax(), round(bound, sign.decimals(), RoundingMode.CEILING));
  }

  /** Rounds first to a few more decimals, so that 36.8 − 0.5 = 36.29999… floors to 36.3, not 36.2. */
  private static double round(double value, int decimals, RoundingMode mode) {
    return BigDecimal.valueOf(value)
        .setScale(decimals + 6, RoundingMode.HALF_EVEN)
        .setScale(decimals, mode)
        .doubleValue();
  }

  private static String explain(Thresholds limits, int readings, double median, Double floorWidth) {
    VitalSign sign = limits.sign();
    StringBuilder text = new StringBuilder()
        .append(sign.label()).append(": median ").append(withUnit(sign, median))
        .append(" av ").append(readings).append(" målinger; gul ")
        .append(range(limits.yellowBelow(), limits.yellowAbove(), sign))
        .append(", rød ").append(range(limits.redBelow(), limits.redAbove(), sign)).append('.');
    if (floorWidth != null) {
      text.append(" Målingene varierte lite, så gul er satt minst ").append(withUnit(sign, floorWidth))
          .append(" fra medianen.");
    }
    return text.toString();
  }

  /** Names the limits the floor moved out, what the readings alone gave, and the floor's reason. */
  private static String explainFloor(ClinicalFloor floor, Thresholds statistical, Thresholds floored) {
    VitalSign sign = floor.sign();
    List<String> moved = new ArrayList<>();
    moved(statistical.redBelow(), floored.redBelow(), "rød under", sign, moved);
    moved(statistical.yellowBelow(), floored.yellowBelow(), "gul under", sign, moved);
    moved(statistical.yellowAbove(), floored.yellowAbove(), "gul over", sign, moved);
    moved(statistical.redAbove(), floored.redAbove(), "rød over", sign, moved);
    if (moved.isEmpty()) {
      return "";
    }
    String absolute = floor.describeAbsolute();
    return " Foreslått grense er ikke strammere enn kommunens kliniske gulv ("
        + (absolute.isEmpty() ? "" : absolute + "; ") + floor.describeMargins() + "): målingene alene ga "
        + String.join(", ", moved) + ", fordi " + sentence(floor.reason());
  }

  private static String sentence(String text) {
    String stripped = text.strip();
    return stripped.endsWith(".") ? stripped : stripped + ".";
  }

  private static void moved(Double before, Double after, String name, VitalSign sign, List<String> moved) {
    if (before != null && !before.equals(after)) {
      moved.add(name + " " + number(sign, before));
    }
  }

  private static String range(Double below, Double above, VitalSign sign) {
    if (above == null) {
      return "under " + withUnit(sign, below);
    }
    return "under " + number(sign, below) + " eller over " + withUnit(sign, above);
  }

  private static String withUnit(VitalSign sign, double value) {
    return sign.unitLabel().isEmpty() ? number(sign, value) : number(sign, value) + " " + sign.unitLabel();
  }

  private static String number(VitalSign sign, double value) {
    return String.format(NORWEGIAN, "%." + sign.decimals() + "f", value);
  }

  private static Map<VitalSign, Double> minimumWidths() {
    Map<VitalSign, Double> widths = new EnumMap<>(VitalSign.class);
    widths.put(VitalSign.SYSTOLIC_BP, 15.0);
    widths.put(VitalSign.DIASTOLIC_BP, 10.0);
    widths.put(VitalSign.PULSE, 10.0);
    widths.put(VitalSign.SPO2, 2.0);
    widths.put(VitalSign.TEMPERATURE, 0.5);
    widths.put(VitalSign.WEIGHT, 1.5);
    widths.put(VitalSign.GLUCOSE, 1.5);
    widths.put(VitalSign.RESPIRATORY_RATE, 4.0);
    return Collections.unmodifiableMap(widths);
  }
}
