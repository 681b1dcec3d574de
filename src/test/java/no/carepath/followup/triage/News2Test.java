package no.carepath.followup.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import no.carepath.followup.triage.News2.Response;
import no.carepath.followup.triage.News2.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class News2Test {

  private static final Instant NOON = Instant.parse("2026-03-02T11:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  /** Every parameter in its 0 row: respiration 16, SpO2 97 %, air, systolic 120, pulse 70, alert, 36.8 °C. */
  private static Map<VitalSign, TimedValue> normal() {
    Map<VitalSign, TimedValue> values = new EnumMap<>(VitalSign.class);
    values.put(VitalSign.RESPIRATORY_RATE, at(16));
    values.put(VitalSign.SPO2, at(97));
    values.put(VitalSign.INHALED_OXYGEN, at(0));
    values.put(VitalSign.SYSTOLIC_BP, at(120));
    values.put(VitalSign.PULSE, at(70));
    values.put(VitalSign.CONSCIOUSNESS, at(VitalSign.Consciousness.ALERT.ordinal()));
    values.put(VitalSign.TEMPERATURE, at(36.8));
    return values;
  }

  private static TimedValue at(double value) {
    return new TimedValue(value, NOON);
  }

  private static Score score(Map<VitalSign, TimedValue> values, boolean scale2) {
    return News2.of(values, scale2, HOUR).orElseThrow();
  }

  /** The score of one parameter with every other one normal. */
  private static int scoreOf(VitalSign sign, double value) {
    Map<VitalSign, TimedValue> values = normal();
    values.put(sign, at(value));
    Score score = score(values, false);
    assertThat(score.total()).isEqualTo(score.parameter(sign));
    return score.parameter(sign);
  }

  @ParameterizedTest(name = "respiration {0}/min scores {1}")
  @CsvSource({"3, 3", "8, 3", "9, 1", "11, 1", "12, 0", "20, 0", "21, 2", "24, 2", "25, 3", "60, 3"})
  void respirationRateScoresByTheTable(double perMinute, int expected) {
    assertThat(scoreOf(VitalSign.RESPIRATORY_RATE, perMinute)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "SpO2 {0} % on scale 1 scores {1}")
  @CsvSource({"70, 3", "91, 3", "92, 2", "93, 2", "94, 1", "95, 1", "96, 0", "100, 0"})
  void spo2Scale1ScoresByTheTable(double percent, int expected) {
    assertThat(scoreOf(VitalSign.SPO2, percent)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "SpO2 {0} % on scale 1 with oxygen scores {1}")
  @CsvSource({"91, 3", "92, 2", "94, 1", "96, 0", "100, 0"})
  void spo2Scale1DoesNotDependOnOxygen(double percent, int expected) {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.SPO2, at(percent));
    values.put(VitalSign.INHALED_OXYGEN, at(2));

    assertThat(score(values, false).parameter(VitalSign.SPO2)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "SpO2 {0} % on scale 2 with {1} L/min oxygen scores {2}")
  @CsvSource({
      "80, 0, 3", "83, 0, 3", "84, 0, 2", "85, 0, 2", "86, 0, 1", "87, 0, 1", "88, 0, 0", "92, 0, 0",
      "93, 0, 0", "97, 0, 0", "100, 0, 0",
      "83, 2, 3", "85, 2, 2", "87, 2, 1", "88, 2, 0", "92, 2, 0",
      "93, 2, 1", "94, 2, 1", "95, 2, 2", "96, 2, 2", "97, 2, 3", "100, 2, 3"})
  void spo2Scale2ScoresByTheTable(double percent, double oxygen, int expected) {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.SPO2, at(percent));
    values.put(VitalSign.INHALED_OXYGEN, at(oxygen));

    Score score = score(values, true);

    assertThat(score.parameter(VitalSign.SPO2)).isEqualTo(expected);
    assertThat(score.scale2()).isTrue();
  }

  @ParameterizedTest(name = "{0} L/min oxygen scores {1}")
  @CsvSource({"0, 0", "0.5, 2", "2, 2", "15, 2"})
  void anyOxygenFlowScoresTwoAndRoomAirNothing(double litresPerMinute, int expected) {
    assertThat(scoreOf(VitalSign.INHALED_OXYGEN, litresPerMinute)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "systolic {0} mmHg scores {1}")
  @CsvSource({"60, 3", "90, 3", "91, 2", "100, 2", "101, 1", "110, 1", "111, 0", "219, 0", "220, 3", "260, 3"})
  void systolicPressureScoresByTheTable(double mmHg, int expected) {
    assertThat(scoreOf(VitalSign.SYSTOLIC_BP, mmHg)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "pulse {0}/min scores {1}")
  @CsvSource({
      "30, 3", "40, 3", "41, 1", "50, 1", "51, 0", "90, 0", "91, 1", "110, 1", "111, 2", "130, 2", "131, 3", "180, 3"})
  void pulseScoresByTheTable(double perMinute, int expected) {
    assertThat(scoreOf(VitalSign.PULSE, perMinute)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} scores 3")
  @EnumSource(value = VitalSign.Consciousness.class, names = "ALERT", mode = EnumSource.Mode.EXCLUDE)
  void anythingButAlertScoresThree(VitalSign.Consciousness level) {
    assertThat(scoreOf(VitalSign.CONSCIOUSNESS, level.ordinal())).isEqualTo(3);
  }

  @Test
  void alertScoresNothing() {
    assertThat(scoreOf(VitalSign.CONSCIOUSNESS, VitalSign.Consciousness.ALERT.ordinal())).isZero();
  }

  @ParameterizedTest(name = "{0} °C scores {1}")
  @CsvSource({
      "33.0, 3", "35.0, 3", "35.1, 1", "36.0, 1", "36.1, 0", "38.0, 0", "38.1, 1", "39.0, 1", "39.1, 2", "41.0, 2"})
  void temperatureScoresByTheTable(double celsius, int expected) {
    assertThat(scoreOf(VitalSign.TEMPERATURE, celsius)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} falls in the row it rounds to: {2}")
  @CsvSource({
      "PULSE, 90.4, 0", "PULSE, 90.6, 1", "RESPIRATORY_RATE, 20.4, 0", "RESPIRATORY_RATE, 20.5, 2",
      "SPO2, 95.4, 1", "SPO2, 95.5, 0", "TEMPERATURE, 38.04, 0", "TEMPERATURE, 38.06, 1",
      "SYSTOLIC_BP, 110.6, 0"})
  void aValueBetweenTwoRowsIsRoundedToTheChartsPrecision(VitalSign sign, double value, int expected) {
    assertThat(scoreOf(sign, value)).isEqualTo(expected);
  }

  @Test
  void aSetInTheZeroRowsScoresNothingForRoutineFollowUp() {
    Score score = score(normal(), false);

    assertThat(score.total()).isZero();
    assertThat(score.parameters()).containsOnlyKeys(News2.PARAMETERS)
        .allSatisfy((sign, points) -> assertThat(points).isZero());
    assertThat(score.anySingleThree()).isFalse();
    assertThat(score.response()).isEqualTo(Response.LOW_ROUTINE);
    assertThat(score.response().colour()).isEqualTo(Colour.GREEN);
  }

  @Test
  void aDeterioratingPatientOnOxygenScoresTheSumOfTheRows() {
    Map<VitalSign, TimedValue> values = new EnumMap<>(VitalSign.class);
    values.put(VitalSign.RESPIRATORY_RATE, at(24)); // 21-24: 2
    values.put(VitalSign.SPO2, at(92)); // scale 1, 92-93: 2
    values.put(VitalSign.INHALED_OXYGEN, at(2)); // oxygen: 2
    values.put(VitalSign.SYSTOLIC_BP, at(105)); // 101-110: 1
    values.put(VitalSign.PULSE, at(115)); // 111-130: 2
    values.put(VitalSign.CONSCIOUSNESS, at(VitalSign.Consciousness.NEW_CONFUSION.ordinal())); // 3
    values.put(VitalSign.TEMPERATURE, at(38.5)); // 38.1-39.0: 1

    Score score = score(values, false);

    assertThat(score.total()).isEqualTo(13);
    assertThat(score.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of(VitalSign.RESPIRATORY_RATE, 2,
        VitalSign.SPO2, 2, VitalSign.INHALED_OXYGEN, 2, VitalSign.SYSTOLIC_BP, 1, VitalSign.PULSE, 2,
        VitalSign.CONSCIOUSNESS, 3, VitalSign.TEMPERATURE, 1));
    assertThat(score.response()).isEqualTo(Response.HIGH);
  }

  @Test
  void theHighestPossibleTotalIsTwenty() {
    Map<VitalSign, TimedValue> values = new EnumMap<>(VitalSign.class);
    values.put(VitalSign.RESPIRATORY_RATE, at(30));
    values.put(VitalSign.SPO2, at(99));
    values.put(VitalSign.INHALED_OXYGEN, at(4));
    values.put(VitalSign.SYSTOLIC_BP, at(80));
    values.put(VitalSign.PULSE, at(140));
    values.put(VitalSign.CONSCIOUSNESS, at(VitalSign.Consciousness.UNRESPONSIVE.ordinal()));
    values.put(VitalSign.TEMPERATURE, at(34.0));

    assertThat(score(values, true).total()).isEqualTo(20);
  }

  @ParameterizedTest(name = "respiration {0}, SpO2 {1}, pulse {2}: total {3}, {4}")
  @CsvSource({
      "16, 97, 70, 0, LOW_ROUTINE, GREEN",
      "21, 97, 70, 2, LOW, GREEN",
      "21, 93, 70, 4, LOW, GREEN",
      "8, 97, 70, 3, LOW_MEDIUM, YELLOW",
      "8, 95, 70, 4, LOW_MEDIUM, YELLOW",
      "8, 93, 70, 5, MEDIUM, YELLOW",
      "21, 93, 95, 5, MEDIUM, YELLOW",
      "21, 93, 115, 6, MEDIUM, YELLOW",
      "8, 93, 95, 6, MEDIUM, YELLOW",
      "21, 91, 115, 7, HIGH, RED",
      "25, 91, 131, 9, HIGH, RED"})
  void theTotalAndAnySingleThreeDecideTheResponse(double respiration, double spo2, double pulse, int total,
      Response response, Colour colour) {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.RESPIRATORY_RATE, at(respiration));
    values.put(VitalSign.SPO2, at(spo2));
    values.put(VitalSign.PULSE, at(pulse));

    Score score = score(values, false);

    assertThat(score.total()).isEqualTo(total);
    assertThat(score.response()).isEqualTo(response);
    assertThat(score.response().colour()).isEqualTo(colour);
  }

  @Test
  void everyResponseHasANorwegianLabel() {
    assertThat(Response.LOW.label()).isEqualTo("Lav – sykepleier vurderer");
    assertThat(Response.MEDIUM.label()).isEqualTo("Middels – rask vurdering av kliniker");
    assertThat(Response.HIGH.label()).isEqualTo("Høy – akutt vurdering");
    assertThat(Response.values()).extracting(Response::label).doesNotHaveDuplicates().allSatisfy(label ->
        assertThat(label).isNotBlank());
  }

  @ParameterizedTest(name = "without {0} there is no NEWS2")
  @EnumSource(value = VitalSign.class,
      names = {"RESPIRATORY_RATE", "SPO2", "INHALED_OXYGEN", "SYSTOLIC_BP", "PULSE", "CONSCIOUSNESS", "TEMPERATURE"})
  void anIncompleteSetHasNoScore(VitalSign missing) {
    Map<VitalSign, TimedValue> values = normal();
    values.remove(missing);

    assertThat(News2.of(values, false, HOUR)).isEmpty();
  }

  @Test
  void signsNews2DoesNotUseAreIgnored() {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.WEIGHT, new TimedValue(80, NOON.minus(Duration.ofDays(3))));

    assertThat(News2.of(values, false, HOUR)).map(Score::total).contains(0);
  }

  @Test
  void aSetMeasuredExactlyTheWindowApartIsScored() {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.PULSE, new TimedValue(70, NOON.minus(HOUR)));
    values.put(VitalSign.TEMPERATURE, new TimedValue(36.8, NOON.minusSeconds(600)));

    assertThat(News2.of(values, false, HOUR)).isPresent();
  }

  @Test
  void aSetSpreadBeyondTheWindowHasNoScore() {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.PULSE, new TimedValue(70, NOON.minus(HOUR).minusSeconds(1)));

    assertThat(News2.of(values, false, HOUR)).isEmpty();
    assertThat(News2.of(values, false, HOUR.plusSeconds(1))).isPresent();
  }

  @Test
  void aSetSpreadBeyondTheWindowInTheFutureDirectionHasNoScoreEither() {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.SPO2, new TimedValue(97, NOON.plus(Duration.ofMinutes(90))));

    assertThat(News2.of(values, false, HOUR)).isEmpty();
  }

  @Test
  void aScoreWhoseTotalIsNotTheSumOfItsParametersIsRefused() {
    Map<VitalSign, Integer> parameters = new EnumMap<>(VitalSign.class);
    News2.PARAMETERS.forEach(sign -> parameters.put(sign, 1));

    assertThat(new Score(7, parameters, false).total()).isEqualTo(7);
    assertThatIllegalArgumentException().isThrownBy(() -> new Score(6, parameters, false));
    parameters.remove(VitalSign.PULSE);
    assertThatIllegalArgumentException().isThrownBy(() -> new Score(6, parameters, false));
  }

  @Test
  void aValueThatIsNotANumberIsRefused() {
    Map<VitalSign, TimedValue> values = normal();
    values.put(VitalSign.PULSE, at(Double.NaN));

    assertThatIllegalArgumentException().isThrownBy(() -> News2.of(values, false, HOUR));
  }
}
