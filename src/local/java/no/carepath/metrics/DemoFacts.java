package no.carepath.metrics;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import no.carepath.metrics.MetricsFacts.Measure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generated history for the demo ({@code demo} module): facts written straight into
 * {@code metrics_fact} with {@code demo = true}, so every page that shows them says so. The
 * refresh never touches them, and nothing but the demo writes them.
 */
@Component
public class DemoFacts {

  /** One generated fact; see {@link Measure} for what category, detail, value and flag mean. */
  public record Fact(Measure measure, String municipality, LocalDate day, String category, String detail, Double value,
      Boolean flag, String actor, Integer modelVersion) {
  }

  private static final int CHUNK = 20_000;

  private final JdbcTemplate jdbc;
  private final IndicatorSeries series;

  DemoFacts(JdbcTemplate jdbc, IndicatorSeries series) {
    this.jdbc = jdbc;
    this.series = series;
  }

  public boolean present() {
    return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from metrics_fact where demo)",
        Boolean.class));
  }

  /** Writes the facts (numbered {@code demo/1}, {@code demo/2} ...) unless demo history is there already. */
  @Transactional
  public int add(List<Fact> facts) {
    if (present()) {
      return 0;
    }
    // a few statements of many rows: the roll-up triggers on metrics_fact run once per statement
    int written = 0;
    for (int from = 0; from < facts.size(); from += CHUNK) {
      List<Fact> chunk = facts.subList(from, Math.min(facts.size(), from + CHUNK));
      written += jdbc.execute((java.sql.Connection connection) -> {
        try (java.sql.PreparedStatement insert = connection.prepareStatement("""
            insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag,
                                      actor, model_version, demo)
            select measure, 'demo/' || gen_random_uuid(), town, day, category, detail, value, flag, actor, version, true
            from unnest(?::varchar[], ?::char(4)[], ?::date[], ?::varchar[], ?::varchar[], ?::float8[], ?::boolean[],
                        ?::varchar[], ?::integer[])
                 as fact(measure, town, day, category, detail, value, flag, actor, version)""")) {
          insert.setArray(1, connection.createArrayOf("varchar", chunk.stream().map(f -> f.measure().key()).toArray()));
          insert.setArray(2, connection.createArrayOf("varchar", chunk.stream().map(Fact::municipality).toArray()));
          insert.setArray(3, connection.createArrayOf("date", chunk.stream().map(f -> Date.valueOf(f.day())).toArray()));
          insert.setArray(4, connection.createArrayOf("varchar",
              chunk.stream().map(f -> f.category() == null ? "" : f.category()).toArray()));
          insert.setArray(5, connection.createArrayOf("varchar",
              chunk.stream().map(f -> f.detail() == null ? "" : f.detail()).toArray()));
          insert.setArray(6, connection.createArrayOf("float8", chunk.stream().map(Fact::value).toArray()));
          insert.setArray(7, connection.createArrayOf("boolean", chunk.stream().map(Fact::flag).toArray()));
          insert.setArray(8, connection.createArrayOf("varchar", chunk.stream().map(Fact::actor).toArray()));
          insert.setArray(9, connection.createArrayOf("integer", chunk.stream().map(Fact::modelVersion).toArray()));
          return insert.executeUpdate();
        }
      });
    }
    series.forget();
    return written;
  }
}
