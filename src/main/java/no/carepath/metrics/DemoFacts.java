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
    int[][] written = jdbc.batchUpdate("""
        insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value, flag, actor,
                                  model_version, demo)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""", facts, 1_000, (statement, fact) -> {
          statement.setString(1, fact.measure().key());
          statement.setString(2, "demo/" + java.util.UUID.randomUUID());
          statement.setString(3, fact.municipality());
          statement.setDate(4, Date.valueOf(fact.day()));
          statement.setString(5, fact.category() == null ? "" : fact.category());
          statement.setString(6, fact.detail() == null ? "" : fact.detail());
          statement.setObject(7, fact.value());
          statement.setObject(8, fact.flag());
          statement.setString(9, fact.actor());
          statement.setObject(10, fact.modelVersion());
        });
    series.forget();
    return java.util.Arrays.stream(written).mapToInt(batch -> batch.length).sum();
  }
}
