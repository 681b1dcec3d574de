package no.carepath.competence;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who did which task of a case or episode, under which competence and level, with which supervisor,
 * and what was handed on or overridden: the accountability record kept with the case history
 * (helsepersonelloven § 4), shown on the case and episode pages.
 */
@Component
public class Accountability {

  /** One recorded step. */
  public record Entry(Instant at, String kind, String task, String who, String competence, String level,
      String supervisor, String note) {
  }

  private final JdbcClient jdbc;

  Accountability(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The record of a case or episode (its reference), newest first: completions, hand-ons, overrides. */
  public List<Entry> of(String reference) {
    return jdbc.sql("""
            select e.at, e.kind, coalesce(e.task_name, e.task_key) as task_key, e.actor, e.user_id, e.competence_code, e.level, e.supervisor, e.reason,
                   e.required, e.qualified
            from competence_task_event e
            where e.reference = :reference and e.kind in ('COMPLETED', 'HANDED_ON', 'OVERRIDE', 'SUPERVISED')
              and e.actor <> 'system'
            order by e.at desc, e.id desc limit 200
            """)
        .param("reference", reference)
        .query((row, n) -> {
          String kind = row.getString("kind");
          String required = row.getString("required");
          String names = required == null || required.isBlank() ? "" : String.join(", ",
              java.util.Arrays.stream(required.split(",")).map(CompetenceCatalogue::name).toList());
          String level = row.getString("level");
          return new Entry(row.getTimestamp("at").toInstant(), switch (kind) {
            case "COMPLETED" -> "OVERRIDE".equals(row.getString("reason")) ? "Fullført (overstyrt)" : "Fullført";
            case "HANDED_ON" -> "Gitt videre";
            case "OVERRIDE" -> "Overstyrt av teamleder";
            default -> "Tatt under veiledning";
          }, row.getString("task_key"), kind.equals("COMPLETED") ? row.getString("actor")
              : row.getString("actor") + (row.getString("user_id") == null ? " → teamleder" : " → " + row.getString("user_id")),
              names, level == null ? "" : Level.valueOf(level).label(), row.getString("supervisor"),
              kind.equals("COMPLETED") ? null : row.getString("reason"));
        })
        .list();
  }
}
