package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import no.carepath.followup.triage.ThresholdProposal.Proposal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ThresholdProposalTest {

  private static final ClinicalFloors FLOORS = ConfiguredFloors.defaults();

  private static List<Double> repeat(double value, int times) {
    return Collections.nCopies(times, value);
  }

  @Test
  void fewerThanSevenReadingsGiveNoProposal() {
    assertThat(ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 6), FLOORS)).isEmpty();
    assertThat(ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 7), FLOORS)).isPresent();
  }

  @Test
  void implausibleReadingsDoNotCount() {
    List<Double> readings = new ArrayList<>(repeat(72, 6));
    readings.add(400.0);
    readings.add(Double.NaN);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings, FLOORS)).isEmpty();
  }

  @Test
  void onlySignsWithEnoughReadingsGetAProposalInTheOrderOfTheSigns() {
    Map<VitalSign, List<Double>> trial = new EnumMap<>(VitalSign.class);
    trial.put(VitalSign.WEIGHT, repeat(82.4, 14));
    trial.put(VitalSign.PULSE, repeat(72, 14));
    trial.put(VitalSign.SPO2, repeat(96, 5));

    assertThat(ThresholdProposal.propose(Map.copyOf(trial), FLOORS)).extracting(Proposal::sign)
        .containsExactly(VitalSign.PULSE, VitalSign.WEIGHT);
  }

  @Test
  void aStablePatientsLimitsAreNoTighterThanTheClinicalFloorAndTheFormSaysWhy() {
    Proposal pulse = ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 14), FLOORS).orElseThrow();

    // statistics alone: 57 / 62 / 82 / 87, a red alarm at 88 for a patient whose pulse is 72
    assertThat(pulse.thresholds()).isEqualTo(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0));
    assertThat(pulse.readings()).isEqualTo(14);
    assertThat(pulse.median()).isEqualTo(72);
    assertThat(pulse.explanation()).isEqualTo("Puls: median 72 slag/min av 14 målinger; gul under 51 eller over 90 "
        + "slag/min, rød under 41 eller over 130 slag/min. Foreslått grense er ikke strammere enn kommunens kliniske "
        + "gulv (rød under 41, gul under 51, gul over 90, rød over 130 slag/min; gul minst 10 og rød minst 15 "
        + "slag/min fra pasientens median): målingene alene ga rød under 57, gul under 62, gul over 82, rød over 87, "
        + "fordi NEWS2 gir første poeng ved puls over 90 eller på 50 og lavere, og tre poeng ved 131 eller mer og 40 "
        + "eller lavere; og 10 (gul) og 15 slag/min (rød) fra medianen er vanlig variasjon, for eksempel etter en "
        + "trapp.");
  }

  @Test
  void theReportedFloodingPatientsGetRedOnlyWhereTheFloorAllows() {
    // issue 13 §6: pulse red above 88 with a median of 73, systolic red above 158
    List<Double> pulse = List.of(70.0, 71.0, 72.0, 73.0, 73.0, 73.0, 74.0, 75.0, 76.0, 73.0, 72.0, 74.0, 73.0, 71.0);
    List<Double> systolic = List.of(130.0, 133.0, 135.0, 136.0, 137.0, 135.0, 134.0, 138.0, 140.0, 132.0, 135.0,
        136.0, 131.0, 139.0);

    Thresholds pulseLimits = ThresholdProposal.propose(VitalSign.PULSE, pulse, FLOORS).orElseThrow().thresholds();
    Thresholds systolicLimits = ThresholdProposal.propose(VitalSign.SYSTOLIC_BP, systolic, FLOORS).orElseThrow()
        .thresholds();

    assertThat(pulseLimits.redAbove()).isEqualTo(130.0);
    assertThat(pulseLimits.classify(88)).isEqualTo(Interpretation.NORMAL);
    assertThat(pulseLimits.classify(95)).isEqualTo(Interpretation.HIGH);
    assertThat(pulseLimits.classify(131)).isEqualTo(Interpretation.CRITICAL_HIGH);
    assertThat(systolicLimits.redAbove()).isEqualTo(219.0);
    assertThat(systolicLimits.yellowAbove()).isEqualTo(160.0);
    assertThat(systolicLimits.classify(159)).isEqualTo(Interpretation.NORMAL);
    assertThat(systolicLimits.classify(200)).isEqualTo(Interpretation.HIGH);
    assertThat(systolicLimits.classify(220)).isEqualTo(Interpretation.CRITICAL_HIGH);
  }

  @Test
  void oneOddReadingDoesNotWidenTheLimitsOfAStablePatient() {
    List<Double> readings = new ArrayList<>(repeat(72, 13));
    readings.add(140.0);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings, FLOORS).orElseThrow().thresholds())
        .isEqualTo(new Thresholds(VitalSign.PULSE, 41.0, 51.0, 90.0, 130.0));
  }

  @Test
  void aPatientWhoseNormalIsOutsideNews2KeepsTheMarginFromHerOwnMedian() {
    // a patient with atrial fibrillation whose pulse is usually 110: yellow at least 10, red at least 15 above
    List<Double> readings = List.of(108.0, 109.0, 110.0, 110.0, 110.0, 111.0, 112.0, 110.0, 109.0, 111.0);

    Thresholds limits = ThresholdProposal.propose(VitalSign.PULSE, readings, FLOORS).orElseThrow().thresholds();

    assertThat(limits.yellowAbove()).isEqualTo(120.0);
    assertThat(limits.redAbove()).isEqualTo(130.0);
    assertThat(limits.yellowBelow()).isEqualTo(51.0);
  }

  @Test
  void aVariablePatientGetsTwoAndThreeTypicalVariationsRoundedAwayFromTheMedian() {
    // median 160; absolute deviations 0 10 10 20 20 30 30, median 20; variation 20 × 1.4826 = 29.652
    List<Double> readings = List.of(150.0, 130.0, 190.0, 160.0, 170.0, 140.0, 180.0);

    Proposal systolic = ThresholdProposal.propose(VitalSign.SYSTOLIC_BP, readings, FLOORS).orElseThrow();

    // yellow 160 ∓ 59.304 = 100.696 and 219.304; red 160 ∓ 88.956 = 71.044 and 248.956: all wider than the floor
    assertThat(systolic.thresholds()).isEqualTo(new Thresholds(VitalSign.SYSTOLIC_BP, 71.0, 100.0, 220.0, 249.0));
    assertThat(systolic.median()).isEqualTo(160);
    assertThat(systolic.explanation()).isEqualTo("Systolisk blodtrykk: median 160 mmHg av 7 målinger; gul under 100 "
        + "eller over 220 mmHg, rød under 71 eller over 249 mmHg.");
  }

  @Test
  void theMedianOfAnEvenNumberOfReadingsIsTheMeanOfTheMiddleTwo() {
    List<Double> readings = List.of(70.0, 70.0, 70.0, 71.0, 73.0, 74.0, 74.0, 74.0);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings, FLOORS).orElseThrow().median()).isEqualTo(72);
  }

  @Test
  void oxygenSaturationHasNoUpperBounds() {
    Proposal spo2 = ThresholdProposal.propose(VitalSign.SPO2, List.of(95.0, 96.0, 97.0, 97.0, 97.0, 98.0, 99.0, 97.0),
        FLOORS).orElseThrow();

    assertThat(spo2.thresholds().yellowAbove()).isNull();
    assertThat(spo2.thresholds().redAbove()).isNull();
    assertThat(spo2.thresholds().yellowBelow()).isEqualTo(95.0);
    // statistics alone: red under 94, 3 points from the median; NEWS2's red starts at 91 %
    assertThat(spo2.thresholds().redBelow()).isEqualTo(92.0);
    assertThat(spo2.explanation()).startsWith("Oksygenmetning: median 97 % av 8 målinger; gul under 95 %, rød under "
        + "92 %. Foreslått grense er ikke strammere enn kommunens kliniske gulv (rød under 92, gul under 96 %; gul "
        + "minst 2 og rød minst 3 % fra pasientens median): målingene alene ga rød under 94, fordi NEWS2 (skala 1)");
  }

  @Test
  void decimalSignsAreRoundedToTheirDecimalsWithoutFloatingPointDrift() {
    // a patient whose median is 36.7 and who varies by 0.4 °C (36.7 − 36.3 is 0.40000000000000213 in doubles)
    List<Double> readings = List.of(36.3, 36.7, 37.1, 36.7, 36.3, 37.1, 36.7, 36.7, 36.3, 37.1);
    Proposal temperature = ThresholdProposal.propose(VitalSign.TEMPERATURE, readings, FLOORS).orElseThrow();

    // variation 0.4 × 1.4826 = 0.59304; yellow 36.7 ∓ 1.18608 = 35.51 and 37.89; red 36.7 ∓ 1.77912 = 34.92 and
    // 38.48, rounded away from the median; above, NEWS2's floor (yellow over 38.0, red over 39.0) is wider
    assertThat(temperature.thresholds()).isEqualTo(new Thresholds(VitalSign.TEMPERATURE, 34.9, 35.5, 38.0, 39.0));
    assertThat(temperature.explanation()).startsWith("Temperatur: median 36,7 °C av 10 målinger; gul under 35,5 "
        + "eller over 38,0 °C, rød under 34,9 eller over 39,0 °C. Foreslått grense er ikke strammere enn kommunens"
        + " kliniske gulv");
  }

  @Test
  void weightGetsLimitsAroundThePatientsOwnMedian() {
    Proposal weight = ThresholdProposal.propose(VitalSign.WEIGHT,
        List.of(82.1, 82.4, 82.6, 82.3, 82.5, 82.4, 82.2, 82.4, 82.6, 82.3), FLOORS).orElseThrow();

    assertThat(weight.median()).isEqualTo(82.4, org.assertj.core.data.Offset.offset(1e-9));
    // statistics: 80.1 / 80.9 / 83.9 / 84.7; red at least 3 kg from the median (the floor's margin)
    assertThat(weight.thresholds()).isEqualTo(new Thresholds(VitalSign.WEIGHT, 79.4, 80.9, 83.9, 85.4));
  }

  @Test
  void limitsAreClippedToThePlausibleRange() {
    List<Double> readings = List.of(60.0, 70.0, 80.0, 90.0, 95.0, 97.0, 99.0);

    Thresholds spo2 = ThresholdProposal.propose(VitalSign.SPO2, readings, FLOORS).orElseThrow().thresholds();

    assertThat(spo2.redBelow()).isEqualTo(VitalSign.SPO2.plausibleMin());
    assertThat(spo2.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0} gets no proposal")
  @EnumSource(value = VitalSign.class, names = {"INHALED_OXYGEN", "CONSCIOUSNESS"})
  void aPrescriptionOrAScaleGetsNoProposal(VitalSign sign) {
    assertThat(ThresholdProposal.propose(sign, repeat(0, 14), FLOORS)).isEmpty();
    assertThat(ThresholdProposal.minimumWidth(sign)).isEmpty();
  }

  @Test
  void everyProposalIsValidOrderedAndAtLeastTheMinimumWidthFromTheMedian() {
    Random random = new Random(42);
    int proposals = 0;
    for (int patient = 0; patient < 500; patient++) {
      Map<VitalSign, List<Double>> trial = new EnumMap<>(VitalSign.class);
      for (VitalSign sign : VitalSign.values()) {
        double span = sign.plausibleMax() - sign.plausibleMin();
        double centre = sign.plausibleMin() + random.nextDouble() * span;
        double sd = random.nextDouble() * span / (random.nextBoolean() ? 50 : 5);
        List<Double> readings = new ArrayList<>();
        for (int n = 7 + random.nextInt(22); n > 0; n--) {
          double value = centre + random.nextGaussian() * sd;
          double scale = Math.pow(10, sign.decimals());
          readings.add(Math.round(value * scale) / scale);
        }
        trial.put(sign, readings);
      }
      for (Proposal proposal : ThresholdProposal.propose(trial, FLOORS)) {
        proposals++;
        Thresholds limits = proposal.thresholds();
        double width = ThresholdProposal.minimumWidth(limits.sign()).orElseThrow();
        assertThat(limits.problems()).as("%s", proposal).isEmpty();
        assertThat(limits.redBelow()).isNotNull().isLessThanOrEqualTo(limits.yellowBelow());
        assertThat(limits.yellowBelow()).isLessThanOrEqualTo(
            Math.max(limits.sign().plausibleMin(), proposal.median() - width + 1e-9));
        if (limits.sign() == VitalSign.SPO2) {
          assertThat(limits.yellowAbove()).isNull();
          assertThat(limits.redAbove()).isNull();
        } else {
          assertThat(limits.yellowAbove()).isNotNull().isLessThanOrEqualTo(limits.redAbove())
              .isGreaterThanOrEqualTo(Math.min(limits.sign().plausibleMax(), proposal.median() + width - 1e-9));
        }
        assertThat(limits.classify(proposal.median())).as("%s", proposal).isEqualTo(Interpretation.NORMAL);
        assertThat(proposal.explanation()).startsWith(limits.sign().label() + ": median ");
      }
    }
    assertThat(proposals).isGreaterThan(3_000);
  }
}
