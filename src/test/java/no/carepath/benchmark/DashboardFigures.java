package no.carepath.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import no.carepath.followup.FollowupProperties;
import no.carepath.metrics.IndicatorSeries;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;

/**
 * The figures the S8 benchmark checks, each three ways, per week of the dashboard: as the dashboard
 * shows it ({@link IndicatorSeries}, from {@code metrics_fact}), as a reference SQL computes it straight
 * from the raw rows (Carepath's tables and {@code act_hi_*}), and as the naive peer P0 computes it with
 * Camunda's {@link HistoryService} queries. The reference is written independently of
 * {@code MetricsFacts}: weeks are instant ranges ({@code width_bucket} over the weeks' Oslo midnights),
 * not dates cast from timestamps, and engine timestamps are compared as the engine writes them, the
 * JVM's wall clock.
 */
final class DashboardFigures {

  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final String NURSES = "home-follow-up-nurses";

  /** A number of a figure; exact ones are counts, the others agree within {@link #TOLERANCE}. */
  record Quantity(String name, boolean exact) {
  }

  static final double TOLERANCE = 1e-9;

  /** One figure: an indicator of the catalogue and what of it is compared. */
  record Figure(String indicator, List<Quantity> quantities, Function<IndicatorSeries.Series, double[][]> ours,
      Function<Set<String>, double[][]> reference, Function<Set<String>, double[][]> peer) {
  }

  /** The dashboard's weeks: 52 Mondays and the 53 Oslo midnights that bound them. */
  record Weeks(List<LocalDate> starts, Instant[] bounds) {

    static Weeks of(LocalDate first, int count) {
      List<LocalDate> starts = new ArrayList<>();
      Instant[] bounds = new Instant[count + 1];
      for (int k = 0; k <= count; k++) {
        LocalDate monday = first.plusWeeks(k);
        if (k < count) {
          starts.add(monday);
        }
        bounds[k] = monday.atStartOfDay(OSLO).toInstant();
      }
      return new Weeks(List.copyOf(starts), bounds);
    }

    int size() {
      return starts.size();
    }

    LocalDate first() {
      return starts.get(0);
    }

    LocalDate end() {
      return starts.get(starts.size() - 1).plusWeeks(1);
    }
  }

  private final DataSource dataSource;
  private final HistoryService history;
  private final FollowupProperties followup;
  private final Weeks weeks;
  private final LocalDate today;
  private final String zonedBounds;
  private final String localBounds;

  DashboardFigures(DataSource dataSource, HistoryService history, FollowupProperties followup, Weeks weeks,
      LocalDate today) {
    this.dataSource = dataSource;
    this.history = history;
    this.followup = followup;
    this.weeks = weeks;
    this.today = today;
    this.zonedBounds = "'{" + Arrays.stream(weeks.bounds()).map(Instant::toString).collect(Collectors.joining(","))
        + "}'::timestamptz[]";
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    // the engine's history columns hold the JVM's wall clock, without zone
    this.localBounds = "'{" + Arrays.stream(weeks.bounds())
        .map(bound -> "\"" + local.format(bound.atZone(ZoneId.systemDefault())) + "\"")
        .collect(Collectors.joining(",")) + "}'::timestamp[]";
  }

  List<Figure> all() {
    return List.of(
        new Figure("red-deviations-rate", List.of(new Quantity("red deviations", true),
            new Quantity("patient-days / 100", false)),
            series -> rows(series, row -> new double[] {row.numerator(), row.denominator()}),
            m -> merge(referenceRedOpened(m), scale(referencePatientDays(m), 100)),
            m -> merge(peerRedOpened(m), scale(peerPatientDays(m), 100))),
        new Figure("red-response-time", List.of(new Quantity("handled", true), new Quantity("median hours", false)),
            series -> rows(series, row -> new double[] {row.facts(), value(row)}),
            m -> pick(referenceRedHandled(m), 0, 2), m -> pick(peerRedHandled(m), 0, 2)),
        new Figure("red-within-response-time", List.of(new Quantity("within", true), new Quantity("handled", true),
            new Quantity("share", false)),
            series -> rows(series, row -> new double[] {row.numerator(), row.denominator(), value(row)}),
            m -> share(pick(referenceRedHandled(m), 1, 0)), m -> share(pick(peerRedHandled(m), 1, 0))),
        new Figure("deviations-not-taken", List.of(new Quantity("team leader tasks", true),
            new Quantity("deviations opened", true), new Quantity("share", false)),
            series -> rows(series, row -> new double[] {row.numerator(), row.denominator(), value(row)}),
            m -> share(referenceNotTaken(m)), m -> share(peerNotTaken(m))),
        new Figure("tasks-per-person", List.of(new Quantity("tasks completed", true),
            new Quantity("tasks per person", false)),
            series -> rows(series, row -> new double[] {row.facts(), value(row)}),
            m -> perActor(referenceTasksCompleted(m)), m -> perActor(peerTasksCompleted(m))),
        new Figure("open-tasks-" + NURSES, List.of(new Quantity("open at the end of the week", true)),
            series -> rows(series, row -> new double[] {value(row)}), this::referenceOpenTasks, this::peerOpenTasks),
        new Figure("patient-days", List.of(new Quantity("patient-days", true)),
            series -> rows(series, row -> new double[] {value(row)}), this::referencePatientDays,
            this::peerPatientDays),
        new Figure("admissions-rate", List.of(new Quantity("admissions in follow-up", true),
            new Quantity("patient-days / 1000", false)),
            series -> rows(series, row -> new double[] {row.numerator(), row.denominator()}),
            m -> merge(referenceAdmissions(m), scale(referencePatientDays(m), 1000)),
            m -> merge(peerAdmissions(m), scale(peerPatientDays(m), 1000))),
        new Figure("messages-first-try", List.of(new Quantity("delivered on the first try", true),
            new Quantity("settled", true), new Quantity("share", false)),
            series -> rows(series, row -> new double[] {row.numerator(), row.denominator(), value(row)}),
            m -> share(referenceMessages(m)), m -> share(peerMessages(m))));
  }

  /** Week by week, where two tables of one figure differ; empty when they agree. */
  static List<String> differences(Figure figure, double[][] expected, double[][] actual, Weeks weeks) {
    List<String> differences = new ArrayList<>();
    for (int k = 0; k < weeks.size(); k++) {
      for (int q = 0; q < figure.quantities().size(); q++) {
        Quantity quantity = figure.quantities().get(q);
        double want = expected[k][q];
        double got = actual[k][q];
        boolean same = Double.isNaN(want) ? Double.isNaN(got)
            : quantity.exact() ? want == got : Math.abs(want - got) <= TOLERANCE;
        if (!same) {
          differences.add("week of " + weeks.starts().get(k) + ", " + quantity.name() + ": " + got + " instead of "
              + want);
        }
      }
    }
    return differences;
  }

  // ---- the dashboard's rows ----

  private double[][] rows(IndicatorSeries.Series series, Function<IndicatorSeries.Row, double[]> values) {
    List<IndicatorSeries.Row> rows = series.rows();
    if (rows.size() != weeks.size() || !rows.get(0).start().equals(weeks.first())) {
      throw new AssertionError(series.indicator().id() + ": " + rows.size() + " rows from " + rows.get(0).start()
          + ", expected " + weeks.size() + " from " + weeks.first());
    }
    return rows.stream().map(values).toArray(double[][]::new);
  }

  private static double value(IndicatorSeries.Row row) {
    return row.value() == null ? Double.NaN : row.value();
  }

  // ---- the reference: SQL over the raw rows ----

  /** Red deviations opened per week (by {@code opened_at}, whatever their status). */
  double[][] referenceRedOpened(Set<String> municipalities) {
    return buckets("""
        select width_bucket(d.opened_at, {B}), count(*)
        from followup_deviation d join followup_episode e on e.episode_id = d.episode_id
        where e.municipality_number = any(?) and d.colour = 'RED' and d.opened_at >= {B}[1] and d.opened_at < {B}[53]
        group by 1""", municipalities, 1, 0);
  }

  /** Patient-days per week: days from the Oslo date of enrolment to that of the end (or today), both counted. */
  double[][] referencePatientDays(Set<String> municipalities) {
    return buckets("""
        with week as (select k, date '%s' + 7 * (k - 1) as first, date '%s' + 7 * (k - 1) + 6 as last
                      from generate_series(1, %d) k),
             span as (select (enrolled_at at time zone 'Europe/Oslo')::date as enrolled,
                             coalesce((ended_at at time zone 'Europe/Oslo')::date, date '%s') as ended
                      from followup_episode where enrolled_at is not null and municipality_number = any(?))
        select k, sum(least(ended, last) - greatest(enrolled, first) + 1)
        from week join span on enrolled <= last and ended >= first
        group by k""".formatted(weeks.first(), weeks.first(), weeks.size(), today), municipalities, 1, 0);
  }

  /** Red deviations a nurse handled, per week of closing: [handled, within the response time, median hours]. */
  double[][] referenceRedHandled(Set<String> municipalities) {
    StringBuilder responseTime = new StringBuilder("case e.municipality_number");
    for (String municipality : municipalities) {
      responseTime.append(" when '").append(municipality).append("' then ")
          .append(followup.redResponseTime(municipality).toSeconds());
    }
    responseTime.append(" end");
    return buckets("""
        select width_bucket(d.closed_at, {B}), count(*),
               count(*) filter (where extract(epoch from d.closed_at - coalesce(d.raised_at, d.opened_at)) <= %s),
               percentile_cont(0.5) within group
                 (order by extract(epoch from d.closed_at - coalesce(d.raised_at, d.opened_at)) / 3600)
        from followup_deviation d join followup_episode e on e.episode_id = d.episode_id
        where e.municipality_number = any(?) and d.colour = 'RED' and d.status = 'CLOSED' and d.handled_by is not null
          and d.closed_at >= {B}[1] and d.closed_at < {B}[53]
        group by 1""".formatted(responseTime), municipalities, 3, 2);
  }

  /** [the team leaders' tasks for deviations nobody had taken, deviations opened] per week. */
  double[][] referenceNotTaken(Set<String> municipalities) {
    double[][] timers = buckets("""
        select width_bucket(a.start_time_, {L}), count(*)
        from act_hi_actinst a
        where a.tenant_id_ = any(?) and a.act_id_ = 'Task_FollowUpUnhandledDeviation'
          and a.start_time_ >= {L}[1] and a.start_time_ < {L}[53]
        group by 1""", municipalities, 1, 0);
    double[][] opened = buckets("""
        select width_bucket(d.opened_at, {B}), count(*)
        from followup_deviation d join followup_episode e on e.episode_id = d.episode_id
        where e.municipality_number = any(?) and d.opened_at >= {B}[1] and d.opened_at < {B}[53]
        group by 1""", municipalities, 1, 0);
    return merge(timers, opened);
  }

  /** [user tasks completed, people who completed them] per week of completion. */
  double[][] referenceTasksCompleted(Set<String> municipalities) {
    return buckets("""
        select width_bucket(t.end_time_, {L}), count(*), count(distinct t.assignee_)
        from act_hi_taskinst t
        where t.tenant_id_ = any(?) and t.delete_reason_ = 'completed'
          and t.end_time_ >= {L}[1] and t.end_time_ < {L}[53]
        group by 1""", municipalities, 2, 0);
  }

  /** Tasks offered to the nurses that were open when each week ended (Monday 00:00 in Oslo). */
  double[][] referenceOpenTasks(Set<String> municipalities) {
    return buckets("""
        select k, count(*)
        from (select width_bucket(t.start_time_, {L}) as s,
                     case when t.end_time_ is null then %1$d + 1 else width_bucket(t.end_time_, {L}) end as e
              from act_hi_taskinst t
              where t.tenant_id_ = any(?) and t.start_time_ < {L}[%1$d + 1]
                and (t.end_time_ is null or t.end_time_ >= {L}[2])
                and exists (select 1 from act_hi_identitylink l where l.task_id_ = t.id_ and l.type_ = 'candidate'
                            and l.group_id_ = '%2$s' and l.operation_type_ = 'add')) task
        cross join lateral generate_series(greatest(task.s, 1), least(task.e - 1, %1$d)) k
        group by k""".formatted(weeks.size(), NURSES), municipalities, 1, 0);
  }

  /** Admissions of patients in follow-up, per week of admission. */
  double[][] referenceAdmissions(Set<String> municipalities) {
    return buckets("""
        select width_bucket(s.admitted_at, {B}), count(*)
        from transitions_stay s
        where s.municipality_number = any(?) and s.episode_id is not null
          and s.admitted_at >= {B}[1] and s.admitted_at < {B}[53]
        group by 1""", municipalities, 1, 0);
  }

  /** [delivered on the first try, settled] outbound messages per week of creation. */
  double[][] referenceMessages(Set<String> municipalities) {
    return buckets("""
        select width_bucket(o.created_at, {B}),
               count(*) filter (where o.status = 'ACKNOWLEDGED' and o.transmission = 1),
               count(*) filter (where o.status in ('ACKNOWLEDGED', 'REJECTED', 'NO_RECEIPT', 'RESOLVED'))
        from messaging_outbox o
        where o.municipality_number = any(?) and o.created_at >= {B}[1] and o.created_at < {B}[53]
        group by 1""", municipalities, 2, 0);
  }

  /**
   * Runs a query whose first column is the week (1 ..) and the others numbers; weeks without a row
   * get zeros, except columns from {@code nanFrom} on, which get NaN (no value).
   */
  private double[][] buckets(String sql, Set<String> municipalities, int columns, int nanFrom) {
    double[][] result = new double[weeks.size()][columns];
    for (double[] row : result) {
      for (int c = nanFrom; c < columns && nanFrom > 0; c++) {
        row[c] = Double.NaN;
      }
    }
    String text = sql.replace("{B}", "(" + zonedBounds + ")").replace("{L}", "(" + localBounds + ")")
        .replace("[53]", "[" + (weeks.size() + 1) + "]");
    try (Connection connection = dataSource.getConnection();
         PreparedStatement statement = connection.prepareStatement(text)) {
      statement.setArray(1, connection.createArrayOf("text", municipalities.toArray()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          int week = rows.getInt(1);
          if (week < 1 || week > weeks.size()) {
            continue;
          }
          for (int c = 0; c < columns; c++) {
            double value = rows.getDouble(c + 2);
            result[week - 1][c] = rows.wasNull() ? Double.NaN : value;
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + "\n" + text, e);
    }
    return result;
  }

  // ---- the peer: Camunda's HistoryService ----

  double[][] peerRedOpened(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][1];
    for (int k = 0; k < weeks.size(); k++) {
      result[k][0] = history.createHistoricProcessInstanceQuery().processDefinitionKey("followup-deviation")
          .tenantIdIn(tenants).startedAfter(from(k)).startedBefore(before(k))
          .variableValueEquals("deviationColour", "RED").count();
    }
    return result;
  }

  /** From the home visit's end (enrolment) to the end of the service, in Oslo dates, per week. */
  double[][] peerPatientDays(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    Map<String, Date> ends = new HashMap<>();
    for (HistoricActivityInstance end : history.createHistoricActivityInstanceQuery().activityId("Task_EndService")
        .tenantIdIn(tenants).finished().list()) {
      ends.put(end.getProcessInstanceId(), end.getEndTime());
    }
    double[][] result = new double[weeks.size()][1];
    for (HistoricActivityInstance visit : history.createHistoricActivityInstanceQuery()
        .activityId("Task_ConductHomeVisit").tenantIdIn(tenants).finished().list()) {
      LocalDate enrolled = visit.getEndTime().toInstant().atZone(OSLO).toLocalDate();
      Date end = ends.get(visit.getProcessInstanceId());
      LocalDate ended = end == null ? today : end.toInstant().atZone(OSLO).toLocalDate();
      for (int k = 0; k < weeks.size(); k++) {
        LocalDate first = weeks.starts().get(k);
        LocalDate last = first.plusDays(6);
        LocalDate from = enrolled.isAfter(first) ? enrolled : first;
        LocalDate to = ended.isBefore(last) ? ended : last;
        if (!from.isAfter(to)) {
          result[k][0] += ChronoUnit.DAYS.between(from, to) + 1;
        }
      }
    }
    return result;
  }

  /** [handled, within the response time, median hours] from the completed red tasks, per week. */
  double[][] peerRedHandled(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][3];
    for (int k = 0; k < weeks.size(); k++) {
      List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
          .taskDefinitionKey("Task_HandleRedDeviation").tenantIdIn(tenants).finished().taskDeleteReason("completed")
          .finishedAfter(from(k)).finishedBefore(before(k)).list();
      double[] hours = new double[tasks.size()];
      int within = 0;
      for (int t = 0; t < tasks.size(); t++) {
        HistoricTaskInstance task = tasks.get(t);
        long millis = task.getEndTime().getTime() - task.getStartTime().getTime();
        hours[t] = millis / 3_600_000.0;
        within += millis <= followup.redResponseTime(task.getTenantId()).toMillis() ? 1 : 0;
      }
      result[k] = new double[] {tasks.size(), within, median(hours)};
    }
    return result;
  }

  double[][] peerNotTaken(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][2];
    for (int k = 0; k < weeks.size(); k++) {
      long timers = history.createHistoricActivityInstanceQuery().activityId("Task_FollowUpUnhandledDeviation")
          .tenantIdIn(tenants).startedAfter(from(k)).startedBefore(before(k)).count();
      long opened = history.createHistoricProcessInstanceQuery().processDefinitionKey("followup-deviation")
          .tenantIdIn(tenants).startedAfter(from(k)).startedBefore(before(k)).count();
      result[k] = new double[] {timers, opened};
    }
    return result;
  }

  double[][] peerTasksCompleted(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][2];
    for (int k = 0; k < weeks.size(); k++) {
      List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery().tenantIdIn(tenants).finished()
          .taskDeleteReason("completed").finishedAfter(from(k)).finishedBefore(before(k)).list();
      Set<String> people = new HashSet<>();
      tasks.forEach(task -> people.add(task.getAssignee()));
      people.remove(null);
      result[k] = new double[] {tasks.size(), people.size()};
    }
    return result;
  }

  double[][] peerOpenTasks(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][1];
    for (int k = 0; k < weeks.size(); k++) {
      Date end = Date.from(weeks.bounds()[k + 1]);
      Date justBefore = Date.from(weeks.bounds()[k + 1].minusMillis(1));
      long open = history.createHistoricTaskInstanceQuery().tenantIdIn(tenants).taskHadCandidateGroup(NURSES)
          .startedBefore(justBefore).unfinished().count();
      long finishedLater = history.createHistoricTaskInstanceQuery().tenantIdIn(tenants).taskHadCandidateGroup(NURSES)
          .startedBefore(justBefore).finishedAfter(end).count();
      result[k][0] = open + finishedLater;
    }
    return result;
  }

  double[][] peerAdmissions(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][1];
    for (int k = 0; k < weeks.size(); k++) {
      result[k][0] = history.createHistoricProcessInstanceQuery().processDefinitionKey("transitions-hospital-stay")
          .tenantIdIn(tenants).startedAfter(from(k)).startedBefore(before(k)).executedActivityIdIn("Task_PauseFollowup")
          .count();
    }
    return result;
  }

  /** [first try, settled]: acknowledged without a resend, of those acknowledged, rejected or without receipt. */
  double[][] peerMessages(Set<String> municipalities) {
    String[] tenants = municipalities.toArray(String[]::new);
    double[][] result = new double[weeks.size()][2];
    for (int k = 0; k < weeks.size(); k++) {
      long settled = messages(tenants, k).executedActivityIdIn("EndEvent_MessageAcknowledged", "Task_RecordRejection",
          "Task_RecordMissingReceipt").count();
      Set<String> acknowledged = new HashSet<>();
      messages(tenants, k).executedActivityIdIn("EndEvent_MessageAcknowledged").list()
          .forEach(message -> acknowledged.add(message.getId()));
      messages(tenants, k).executedActivityIdIn("Task_PrepareResend").list()
          .forEach(message -> acknowledged.remove(message.getId()));
      result[k] = new double[] {acknowledged.size(), settled};
    }
    return result;
  }

  private org.camunda.bpm.engine.history.HistoricProcessInstanceQuery messages(String[] tenants, int week) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("messaging-outbound-message")
        .tenantIdIn(tenants).startedAfter(from(week)).startedBefore(before(week));
  }

  private Date from(int week) {
    return Date.from(weeks.bounds()[week]);
  }

  /** The last millisecond of the week: the engine's "before" and "after" include the bound. */
  private Date before(int week) {
    return Date.from(weeks.bounds()[week + 1].minusMillis(1));
  }

  // ---- arithmetic on the tables ----

  /** As percentile_cont(0.5): the middle value, or the mean of the two middle values; NaN when empty. */
  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) * 0.5;
  }

  private static double[][] merge(double[][] left, double[][] right) {
    double[][] merged = new double[left.length][];
    for (int k = 0; k < left.length; k++) {
      merged[k] = new double[left[k].length + right[k].length];
      System.arraycopy(left[k], 0, merged[k], 0, left[k].length);
      System.arraycopy(right[k], 0, merged[k], left[k].length, right[k].length);
    }
    return merged;
  }

  private static double[][] scale(double[][] table, double divisor) {
    return Arrays.stream(table).map(row -> Arrays.stream(row).map(value -> value / divisor).toArray())
        .toArray(double[][]::new);
  }

  private static double[][] pick(double[][] table, int... columns) {
    return Arrays.stream(table).map(row -> Arrays.stream(columns).mapToDouble(c -> row[c]).toArray())
        .toArray(double[][]::new);
  }

  /** [part, whole] to [part, whole, part / whole], NaN when the whole is 0. */
  private static double[][] share(double[][] table) {
    return Arrays.stream(table).map(row -> new double[] {row[0], row[1], row[1] == 0 ? Double.NaN : row[0] / row[1]})
        .toArray(double[][]::new);
  }

  /** [tasks, people] to [tasks, tasks per person], NaN when nobody. */
  private static double[][] perActor(double[][] table) {
    return Arrays.stream(table).map(row -> new double[] {row[0], row[1] == 0 ? Double.NaN : row[0] / row[1]})
        .toArray(double[][]::new);
  }
}
