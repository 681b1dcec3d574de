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

  /** Proposals for every sign that has enough readings, in the order of {@link VitalSign}. */
  public static List<Proposal> propose(Map<VitalSign, ? extends Collection<Double>> trialReadings) {
    Map<VitalSign, Collection<Double>> ordered = new EnumMap<>(VitalSign.class);
    ordered.putAll(trialReadings);
    List<Proposal> proposals = new ArrayList<>();
    ordered.forEach((sign, readings) -> propose(sign, readings).ifPresent(proposals::add));
    return Collections.unmodifiableList(proposals);
  }

  /** The proposal for one sign, or empty if the sign gets none (too few readings, or not proposed at all). */
  public static Optional<Proposal> propose(VitalSign sign, Collection<Double> trialReadings) {
    Double minimumWidth = MINIMUM_WIDTH.get(sign);
    if (minimumWidth == null) {
      return Optional.empty();
    }
    double[] values = trialReadings.stream()
        .filter(value -> value != null && Double.isFinite(value) && sign.isPlausible(value))
        .mapToDouble(Double::doubleValue)
        .sorted()
        .toArray();
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
    Thresholds thresholds = new Thresholds(sign, redBelow, yellowBelow, yellowAbove, redAbove);
    String explanation = explain(thresholds, values.length, median, floored ? minimumWidth : null);
    return Optional.of(new Proposal(thresholds, values.length, median, explanation));
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
