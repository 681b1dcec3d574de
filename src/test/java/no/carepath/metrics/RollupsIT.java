package no.carepath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import no.carepath.IntegrationTest;
import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.IndicatorSeries.Row;
import no.carepath.metrics.IndicatorSeries.Series;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The day roll-ups and region percentiles (V10__metrics_rollups.sql) stay equal to the facts they are
 * counted from, whatever a statement does to the facts: many rows at once, an upsert that moves facts to
 * another day, category or municipality, a plain update, a delete, one row at a time, a truncate is not
 * tried (it would empty other tests' facts). Checked over the whole tables after every step, so any
 * writer's facts must agree. And the dashboard's numbers from the roll-ups equal the same numbers counted
 * straight from the facts: per municipality, over several, with a version filter, and the region-wide
 * percentile only when no other municipality has facts in the periods asked for.
 */
class RollupsIT extends IntegrationTest {

  /** Facts in 2001: no other test writes facts that far back, so the region is these towns only. */
  static final LocalDate FIRST = LocalDate.of(2001, 1, 1);
  static final String[] TOWNS = {"5101", "5102", "5103"};

  @Autowired
  JdbcClient jdbc;
  @Autowired
  IndicatorSeries series;

  @Test
  void theRollUpsEqualTheFactsAfterEveryKindOfStatement() {
    Random random = new Random(11);
    insert(random, 0, 3_000, 2);
    assertRolledUp();

    // an upsert over half of them and 500 new: days, categories, values and flags change
    insert(random, 1_500, 5_000, 2);
    assertRolledUp();

    // a plain update moving facts to the third municipality and another week
    jdbc.sql("""
        update metrics_fact set municipality_number = '5103', day = day + 9
        where source_id like 'rollup/%' and source_id like '%7'""").update();
    assertRolledUp();

    // one row at a time, as the refresh of plans once did
    for (int n = 0; n < 20; n++) {
      jdbc.sql("""
          insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag, actor)
          values ('deviation_handled', :id, '5101', :day, 'RED', 'CONTACTED', :value, true, 'sykepleier-1')""")
          .param("id", "rollup/single/" + n).param("day", FIRST.plusDays(n)).param("value", 0.25 * n).update();
    }
    assertRolledUp();

    // a delete that empties some days entirely and thins others
    jdbc.sql("""
        delete from metrics_fact
        where source_id like 'rollup/%' and (day < :gone or source_id like '%3')""")
        .param("gone", FIRST.plusDays(10)).update();
    assertRolledUp();
    assertThat(jdbc.sql("select count(*) from metrics_day where day < :gone and municipality_number like '51%'")
        .param("gone", FIRST.plusDays(10)).query(Long.class).single()).isZero();
  }

  @Test
  void theDashboardsNumbersFromTheRollUpsEqualThoseCountedFromTheFacts() {
    Random random = new Random(7);
    insert(random, 10_000, 14_000, 2);
    LocalDate to = FIRST.plusWeeks(12);
    Set<String> all = Set.of(TOWNS);
    for (Set<String> towns : List.of(Set.of("5101"), Set.of("5101", "5102"), all)) {
      for (Period period : Period.values()) {
        for (Integer version : new Integer[] {null, 2}) {
          Filter filter = new Filter(towns, period, FIRST, to, version, 0);
          for (String id : List.of("red-response-time", "red-response-time-p90", "yellow-response-time",
              "red-within-response-time", "tasks-per-person", "red-deviations-rate")) {
            series.forget();
            assertEqualsFacts(series.series(Indicators.byId(id).orElseThrow(), filter), filter);
          }
        }
      }
    }
  }

  @Test
  void theRegionPercentileIsUsedOnlyWhenNoOtherMunicipalityHasFactsInThePeriods() {
    LocalDate day = LocalDate.of(2002, 3, 5);
    List<String> values = new ArrayList<>();
    for (int n = 0; n < 9; n++) {
      values.add("('deviation_handled', 'rollup/region/" + n + "', '" + TOWNS[n % 2] + "', date '" + day
          + "', 'RED', 'CONTACTED', " + (n + 1) + ", true)");
    }
    // a third municipality with far longer times in the same week
    values.add("('deviation_handled', 'rollup/region/other', '5103', date '" + day
        + "', 'RED', 'CONTACTED', 1000, true)");
    jdbc.sql("insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag)"
        + " values " + String.join(", ", values)).update();
    Indicator median = Indicators.byId("red-response-time").orElseThrow();
    Filter two = new Filter(Set.of("5101", "5102"), Period.WEEK, day.minusDays(1), day.plusDays(7), null, 0);
    Filter three = new Filter(Set.of(TOWNS), Period.WEEK, day.minusDays(1), day.plusDays(7), null, 0);

    series.forget();
    assertThat(series.series(median, two).latest().value()).isEqualTo(5.0);
    assertThat(series.series(median, two).latest().facts()).isEqualTo(9);
    assertThat(series.series(median, three).latest().value()).isEqualTo(5.5);
    assertThat(series.series(median, three).latest().facts()).isEqualTo(10);
  }

  /** Facts numbered from {@code first} to {@code last} (exclusive) over twelve weeks from {@link #FIRST}. */
  private void insert(Random random, int first, int last, int versions) {
    StringBuilder sql = new StringBuilder("""
        insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag, actor,
                                  model_version) values""");
    String[] measures = {"deviation_handled", "deviation_opened", "task_finished"};
    for (int n = first; n < last; n++) {
      String measure = measures[n % measures.length];
      sql.append(n == first ? " " : ", ").append("('").append(measure).append("', 'rollup/").append(n).append("', '")
          .append(TOWNS[random.nextInt(2)]).append("', date '").append(FIRST.plusDays(random.nextInt(84)))
          .append("', '").append(random.nextInt(4) == 0 ? "YELLOW" : "RED").append("', '")
          .append(random.nextBoolean() ? "CONTACTED" : "NO_ACTION").append("', ")
          .append(random.nextInt(10) == 0 ? "null" : String.valueOf(Math.round(random.nextDouble() * 4800) / 100.0))
          .append(", ").append(random.nextInt(5) == 0 ? "null" : String.valueOf(random.nextBoolean())).append(", ")
          .append(measure.equals("task_finished") || random.nextBoolean()
              ? "'sykepleier-" + random.nextInt(6) + "'" : "null")
          .append(", ").append(random.nextInt(versions + 1) == 0 ? "null" : String.valueOf(1 + random.nextInt(versions)))
          .append(")");
    }
    sql.append("""
         on conflict (measure, source_id) do update set municipality_number = excluded.municipality_number,
           day = excluded.day, category = excluded.category, detail = excluded.detail, value = excluded.value,
           flag = excluded.flag, actor = excluded.actor, model_version = excluded.model_version""");
    jdbc.sql(sql.toString()).update();
  }

  /** Every roll-up row equals the facts counted again, and no group of facts lacks its row. */
  private void assertRolledUp() {
    String day = """
        select municipality_number, measure, category, detail, model_version, day, demo, count(*) as facts,
               count(*) filter (where flag) as flagged, round(sum(value)::numeric, 6) as total,
               count(value) as valued
        from metrics_fact group by municipality_number, measure, category, detail, model_version, day, demo""";
    String rolled = """
        select municipality_number, measure, category, detail, model_version, day, demo, facts, flagged,
               round(total::numeric, 6), valued from metrics_day""";
    assertThat(differences(day, rolled)).isZero();
    String actor = """
        select municipality_number, measure, model_version, day, actor, demo, count(*) from metrics_fact
        group by municipality_number, measure, model_version, day, actor, demo""";
    assertThat(differences(actor, "select municipality_number, measure, model_version, day, actor, demo, facts"
        + " from metrics_day_actor")).isZero();
    String percentile = """
        select measure, case when grouping(category) = 0 then category end, period, period_start, count(*),
               round(percentile_cont(0.5) within group (order by value)::numeric, 9),
               round(percentile_cont(0.9) within group (order by value)::numeric, 9), bool_or(demo)
        from (select measure, category, value, demo, 'W' as period, date_trunc('week', day)::date as period_start
              from metrics_fact where measure not in ('patient_days', 'tasks_open')
              union all
              select measure, category, value, demo, 'M', date_trunc('month', day)::date
              from metrics_fact where measure not in ('patient_days', 'tasks_open')) f
        group by grouping sets ((measure, period, period_start, category), (measure, period, period_start))""";
    assertThat(differences(percentile, """
        select measure, category, period, period_start, facts, round(median::numeric, 9), round(p90::numeric, 9), demo
        from metrics_percentile""")).isZero();
  }

  private long differences(String expected, String actual) {
    return jdbc.sql("select (select count(*) from ((" + expected + ") except all (" + actual + ")) missing)"
        + " + (select count(*) from ((" + actual + ") except all (" + expected + ")) extra)").query(Long.class).single();
  }

  /** The series' facts and values per period, counted straight from metrics_fact. */
  private void assertEqualsFacts(Series shown, Filter filter) {
    String start = filter.period() == Period.WEEK ? "date_trunc('week', day)::date" : "date_trunc('month', day)::date";
    Indicator indicator = shown.indicator();
    String where = " from metrics_fact where municipality_number in (:towns) and measure = :measure"
        + " and day >= :from and day < :to" + (indicator.category() == null ? "" : " and category = :category")
        + (filter.modelVersion() == null ? "" : " and model_version = " + filter.modelVersion());
    String value = switch (indicator.statistic()) {
      case MEDIAN -> "percentile_cont(0.5) within group (order by value)";
      case P90 -> "percentile_cont(0.9) within group (order by value)";
      case SHARE -> "(count(*) filter (where flag))::float8 / count(*)";
      case PER_ACTOR -> "count(*)::float8 / nullif(count(distinct actor), 0)";
      default -> "count(*)::float8";
    };
    var statement = jdbc.sql("select " + start + " as period, count(*) as facts, " + value + " as value" + where
            + " group by 1")
        .param("towns", filter.municipalities()).param("measure", indicator.measure().key())
        .param("from", java.sql.Date.valueOf(filter.first())).param("to", java.sql.Date.valueOf(filter.end()));
    if (indicator.category() != null) {
      statement = statement.param("category", indicator.category());
    }
    var expected = new java.util.HashMap<LocalDate, double[]>();
    statement.query((rs, n) -> expected.put(rs.getDate("period").toLocalDate(),
        new double[] {rs.getLong("facts"), rs.getObject("value") == null ? Double.NaN : rs.getDouble("value")})).list();
    assertThat(shown.rows()).isNotEmpty();
    for (Row row : shown.rows()) {
      double[] counted = expected.getOrDefault(row.start(), new double[] {0, Double.NaN});
      assertThat(row.facts()).as("%s %s %s", indicator.id(), filter, row.label()).isEqualTo((long) counted[0]);
      if (indicator.statistic() != Indicator.Statistic.RATE_PER_100_PATIENT_DAYS && row.value() != null) {
        assertThat(row.value()).as("%s %s %s", indicator.id(), filter, row.label())
            .isCloseTo(counted[1], within(1e-9));
      }
    }
  }
}
