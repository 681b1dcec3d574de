package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import no.carepath.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V19 on a database that already has readings (as the demo's and every running installation's):
 * the migrations up to V17 in a schema of their own, readings of several months written the old
 * way (one far in the past, some with their value as sent), then the rest. Every reading comes
 * through unchanged, once, in its month's partition, with its id in {@code followup_reading_id}, and
 * this month and the next three have partitions.
 */
class ReadingPartitionMigrationIT extends IntegrationTest {

  private static final String SCHEMA = "v19_check";
  private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
      PLATFORM.properties().get("CAREPATH_DB_URL"), PLATFORM.properties().get("CAREPATH_DB_USER"),
      PLATFORM.properties().get("CAREPATH_DB_PASSWORD"));
  private final JdbcClient jdbc = JdbcClient.create(dataSource);

  @AfterEach
  void dropSchema() {
    jdbc.sql("drop schema if exists " + SCHEMA + " cascade").update();
  }

  @Test
  void theReadingsOfAnExistingDatabaseComeThroughV19UnchangedAndOnce() {
    flyway("17").migrate();
    String old = """
        insert into %s.followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
        select md5('reading' || g)::uuid, g %% 40, 1 + g %% 3, g %% 5, 60 + g %% 40 + 0.5, now() - g * interval '37 minutes',
          now() - g * interval '37 minutes' + interval '5 seconds'
        from generate_series(1, 6000) g""".formatted(SCHEMA);
    jdbc.sql(old).update();
    jdbc.sql("insert into " + SCHEMA + ".followup_reading values (md5('long ago')::uuid, 7, 2, 0, 36.6,"
        + " '1999-05-01T10:00:00Z', '1999-05-01T10:00:05Z')").update();
    jdbc.sql("insert into " + SCHEMA + ".followup_reading_sent (id, sent_value, sent_unit)"
        + " select id, value * 1000, 'g' from " + SCHEMA + ".followup_reading where monitoring_key = 3").update();
    List<Map<String, Object>> before = everything();
    assertThat(before).hasSize(6001);

    flyway(null).migrate();

    assertThat(everything()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(count("select count(*) from %s.followup_reading_id")).isEqualTo(6001);
    assertThat(count("select count(*) from %s.followup_reading_default")).isZero();
    assertThat(count("select count(*) from %s.followup_reading_sent")).isEqualTo(
        count("select count(*) from %s.followup_reading where monitoring_key = 3")).isPositive();
    // every reading in the partition of its month
    assertThat(count("""
        select count(*) from %s.followup_reading
        where tableoid::regclass::text <> 'followup_reading_' || to_char(measured_at at time zone 'UTC', 'YYYY_MM')
          and tableoid::regclass::text <> '%1$s.followup_reading_' || to_char(measured_at at time zone 'UTC', 'YYYY_MM')"""))
        .isZero();
    List<String> partitions = jdbc.sql("""
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = '%s.followup_reading'::regclass""".formatted(SCHEMA)).query(String.class).list();
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    assertThat(partitions).contains("followup_reading_default", "followup_reading_1999_05");
    for (int i = 0; i <= 3; i++) {
      LocalDate first = now.plusMonths(i).atDay(1);
      assertThat(partitions).contains("followup_reading_%04d_%02d".formatted(first.getYear(), first.getMonthValue()));
    }
    // the key is the id alone: the same id at another time is refused
    jdbc.sql("insert into " + SCHEMA + ".followup_reading_id (id) values (md5('reading1')::uuid) on conflict do nothing")
        .update();
    assertThat(count("select count(*) from %s.followup_reading_id where id = md5('reading1')::uuid")).isEqualTo(1);
  }

  private Flyway flyway(String target) {
    var configuration = Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
        .locations("classpath:db/migration");
    if (target != null) {
      configuration.target(target);
    }
    return configuration.load();
  }

  private List<Map<String, Object>> everything() {
    return jdbc.sql("""
        select r.id, r.monitoring_key, r.sign, r.interpretation, r.value::text as value, r.measured_at, r.received_at,
          s.sent_value::text as sent_value, s.sent_unit
        from %1$s.followup_reading r left join %1$s.followup_reading_sent s on s.id = r.id""".formatted(SCHEMA))
        .query().listOfRows();
  }

  private long count(String sql) {
    return jdbc.sql(sql.formatted(SCHEMA)).query(Long.class).single();
  }
}
