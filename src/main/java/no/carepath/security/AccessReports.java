package no.carepath.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the access log tells: a patient's report of who read their data (the patient's right of
 * access to the log), and the managers' statistics and patterns to follow up, which name staff but
 * never a patient.
 */
@Component
public class AccessReports {

  /** More distinct patients than this in {@link #BURST_WINDOW} is a pattern to follow up. */
  public static final int BURST_PATIENTS = 20;
  public static final Duration BURST_WINDOW = Duration.ofMinutes(10);

  /** One read of the patient's data, as the patient is told of it. */
  public record Line(Instant occurredAt, String actorId, String actorName, String actorRoles, String what,
      String reference, String channel, String basis, boolean ownWork) {
  }

  /** Reads per week, channel and role (no patient). */
  public record Count(LocalDate week, String channel, String role, long reads, long patients) {
  }

  /** A person whose reads deserve a look, and why. */
  public record Flag(String actorId, String actorName, String actorRoles, String pattern, long reads, long patients,
      Instant first, Instant last) {
  }

  private final JdbcClient jdbc;

  AccessReports(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every read of this patient's data, newest first. */
  public List<Line> forPatient(UUID patientId) {
    return jdbc.sql("""
            select occurred_at, actor_id, actor_name, actor_roles, what, reference, channel, basis, own_work
            from security_access_log where patient_id = :patient order by occurred_at desc, id desc
            """)
        .param("patient", patientId)
        .query((row, n) -> new Line(row.getTimestamp("occurred_at").toInstant(), row.getString("actor_id"),
            row.getString("actor_name"), row.getString("actor_roles"), row.getString("what"), row.getString("reference"),
            row.getString("channel"), row.getString("basis"), row.getBoolean("own_work")))
        .list();
  }

  /** Reads per week, channel and reader's role in these municipalities since {@code from}. */
  public List<Count> counts(Collection<String> municipalities, Instant from) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select date_trunc('week', occurred_at at time zone 'Europe/Oslo')::date as week, channel,
                coalesce(nullif(split_part(actor_roles, ',', 1), ''), 'system') as role,
                count(*) as reads, count(distinct patient_id) as patients
            from security_access_log
            where occurred_at >= :from and municipality_number = any(:municipalities::varchar[])
            group by 1, 2, 3 order by 1 desc, 2, 3
            """)
        .param("from", Timestamp.from(from)).param("municipalities", municipalities.toArray(String[]::new))
        .query((row, n) -> new Count(row.getObject("week", LocalDate.class), row.getString("channel"),
            row.getString("role"), row.getLong("reads"), row.getLong("patients")))
        .list();
  }

  /**
   * People whose reads deserve a look: reads of patients outside their own work, and many patients
   * opened in a short time ({@value #BURST_PATIENTS} or more within {@link #BURST_WINDOW}; list
   * views do not count).
   */
  public List<Flag> flags(Collection<String> municipalities, Instant from) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    Map<String, Object> parameters = Map.of("from", Timestamp.from(from),
        "municipalities", municipalities.toArray(String[]::new), "window", BURST_WINDOW.toSeconds(),
        "burst", BURST_PATIENTS);
    List<Flag> outside = jdbc.sql("""
            select actor_id, max(actor_name) as actor_name, max(actor_roles) as actor_roles, count(*) as reads,
                count(distinct patient_id) as patients, min(occurred_at) as first, max(occurred_at) as last
            from security_access_log
            where occurred_at >= :from and municipality_number = any(:municipalities::varchar[]) and not own_work
                and actor_id <> 'system'
            group by actor_id order by count(distinct patient_id) desc
            """)
        .params(parameters)
        .query((row, n) -> flag(row, "OUTSIDE_OWN_WORK"))
        .list();
    List<Flag> bursts = jdbc.sql("""
            with detail as (
                select actor_id, actor_name, actor_roles, patient_id, occurred_at from security_access_log
                where occurred_at >= :from and municipality_number = any(:municipalities::varchar[])
                    and basis not like 'LIST%' and actor_id <> 'system')
            select a.actor_id, max(a.actor_name) as actor_name, max(a.actor_roles) as actor_roles,
                count(*) as reads, max(window_patients) as patients, min(a.occurred_at) as first, max(a.occurred_at) as last
            from (
                select d.*, (select count(distinct e.patient_id) from detail e where e.actor_id = d.actor_id
                    and e.occurred_at >= d.occurred_at
                    and e.occurred_at < d.occurred_at + make_interval(secs => :window)) as window_patients
                from detail d) a
            where a.window_patients >= :burst
            group by a.actor_id order by max(window_patients) desc
            """)
        .params(parameters)
        .query((row, n) -> flag(row, "MANY_PATIENTS_QUICKLY"))
        .list();
    return java.util.stream.Stream.concat(outside.stream(), bursts.stream()).toList();
  }

  private static Flag flag(java.sql.ResultSet row, String pattern) throws java.sql.SQLException {
    return new Flag(row.getString("actor_id"), row.getString("actor_name"), row.getString("actor_roles"), pattern,
        row.getLong("reads"), row.getLong("patients"), row.getTimestamp("first").toInstant(),
        row.getTimestamp("last").toInstant());
  }
}
