package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class of defect of issue 13 §6: a proposed limit so close to a stable patient's median that
 * ordinary days alarm. Judged for every sign that gets proposals, every direction (red and yellow, below
 * and above), over many simulated patients, against the configured floors and against random floors a
 * municipality could configure.
 */
class ClinicalFloorTest {

  private static final ClinicalFloors CONFIGURED = ConfiguredFloors.defaults();

  enum Bound { RED_BELOW, YELLOW_BELOW, YELLOW_ABOVE, RED_ABOVE }

  static Stream<VitalSign> proposedSigns() {
    return Arrays.stream(VitalSign.values()).filter(sign -> ThresholdProposal.minimumWidth(sign).isPresent());
  }

  static Stream<Arguments> signsAndBounds() {
    return proposedSigns().flatMap(sign -> Arrays.stream(Bound.values()).map(bound -> Arguments.of(sign, bound)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proposedSigns")
  void noProposalForAnySimulatedPatientAlarmsWhereTheConfiguredFloorSaysNot(VitalSign sign) {
    assertNeverTighter(sign, CONFIGURED.of(sign).orElseThrow(), new Random(sign.ordinal()), 1_000);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proposedSigns")
  void noProposalAlarmsWhereARandomlyConfiguredFloorSaysNot(VitalSign sign) {
    Random random = new Random(1000 + sign.ordinal());
    for (int municipality = 0; municipality < 30; municipality++) {
      assertNeverTighter(sign, randomFloor(sign, random), random, 100);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proposedSigns")
  void aStablePatientsOrdinaryDaysAreNeverRed(VitalSign sign) {
    Random random = new Random(2000 + sign.ordinal());
    double[] typical = TYPICAL.get(sign);
    ClinicalFloor floor = CONFIGURED.of(sign).orElseThrow();
    for (int patient = 0; patient < 500; patient++) {
      double centre = typical[0] + random.nextDouble() * (typical[1] - typical[0]);
      double sd = typical[2] * (0.3 + random.nextDouble());
      List<Double> trial = readings(sign, centre, sd, 14, random);
      ThresholdProposal.Proposal proposal = ThresholdProposal.propose(sign, trial, CONFIGURED).orElseThrow();
      // 30 ordinary days: the same patient, the same variation, within two of her standard deviations
      for (int day = 0; day < 30; day++) {
        double value = clamp(sign, centre + Math.max(-2, Math.min(2, random.nextGaussian())) * sd);
        assertThat(proposal.thresholds().classify(value).colour()).as("%s day %d: %s", proposal, day, value)
            .isNotEqualTo(Colour.RED);
      }
      assertThat(proposal.thresholds().classify(centre).colour()).isEqualTo(Colour.GREEN);
      // the margin alone keeps her ordinary range green
      assertThat(floor.tightest(proposal.median()).classify(proposal.median())).isEqualTo(Interpretation.NORMAL);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("signsAndBounds")
  void aLimitOneStepInsideTheFloorIsNamedAndWidenedOneStepOutsideIsLeftAlone(VitalSign sign, Bound bound) {
    ClinicalFloor floor = CONFIGURED.of(sign).orElseThrow();
    double median = TYPICAL.get(sign)[0];
    Thresholds tightest = floor.tightest(median);
    double step = Math.pow(10, -sign.decimals());
    double atFloor = get(tightest, bound);
    boolean below = bound == Bound.RED_BELOW || bound == Bound.YELLOW_BELOW;
    double inside = round(sign, below ? atFloor + step : atFloor - step);
    double outside = round(sign, below ? atFloor - step : atFloor + step);

    Thresholds tight = with(tightest, bound, inside);
    assertThat(floor.tighterThan(tight, median)).singleElement().asString()
        .startsWith(name(bound) + " ").contains("gulvet er");
    assertThat(get(floor.widen(tight, median), bound)).isEqualTo(atFloor);
    assertThat(floor.widen(tight, median)).isEqualTo(tightest);

    Thresholds loose = with(tightest, bound, outside);
    assertThat(floor.tighterThan(loose, median)).isEmpty();
    assertThat(floor.widen(loose, median)).isEqualTo(loose);
    assertThat(floor.tighterThan(tightest, median)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proposedSigns")
  void noLimitIsLooserThanAnyLimitAndStaysAbsent(VitalSign sign) {
    ClinicalFloor floor = CONFIGURED.of(sign).orElseThrow();
    Thresholds none = new Thresholds(sign, null, null, null, null);

    assertThat(floor.tighterThan(none, TYPICAL.get(sign)[0])).isEmpty();
    assertThat(floor.widen(none, TYPICAL.get(sign)[0])).isEqualTo(none);
  }

  @Test
  void withoutAKnownMedianOnlyTheAbsoluteFloorsApply() {
    ClinicalFloor pulse = CONFIGURED.of(VitalSign.PULSE).orElseThrow();

    assertThat(pulse.tighterThan(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0), null)).isEmpty();
    assertThat(pulse.tighterThan(new Thresholds(VitalSign.PULSE, 45.0, 51.0, 90.0, 120.0), null))
        .containsExactly("rød under 45 (gulvet er 41 slag/min)", "rød over 120 (gulvet er 130 slag/min)");
  }

  @Test
  void forAPatientInNews2sNormalBandTheConfiguredFloorIsNews2() {
    assertThat(CONFIGURED.of(VitalSign.PULSE).orElseThrow().tightest(72))
        .isEqualTo(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0));
    assertThat(CONFIGURED.of(VitalSign.SYSTOLIC_BP).orElseThrow().tightest(130))
        .isEqualTo(new Thresholds(VitalSign.SYSTOLIC_BP, 91.0, 111.0, 160.0, 219.0));
    assertThat(CONFIGURED.of(VitalSign.RESPIRATORY_RATE).orElseThrow().tightest(15))
        .isEqualTo(new Thresholds(VitalSign.RESPIRATORY_RATE, 9.0, 12.0, 20.0, 24.0));
    assertThat(CONFIGURED.of(VitalSign.TEMPERATURE).orElseThrow().tightest(36.8))
        .isEqualTo(new Thresholds(VitalSign.TEMPERATURE, 35.1, 36.1, 38.0, 39.0));
    assertThat(CONFIGURED.of(VitalSign.SPO2).orElseThrow().tightest(98).redBelow()).isEqualTo(92.0);
  }

  @Test
  void floorsThatCouldThemselvesDisorderLimitsAreRefused() {
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 55.0, 51.0, 90.0, 130.0, 10, 15, "x"))
        .hasMessageContaining("red-below floor at or below it");
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 41.0, 51.0, 90.0, null, 10, 15, "x"))
        .hasMessageContaining("red-above floor at or above it");
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0, 10, 5, "x"))
        .hasMessageContaining("margins");
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0, 0, 5, "x"))
        .hasMessageContaining("margins");
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 41.0, 51.0, 90.0, 400.0, 10, 15, "x"))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> new ClinicalFloor(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0, 10, 15, " "))
        .hasMessageContaining("reason");
  }

  @Test
  void everySignThatGetsProposalsNeedsAFloor() {
    List<ClinicalFloor> withoutPulse = new ArrayList<>(CONFIGURED.all());
    withoutPulse.removeIf(floor -> floor.sign() == VitalSign.PULSE);

    assertThatThrownBy(() -> ClinicalFloors.of(withoutPulse)).hasMessageContaining("PULSE");
  }

  /** For every simulated patient: no value the floor keeps green is yellow or red, none it keeps from red is red. */
  private static void assertNeverTighter(VitalSign sign, ClinicalFloor floor, Random random, int patients) {
    ClinicalFloors floors = replace(CONFIGURED, floor);
    double span = sign.plausibleMax() - sign.plausibleMin();
    int proposals = 0;
    for (int patient = 0; patient < patients; patient++) {
      double centre = sign.plausibleMin() + random.nextDouble() * span;
      double sd = random.nextDouble() * span / (random.nextInt(3) == 0 ? 8 : 200);
      List<Double> trial = readings(sign, centre, sd, 7 + random.nextInt(22), random);
      var proposal = ThresholdProposal.propose(sign, trial, floors);
      if (proposal.isEmpty()) {
        continue;
      }
      proposals++;
      Thresholds limits = proposal.get().thresholds();
      Thresholds tightest = floor.tightest(proposal.get().median());
      assertThat(limits.problems()).as("%s", proposal.get()).isEmpty();
      assertThat(floor.tighterThan(limits, proposal.get().median())).as("%s", proposal.get()).isEmpty();
      double step = Math.pow(10, -sign.decimals());
      long values = Math.round(span / step);
      for (long k = 0; k <= values; k++) {
        double value = round(sign, sign.plausibleMin() + k * step);
        Colour allowed = tightest.classify(value).colour();
        Colour proposed = limits.classify(value).colour();
        // plain comparison per value (millions of them); AssertJ only to report a failure
        if (proposed.compareTo(allowed) > 0) {
          assertThat(proposed).as("%s at %s, where the floor %s allows %s", proposal.get(), value, tightest, allowed)
              .isEqualTo(allowed);
        }
      }
    }
    assertThat(proposals).isGreaterThan(patients / 2);
  }

  private static ClinicalFloor randomFloor(VitalSign sign, Random random) {
    double span = sign.plausibleMax() - sign.plausibleMin();
    double yellowMargin = round(sign, Math.max(Math.pow(10, -sign.decimals()), random.nextDouble() * span / 10));
    double redMargin = round(sign, yellowMargin + random.nextDouble() * span / 10);
    double[] points = new double[4];
    for (int i = 0; i < 4; i++) {
      points[i] = round(sign, sign.plausibleMin() + random.nextDouble() * span);
    }
    Arrays.sort(points);
    if (points[1] >= points[2]) {
      return new ClinicalFloor(sign, null, null, null, null, yellowMargin, redMargin, "bare marginer");
    }
    boolean below = random.nextBoolean();
    boolean above = random.nextBoolean();
    return new ClinicalFloor(sign, below ? points[0] : null, below ? points[1] : null, above ? points[2] : null,
        above ? points[3] : null, yellowMargin, redMargin, "tilfeldig gulv");
  }

  private static ClinicalFloors replace(ClinicalFloors floors, ClinicalFloor floor) {
    List<ClinicalFloor> all = new ArrayList<>(floors.all());
    all.removeIf(one -> one.sign() == floor.sign());
    all.add(floor);
    return ClinicalFloors.of(all);
  }

  private static List<Double> readings(VitalSign sign, double centre, double sd, int n, Random random) {
    List<Double> readings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      readings.add(clamp(sign, centre + random.nextGaussian() * sd));
    }
    return readings;
  }

  private static double clamp(VitalSign sign, double value) {
    return round(sign, Math.max(sign.plausibleMin(), Math.min(sign.plausibleMax(), value)));
  }

  private static double round(VitalSign sign, double value) {
    return BigDecimal.valueOf(value).setScale(sign.decimals(), java.math.RoundingMode.HALF_EVEN).doubleValue();
  }

  private static double get(Thresholds limits, Bound bound) {
    return switch (bound) {
      case RED_BELOW -> limits.redBelow();
      case YELLOW_BELOW -> limits.yellowBelow();
      case YELLOW_ABOVE -> limits.yellowAbove();
      case RED_ABOVE -> limits.redAbove();
    };
  }

  private static Thresholds with(Thresholds limits, Bound bound, double value) {
    return new Thresholds(limits.sign(),
        bound == Bound.RED_BELOW ? value : limits.redBelow(),
        bound == Bound.YELLOW_BELOW ? value : limits.yellowBelow(),
        bound == Bound.YELLOW_ABOVE ? value : limits.yellowAbove(),
        bound == Bound.RED_ABOVE ? value : limits.redAbove());
  }

  private static String name(Bound bound) {
    return switch (bound) {
      case RED_BELOW -> "rød under";
      case YELLOW_BELOW -> "gul under";
      case YELLOW_ABOVE -> "gul over";
      case RED_ABOVE -> "rød over";
    };
  }

  /** Typical medians of a stable home patient (from, to) and a typical day-to-day standard deviation. */
  private static final Map<VitalSign, double[]> TYPICAL = Map.of(
      VitalSign.SYSTOLIC_BP, new double[] {120, 150, 8},
      VitalSign.DIASTOLIC_BP, new double[] {70, 85, 5},
      VitalSign.PULSE, new double[] {65, 80, 4},
      VitalSign.SPO2, new double[] {96, 99, 0.8},
      VitalSign.TEMPERATURE, new double[] {36.5, 37.1, 0.2},
      VitalSign.WEIGHT, new double[] {60, 110, 0.4},
      VitalSign.GLUCOSE, new double[] {5.5, 9, 0.8},
      VitalSign.RESPIRATORY_RATE, new double[] {14, 17, 1});
}
