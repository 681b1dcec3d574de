package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class VitalSignTest {

  @Test
  void storedCodesNeverChange() {
    Map<VitalSign, Integer> stored = new LinkedHashMap<>();
    Arrays.stream(VitalSign.values()).forEach(sign -> stored.put(sign, sign.code()));

    assertThat(stored).containsExactly(
        Map.entry(VitalSign.SYSTOLIC_BP, 1),
        Map.entry(VitalSign.DIASTOLIC_BP, 2),
        Map.entry(VitalSign.PULSE, 3),
        Map.entry(VitalSign.SPO2, 4),
        Map.entry(VitalSign.TEMPERATURE, 5),
        Map.entry(VitalSign.WEIGHT, 6),
        Map.entry(VitalSign.GLUCOSE, 7),
        Map.entry(VitalSign.RESPIRATORY_RATE, 8),
        Map.entry(VitalSign.INHALED_OXYGEN, 9),
        Map.entry(VitalSign.CONSCIOUSNESS, 10));
  }

  @Test
  void storedCodesAreUnique() {
    assertThat(VitalSign.values()).extracting(VitalSign::code).doesNotHaveDuplicates();
  }

  @Test
  void terminologyCodesAreUniqueAcrossAllSigns() {
    assertThat(Arrays.stream(VitalSign.values()).flatMap(sign -> codesOf(sign).stream()))
        .doesNotHaveDuplicates()
        .doesNotContain(VitalSign.BLOOD_PRESSURE_PANEL);
  }

  @ParameterizedTest(name = "{0} is a stored code of {1}")
  @EnumSource(VitalSign.class)
  void aStoredCodeFindsItsSign(VitalSign sign) {
    assertThat(VitalSign.ofStoredCode(sign.code())).isSameAs(sign);
  }

  @Test
  void anUnknownStoredCodeIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> VitalSign.ofStoredCode(0));
    assertThatIllegalArgumentException().isThrownBy(() -> VitalSign.ofStoredCode(11));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "8480-6, SYSTOLIC_BP", "271649006, SYSTOLIC_BP", "8462-4, DIASTOLIC_BP", "8867-4, PULSE",
      "364075005, PULSE", "2708-6, SPO2", "59408-5, SPO2", "431314004, SPO2", "8310-5, TEMPERATURE",
      "29463-7, WEIGHT", "15074-8, GLUCOSE", "405176005, GLUCOSE", "9279-1, RESPIRATORY_RATE",
      "3151-8, INHALED_OXYGEN", "67775-7, CONSCIOUSNESS"})
  void aLoincOrSnomedCodeFindsItsSign(String code, VitalSign sign) {
    assertThat(VitalSign.ofCode(code)).contains(sign);
  }

  @Test
  void theBloodPressurePanelAndUnknownCodesAreNoSign() {
    assertThat(VitalSign.ofCode(VitalSign.BLOOD_PRESSURE_PANEL)).isEmpty();
    assertThat(VitalSign.ofCode("1234-5")).isEmpty();
  }

  @ParameterizedTest(name = "{0} has a sensible plausible range")
  @EnumSource(VitalSign.class)
  void thePlausibleRangeIncludesItsEndsAndNothingBeyond(VitalSign sign) {
    assertThat(sign.plausibleMin()).isLessThan(sign.plausibleMax());
    assertThat(sign.isPlausible(sign.plausibleMin())).isTrue();
    assertThat(sign.isPlausible(sign.plausibleMax())).isTrue();
    assertThat(sign.isPlausible(Math.nextDown(sign.plausibleMin()))).isFalse();
    assertThat(sign.isPlausible(Math.nextUp(sign.plausibleMax()))).isFalse();
  }

  @Test
  void consciousnessCoversTheAcvpuScale() {
    assertThat(VitalSign.CONSCIOUSNESS.plausibleMax()).isEqualTo(VitalSign.Consciousness.values().length - 1);
    assertThat(VitalSign.Consciousness.ofCode("v")).contains(VitalSign.Consciousness.VOICE);
    assertThat(VitalSign.Consciousness.values()).extracting(VitalSign.Consciousness::code)
        .containsExactly("A", "C", "V", "P", "U");
  }

  private static List<String> codesOf(VitalSign sign) {
    List<String> codes = new ArrayList<>(sign.otherCodes());
    codes.add(sign.loinc());
    return codes;
  }
}
