package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void orderedPlausibleLimitsHaveNoProblems() {
    assertThat(new Thresholds(VitalSign.PULSE, 40.0, 50.0, 100.0, 120.0).problems()).isEmpty();
  }

  @Test
  void equalNeighbouringBoundsAreAllowed() {
    assertThat(new Thresholds(VitalSign.PULSE, 50.0, 50.0, 100.0, 100.0).problems()).isEmpty();
  }

  @Test
  void absentBoundsAreNeitherImplausibleNorOutOfOrder() {
    assertThat(new Thresholds(VitalSign.SPO2, null, 92.0, null, null).problems()).isEmpty();
    assertThat(new Thresholds(VitalSign.SPO2, null, null, null, null).problems()).isEmpty();
  }

  @Test
  void aBoundOutsideThePlausibleRangeIsNamedWithTheRange() {
    assertThat(new Thresholds(VitalSign.SPO2, 40.0, 92.0, null, null).problems())
        .containsExactly("Oksygenmetning: rød nedre grense 40.0 er utenfor mulige verdier (50.0–100.0 %)");
  }

  @Test
  void aLowerBoundAboveAHigherOneIsNamedWithBothValues() {
    assertThat(new Thresholds(VitalSign.PULSE, 40.0, 105.0, 100.0, 120.0).problems())
        .containsExactly("Puls: gul nedre grense (105.0) kan ikke være høyere enn gul øvre grense (100.0)");
  }

  @Test
  void everyPairOutOfOrderIsReported() {
    // red below above everything else: three pairs out of order
    assertThat(new Thresholds(VitalSign.PULSE, 130.0, 50.0, 100.0, 120.0).problems()).containsExactly(
        "Puls: rød nedre grense (130.0) kan ikke være høyere enn gul nedre grense (50.0)",
        "Puls: rød nedre grense (130.0) kan ikke være høyere enn gul øvre grense (100.0)",
        "Puls: rød nedre grense (130.0) kan ikke være høyere enn rød øvre grense (120.0)");
  }

  @Test
  void implausibleAndOutOfOrderAreBothReported() {
    assertThat(new Thresholds(VitalSign.TEMPERATURE, null, 36.0, 35.5, 50.0).problems()).containsExactly(
        "Temperatur: gul nedre grense (36.0) kan ikke være høyere enn gul øvre grense (35.5)",
        "Temperatur: rød øvre grense 50.0 er utenfor mulige verdier (30.0–45.0 °C)");
  }

  @Test
  void limitsClassifyStrictlyBeyondEachBound() {
    Thresholds limits = new Thresholds(VitalSign.SYSTOLIC_BP, 90.0, 100.0, 160.0, 180.0);

    assertThat(limits.classify(89)).isEqualTo(Interpretation.CRITICAL_LOW);
    assertThat(limits.classify(90)).isEqualTo(Interpretation.LOW);
    assertThat(limits.classify(100)).isEqualTo(Interpretation.NORMAL);
    assertThat(limits.classify(160)).isEqualTo(Interpretation.NORMAL);
    assertThat(limits.classify(180)).isEqualTo(Interpretation.HIGH);
    assertThat(limits.classify(181)).isEqualTo(Interpretation.CRITICAL_HIGH);
  }
}
