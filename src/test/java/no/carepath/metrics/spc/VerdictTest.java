package no.carepath.metrics.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import no.carepath.metrics.spc.ControlChart.Observation;
import no.carepath.metrics.spc.ControlChart.Type;
import no.carepath.metrics.spc.Verdict.Assurance;
import no.carepath.metrics.spc.Verdict.Direction;
import no.carepath.metrics.spc.Verdict.Variation;
import org.junit.jupiter.api.Test;

class VerdictTest {

  private static final List<Observation> STEADY = ControlChartTest.values(5, 7, 4, 8, 6, 3, 7, 5, 8, 4, 6, 7, 3, 8, 5, 6);

  @Test
  void steadyVariationIsCommonCause() {
    Verdict verdict = Verdict.of(ControlChart.of(Type.I, STEADY, 0), Direction.LOWER, null, "timer");

    assertThat(verdict.variation()).isEqualTo(Variation.COMMON_CAUSE);
    assertThat(verdict.assurance()).isEqualTo(Assurance.NO_TARGET);
    assertThat(verdict.explanations()).singleElement().asString().startsWith("Bare tilfeldig variasjon");
  }

  @Test
  void aShiftDownIsImprovingWhenLowerIsBetterAndConcerningWhenHigherIs() {
    List<Observation> observations = shiftDown();

    Verdict faster = Verdict.of(ControlChart.of(Type.I, observations, 12), Direction.LOWER, null, "timer");
    Verdict fewer = Verdict.of(ControlChart.of(Type.I, observations, 12), Direction.HIGHER, null, "timer");
    Verdict neither = Verdict.of(ControlChart.of(Type.I, observations, 12), Direction.NEITHER, null, "timer");

    assertThat(faster.variation()).isEqualTo(Variation.SPECIAL_CAUSE_IMPROVING);
    assertThat(fewer.variation()).isEqualTo(Variation.SPECIAL_CAUSE_CONCERNING);
    assertThat(neither.variation()).isEqualTo(Variation.SPECIAL_CAUSE_NEITHER);
    assertThat(faster.explanations()).anySatisfy(text -> assertThat(text).contains("10 punkter på rad ligger under"
        + " midtlinjen").contains("et skift"));
    assertThat(faster.explanations()).anySatisfy(text -> assertThat(text).contains("under nedre kontrollgrense"));
  }

  @Test
  void aSinglePointAboveTheUpperLimitIsExplainedWithItsValueAndLimit() {
    List<Observation> observations = new ArrayList<>(STEADY);
    observations.add(Observation.value("uke 17", 30));

    Verdict verdict = Verdict.of(ControlChart.of(Type.I, observations, 16), Direction.LOWER, null, "timer");

    assertThat(verdict.variation()).isEqualTo(Variation.SPECIAL_CAUSE_CONCERNING);
    assertThat(verdict.explanations().get(0)).startsWith("Punktet for uke 17 (30 timer) ligger over øvre kontrollgrense");
  }

  @Test
  void fewerThanTenPointsAreTooFewToJudge() {
    Verdict verdict = Verdict.of(ControlChart.of(Type.I, ControlChartTest.values(1, 2, 3), 0), Direction.LOWER, null, "");

    assertThat(verdict.variation()).isEqualTo(Variation.TOO_FEW_POINTS);
    assertThat(verdict.explanations()).singleElement().asString().contains("minst 10 punkter");
  }

  @Test
  void theTargetIsMetConsistentlyByChanceOrNotAtAll() {
    ControlChart.Chart chart = ControlChart.of(Type.I, STEADY, 0);
    double lower = chart.points().get(0).lower();
    double upper = chart.points().get(0).upper();

    assertThat(Verdict.of(chart, Direction.LOWER, upper + 1, "timer").assurance()).isEqualTo(Assurance.MET_CONSISTENTLY);
    assertThat(Verdict.of(chart, Direction.LOWER, lower - 1, "timer").assurance()).isEqualTo(Assurance.MISSED_CONSISTENTLY);
    assertThat(Verdict.of(chart, Direction.LOWER, chart.centre(), "timer").assurance()).isEqualTo(Assurance.HIT_AND_MISS);
    assertThat(Verdict.of(chart, Direction.HIGHER, lower - 1, "timer").assurance()).isEqualTo(Assurance.MET_CONSISTENTLY);
    assertThat(Verdict.of(chart, Direction.HIGHER, upper + 1, "timer").assurance())
        .isEqualTo(Assurance.MISSED_CONSISTENTLY);
    assertThat(Verdict.of(chart, Direction.NEITHER, 5.0, "timer").assurance()).isEqualTo(Assurance.NO_TARGET);
  }

  @Test
  void numbersAreNorwegianAndSharesArePerCent() {
    assertThat(Verdict.number(0.123, "%")).isEqualTo("12,3 %");
    assertThat(Verdict.number(4.5, "timer")).isEqualTo("4,5 timer");
    assertThat(Verdict.number(30, "timer")).isEqualTo("30 timer");
    assertThat(Verdict.number(2.0 / 3, "")).isEqualTo("0,67");
  }

  private static List<Observation> shiftDown() {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      observations.add(Observation.value("uke " + (i + 1), i % 2 == 0 ? 10 : 11));
    }
    for (int i = 12; i < 22; i++) {
      observations.add(Observation.value("uke " + (i + 1), 6));
    }
    return observations;
  }
}
