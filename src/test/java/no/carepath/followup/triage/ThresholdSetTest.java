package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdSetTest {

  private static final Thresholds DEFAULT_PULSE = new Thresholds(VitalSign.PULSE, 40.0, 50.0, 100.0, 120.0);
  private static final Thresholds DEFAULT_SPO2 = new Thresholds(VitalSign.SPO2, 88.0, 92.0, null, null);
  private static final List<Thresholds> DEFAULTS = List.of(DEFAULT_PULSE, DEFAULT_SPO2);

  private final ThresholdSet defaultsOnly = ThresholdSet.of(DEFAULTS, List.of());

  @ParameterizedTest(name = "pulse {0} is {1}")
  @CsvSource({
      "39.9, CRITICAL_LOW",
      "40, LOW",
      "49.9, LOW",
      "50, NORMAL",
      "75, NORMAL",
      "100, NORMAL",
      "100.1, HIGH",
      "120, HIGH",
      "120.1, CRITICAL_HIGH"})
  void aValueExactlyAtABoundIsNotBeyondIt(double pulse, Interpretation expected) {
    assertThat(defaultsOnly.classify(VitalSign.PULSE, pulse)).isEqualTo(expected);
  }

  @Test
  void individualLimitsReplaceTheDefaultOfTheirSignAsAWhole() {
    Thresholds individual = new Thresholds(VitalSign.PULSE, null, 55.0, 90.0, null);
    ThresholdSet set = ThresholdSet.of(DEFAULTS, List.of(individual));

    assertThat(set.classify(VitalSign.PULSE, 52)).isEqualTo(Interpretation.LOW);
    assertThat(set.classify(VitalSign.PULSE, 95)).isEqualTo(Interpretation.HIGH);
    // the default red bounds are gone with the default: no red for pulse any more
    assertThat(set.classify(VitalSign.PULSE, 30)).isEqualTo(Interpretation.LOW);
    assertThat(set.classify(VitalSign.PULSE, 140)).isEqualTo(Interpretation.HIGH);
    assertThat(set.forSign(VitalSign.PULSE)).contains(individual);
  }

  @Test
  void signsWithoutIndividualLimitsKeepTheirDefaults() {
    ThresholdSet set = ThresholdSet.of(DEFAULTS, List.of(new Thresholds(VitalSign.PULSE, null, 55.0, 90.0, null)));

    assertThat(set.classify(VitalSign.SPO2, 87)).isEqualTo(Interpretation.CRITICAL_LOW);
    assertThat(set.classify(VitalSign.SPO2, 90)).isEqualTo(Interpretation.LOW);
    assertThat(set.forSign(VitalSign.SPO2)).contains(DEFAULT_SPO2);
    assertThat(set.all()).containsExactlyInAnyOrder(DEFAULT_SPO2,
        new Thresholds(VitalSign.PULSE, null, 55.0, 90.0, null));
  }

  @Test
  void anAbsentBoundPutsNoLimitOnThatSide() {
    assertThat(defaultsOnly.classify(VitalSign.SPO2, 100)).isEqualTo(Interpretation.NORMAL);
    assertThat(defaultsOnly.classify(VitalSign.SPO2, 91)).isEqualTo(Interpretation.LOW);
  }

  @Test
  void aSignWithoutAnyLimitsIsAlwaysNormal() {
    assertThat(defaultsOnly.forSign(VitalSign.WEIGHT)).isEmpty();
    assertThat(defaultsOnly.classify(VitalSign.WEIGHT, VitalSign.WEIGHT.plausibleMin()))
        .isEqualTo(Interpretation.NORMAL);
    assertThat(defaultsOnly.classify(VitalSign.WEIGHT, VitalSign.WEIGHT.plausibleMax()))
        .isEqualTo(Interpretation.NORMAL);
  }

  @Test
  void onlyARedBoundMakesEveryValueBeyondItRedAndNothingYellow() {
    Thresholds redOnly = new Thresholds(VitalSign.TEMPERATURE, 35.0, null, null, 39.0);
    ThresholdSet set = ThresholdSet.of(List.of(redOnly), List.of());

    assertThat(set.classify(VitalSign.TEMPERATURE, 34.9)).isEqualTo(Interpretation.CRITICAL_LOW);
    assertThat(set.classify(VitalSign.TEMPERATURE, 35.0)).isEqualTo(Interpretation.NORMAL);
    assertThat(set.classify(VitalSign.TEMPERATURE, 39.0)).isEqualTo(Interpretation.NORMAL);
    assertThat(set.classify(VitalSign.TEMPERATURE, 39.1)).isEqualTo(Interpretation.CRITICAL_HIGH);
  }

  @Test
  void theSetClassifiesLikeTheLimitsItHolds() {
    Random random = new Random(20260514);
    for (int n = 0; n < 2_000; n++) {
      VitalSign sign = VitalSign.values()[random.nextInt(VitalSign.values().length)];
      double span = sign.plausibleMax() - sign.plausibleMin();
      double[] bounds = random.doubles(4, sign.plausibleMin(), sign.plausibleMax()).sorted().toArray();
      Thresholds limits = new Thresholds(sign, maybe(random, bounds[0]), maybe(random, bounds[1]),
          maybe(random, bounds[2]), maybe(random, bounds[3]));
      ThresholdSet set = ThresholdSet.of(List.of(), List.of(limits));
      for (int v = 0; v < 20; v++) {
        double value = sign.plausibleMin() + random.nextDouble() * span;
        assertThat(set.classify(sign, value)).as("%s %s", limits, value).isEqualTo(limits.classify(value));
      }
      Double[] limitBounds = {limits.redBelow(), limits.yellowBelow(), limits.yellowAbove(), limits.redAbove()};
      for (Double bound : limitBounds) {
        if (bound != null) {
          assertThat(set.classify(sign, bound)).as("%s at %s", limits, bound).isEqualTo(limits.classify(bound));
        }
      }
    }
  }

  private static Double maybe(Random random, double bound) {
    return random.nextInt(4) == 0 ? null : bound;
  }
}
