package no.carepath.followup.readings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "WEIGHT, 70, kg, 70", "WEIGHT, 70000, g, 70", "WEIGHT, 154.3, [lb_av], 69.99", "WEIGHT, 70.25, kg, 70.25",
      "GLUCOSE, 6.7, mmol/L, 6.7", "GLUCOSE, 6.7, mmol/l, 6.7", "GLUCOSE, 120, mg/dL, 6.66", "GLUCOSE, 1.2, g/L, 6.66",
      "TEMPERATURE, 37.2, Cel, 37.2", "TEMPERATURE, 98.6, [degF], 37", "TEMPERATURE, 310.15, K, 37",
      "SYSTOLIC_BP, 16, kPa, 120", "SPO2, 0.97, 1, 97", "PULSE, 72, {beats}/min, 72", "PULSE, 1.2, /s, 72",
      "INHALED_OXYGEN, 2, l/min, 2"})
  void aUnitOfTheRightDimensionIsConvertedToTheCanonicalOne(VitalSign sign, String value, String unit, String canonical) {
    Units.Conversion conversion = Units.toCanonical(sign, new BigDecimal(value), unit);

    assertThat(conversion).isInstanceOfSatisfying(Units.Converted.class, converted -> {
      assertThat(converted.value()).isEqualByComparingTo(canonical);
      assertThat(converted.converted()).isEqualTo(!unit.equals(sign.ucum()));
    });
  }

  @Test
  void theCanonicalUnitKeepsTheValueExactlyAsSent() {
    assertThat(Units.toCanonical(VitalSign.GLUCOSE, new BigDecimal("6.70"), "mmol/L"))
        .isEqualTo(new Units.Converted(new BigDecimal("6.70"), false));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @CsvSource({
      "GLUCOSE, kg, forventet «mmol/L»", "WEIGHT, mmol/L, forventet «kg»", "TEMPERATURE, kg, ikke er en temperatur",
      "GLUCOSE, MMOL/L, ikke er en UCUM-enhet", "PULSE, beats, ikke er en UCUM-enhet", "SPO2, mm[Hg], forventet «%»",
      "WEIGHT, lb, ikke er en UCUM-enhet"})
  void aUnitOfTheWrongDimensionIsRefusedNamingTheExpectedUnit(VitalSign sign, String unit, String words) {
    assertThat(Units.toCanonical(sign, BigDecimal.ONE, unit)).isInstanceOfSatisfying(Units.Refused.class,
        refused -> assertThat(refused.reason()).contains(words).contains(sign.ucum()));
  }

  @Test
  void noUnitIsRefused() {
    assertThat(Units.toCanonical(VitalSign.WEIGHT, BigDecimal.ONE, null)).isInstanceOf(Units.Refused.class);
    assertThat(Units.toCanonical(VitalSign.WEIGHT, BigDecimal.ONE, "")).isInstanceOf(Units.Refused.class);
  }
}
