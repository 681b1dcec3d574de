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

  private static List<Double> repeat(double value, int times) {
    return Collections.nCopies(times, value);
  }

  @Test
  void fewerThanSevenReadingsGiveNoProposal() {
    assertThat(ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 6))).isEmpty();
    assertThat(ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 7))).isPresent();
  }

  @Test
  void implausibleReadingsDoNotCount() {
    List<Double> readings = new ArrayList<>(repeat(72, 6));
    readings.add(400.0);
    readings.add(Double.NaN);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings)).isEmpty();
  }

  @Test
  void onlySignsWithEnoughReadingsGetAProposalInTheOrderOfTheSigns() {
    Map<VitalSign, List<Double>> trial = new EnumMap<>(VitalSign.class);
    trial.put(VitalSign.WEIGHT, repeat(82.4, 14));
    trial.put(VitalSign.PULSE, repeat(72, 14));
    trial.put(VitalSign.SPO2, repeat(96, 5));

    assertThat(ThresholdProposal.propose(Map.copyOf(trial))).extracting(Proposal::sign)
        .containsExactly(VitalSign.PULSE, VitalSign.WEIGHT);
  }

  @Test
  void aStablePatientGetsTheMinimumWidthAndRedHalfAgainAsFar() {
    Proposal pulse = ThresholdProposal.propose(VitalSign.PULSE, repeat(72, 14)).orElseThrow();

    assertThat(pulse.thresholds()).isEqualTo(new Thresholds(VitalSign.PULSE, 57.0, 62.0, 82.0, 87.0));
    assertThat(pulse.readings()).isEqualTo(14);
    assertThat(pulse.median()).isEqualTo(72);
    assertThat(pulse.explanation()).isEqualTo("Puls: median 72 slag/min av 14 målinger; gul under 62 eller over 82 "
        + "slag/min, rød under 57 eller over 87 slag/min. Målingene varierte lite, så gul er satt minst 10 slag/min "
        + "fra medianen.");
  }

  @Test
  void oneOddReadingDoesNotWidenTheLimitsOfAStablePatient() {
    List<Double> readings = new ArrayList<>(repeat(72, 13));
    readings.add(140.0);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings).orElseThrow().thresholds())
        .isEqualTo(new Thresholds(VitalSign.PULSE, 57.0, 62.0, 82.0, 87.0));
  }

  @Test
  void aVariablePatientGetsTwoAndThreeTypicalVariationsRoundedAwayFromTheMedian() {
    // median 160; absolute deviations 0 10 10 20 20 30 30, median 20; variation 20 × 1.4826 = 29.652
    List<Double> readings = List.of(150.0, 130.0, 190.0, 160.0, 170.0, 140.0, 180.0);

    Proposal systolic = ThresholdProposal.propose(VitalSign.SYSTOLIC_BP, readings).orElseThrow();

    // yellow 160 ∓ 59.304 = 100.696 and 219.304; red 160 ∓ 88.956 = 71.044 and 248.956
    assertThat(systolic.thresholds()).isEqualTo(new Thresholds(VitalSign.SYSTOLIC_BP, 71.0, 100.0, 220.0, 249.0));
    assertThat(systolic.median()).isEqualTo(160);
    assertThat(systolic.explanation()).isEqualTo("Systolisk blodtrykk: median 160 mmHg av 7 målinger; gul under 100 "
        + "eller over 220 mmHg, rød under 71 eller over 249 mmHg.");
  }

  @Test
  void theMedianOfAnEvenNumberOfReadingsIsTheMeanOfTheMiddleTwo() {
    List<Double> readings = List.of(70.0, 70.0, 70.0, 71.0, 73.0, 74.0, 74.0, 74.0);

    assertThat(ThresholdProposal.propose(VitalSign.PULSE, readings).orElseThrow().median()).isEqualTo(72);
  }

  @Test
  void oxygenSaturationHasNoUpperBounds() {
    Proposal spo2 = ThresholdProposal.propose(VitalSign.SPO2, List.of(95.0, 96.0, 97.0, 97.0, 97.0, 98.0, 99.0, 97.0))
        .orElseThrow();

    assertThat(spo2.thresholds().yellowAbove()).isNull();
    assertThat(spo2.thresholds().redAbove()).isNull();
    assertThat(spo2.thresholds().yellowBelow()).isEqualTo(95.0);
    assertThat(spo2.thresholds().redBelow()).isEqualTo(94.0);
    assertThat(spo2.explanation()).isEqualTo("Oksygenmetning: median 97 % av 8 målinger; gul under 95 %, rød under "
        + "94 %. Målingene varierte lite, så gul er satt minst 2 % fra medianen.");
  }

  @Test
  void decimalSignsAreRoundedToTheirDecimalsWithoutFloatingPointDrift() {
    Proposal temperature = ThresholdProposal.propose(VitalSign.TEMPERATURE, repeat(36.8, 10)).orElseThrow();

    // yellow 36.8 ∓ 0.5; red 36.8 ∓ 0.75 = 36.05 and 37.55, rounded away from the median
    assertThat(temperature.thresholds()).isEqualTo(new Thresholds(VitalSign.TEMPERATURE, 36.0, 36.3, 37.3, 37.6));
    assertThat(temperature.explanation()).startsWith("Temperatur: median 36,8 °C av 10 målinger; gul under 36,3 "
        + "eller over 37,3 °C");
  }

  @Test
  void weightGetsLimitsAroundThePatientsOwnMedian() {
    Proposal weight = ThresholdProposal.propose(VitalSign.WEIGHT,
        List.of(82.1, 82.4, 82.6, 82.3, 82.5, 82.4, 82.2, 82.4, 82.6, 82.3)).orElseThrow();

    assertThat(weight.median()).isEqualTo(82.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(weight.thresholds()).isEqualTo(new Thresholds(VitalSign.WEIGHT, 80.1, 80.9, 83.9, 84.7));
  }

  @Test
  void limitsAreClippedToThePlausibleRange() {
    List<Double> readings = List.of(60.0, 70.0, 80.0, 90.0, 95.0, 97.0, 99.0);

    Thresholds spo2 = ThresholdProposal.propose(VitalSign.SPO2, readings).orElseThrow().thresholds();

    assertThat(spo2.redBelow()).isEqualTo(VitalSign.SPO2.plausibleMin());
    assertThat(spo2.problems()).isEmpty();
  }

  @ParameterizedTest(name = "{0} gets no proposal")
  @EnumSource(value = VitalSign.class, names = {"INHALED_OXYGEN", "CONSCIOUSNESS"})
  void aPrescriptionOrAScaleGetsNoProposal(VitalSign sign) {
    assertThat(ThresholdProposal.propose(sign, repeat(0, 14))).isEmpty();
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
      for (Proposal proposal : ThresholdProposal.propose(trial)) {
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
