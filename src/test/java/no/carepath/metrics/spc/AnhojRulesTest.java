package no.carepath.metrics.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnhojRulesTest {

  /**
   * The critical values of Anhøj &amp; Olesen (PLoS ONE 2014, table 1; qicharts2): useful points,
   * longest run allowed, fewest crossings expected.
   */
  @ParameterizedTest(name = "n = {0}: run <= {1}, crossings >= {2}")
  @CsvSource({
      "10, 6, 2", "11, 6, 2", "12, 7, 3", "13, 7, 3", "14, 7, 4", "15, 7, 4", "16, 7, 4", "17, 7, 5", "18, 7, 5",
      "19, 7, 6", "20, 7, 6", "21, 7, 6", "22, 7, 7", "23, 8, 7", "24, 8, 8", "25, 8, 8", "26, 8, 8", "27, 8, 9",
      "28, 8, 9", "29, 8, 10", "30, 8, 10", "40, 8, 14", "50, 9, 19", "60, 9, 23", "80, 9, 32", "100, 10, 41"})
  void theCriticalValuesAreThePublishedOnes(int useful, int runLimit, int crossingsLimit) {
    assertThat(AnhojRules.runLimit(useful)).isEqualTo(runLimit);
    assertThat(AnhojRules.crossingsLimit(useful)).isEqualTo(crossingsLimit);
  }

  @Test
  void theCrossingsLimitIsTheFivePerCentQuantileOfTheBinomialForEveryN() {
    for (int n = 2; n <= 300; n++) {
      int k = AnhojRules.crossingsLimit(n);
      assertThat(cumulative(k, n - 1)).as("P(X <= %d), n = %d", k, n).isGreaterThanOrEqualTo(0.05);
      if (k > 0) {
        assertThat(cumulative(k - 1, n - 1)).as("P(X <= %d), n = %d", k - 1, n).isLessThan(0.05);
      }
    }
  }

  @Test
  void aSeriesThatRisesSteadilyCrossesTooFew() {
    AnhojRules.Result result = AnhojRules.evaluate(series(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 6.5);

    assertThat(result.useful()).isEqualTo(12);
    assertThat(result.longestRun()).isEqualTo(6);
    assertThat(result.crossings()).isEqualTo(1);
    assertThat(result.runSignal()).isFalse();
    assertThat(result.crossingsSignal()).isTrue();
  }

  @Test
  void aShiftIsALongRun() {
    List<Double> values = new ArrayList<>(Collections.nCopies(10, 1.0));
    values.addAll(Collections.nCopies(10, 3.0));

    AnhojRules.Result result = AnhojRules.evaluate(values, AnhojRules.median(values));

    assertThat(result.longestRun()).isEqualTo(10);
    assertThat(result.longestRunAbove()).isTrue();
    assertThat(result.longestRunEnd()).isEqualTo(19);
    assertThat(result.runLimit()).isEqualTo(7);
    assertThat(result.runSignal()).isTrue();
  }

  @Test
  void randomLookingVariationGivesNoSignal() {
    AnhojRules.Result result = AnhojRules.evaluate(series(5, 7, 4, 8, 6, 3, 7, 5, 8, 4, 6, 7, 3, 8, 5, 6), 6);

    assertThat(result.useful()).isEqualTo(13);
    assertThat(result.signal()).isFalse();
  }

  @Test
  void pointsOnTheCentreAndMissingPointsAreNotUseful() {
    AnhojRules.Result result = AnhojRules.evaluate(Arrays.asList(1.0, 2.0, null, 3.0, 2.0, 1.0, 2.0, 3.0), 2);

    assertThat(result.useful()).isEqualTo(4);
    assertThat(result.crossings()).isEqualTo(3);
    assertThat(result.longestRun()).isEqualTo(1);
  }

  @Test
  void fewerThanTenUsefulPointsAreNotJudgedHoweverTheyLook() {
    AnhojRules.Result nine = AnhojRules.evaluate(series(9, 9, 9, 9, 9, 9, 9, 9, 9, 1, 1), 5);

    assertThat(nine.useful()).isEqualTo(11);
    assertThat(AnhojRules.evaluate(series(9, 9, 9, 9, 9, 9, 9, 9, 9), 5).judged()).isFalse();
    assertThat(AnhojRules.evaluate(series(9, 9, 9, 9, 9, 9, 9, 9, 9), 5).signal()).isFalse();
    assertThat(nine.runSignal()).isTrue();
  }

  @Test
  void allEqualValuesHaveNoUsefulPoints() {
    List<Double> values = Collections.nCopies(20, 4.0);

    AnhojRules.Result result = AnhojRules.evaluate(values, AnhojRules.median(values));

    assertThat(result.useful()).isZero();
    assertThat(result.judged()).isFalse();
    assertThat(result.signal()).isFalse();
  }

  @Test
  void anEmptySeriesIsNotJudged() {
    AnhojRules.Result result = AnhojRules.evaluate(List.of(), Double.NaN);

    assertThat(result.useful()).isZero();
    assertThat(result.signal()).isFalse();
    assertThat(AnhojRules.median(List.of())).isNaN();
  }

  @Test
  void theLatestOfEquallyLongRunsIsReported() {
    AnhojRules.Result result = AnhojRules.evaluate(series(1, 1, 1, 3, 3, 3), 2);

    assertThat(result.longestRun()).isEqualTo(3);
    assertThat(result.longestRunAbove()).isTrue();
    assertThat(result.longestRunEnd()).isEqualTo(5);
  }

  @Test
  void theMedianOfAnEvenAndAnOddSeries() {
    assertThat(AnhojRules.median(series(3, 1, 2))).isEqualTo(2);
    assertThat(AnhojRules.median(series(4, 1, 3, 2))).isEqualTo(2.5);
    assertThat(AnhojRules.median(Arrays.asList(null, 5.0, null))).isEqualTo(5);
  }

  private static List<Double> series(double... values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** P(X <= k) for X ~ Bin(trials, 1/2), in doubles (independent of the whole-number code). */
  private static double cumulative(int k, int trials) {
    double logHalf = trials * Math.log(0.5);
    double sum = 0;
    double logChoose = 0;
    for (int i = 0; i <= k; i++) {
      if (i > 0) {
        logChoose += Math.log(trials - i + 1) - Math.log(i);
      }
      sum += Math.exp(logChoose + logHalf);
    }
    return sum;
  }

  @Test
  void longerSeriesAllowLongerRuns() {
    assertThat(IntStream.rangeClosed(10, 1000).map(AnhojRules::runLimit).toArray()).isSorted();
    assertThat(IntStream.rangeClosed(10, 1000).map(AnhojRules::crossingsLimit).toArray()).isSorted();
  }
}
