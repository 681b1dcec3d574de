package no.carepath.metrics.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParetoTest {

  @Test
  void barsAreSortedWithTheCumulativeShareAndTheVitalFewUpToEightyPerCent() {
    List<Pareto.Bar> bars = Pareto.of(Map.of("Ingen tiltak", 10L, "Kontaktet pasient", 50L, "Justert plan", 30L,
        "Akutt", 10L));

    assertThat(bars).extracting(Pareto.Bar::category)
        .containsExactly("Kontaktet pasient", "Justert plan", "Akutt", "Ingen tiltak");
    assertThat(bars).extracting(Pareto.Bar::cumulative).containsExactly(0.5, 0.8, 0.9, 1.0);
    assertThat(bars).extracting(Pareto.Bar::vitalFew).containsExactly(true, true, false, false);
    assertThat(bars.get(0).share()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void theCategoryThatCrossesEightyPerCentIsAmongTheVitalFew() {
    List<Pareto.Bar> bars = Pareto.of(Map.of("a", 70L, "b", 20L, "c", 10L));

    assertThat(bars).extracting(Pareto.Bar::vitalFew).containsExactly(true, true, false);
  }

  @Test
  void emptyCategoriesAreLeftOutAndNothingGivesNoBars() {
    assertThat(Pareto.of(Map.of("a", 3L, "b", 0L))).extracting(Pareto.Bar::category).containsExactly("a");
    assertThat(Pareto.of(Map.of())).isEmpty();
  }
}
