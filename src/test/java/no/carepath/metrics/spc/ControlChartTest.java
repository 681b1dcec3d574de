package no.carepath.metrics.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import no.carepath.metrics.spc.ControlChart.Observation;
import no.carepath.metrics.spc.ControlChart.Type;
import org.junit.jupiter.api.Test;

class ControlChartTest {

  @Test
  void anIndividualsChartTakesItsLimitsFromTheAverageMovingRange() {
    ControlChart.Chart chart = ControlChart.of(Type.I, values(10, 12, 11, 13, 14), 0);

    // mean 12; moving ranges 2, 1, 2, 1: average 1.5; limits 12 +- 2.66 * 1.5
    assertThat(chart.centre()).isEqualTo(12);
    assertThat(chart.points().get(0).lower()).isCloseTo(8.01, within(1e-9));
    assertThat(chart.points().get(0).upper()).isCloseTo(15.99, within(1e-9));
    assertThat(chart.anyOutside()).isFalse();
  }

  @Test
  void aFrozenBaselineJudgesLaterPointsByTheOldLimits() {
    List<Observation> observations = values(10, 12, 11, 13, 14, 20, 9);

    ControlChart.Chart frozen = ControlChart.of(Type.I, observations, 5);
    ControlChart.Chart all = ControlChart.of(Type.I, observations, 0);

    assertThat(frozen.baseline()).isEqualTo(5);
    assertThat(frozen.centre()).isEqualTo(12);
    assertThat(frozen.points().get(5).outside()).isTrue();
    assertThat(frozen.points().get(6).outside()).isFalse();
    assertThat(all.baseline()).isEqualTo(7);
    assertThat(all.centre()).isCloseTo(89.0 / 7, within(1e-9));
  }

  @Test
  void aPChartsLimitsVaryWithTheDenominatorAndAZeroDenominatorIsLeftOut() {
    ControlChart.Chart chart = ControlChart.of(Type.P, List.of(new Observation("u1", 5, 50),
        new Observation("u2", 10, 100), new Observation("u3", 0, 0), new Observation("u4", 30, 100)), 0);

    // p = 45 / 250 = 0.18
    assertThat(chart.centre()).isCloseTo(0.18, within(1e-12));
    ControlChart.Point first = chart.points().get(0);
    assertThat(first.upper()).isCloseTo(0.18 + 3 * Math.sqrt(0.18 * 0.82 / 50), within(1e-12));
    assertThat(first.lower()).isCloseTo(0.18 - 3 * Math.sqrt(0.18 * 0.82 / 50), within(1e-12));
    assertThat(chart.points().get(1).upper()).isLessThan(first.upper());
    assertThat(chart.points().get(2).value()).isNull();
    assertThat(chart.points().get(2).outside()).isFalse();
    assertThat(chart.points().get(3).value()).isEqualTo(0.3);
    assertThat(chart.points().get(3).outside()).isTrue();
  }

  @Test
  void aPChartsLimitsStayBetweenZeroAndOne() {
    ControlChart.Chart chart = ControlChart.of(Type.P, List.of(new Observation("a", 1, 2), new Observation("b", 2, 2),
        new Observation("c", 0, 2)), 0);

    chart.points().forEach(point -> {
      assertThat(point.lower()).isGreaterThanOrEqualTo(0);
      assertThat(point.upper()).isLessThanOrEqualTo(1);
    });
  }

  @Test
  void aShareOfNothingHasNoSpreadAndNoSignal() {
    ControlChart.Chart chart = ControlChart.of(Type.P, List.of(new Observation("a", 0, 10), new Observation("b", 0, 20)), 0);

    assertThat(chart.centre()).isZero();
    assertThat(chart.anyOutside()).isFalse();
  }

  @Test
  void aUChartIsARatePerExposureWithLimitsNeverBelowZero() {
    ControlChart.Chart chart = ControlChart.of(Type.U, List.of(new Observation("w1", 2, 100),
        new Observation("w2", 8, 100), new Observation("w3", 30, 100)), 2);

    // u = 10 / 200 = 0.05 per patient-day
    assertThat(chart.centre()).isCloseTo(0.05, within(1e-12));
    assertThat(chart.points().get(0).lower()).isZero();
    assertThat(chart.points().get(0).upper()).isCloseTo(0.05 + 3 * Math.sqrt(0.05 / 100), within(1e-12));
    assertThat(chart.points().get(1).outside()).isFalse();
    assertThat(chart.points().get(2).outside()).isTrue();
  }

  @Test
  void noDenominatorAtAllGivesNoCentreAndNoPoints() {
    ControlChart.Chart chart = ControlChart.of(Type.U, List.of(new Observation("a", 0, 0)), 0);

    assertThat(chart.centre()).isNaN();
    assertThat(chart.values()).containsExactly((Double) null);
  }

  @Test
  void oneIndividualHasNoLimits() {
    ControlChart.Chart chart = ControlChart.of(Type.I, values(7), 0);

    assertThat(chart.points().get(0).lower()).isNull();
    assertThat(chart.anyOutside()).isFalse();
  }

  @Test
  void theAnhojRulesRunAroundTheCentreLine() {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      observations.add(Observation.value("w" + i, i % 2 == 0 ? 10 : 11));
    }
    for (int i = 12; i < 22; i++) {
      observations.add(Observation.value("w" + i, 6));
    }

    ControlChart.Chart chart = ControlChart.of(Type.I, observations, 12);

    assertThat(chart.rules().runSignal()).isTrue();
    assertThat(chart.rules().longestRunAbove()).isFalse();
  }

  static List<Observation> values(double... values) {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      observations.add(Observation.value("uke " + (i + 1), values[i]));
    }
    return observations;
  }
}
