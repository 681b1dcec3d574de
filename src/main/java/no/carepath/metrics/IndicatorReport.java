package no.carepath.metrics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.IndicatorSeries.Row;
import no.carepath.metrics.IndicatorSeries.Series;
import org.springframework.stereotype.Component;

/**
 * Every indicator of the catalogue for one municipality and year, month by month with the year
 * before as the chart's baseline, in words and as an SVG control chart: the indicators' part of the
 * annual management review's statistics pack (module quality). Counts only, no patient.
 */
@Component
public class IndicatorReport {

  /**
   * One indicator in the pack.
   *
   * @param latest the latest month's value in the year, with its month ("–" when none)
   * @param lastYear the same month a year earlier ("–" when none)
   * @param variation the SPC verdict on variation, in Norwegian
   * @param assurance whether the target is met, in Norwegian
   * @param svg the control chart, 24 months (the year before as baseline, then the year)
   * @param months the months of the year with a value
   */
  public record Entry(String id, String area, String name, String definition, String unit, String target,
      String latest, String lastYear, String variation, String assurance, List<String> explanations, String svg,
      int months) {
  }

  /** A count under its Norwegian label. */
  public record Count(String label, long count) {
  }

  /**
   * The year's avvik from the facts: reported by category (with how many of them are closed) and by
   * consequence, and the measures whose effect was checked, by whether they worked.
   */
  public record IncidentFigures(List<Count> reportedByCategory, List<Count> closedByCategory,
      List<Count> byConsequence, long measuresChecked, long measuresWorked) {

    public long reported() {
      return reportedByCategory.stream().mapToLong(Count::count).sum();
    }

    public long closed() {
      return closedByCategory.stream().mapToLong(Count::count).sum();
    }
  }

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private final IndicatorSeries series;
  private final Clock clock;

  IndicatorReport(IndicatorSeries series, Clock clock) {
    this.series = series;
    this.clock = clock;
  }

  /** The catalogue's areas, in the order of the overview page. */
  public static List<String> areas() {
    List<String> areas = new ArrayList<>();
    Indicators.ALL.forEach(indicator -> {
      if (!areas.contains(indicator.area())) {
        areas.add(indicator.area());
      }
    });
    return areas;
  }

  /** The catalogue's indicators by id, with their Norwegian names (for choosing one). */
  public static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    Indicators.ALL.forEach(indicator -> names.put(indicator.id(), indicator.name()));
    return names;
  }

  /** The municipality's avvik of the year, in counts (the Pareto pages' facts). */
  public IncidentFigures incidents(String municipality, int year) {
    Filter filter = new Filter(Set.of(municipality), Period.MONTH, LocalDate.of(year, 1, 1),
        LocalDate.of(year + 1, 1, 1), null, 0);
    Map<String, Long> reported = series.countsByCategory(MetricsFacts.Measure.INCIDENT_REPORTED, filter, false);
    Map<String, Long> closed = series.countsByCategory(MetricsFacts.Measure.INCIDENT_CLOSED, filter, false);
    Map<String, Long> consequences = series.countsByDetail(MetricsFacts.Measure.INCIDENT_REPORTED, null, filter,
        false);
    Map<String, Long> checked = series.countsByCategory(MetricsFacts.Measure.MEASURE_CHECKED, filter, false);
    Map<String, Long> notWorked = series.countsByCategory(MetricsFacts.Measure.MEASURE_CHECKED, filter, true);
    long all = checked.values().stream().mapToLong(Long::longValue).sum();
    long failed = notWorked.values().stream().mapToLong(Long::longValue).sum();
    return new IncidentFigures(labelled(reported, MetricsWords.INCIDENT_CATEGORIES),
        labelled(closed, MetricsWords.INCIDENT_CATEGORIES), labelled(consequences,
            MetricsWords.INCIDENT_CONSEQUENCES), all, all - failed);
  }

  /** In the order of the labels (the form's order), then any others; zero counts left out. */
  private static List<Count> labelled(Map<String, Long> counts, Map<String, String> labels) {
    List<Count> result = new ArrayList<>();
    labels.forEach((key, label) -> {
      if (counts.getOrDefault(key, 0L) > 0) {
        result.add(new Count(label, counts.get(key)));
      }
    });
    counts.forEach((key, count) -> {
      if (!labels.containsKey(key) && count > 0) {
        result.add(new Count(MetricsWords.fallback(key), count));
      }
    });
    return result;
  }

  /** Every indicator for the municipality's year (up to the last whole month before today). */
  public List<Entry> year(String municipality, int year) {
    LocalDate today = LocalDate.now(clock.withZone(OSLO));
    LocalDate from = LocalDate.of(year - 1, 1, 1);
    LocalDate to = LocalDate.of(year + 1, 1, 1);
    if (today.isBefore(to)) {
      to = today;
    }
    List<Entry> entries = new ArrayList<>();
    for (Indicator indicator : Indicators.ALL) {
      Filter whole = new Filter(Set.of(municipality), Period.MONTH, from, to, null, 0);
      Series values = series.series(indicator, whole);
      int before = (int) values.rows().stream().filter(row -> row.start().getYear() < year).count();
      // months with facts, not months with a value: a count is 0 in a month before Carepath ran
      long measuredBefore = values.rows().stream().filter(row -> row.start().getYear() < year && row.facts() > 0)
          .count();
      if (measuredBefore >= 6 && before < values.rows().size()) {
        // the year before is the baseline when it has enough months to say what is usual
        values = series.series(indicator, new Filter(Set.of(municipality), Period.MONTH, from, to, null, before));
      } else {
        // too little measured the year before to be a baseline: from the first month measured (or the year's
        // first), so the months before Carepath ran are not charted as zeros; limits from all the months shown
        LocalDate first = values.rows().stream().filter(row -> row.facts() > 0).map(Row::start).findFirst()
            .filter(start -> start.getYear() < year).orElse(LocalDate.of(year, 1, 1));
        values = series.series(indicator, new Filter(Set.of(municipality), Period.MONTH, first, to, null, 0));
      }
      Row latest = null;
      int months = 0;
      for (Row row : values.rows()) {
        if (row.start().getYear() == year && row.value() != null) {
          latest = row;
          months++;
        }
      }
      Row sameMonthLastYear = null;
      if (latest != null) {
        LocalDate wanted = latest.start().minusYears(1);
        sameMonthLastYear = values.rows().stream().filter(row -> row.start().equals(wanted)).findFirst()
            .orElse(null);
      }
      entries.add(new Entry(indicator.id(), indicator.area(), indicator.name(), indicator.numerator()
          + (indicator.denominator().isEmpty() ? "" : " / " + indicator.denominator()), indicator.unit(),
          indicator.target() == null ? "" : MetricsWords.value(indicator, indicator.target()),
          latest == null ? "–" : MetricsWords.value(indicator, latest.value()) + " (" + latest.label() + ")",
          sameMonthLastYear == null || sameMonthLastYear.value() == null ? "–"
              : MetricsWords.value(indicator, sameMonthLastYear.value()) + " (" + sameMonthLastYear.label() + ")",
          values.verdict().variation().label(), values.verdict().assurance().label(),
          values.verdict().explanations(), ChartSvg.controlChart(values, 460, 150), months));
    }
    return entries;
  }
}
