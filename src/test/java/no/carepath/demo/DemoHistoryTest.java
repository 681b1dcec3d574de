package no.carepath.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import no.carepath.metrics.DemoFacts.Fact;
import no.carepath.metrics.MetricsFacts.Measure;
import no.carepath.quality.IncidentWords;
import no.carepath.security.Municipalities;
import org.junit.jupiter.api.Test;

/**
 * The demo's year of indicator history: whole weeks before today's, in every demo municipality, the
 * same every time; and avvik whose categories and consequences are the report form's, closed no later
 * than the last whole week, with measures checked against indicators of the catalogue.
 */
class DemoHistoryTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
  private static final LocalDate THIS_WEEK = LocalDate.of(2026, 11, 30);

  private final DemoHistory history = new DemoHistory(null, municipalities(), null);

  @Test
  void aYearOfWholeWeeksInEveryMunicipalityTheSameEveryTime() {
    List<Fact> facts = history.generate(TODAY);
    assertThat(facts).isNotEmpty().allSatisfy(fact -> {
      assertThat(fact.day()).isBefore(THIS_WEEK).isAfterOrEqualTo(THIS_WEEK.minusWeeks(DemoHistory.WEEKS));
      assertThat(fact.municipality()).isIn("1804", "1806");
    });
    assertThat(history.generate(TODAY)).isEqualTo(facts);
  }

  @Test
  void avvikHaveTheFormsWordsAndMeasuresTheCataloguesIndicators() {
    List<Fact> facts = history.generate(TODAY);
    List<Fact> reported = of(facts, Measure.INCIDENT_REPORTED);
    // about two a week in each municipality
    assertThat(reported.size()).isBetween(2 * 52 * 2 / 2, 2 * 52 * 2 * 2);
    assertThat(reported).allSatisfy(fact -> {
      assertThat(IncidentWords.CATEGORIES).containsKey(fact.category());
      assertThat(IncidentWords.CONSEQUENCES).containsKey(fact.detail());
    });
    assertThat(of(facts, Measure.INCIDENT_AT_ACTIVITY)).hasSameSizeAs(reported);
    List<Fact> closed = of(facts, Measure.INCIDENT_CLOSED);
    assertThat(closed).isNotEmpty().hasSizeLessThan(reported.size())
        .allSatisfy(fact -> assertThat(fact.value()).isPositive());
    Set<String> indicators = no.carepath.metrics.Indicators.ALL.stream().map(no.carepath.metrics.Indicator::id)
        .collect(Collectors.toSet());
    assertThat(of(facts, Measure.MEASURE_CHECKED)).isNotEmpty()
        .allSatisfy(fact -> assertThat(indicators).contains(fact.category()))
        .anySatisfy(fact -> assertThat(fact.flag()).isTrue())
        .anySatisfy(fact -> assertThat(fact.flag()).isFalse());
  }

  private static List<Fact> of(List<Fact> facts, Measure measure) {
    return facts.stream().filter(fact -> fact.measure() == measure).toList();
  }

  private static Municipalities municipalities() {
    Municipalities municipalities = new Municipalities();
    municipalities.getMunicipalities().put("1804", "Bodø");
    municipalities.getMunicipalities().put("1806", "Narvik");
    return municipalities;
  }
}
