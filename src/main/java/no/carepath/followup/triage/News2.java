package no.carepath.followup.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NEWS2, the National Early Warning Score 2 of the Royal College of Physicians (2017), from a complete
 * and time-aligned set of its seven parameters: respiratory rate, SpO2 (scale 1, or scale 2 for a patient
 * with confirmed hypercapnic respiratory failure), air or oxygen ({@link VitalSign#INHALED_OXYGEN} above 0
 * L/min is oxygen), systolic blood pressure, pulse, consciousness (ACVPU: anything but alert scores 3) and
 * temperature. Each parameter scores 0-3; the total is 0-20.
 *
 * <p>Values are rounded to the precision of the NEWS2 chart before scoring (whole numbers, temperature to
 * one decimal, half up), so a value between two rows, such as a pulse of 90.6, falls in the row it rounds
 * to. Values are assumed plausible (ingestion refuses the rest).
 *
 * <p>Without all seven parameters, or when they were not measured together, there is no NEWS2: the
 * product then shows the deviation of each parameter on its own (standards.md §3.1).
 */
public final class News2 {

  /** The seven parameters NEWS2 needs; {@link VitalSign#INHALED_OXYGEN} is "air or oxygen". */
  public static final Set<VitalSign> PARAMETERS = Collections.unmodifiableSet(EnumSet.of(VitalSign.RESPIRATORY_RATE,
      VitalSign.SPO2, VitalSign.INHALED_OXYGEN, VitalSign.SYSTOLIC_BP, VitalSign.PULSE, VitalSign.CONSCIOUSNESS,
      VitalSign.TEMPERATURE));

  private News2() {
  }

  /**
   * The score of the latest value of each parameter, or empty unless all seven are present and the earliest
   * and the latest of them were measured at most {@code window} apart.
   *
   * @param latest the latest value per sign; signs NEWS2 does not use are ignored
   * @param scale2 SpO2 scale 2, only for a patient with confirmed hypercapnic respiratory failure
   * @param window how far apart the seven measurements may be, inclusive (e.g. one hour)
   */
  public static Optional<Score> of(Map<VitalSign, TimedValue> latest, boolean scale2, Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must not be negative: " + window);
    }
    Instant earliest = Instant.MAX;
    Instant last = Instant.MIN;
    for (VitalSign sign : PARAMETERS) {
      TimedValue value = latest.get(sign);
      if (value == null) {
        return Optional.empty();
      }
      requireFinite(sign, value.value());
      earliest = value.at().isBefore(earliest) ? value.at() : earliest;
      last = value.at().isAfter(last) ? value.at() : last;
    }
    if (Duration.between(earliest, last).compareTo(window) > 0) {
      return Optional.empty();
    }
    boolean onOxygen = latest.get(VitalSign.INHALED_OXYGEN).value() > 0;
    Map<VitalSign, Integer> scores = new EnumMap<>(VitalSign.class);
    scores.put(VitalSign.RESPIRATORY_RATE, respiratoryRateScore(latest.get(VitalSign.RESPIRATORY_RATE).value()));
    scores.put(VitalSign.SPO2, spo2Score(latest.get(VitalSign.SPO2).value(), onOxygen, scale2));
    scores.put(VitalSign.INHALED_OXYGEN, oxygenScore(onOxygen));
    scores.put(VitalSign.SYSTOLIC_BP, systolicScore(latest.get(VitalSign.SYSTOLIC_BP).value()));
    scores.put(VitalSign.PULSE, pulseScore(latest.get(VitalSign.PULSE).value()));
    scores.put(VitalSign.CONSCIOUSNESS, consciousnessScore(latest.get(VitalSign.CONSCIOUSNESS).value()));
    scores.put(VitalSign.TEMPERATURE, temperatureScore(latest.get(VitalSign.TEMPERATURE).value()));
    int total = 0;
    for (int score : scores.values()) {
      total += score;
    }
    return Optional.of(new Score(total, scores, scale2));
  }

  /** ≤8: 3, 9–11: 1, 12–20: 0, 21–24: 2, ≥25: 3. */
  private static int respiratoryRateScore(double perMinute) {
    long rate = Math.round(perMinute);
    if (rate <= 8) {
      return 3;
    }
    if (rate <= 11) {
      return 1;
    }
    if (rate <= 20) {
      return 0;
    }
    return rate <= 24 ? 2 : 3;
  }

  /**
   * Scale 1: ≤91: 3, 92–93: 2, 94–95: 1, ≥96: 0. Scale 2: ≤83: 3, 84–85: 2, 86–87: 1, 88–92: 0, ≥93 on air:
   * 0; on oxygen 93–94: 1, 95–96: 2, ≥97: 3.
   */
  private static int spo2Score(double percent, boolean onOxygen, boolean scale2) {
    long spo2 = Math.round(percent);
    if (!scale2) {
      if (spo2 <= 91) {
        return 3;
      }
      if (spo2 <= 93) {
        return 2;
      }
      return spo2 <= 95 ? 1 : 0;
    }
    if (spo2 <= 83) {
      return 3;
    }
    if (spo2 <= 85) {
      return 2;
    }
    if (spo2 <= 87) {
      return 1;
    }
    if (spo2 <= 92 || !onOxygen) {
      return 0;
    }
    if (spo2 <= 94) {
      return 1;
    }
    return spo2 <= 96 ? 2 : 3;
  }

  /** Oxygen: 2, air: 0. */
  private static int oxygenScore(boolean onOxygen) {
    return onOxygen ? 2 : 0;
  }

  /** ≤90: 3, 91–100: 2, 101–110: 1, 111–219: 0, ≥220: 3. */
  private static int systolicScore(double mmHg) {
    long systolic = Math.round(mmHg);
    if (systolic <= 90) {
      return 3;
    }
    if (systolic <= 100) {
      return 2;
    }
    if (systolic <= 110) {
      return 1;
    }
    return systolic <= 219 ? 0 : 3;
  }

  /** ≤40: 3, 41–50: 1, 51–90: 0, 91–110: 1, 111–130: 2, ≥131: 3. */
  private static int pulseScore(double perMinute) {
    long pulse = Math.round(perMinute);
    if (pulse <= 40) {
      return 3;
    }
    if (pulse <= 50) {
      return 1;
    }
    if (pulse <= 90) {
      return 0;
    }
    if (pulse <= 110) {
      return 1;
    }
    return pulse <= 130 ? 2 : 3;
  }

  /** Alert: 0; new confusion, voice, pain or unresponsive: 3 (the ordinal of {@link VitalSign.Consciousness}). */
  private static int consciousnessScore(double acvpuOrdinal) {
    return Math.round(acvpuOrdinal) == VitalSign.Consciousness.ALERT.ordinal() ? 0 : 3;
  }

  /** ≤35.0: 3, 35.1–36.0: 1, 36.1–38.0: 0, 38.1–39.0: 1, ≥39.1: 2. */
  private static int temperatureScore(double celsius) {
    long tenths = Math.round(celsius * 10);
    if (tenths <= 350) {
      return 3;
    }
    if (tenths <= 360) {
      return 1;
    }
    if (tenths <= 380) {
      return 0;
    }
    return tenths <= 390 ? 1 : 2;
  }

  private static void requireFinite(VitalSign sign, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(sign + " is not a number: " + value);
    }
  }

  /**
   * One NEWS2 result.
   *
   * @param total the sum of the parameter scores, 0-20
   * @param parameters the score 0-3 of each of the seven {@link #PARAMETERS}
   * @param scale2 whether SpO2 was scored on scale 2
   */
  public record Score(int total, Map<VitalSign, Integer> parameters, boolean scale2) {

    public Score {
      if (!parameters.keySet().equals(PARAMETERS)) {
        throw new IllegalArgumentException("NEWS2 needs exactly " + PARAMETERS + ", got " + parameters.keySet());
      }
      int sum = 0;
      for (int score : parameters.values()) {
        if (score < 0 || score > 3) {
          throw new IllegalArgumentException("A NEWS2 parameter scores 0-3, got " + parameters);
        }
        sum += score;
      }
      if (sum != total) {
        throw new IllegalArgumentException("NEWS2 total " + total + " is not the sum of " + parameters);
      }
      parameters = Collections.unmodifiableMap(new EnumMap<>(parameters));
    }

    /** The score of one of the seven parameters. */
    public int parameter(VitalSign sign) {
      Integer score = parameters.get(sign);
      if (score == null) {
        throw new IllegalArgumentException(sign + " is not a NEWS2 parameter");
      }
      return score;
    }

    /** Whether any single parameter scores 3, the "red score" of the NEWS2 chart. */
    public boolean anySingleThree() {
      return parameters.containsValue(3);
    }

    public Response response() {
      if (total >= 7) {
        return Response.HIGH;
      }
      if (total >= 5) {
        return Response.MEDIUM;
      }
      if (anySingleThree()) {
        return Response.LOW_MEDIUM;
      }
      return total == 0 ? Response.LOW_ROUTINE : Response.LOW;
    }
  }

  /**
   * The clinical response bands of NEWS2 (chart 4) with our traffic-light colour: 0-4 green, a single 3 or
   * 5-6 yellow (a nurse acts the same day, within the hour), 7 or more red (act now). A municipality may
   * adapt the response text (the Agder variant); the bands are those of the RCP.
   */
  public enum Response {
    /** Total 0: routine observation. */
    LOW_ROUTINE("Lav (0) – rutinemessig oppfølging", Colour.GREEN),
    /** Total 1-4 without any single 3: a registered nurse assesses and decides frequency and escalation. */
    LOW("Lav – sykepleier vurderer", Colour.GREEN),
    /** A single parameter scores 3 and the total is below 5: the nurse informs the doctor. */
    LOW_MEDIUM("Lav–middels – sykepleier kontakter lege", Colour.YELLOW),
    /** Total 5-6: urgent response by a clinician competent in acute illness. */
    MEDIUM("Middels – rask vurdering av kliniker", Colour.YELLOW),
    /** Total 7 or more: emergency response, consider a higher level of care. */
    HIGH("Høy – akutt vurdering", Colour.RED);

    private final String label;
    private final Colour colour;

    Response(String label, Colour colour) {
      this.label = label;
      this.colour = colour;
    }

    /** Norwegian, as the nurse reads it. */
    public String label() {
      return label;
    }

    public Colour colour() {
      return colour;
    }
  }
}
