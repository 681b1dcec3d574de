package no.carepath.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The signals of the last months as the overview lists them: open ones first, then how each was assessed. */
@Component
class SignalLog {

  /** One signal; {@code assessment} and {@code reason} are {@code null} while it is open. */
  record Entry(String indicator, String municipality, Instant opened, String rule, String assessment, String reason,
      Instant closed) {
  }

  private final JdbcClient jdbc;

  SignalLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Entry> since(Set<String> municipalities, Instant from) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select indicator, municipality_number, opened_at, rule, assessment, reason, closed_at from metrics_signal
        where municipality_number in (:municipalities) and (status = 'OPEN' or opened_at >= :from)
        order by status desc, opened_at desc limit 50""")
        .param("municipalities", municipalities).param("from", Timestamp.from(from))
        .query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
        .list();
  }
}
