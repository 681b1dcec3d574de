package no.carepath.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import no.carepath.followup.readings.ReadingStore;
import no.carepath.followup.readings.ReadingStores;
import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;
import no.carepath.local.EmbeddedDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The readings table partitioned by month (V19) against the table as it was before (V17), in the
 * same run on the same PostgreSQL: each in a schema of its own, migrated by Flyway from the
 * project's migrations. Measures, with 14 days of readings for every patient and then with a year:
 * <ul>
 *   <li>ingestion: batches of 100 readings of 100 patients (what a Bundle of 100 writes), each batch
 *       one transaction with a durable commit, one connection, closed loop; the partitioned side
 *       through {@link ReadingStore#insertNew}, the old side with the old statement;</li>
 *   <li>the 14-day view of one patient ({@link ReadingStore#since}, the same statement on both);</li>
 *   <li>bytes per reading (tables and indexes).</li>
 * </ul>
 * Runs alternate old and partitioned (A B A B ...). The year is loaded with bulk SQL (readings of the
 * last 15-365 days, {@code perDay} a day per patient, measured at spread times).
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.ReadingPartitionBenchmark
 * -Dbenchmark.args="patients=2000 perDay=5 batches=150 runs=3 views=400"}
 */
public final class ReadingPartitionBenchmark {

  private static final Map<String, String> DEFAULTS = Map.of("patients", "2000", "perDay", "5", "batches", "150",
      "runs", "3", "views", "400", "batch", "100");
  private static final String OLD = "unpartitioned";
  private static final String NEW = "partitioned";
  /** The statement of {@code ReadingStore.insertNew} before V19 (git main, 0630737). */
  private static final String OLD_INSERT = """
      with present as (select id from followup_reading where id = any(?::uuid[])),
      candidate as (
        select * from unnest(?::uuid[], ?::int[], ?::smallint[], ?::smallint[], ?::numeric[], ?::timestamptz[],
          ?::timestamptz[], ?::numeric[], ?::text[])
          as c(id, monitoring_key, sign, interpretation, value, measured_at, received_at, sent_value, sent_unit)),
      inserted as (
        insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
        select id, monitoring_key, sign, interpretation, value, measured_at, received_at from candidate
        on conflict (id) do nothing
        returning id),
      sent as (
        insert into followup_reading_sent (id, sent_value, sent_unit)
        select c.id, c.sent_value, c.sent_unit from candidate c join inserted i on i.id = c.id
        where c.sent_unit is not null)
      select true, id from inserted union all select false, id from present
      """;

  private final Map<String, String> settings;
  private final StringBuilder report = new StringBuilder();
  private final SplittableRandom random = new SplittableRandom(14);
  private EmbeddedDatabase database;

  private ReadingPartitionBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    ReadingPartitionBenchmark benchmark = new ReadingPartitionBenchmark(BenchmarkMain.settings(args, DEFAULTS, true));
    BenchmarkMain.runAndExit(benchmark::run, () -> {
      if (benchmark.database != null) {
        benchmark.database.close();
      }
    });
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    Path target = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target");
    database = EmbeddedDatabase.start(target.resolve("partition-benchmark-postgres"), 0, false);
    Flyway.configure().dataSource(database.jdbcUrl(), EmbeddedDatabase.USER, "").schemas(OLD).createSchemas(true)
        .locations("classpath:db/migration").target("17").load().migrate();
    Flyway.configure().dataSource(database.jdbcUrl(), EmbeddedDatabase.USER, "").schemas(NEW).createSchemas(true)
        .locations("classpath:db/migration").load().migrate();
    int patients = setting("patients");
    int perDay = setting("perDay");
    line("# Readings partitioned by month (V19) against the unpartitioned table (V17)");
    line("");
    line("PostgreSQL " + single("show server_version") + ", shared_buffers " + single("show shared_buffers")
        + ", fsync " + single("show fsync") + ", synchronous_commit " + single("show synchronous_commit") + "; " + patients + " patients, " + perDay
        + " readings a day each; ingestion " + setting("batches") + " batches of " + setting("batch")
        + " per run, " + setting("runs") + " runs per side alternating; " + setting("views")
        + " 14-day views per run; load " + uptime());
    line("");
    try (Connection connection = connection(NEW); Statement statement = connection.createStatement()) {
      // the months of the year behind us, as the nightly maintenance would have made them ahead
      YearMonth now = YearMonth.now(ZoneOffset.UTC);
      for (int i = 13; i >= 1; i--) {
        statement.execute("select followup_reading_add_month('" + now.minusMonths(i).atDay(1) + "')");
      }
    }
    long started = System.nanoTime();
    load(OLD, patients, perDay, 0, 14);
    load(NEW, patients, perDay, 0, 14);
    line("Loaded 14 days (" + (long) patients * perDay * 14 + " readings per side) in " + seconds(started) + " s");
    line("");
    List<String> rows = new ArrayList<>();
    rows.addAll(measure("14 days", patients));
    started = System.nanoTime();
    load(OLD, patients, perDay, 14, 365);
    double oldSeconds = seconds(started);
    started = System.nanoTime();
    load(NEW, patients, perDay, 14, 365);
    double newSeconds = seconds(started);
    line("Loaded a year (" + (long) patients * perDay * 351 + " more readings per side): unpartitioned " + oldSeconds
        + " s, partitioned " + newSeconds + " s (load " + uptime() + ")");
    line("");
    rows.addAll(measure("a year", patients));
    line("| data | table | ingestion readings/s (median, min-max) | batch of 100 p50 / p99 ms | 14-day view p50 / p95 ms | readings | bytes per reading |");
    line("|---|---|---|---|---|---|---|");
    rows.forEach(this::line);
    line("");
    line("Partition pruning of the 14-day view (partitioned, a year loaded): " + pruning());
    line("Load at the end: " + uptime());
    Path out = target.resolve("benchmarks/partition.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
  }

  /** Ingestion and the view, alternating the sides, then one row per side. */
  private List<String> measure(String data, int patients) throws SQLException {
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> batchMillis = new LinkedHashMap<>();
    Map<String, List<Double>> viewMillis = new LinkedHashMap<>();
    for (String side : List.of(OLD, NEW)) {
      rates.put(side, new ArrayList<>());
      batchMillis.put(side, new ArrayList<>());
      viewMillis.put(side, new ArrayList<>());
      ingest(side, patients, 20, batchMillis.get(side)); // warm-up, not counted
      batchMillis.get(side).clear();
      views(side, patients, 50, new ArrayList<>());
    }
    for (int run = 0; run < setting("runs"); run++) {
      for (String side : List.of(OLD, NEW)) {
        rates.get(side).add(ingest(side, patients, setting("batches"), batchMillis.get(side)));
        views(side, patients, setting("views"), viewMillis.get(side));
      }
    }
    List<String> rows = new ArrayList<>();
    for (String side : List.of(OLD, NEW)) {
      List<Double> rate = rates.get(side).stream().sorted().toList();
      long readings = Long.parseLong(single("select count(*) from " + side + ".followup_reading"));
      rows.add("| " + data + " | " + side + " | " + format(rate.get(rate.size() / 2)) + " (" + format(rate.get(0))
          + "-" + format(rate.get(rate.size() - 1)) + ") | " + format(percentile(batchMillis.get(side), 50)) + " / "
          + format(percentile(batchMillis.get(side), 99)) + " | " + format(percentile(viewMillis.get(side), 50)) + " / "
          + format(percentile(viewMillis.get(side), 95)) + " | " + readings + " | " + bytes(side) / readings + " |");
    }
    return rows;
  }

  /** Batches of new readings of random patients, measured in the last minutes; readings per second. */
  private double ingest(String side, int patients, int batches, List<Double> millis) throws SQLException {
    int size = setting("batch");
    try (Connection connection = connection(side)) {
      connection.setAutoCommit(false);
      ReadingStore store = ReadingStores.on(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
      long started = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        List<StoredReading> readings = new ArrayList<>(size);
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
          readings.add(new StoredReading(UUID.randomUUID(), 1 + random.nextInt(patients), VitalSign.values()[i % 5],
              Interpretation.NORMAL, 60 + random.nextInt(400) / 10.0, now.minusSeconds(random.nextInt(600)), now));
        }
        long batchStarted = System.nanoTime();
        int inserted = side.equals(NEW) ? store.insertNew(readings).size() : oldInsert(connection, readings);
        connection.commit();
        millis.add((System.nanoTime() - batchStarted) / 1e6);
        if (inserted != size) {
          throw new IllegalStateException("a batch stored " + inserted + " of " + size);
        }
      }
      return (double) batches * size / ((System.nanoTime() - started) / 1e9);
    }
  }

  private static int oldInsert(Connection connection, List<StoredReading> readings) throws SQLException {
    int n = readings.size();
    try (PreparedStatement statement = connection.prepareStatement(OLD_INSERT)) {
      statement.setArray(1, connection.createArrayOf("text", new String[0]));
      statement.setArray(2, connection.createArrayOf("text", readings.stream().map(r -> r.id().toString()).toArray()));
      statement.setArray(3, connection.createArrayOf("int4", readings.stream().map(StoredReading::monitoringKey).toArray()));
      statement.setArray(4, connection.createArrayOf("int2", readings.stream().map(r -> (short) r.sign().code()).toArray()));
      statement.setArray(5, connection.createArrayOf("int2",
          readings.stream().map(r -> (short) r.interpretation().ordinal()).toArray()));
      statement.setArray(6, connection.createArrayOf("text", readings.stream().map(r -> r.exact().toPlainString()).toArray()));
      statement.setArray(7, connection.createArrayOf("text", readings.stream().map(r -> r.measuredAt().toString()).toArray()));
      statement.setArray(8, connection.createArrayOf("text", readings.stream().map(r -> r.receivedAt().toString()).toArray()));
      statement.setArray(9, connection.createArrayOf("text", new String[n]));
      statement.setArray(10, connection.createArrayOf("text", new String[n]));
      int inserted = 0;
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          inserted += rows.getBoolean(1) ? 1 : 0;
        }
      }
      return inserted;
    }
  }

  private void views(String side, int patients, int count, List<Double> millis) throws SQLException {
    try (Connection connection = connection(side)) {
      ReadingStore store = ReadingStores.on(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
      for (int i = 0; i < count; i++) {
        int key = 1 + random.nextInt(patients);
        long started = System.nanoTime();
        int rows = store.since(key, Instant.now().minus(Duration.ofDays(14))).size();
        millis.add((System.nanoTime() - started) / 1e6);
        if (rows < 14 * setting("perDay") - setting("perDay")) {
          throw new IllegalStateException("the 14-day view of a patient had " + rows + " readings");
        }
      }
    }
  }

  /** Readings of every patient measured from {@code fromDay} (included) to {@code toDay} days ago. */
  private void load(String side, int patients, int perDay, int fromDay, int toDay) throws SQLException {
    String readings = """
        select gen_random_uuid() as id, p as monitoring_key, (1 + j %% 5)::smallint as sign, 0::smallint as interpretation,
          (60 + (p * 7 + d * 13 + j) %% 400 / 10.0)::numeric as value,
          now() - make_interval(days => d) + make_interval(hours => j * 3, mins => (p * 31 + d) %% 60) - interval '16 hours'
            as measured_at,
          now() - make_interval(days => d) + make_interval(hours => j * 3, mins => (p * 31 + d) %% 60) - interval '16 hours'
            + interval '20 seconds' as received_at
        from generate_series(1, %d) p, generate_series(%d, %d) d, generate_series(0, %d) j
        """.formatted(patients, fromDay, toDay - 1, perDay - 1);
    String sql = side.equals(OLD)
        ? "insert into followup_reading " + readings
        : "with r as (insert into followup_reading " + readings + " returning id) insert into followup_reading_id select id from r";
    try (Connection connection = connection(side); Statement statement = connection.createStatement()) {
      statement.execute("set maintenance_work_mem = '512MB'");
      statement.execute(sql);
      statement.execute("vacuum analyze followup_reading");
      if (side.equals(NEW)) {
        statement.execute("vacuum analyze followup_reading_id");
      }
    }
  }

  private long bytes(String side) {
    String tables = side.equals(OLD) ? "pg_total_relation_size('%1$s.followup_reading') + pg_total_relation_size('%1$s.followup_reading_sent')"
        : "(select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = '%1$s.followup_reading'::regclass)"
            + " + pg_total_relation_size('%1$s.followup_reading_id') + pg_total_relation_size('%1$s.followup_reading_sent')";
    return Long.parseLong(single("select " + tables.formatted(side)));
  }

  private String pruning() throws SQLException {
    try (Connection connection = connection(NEW); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("explain (analyze, costs off) select r.*, s.sent_value, s.sent_unit"
             + " from followup_reading r left join followup_reading_sent s on s.id = r.id"
             + " where r.monitoring_key = 7 and r.measured_at >= now() - interval '14 days' order by r.measured_at, r.sign")) {
      List<String> plan = new ArrayList<>();
      while (rows.next()) {
        plan.add(rows.getString(1).trim());
      }
      String removed = plan.stream().filter(l -> l.startsWith("Subplans Removed")).findFirst()
          .map(l -> l.replaceAll("\\D", "")).orElse("0");
      long total = Long.parseLong(single("select count(*) from pg_inherits where inhparent = '" + NEW
          + ".followup_reading'::regclass"));
      return removed + " of " + total + " partitions pruned, " + (total - Long.parseLong(removed))
          + " scanned (the months the 14 days touch, the months made ahead, the default partition)";
    }
  }

  private Connection connection(String schema) throws SQLException {
    Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
    try (Statement statement = connection.createStatement()) {
      statement.execute("set search_path = " + schema);
    }
    return connection;
  }

  private String single(String sql) {
    try (Connection connection = connection("public"); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String uptime() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "load average $1");
    } catch (java.io.IOException e) {
      return "load average unknown";
    }
  }

  private static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.2f", value);
  }

  private static double seconds(long startedNanos) {
    return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }
}
