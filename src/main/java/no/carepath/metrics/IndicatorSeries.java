package no.carepath.metrics;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import no.carepath.metrics.Indicator.Statistic;
import no.carepath.metrics.MetricsFacts.Measure;
import no.carepath.metrics.spc.ControlChart;
import no.carepath.metrics.spc.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An indicator's values per week or month for the municipalities asked for, and its chart and verdict:
 * one grouped query (two for a rate or a share of another measure) over the day roll-ups of the facts
 * ({@code metrics_day}, {@code metrics_day_actor}), the percentiles over every municipality
 * ({@code metrics_percentile}), or, for a percentile over some municipalities or work per person by
 * task, the facts themselves ({@code metrics_fact}); see V10__metrics_rollups.sql.
 * Only whole periods: the one under way is left out until it is over. Results are cached until the
 * facts are refreshed ({@link #forget()}) or for five minutes.
 */
@Component
public class IndicatorSeries {

  public enum Period {
    WEEK("uke"), MONTH("måned");

    private final String label;

    Period(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    LocalDate start(LocalDate day) {
      return this == WEEK ? day.with(java.time.DayOfWeek.MONDAY) : day.withDayOfMonth(1);
    }

    LocalDate next(LocalDate start) {
      return this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    String label(LocalDate start) {
      return this == WEEK ? "uke " + start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " " + start.get(
          IsoFields.WEEK_BASED_YEAR) : MONTH_LABEL.format(start);
    }

    /**
     * SQL for the first day of the period of a date column, in date arithmetic (the Monday on or before
     * it; the first of its month): date_trunc would take each fact's date through a timestamp with time
     * zone, which costs more than the rest of a grouped query's work per fact.
     */
    String sqlStart(String day) {
      return this == WEEK ? "(%1$s - ((%1$s - date '2000-01-03') %% 7 + 7) %% 7)".formatted(day)
          : "(%1$s - extract(day from %1$s)::int + 1)".formatted(day);
    }
  }

  private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMM yyyy",
      Locale.forLanguageTag("nb-NO"));

  /**
   * What is asked for.
   *
   * @param from the first day (moved back to the start of its period)
   * @param to the day after the last (moved back to the start of its period: whole periods only)
   * @param modelVersion only facts from this version of the process model, or {@code null}
   * @param baseline the first this many points give the centre and limits (0: all)
   */
  public record Filter(Set<String> municipalities, Period period, LocalDate from, LocalDate to, Integer modelVersion,
      int baseline) {

    LocalDate first() {
      return period.start(from);
    }

    LocalDate end() {
      return period.start(to);
    }
  }

  /** One period as charted and tabled; {@code value} is {@code null} when there is nothing to compute it from. */
  public record Row(LocalDate start, String label, double numerator, double denominator, Double value, long facts) {
  }

  public record Series(Indicator indicator, Filter filter, List<Row> rows, ControlChart.Chart chart, Verdict verdict,
      boolean demo) {

    /** The latest period that has a value. */
    public Row latest() {
      for (int i = rows.size() - 1; i >= 0; i--) {
        if (rows.get(i).value() != null) {
          return rows.get(i);
        }
      }
      return null;
    }
  }

  private record Aggregate(long facts, long flagged, double sum, Double median, Double p90, Double mean, long actors,
      boolean demo) {
  }

  private final JdbcClient jdbc;
  private final Cache<List<Object>, Series> cache = Caffeine.newBuilder().maximumSize(5_000)
      .expireAfterWrite(Duration.ofMinutes(5)).build();

  IndicatorSeries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Empties the cache: the facts changed. */
  public void forget() {
    cache.invalidateAll();
  }

  public Series series(Indicator indicator, Filter filter) {
    return cache.get(List.of(indicator.id(), filter), key -> compute(indicator, filter));
  }

  private Series compute(Indicator indicator, Filter filter) {
    List<LocalDate> periods = new ArrayList<>();
    for (LocalDate start = filter.first(); start.isBefore(filter.end()); start = filter.period().next(start)) {
      periods.add(start);
    }
    Map<LocalDate, Aggregate> facts = filter.municipalities().isEmpty() || periods.isEmpty() ? Map.of()
        : aggregate(indicator.measure(), indicator.category(), indicator.detail(), filter,
            computed(indicator.statistic()));
    Map<LocalDate, Double> denominators = new HashMap<>();
    Statistic statistic = indicator.statistic();
    if (!facts.isEmpty() || statistic == Statistic.SHARE_OF || isRate(statistic)) {
      if (isRate(statistic) && !filter.municipalities().isEmpty() && !periods.isEmpty()) {
        aggregate(Measure.PATIENT_DAYS, null, null, new Filter(filter.municipalities(), filter.period(), filter.from(),
            filter.to(), null, 0), EnumSet.of(Computed.SUM))
            .forEach((period, days) -> denominators.put(period, days.sum()));
      } else if (statistic == Statistic.SHARE_OF && !filter.municipalities().isEmpty() && !periods.isEmpty()) {
        aggregate(indicator.over(), indicator.overCategory(), null, filter, EnumSet.noneOf(Computed.class))
            .forEach((period, over) -> denominators.put(period, (double) over.facts()));
      }
    }
    Map<LocalDate, Double> last = statistic == Statistic.LAST && !filter.municipalities().isEmpty()
        && !periods.isEmpty() ? lastDays(indicator, filter, periods) : Map.of();
    List<Row> rows = new ArrayList<>();
    List<ControlChart.Observation> observations = new ArrayList<>();
    boolean demo = false;
    for (LocalDate start : periods) {
      Aggregate period = facts.get(start);
      demo |= period != null && period.demo();
      long count = period == null ? 0 : period.facts();
      // P and U charts: a count over a denominator; I charts: the value itself
      double numerator = count;
      double denominator = 1;
      Double value;
      switch (statistic) {
        case SHARE -> {
          numerator = period == null ? 0 : period.flagged();
          denominator = count;
          value = count == 0 ? null : numerator / denominator;
        }
        case SHARE_OF -> {
          denominator = denominators.getOrDefault(start, 0.0);
          value = denominator == 0 ? null : numerator / denominator;
        }
        case RATE_PER_100_PATIENT_DAYS, RATE_PER_1000_PATIENT_DAYS -> {
          denominator = denominators.getOrDefault(start, 0.0) / (statistic == Statistic.RATE_PER_100_PATIENT_DAYS
              ? 100 : 1000);
          value = denominator == 0 ? null : numerator / denominator;
        }
        case MEDIAN -> value = period == null ? null : period.median();
        case P90 -> value = period == null ? null : period.p90();
        case MEAN -> value = period == null ? null : period.mean();
        case COUNT -> value = (double) count;
        case SUM -> value = period == null ? 0 : period.sum();
        case LAST -> value = last.getOrDefault(start, 0.0);
        case PER_ACTOR -> value = period == null || period.actors() == 0 ? null : (double) count / period.actors();
        default -> throw new IllegalStateException(statistic.name());
      }
      if (statistic.chart() == ControlChart.Type.I) {
        numerator = value == null ? 0 : value;
      }
      String label = filter.period().label(start);
      rows.add(new Row(start, label, numerator, denominator, value, count));
      if (statistic.chart() != ControlChart.Type.I) {
        observations.add(new ControlChart.Observation(label, numerator, denominator));
      } else if (value != null) {
        observations.add(ControlChart.Observation.value(label, value));
      }
    }
    ControlChart.Chart chart = ControlChart.of(statistic.chart(), observations, filter.baseline());
    Verdict verdict = Verdict.of(chart, indicator.good(), indicator.target(), indicator.share() ? "%" : indicator.unit());
    return new Series(indicator, filter, List.copyOf(rows), chart, verdict, demo);
  }

  private static boolean isRate(Statistic statistic) {
    return statistic == Statistic.RATE_PER_100_PATIENT_DAYS || statistic == Statistic.RATE_PER_1000_PATIENT_DAYS;
  }

  /** What a grouped query computes besides the count of facts and the demo flag. */
  private enum Computed { FLAGGED, SUM, MEDIAN, P90, MEAN, ACTORS }

  /**
   * Only what the statistic needs: a median or a distinct count sorts every fact of the period, and the
   * dashboard asks for a year of them for several municipalities at once (S8 in docs/benchmarks.md).
   */
  private static EnumSet<Computed> computed(Statistic statistic) {
    return switch (statistic) {
      case SHARE -> EnumSet.of(Computed.FLAGGED);
      case SUM -> EnumSet.of(Computed.SUM);
      case MEDIAN -> EnumSet.of(Computed.MEDIAN);
      case P90 -> EnumSet.of(Computed.P90);
      case MEAN -> EnumSet.of(Computed.MEAN);
      case PER_ACTOR -> EnumSet.of(Computed.ACTORS);
      // the count: COUNT, SHARE_OF and the rates; LAST takes its values from lastDays
      default -> EnumSet.noneOf(Computed.class);
    };
  }

  private Map<LocalDate, Aggregate> aggregate(Measure measure, String category, String detail, Filter filter,
      Set<Computed> computed) {
    boolean percentile = computed.contains(Computed.MEDIAN) || computed.contains(Computed.P90);
    if (percentile && detail == null && filter.modelVersion() == null && filter.municipalities().size() > 1
        && !otherMunicipalities(measure, category, filter)) {
      return regionPercentiles(measure, category, filter);
    }
    boolean perActor = computed.contains(Computed.ACTORS);
    // the day roll-ups (metrics_day, metrics_day_actor) hold everything but a percentile over some
    // municipalities, and people per period by category or detail
    boolean rolledUp = !percentile && !(perActor && (category != null || detail != null));
    StringBuilder where = new StringBuilder(" from ").append(!rolledUp ? "metrics_fact"
        : perActor ? "metrics_day_actor" : "metrics_day")
        .append(" where municipality_number in (:municipalities) and measure = :measure and day >= :from and day < :to");
    Map<String, Object> params = new HashMap<>();
    if (category != null) {
      where.append(" and category = :category");
      params.put("category", category);
    }
    if (detail != null) {
      where.append(" and detail = :detail");
      params.put("detail", detail);
    }
    if (filter.modelVersion() != null) {
      where.append(" and model_version = :version");
      params.put("version", filter.modelVersion());
    }
    String period = filter.period().sqlStart("day");
    String facts = rolledUp ? "sum(facts)" : "count(*)";
    String sql;
    if (perActor) {
      // distinct people per period by grouping on them: a hash aggregate, where count(distinct) sorts
      sql = "select period, sum(facts) as facts, count(actor) as actors, bool_or(demo) as demo"
          + " from (select " + period + " as period, actor, " + facts + " as facts, bool_or(demo) as demo" + where
          + " group by 1, 2) per_actor group by period";
    } else if (percentile) {
      // a percentile needs every value of the period
      sql = "select " + period + " as period, count(*) as facts, bool_or(demo) as demo"
          + (computed.contains(Computed.MEDIAN) ? ", percentile_cont(0.5) within group (order by value) as median" : "")
          + (computed.contains(Computed.P90) ? ", percentile_cont(0.9) within group (order by value) as p90" : "")
          + where + " group by 1";
    } else {
      // a few rows per municipality and day, summed per period
      sql = "select " + period + " as period, sum(facts) as facts, bool_or(demo) as demo"
          + (computed.contains(Computed.FLAGGED) ? ", sum(flagged) as flagged" : "")
          + (computed.contains(Computed.SUM) ? ", coalesce(sum(total), 0) as total" : "")
          + (computed.contains(Computed.MEAN) ? ", sum(total) / nullif(sum(valued), 0) as mean" : "")
          + where + " group by 1";
    }
    Map<LocalDate, Aggregate> result = new TreeMap<>();
    jdbc.sql(sql).params(params).param("municipalities", filter.municipalities()).param("measure", measure.key())
        .param("from", Date.valueOf(filter.first())).param("to", Date.valueOf(filter.end()))
        .query((rs, n) -> result.put(rs.getDate("period").toLocalDate(), new Aggregate(rs.getLong("facts"),
            computed.contains(Computed.FLAGGED) ? rs.getLong("flagged") : 0,
            computed.contains(Computed.SUM) ? rs.getDouble("total") : 0,
            computed.contains(Computed.MEDIAN) ? (Double) rs.getObject("median") : null,
            computed.contains(Computed.P90) ? (Double) rs.getObject("p90") : null,
            computed.contains(Computed.MEAN) && rs.getObject("mean") != null
                ? ((Number) rs.getObject("mean")).doubleValue() : null,
            computed.contains(Computed.ACTORS) ? rs.getLong("actors") : 0, rs.getBoolean("demo"))))
        .list();
    return result;
  }

  /**
   * Whether the measure has facts in the filter's periods from a municipality the filter leaves out:
   * then the percentiles over every municipality ({@code metrics_percentile}) are not the filter's.
   */
  private boolean otherMunicipalities(Measure measure, String category, Filter filter) {
    return Boolean.TRUE.equals(jdbc.sql("""
        select exists (select 1 from metrics_day where measure = :measure and municipality_number not in (:municipalities)
                       and day >= :from and day < :to and (cast(:category as varchar) is null or category = :category))""")
        .param("measure", measure.key()).param("municipalities", filter.municipalities())
        .param("from", Date.valueOf(filter.first())).param("to", Date.valueOf(filter.end()))
        .param("category", category).query(Boolean.class).single());
  }

  /** Median and 90th percentile per period over every municipality, as the facts' triggers keep them. */
  private Map<LocalDate, Aggregate> regionPercentiles(Measure measure, String category, Filter filter) {
    Map<LocalDate, Aggregate> result = new TreeMap<>();
    jdbc.sql("""
        select period_start, facts, median, p90, demo from metrics_percentile
        where measure = :measure and period = :period and period_start >= :from and period_start < :to
          and category is not distinct from cast(:category as varchar)""")
        .param("measure", measure.key()).param("period", filter.period() == Period.WEEK ? "W" : "M")
        .param("from", Date.valueOf(filter.first())).param("to", Date.valueOf(filter.end()))
        .param("category", category)
        .query((rs, n) -> result.put(rs.getDate("period_start").toLocalDate(), new Aggregate(rs.getLong("facts"), 0, 0,
            (Double) rs.getObject("median"), (Double) rs.getObject("p90"), null, 0, rs.getBoolean("demo"))))
        .list();
    return result;
  }

  /** For {@link Statistic#LAST}: the sum over the municipalities of the value on each period's last day. */
  private Map<LocalDate, Double> lastDays(Indicator indicator, Filter filter, List<LocalDate> periods) {
    Map<LocalDate, LocalDate> periodOfLastDay = new HashMap<>();
    for (LocalDate start : periods) {
      periodOfLastDay.put(filter.period().next(start).minusDays(1), start);
    }
    StringBuilder sql = new StringBuilder("""
        select day, sum(total) as total from metrics_day
        where municipality_number in (:municipalities) and measure = :measure and day in (:days)""");
    Map<String, Object> params = new HashMap<>();
    if (indicator.category() != null) {
      sql.append(" and category = :category");
      params.put("category", indicator.category());
    }
    if (indicator.detail() != null) {
      sql.append(" and detail = :detail");
      params.put("detail", indicator.detail());
    }
    sql.append(" group by day");
    Map<LocalDate, Double> result = new HashMap<>();
    jdbc.sql(sql.toString()).params(params).param("municipalities", filter.municipalities())
        .param("measure", indicator.measure().key())
        .param("days", periodOfLastDay.keySet().stream().map(Date::valueOf).toList())
        .query((rs, n) -> result.put(periodOfLastDay.get(rs.getDate("day").toLocalDate()), rs.getDouble("total")))
        .list();
    return result;
  }

  /** The counts of a Pareto chart: facts of a measure by their detail, over the filter's periods. */
  public Map<String, Long> countsByDetail(Measure measure, String category, Filter filter, boolean unflaggedOnly) {
    return counts("detail", measure, category, filter, unflaggedOnly);
  }

  /** The counts of a Pareto chart: facts of a measure by their category (a task: its activity). */
  public Map<String, Long> countsByCategory(Measure measure, Filter filter, boolean unflaggedOnly) {
    return counts("category", measure, null, filter, unflaggedOnly);
  }

  /**
   * @param column {@code detail} or {@code category}, never from a request
   * @param unflaggedOnly only facts whose flag is not set (a task completed after its due date)
   */
  private Map<String, Long> counts(String column, Measure measure, String category, Filter filter,
      boolean unflaggedOnly) {
    StringBuilder sql = new StringBuilder("select " + column + " as grouped, sum(facts"
        + (unflaggedOnly ? " - flagged" : "") + ") as facts from metrics_day"
        + " where municipality_number in (:municipalities) and measure = :measure and day >= :from and day < :to");
    Map<String, Object> params = new HashMap<>();
    if (category != null) {
      sql.append(" and category = :category");
      params.put("category", category);
    }
    sql.append(" group by ").append(column).append(" having sum(facts").append(unflaggedOnly ? " - flagged" : "")
        .append(") > 0");
    Map<String, Long> counts = new HashMap<>();
    if (filter.municipalities().isEmpty()) {
      return counts;
    }
    jdbc.sql(sql.toString()).params(params).param("municipalities", filter.municipalities())
        .param("measure", measure.key()).param("from", Date.valueOf(filter.first()))
        .param("to", Date.valueOf(filter.end()))
        .query((rs, n) -> counts.put(rs.getString("grouped"), rs.getLong("facts"))).list();
    return counts;
  }

  /** The model versions the indicator's facts ran on, oldest first, with the first day each appears. */
  public Map<Integer, LocalDate> versions(Indicator indicator, Set<String> municipalities) {
    Map<Integer, LocalDate> versions = new TreeMap<>();
    if (municipalities.isEmpty()) {
      return versions;
    }
    jdbc.sql("""
        select model_version, min(day) as first_day from metrics_day
        where municipality_number in (:municipalities) and measure = :measure and model_version is not null
        group by model_version""")
        .param("municipalities", municipalities).param("measure", indicator.measure().key())
        .query((rs, n) -> versions.put(rs.getInt(1), rs.getDate(2).toLocalDate())).list();
    return versions;
  }
}
