package no.carepath.metrics.heatmap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The heatmap's figures in one SQL query over the engine's history ({@code act_hi_actinst}, with
 * {@code act_hi_taskinst} for user tasks' due dates), grouped by activity. Read-only, and on purpose
 * beside the engine API: {@code HistoryService} has no percentiles or grouping, and fetching every
 * activity instance of a year to count them in Java would carry instance ids through the
 * application for no reason. Nothing that leaves this class names an instance or a patient.
 *
 * <p>The engine writes its timestamps without a time zone, in the JVM's zone; the bounds are bound
 * as {@link Timestamp}s the same way, and "now" is the application's clock, never the database's.
 */
@Component
class HeatmapQuery {

  /**
   * One activity's figures.
   *
   * @param passed finished activity instances (completed or cancelled) that ended in the period
   * @param waiting activity instances not finished now, whenever they started
   * @param medianSeconds median duration of the finished ones, {@code null} when none finished
   * @param p90Seconds 90th percentile of the same
   * @param withDueDate user-task instances counted (finished in the period or open) that had a due date
   * @param overdue of those, the ones finished after their due date or still open past it
   */
  record Row(String activityId, String activityType, long passed, long waiting, Double medianSeconds,
      Double p90Seconds, long withDueDate, long overdue) {
  }

  static final String SQL = """
      select a.act_id_ as activity_id,
             min(a.act_type_) as activity_type,
             count(*) filter (where a.end_time_ is not null) as passed,
             count(*) filter (where a.end_time_ is null) as waiting,
             percentile_cont(0.5) within group (order by a.duration_::double precision)
                 filter (where a.end_time_ is not null) / 1000.0 as median_seconds,
             percentile_cont(0.9) within group (order by a.duration_::double precision)
                 filter (where a.end_time_ is not null) / 1000.0 as p90_seconds,
             count(t.due_date_) as with_due_date,
             count(*) filter (where t.due_date_ < coalesce(a.end_time_, :now)) as overdue
        from act_hi_actinst a
        left join act_hi_taskinst t on t.id_ = a.task_id_
       where a.proc_def_key_ = :process
         %s
         and a.tenant_id_ in (:tenants)
         and a.act_type_ <> 'multiInstanceBody'
         and (a.end_time_ is null or a.end_time_ >= :from)
       group by a.act_id_
       order by a.act_id_
      """;

  private final JdbcClient jdbc;

  HeatmapQuery(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param process the process definition key (all its versions)
   * @param definitionId one version only, or {@code null} for all
   * @param from the start of the period (activity instances that ended before it are left out)
   * @param now the end of the period, and what "still open past its due date" is measured against
   * @param tenants the municipalities whose instances count; none gives no rows
   */
  List<Row> rows(String process, String definitionId, Instant from, Instant now, Collection<String> tenants) {
    if (tenants.isEmpty()) {
      return List.of();
    }
    JdbcClient.StatementSpec statement = jdbc.sql(SQL.formatted(definitionId == null ? "" : "and a.proc_def_id_ = :definitionId"))
        .param("process", process)
        .param("tenants", List.copyOf(tenants))
        .param("from", Timestamp.from(from))
        .param("now", Timestamp.from(now));
    if (definitionId != null) {
      statement = statement.param("definitionId", definitionId);
    }
    return statement.query(HeatmapQuery::row).list();
  }

  private static Row row(ResultSet rs, int rowNumber) throws SQLException {
    return new Row(rs.getString("activity_id"), rs.getString("activity_type"), rs.getLong("passed"),
        rs.getLong("waiting"), rs.getObject("median_seconds", Double.class), rs.getObject("p90_seconds", Double.class),
        rs.getLong("with_due_date"), rs.getLong("overdue"));
  }
}
