package no.carepath.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import no.carepath.followup.FollowupProperties;
import no.carepath.patient.NationalIdentityNumber;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes one year of regional history straight into the database for {@link DashboardBenchmark}:
 * Carepath's tables and the engine's history tables, with the SQL of
 * {@code benchmark/dashboard-history.sql} ({@code insert ... select ... from generate_series}) and the
 * readings with a binary COPY (PgJDBC's CopyManager), never through the engine. Runs step by step on
 * two connections of its own (a step marked {@code [parallel]} on the second, beside the others) and
 * reports each step's time. The secondary indexes of the largest tables are dropped first and built
 * again at the end, as a bulk load does.
 */
final class DashboardHistory {

  /** Numbers and names of the region's municipalities; the first two are those of application.yaml. */
  static final Map<String, String> REGION = regionOf(new String[][] {{"1804", "Bodø"}, {"1806", "Narvik"},
      {"1813", "Brønnøy"}, {"1820", "Alstahaug"}, {"1824", "Vefsn"}, {"1833", "Rana"}, {"1837", "Meløy"},
      {"1841", "Fauske"}, {"1860", "Vestvågøy"}, {"1865", "Vågan"}});

  static final String SCRIPT = "/benchmark/dashboard-history.sql";
  private static final String PARALLEL = " [parallel]";
  private static final String COPY = " [copy]";
  /** The tables whose secondary indexes are dropped for the load and built again after it. */
  static final List<String> BULK_TABLES = List.of("followup_reading", "followup_deviation", "act_hi_procinst",
      "act_hi_actinst", "act_hi_taskinst", "act_hi_identitylink", "act_hi_varinst");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  /** What was asked for and what it became. */
  record Size(int patients, long readings, long deviations, int stays, List<String> municipalities) {
  }

  record Step(String name, double seconds) {
  }

  private final String url;
  private final String user;
  private final String password;
  private final Consumer<String> log;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private Instant yearStart;

  DashboardHistory(String url, String user, String password, Consumer<String> log) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.log = log;
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  /**
   * Loads the history that ends at {@code now} and starts the day before {@code firstWeek} (UTC),
   * so that the first of the dashboard's weeks is whole.
   */
  void load(Size size, Instant now, LocalDate firstWeek, FollowupProperties followup) throws SQLException {
    yearStart = firstWeek.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    parameters.put("now", literal(now));
    parameters.put("year_start", literal(yearStart));
    parameters.put("municipalities", String.join(",", size.municipalities()));
    parameters.put("municipality_count", Integer.toString(size.municipalities().size()));
    parameters.put("patients", Integer.toString(size.patients()));
    parameters.put("stays", Integer.toString(size.stays()));
    StringBuilder response = new StringBuilder("case municipality");
    for (String municipality : size.municipalities()) {
      response.append(" when '").append(municipality).append("' then interval '")
          .append(followup.redResponseTime(municipality).toSeconds()).append(" seconds'");
    }
    parameters.put("red_response", response.append(" end").toString());
    String script = readScript();
    ExecutorService lane = Executors.newSingleThreadExecutor();
    try (Connection connection = session(); Connection second = session();
         Statement statement = connection.createStatement()) {
      // the models the platform deployed at its start: their definitions' ids
      for (Map.Entry<String, String> model : Map.of("deviation", "followup-deviation", "episode", "followup-episode",
          "case", "allocation-case", "stay", "transitions-hospital-stay", "message", "messaging-outbound-message")
          .entrySet()) {
        parameters.put("def_" + model.getKey(), single(statement, "select id_ from act_re_procdef where key_ = '"
            + model.getValue() + "' order by version_ desc limit 1"));
      }
      nationalIds(connection, size.patients());
      // the readings' months, as the nightly maintenance would have made them ahead (else the year lands in the
      // default partition)
      statement.execute("select followup_reading_add_month(m::date) from generate_series(date_trunc('month', "
          + literal(yearStart) + "::timestamptz at time zone 'UTC'), " + literal(now) + "::timestamptz at time zone 'UTC',"
          + " interval '1 month') m");
      List<Index> indexes = dropIndexes(statement);
      long loadStarted = System.nanoTime();
      List<Future<?>> parallel = new ArrayList<>();
      for (Map.Entry<String, List<String>> step : steps(script).entrySet()) {
        if (step.getKey().equals("days with readings")) {
          rates(statement, size);
        }
        List<String> statements = step.getValue().stream().map(this::substitute).toList();
        String name = step.getKey().replace(PARALLEL, "").replace(COPY, "");
        boolean copy = step.getKey().contains(COPY);
        if (step.getKey().contains(PARALLEL)) {
          parallel.add(lane.submit(() -> copy ? copyReadings(second, name) : run(second, name, statements)));
        } else {
          run(connection, name, statements);
        }
      }
      for (Future<?> step : parallel) {
        step.get();
      }
      // the indexes in two lanes, those of the largest tables first, each to the lane with less to do
      Map<String, Long> bytes = new HashMap<>();
      for (String table : BULK_TABLES) {
        bytes.put(table, Long.parseLong(single(statement, "select coalesce((select sum(pg_relation_size(relid))"
            + " from pg_partition_tree('" + table + "')), pg_relation_size('" + table + "'))")));
      }
      indexes.sort(Comparator.comparing((Index index) -> bytes.get(index.table())).reversed());
      List<List<String>> lanes = List.of(new ArrayList<>(), new ArrayList<>());
      long[] load = new long[2];
      for (Index index : indexes) {
        int to = load[0] <= load[1] ? 0 : 1;
        lanes.get(to).add(index.definition());
        load[to] += bytes.get(index.table());
      }
      long started = System.nanoTime();
      Future<?> other = lane.submit(() -> run(second, null, lanes.get(1)));
      run(connection, null, lanes.get(0));
      other.get();
      done(indexes.size() + " secondary indexes of " + String.join(", ", BULK_TABLES) + " built again (two lanes)",
          started);
      statement.execute("drop schema s8load cascade");
      done("total (wall clock)", loadStarted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A parallel step failed", e.getCause());
    } finally {
      lane.shutdownNow();
    }
  }

  /** A connection of its own (not the application's pool: its session settings would stay on pooled ones). */
  private Connection session() throws SQLException {
    Connection connection = DriverManager.getConnection(url, user, password);
    try (Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists s8load");
      statement.execute("set search_path = s8load, public");
      statement.execute("set work_mem = '256MB'");
      statement.execute("set maintenance_work_mem = '1GB'");
    }
    return connection;
  }

  /** Runs statements one after another; a named step's time is reported. */
  private Void run(Connection connection, String step, List<String> statements) throws SQLException {
    long started = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    if (step != null) {
      done(step, started);
    }
    return null;
  }

  private synchronized void done(String step, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    steps.add(new Step(step, seconds));
    log.accept(String.format(Locale.ROOT, "  loaded: %s in %.1f s", step, seconds));
  }

  /** An index dropped for the load: its definition, and its table (whose size after the load weighs it). */
  private record Index(String name, String table, String definition) {
  }

  /** Drops the bulk tables' indexes that back no constraint; returns them, with their tables' sizes to come. */
  private List<Index> dropIndexes(Statement statement) throws SQLException {
    List<Index> indexes = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("""
        select i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
        where i.indrelid::regclass::text in ('%s')
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by 1""".formatted(String.join("', '", BULK_TABLES)))) {
      while (rows.next()) {
        // a partitioned table's index is defined "ON ONLY" the parent; built again on the parent and its partitions
        indexes.add(new Index(rows.getString(1), rows.getString(2), rows.getString(3).replace(" ON ONLY ", " ON ")));
      }
    }
    for (Index index : indexes) {
      statement.execute("drop index " + index.name());
    }
    return indexes;
  }

  /**
   * Writes the readings with one binary COPY, day by day of {@code b_day}: {@code count} readings, five
   * signs in turn from 06:00 UTC every 100 minutes plus up to 20 minutes; the reading a deviation
   * (other than a missed measurement) opened on at {@code jit} seconds, HH when red, H when yellow.
   * The id is {@code s8_reading(i, d, j)} as 16 bytes: i, d, 0x4000 | j, 0x8000, zeros.
   */
  private Void copyReadings(Connection connection, String step) throws SQLException {
    long started = System.nanoTime();
    int rows;
    try (Statement statement = connection.createStatement()) {
      rows = Integer.parseInt(single(statement, "select count(*) from b_day"));
    }
    int[] episode = new int[rows];
    short[] day = new short[rows];
    byte[] count = new byte[rows];
    byte[] deviating = new byte[rows];
    short[] jitter = new short[rows];
    try (Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery("select i, d, count, jdev, jit,"
             + " case when dev and kind <> 'MISSED' then (case when red then 4 else 2 end) else 0 end"
             + " from b_day order by i, d")) {
      for (int n = 0; row.next(); n++) {
        episode[n] = row.getInt(1);
        day[n] = row.getShort(2);
        count[n] = row.getByte(3);
        deviating[n] = (byte) (row.getInt(6) == 0 ? -1 : row.getInt(4) * 8 + row.getInt(6));
        jitter[n] = row.getShort(5);
      }
    }
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy followup_reading (id, monitoring_key,"
        + " sign, interpretation, value, measured_at, received_at) from stdin (format binary)");
    ByteBuffer buffer = ByteBuffer.allocate(1 << 22);
    buffer.put("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(0);
    long firstDay = ChronoUnit.MICROS.between(POSTGRES_EPOCH, yearStart);
    for (int n = 0; n < rows; n++) {
      for (int j = 0; j < count[n]; j++) {
        if (buffer.remaining() < 128) {
          copy.writeToCopy(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        int sign = j % 5;
        boolean deviates = deviating[n] >= 0 && deviating[n] / 8 == j;
        int interpretation = deviates ? deviating[n] % 8 : 0;
        long hash = mix(((long) episode[n] << 24) ^ ((long) day[n] << 8) ^ j);
        int tenths = interpretation == 4 ? HIGH_HIGH[sign] : interpretation == 2 ? HIGH[sign]
            : (int) Math.round(NORMAL[sign] + SPREAD[sign] * ((hash >>> 11) * 0x1.0p-53));
        long seconds = day[n] * 86_400L + 6 * 3_600 + j * 6_000L
            + (deviates ? jitter[n] : (hash & 0xffff) * 1_200 / 0x10000);
        buffer.putShort((short) 7);
        buffer.putInt(16).putInt(episode[n]).putShort(day[n]).putShort((short) (0x4000 | j)).putShort((short) 0x8000)
            .putShort((short) 0).putInt(0);
        buffer.putInt(4).putInt(episode[n]);
        buffer.putInt(2).putShort((short) (sign + 1));
        buffer.putInt(2).putShort((short) interpretation);
        // numeric: base-10000 digits of the value in tenths, display scale 1
        int whole = tenths / 10;
        int tenth = tenths % 10;
        buffer.putInt(tenth == 0 ? 10 : 12).putShort((short) (tenth == 0 ? 1 : 2)).putShort((short) 0)
            .putShort((short) 0).putShort((short) 1).putShort((short) whole);
        if (tenth != 0) {
          buffer.putShort((short) (tenth * 1000));
        }
        buffer.putInt(8).putLong(firstDay + seconds * 1_000_000);
        buffer.putInt(8).putLong(firstDay + (seconds + 25) * 1_000_000);
      }
    }
    buffer.putShort((short) -1);
    copy.writeToCopy(buffer.array(), 0, buffer.position());
    copy.endCopy();
    done(step, started);
    return null;
  }

  private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
  /** Per sign (systolic, diastolic, pulse, SpO2, temperature), in tenths: normal from, spread, H and HH. */
  private static final int[] NORMAL = {1180, 720, 620, 940, 363};
  private static final int[] SPREAD = {200, 120, 250, 40, 9};
  private static final int[] HIGH = {1850, 1120, 1150, 910, 384};
  private static final int[] HIGH_HIGH = {2250, 1250, 1350, 860, 396};

  /** SplitMix64's finaliser: a well-spread hash of a key. */
  private static long mix(long key) {
    long z = key + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Readings and deviations per patient-day, from the patient-days the episodes have in the year. */
  private void rates(Statement statement, Size size) throws SQLException {
    long patientDays = Long.parseLong(single(statement,
        "select sum(greatest(0, last_day - first_day + 1)) from b_episode"));
    double readingsPerDay = (double) size.readings() / patientDays;
    double lambda = Math.min(1.0, (double) size.deviations() / patientDays);
    parameters.put("rate_floor", Long.toString((long) Math.floor(readingsPerDay)));
    parameters.put("rate_fraction", Double.toString(readingsPerDay - Math.floor(readingsPerDay)));
    parameters.put("lambda", Double.toString(lambda));
    log.accept(String.format(Locale.ROOT, "  %,d patient-days with readings: %.3f readings and %.4f deviations per"
        + " patient-day", patientDays, readingsPerDay, lambda));
  }

  /** Synthetic (Tenor-style) national identity numbers, valid ones, into temp table b_nid. */
  private static void nationalIds(Connection connection, int patients) throws SQLException {
    Integer[] numbers = new Integer[patients];
    String[] ids = new String[patients];
    String[] births = new String[patients];
    LocalDate date = LocalDate.of(1930, 1, 1);
    int individual = 0;
    for (int i = 0; i < patients; ) {
      try {
        NationalIdentityNumber number = NationalIdentityNumber.synthetic(date, individual);
        numbers[i] = i + 1;
        ids[i] = number.value();
        births[i] = date.toString();
        individual = Integer.parseInt(number.value().substring(6, 9)) + 1;
        i++;
      } catch (IllegalArgumentException e) {
        date = date.plusDays(3);
        individual = 0;
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("create unlogged table b_nid (i integer primary key, nid varchar(11) not null,"
          + " birth date not null)");
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into b_nid select * from unnest(?::integer[], ?::text[], ?::date[])")) {
      insert.setArray(1, connection.createArrayOf("integer", numbers));
      insert.setArray(2, connection.createArrayOf("text", ids));
      insert.setArray(3, connection.createArrayOf("text", births));
      insert.execute();
    }
  }

  /** The script's steps ({@code -- step: name}) and their statements, in order. */
  static Map<String, List<String>> steps(String script) {
    Map<String, List<String>> steps = new LinkedHashMap<>();
    List<String> current = null;
    StringBuilder statement = new StringBuilder();
    boolean inBody = false;
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("-- step: ")) {
        current = new ArrayList<>();
        steps.put(trimmed.substring("-- step: ".length()), current);
        continue;
      }
      if (current == null || (statement.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--")))) {
        continue;
      }
      statement.append(line).append('\n');
      int dollars = line.split("\\$\\$", -1).length - 1;
      inBody ^= dollars % 2 == 1;
      if (!inBody && trimmed.endsWith(";")) {
        current.add(statement.toString().strip().replaceAll(";$", ""));
        statement.setLength(0);
      }
    }
    if (!statement.isEmpty()) {
      throw new IllegalStateException("The script ends inside a statement: " + statement);
    }
    return steps;
  }

  private String substitute(String sql) {
    Matcher matcher = PLACEHOLDER.matcher(sql);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = parameters.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("No value for ${" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(result).toString();
  }

  private static String readScript() {
    try (InputStream in = DashboardHistory.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String literal(Instant instant) {
    return "'" + instant.truncatedTo(ChronoUnit.SECONDS) + "'";
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet row = statement.executeQuery(sql)) {
      if (!row.next()) {
        throw new IllegalStateException("No row: " + sql);
      }
      return row.getString(1);
    }
  }

  private static Map<String, String> regionOf(String[][] pairs) {
    Map<String, String> region = new LinkedHashMap<>();
    for (String[] pair : pairs) {
      region.put(pair[0], pair[1]);
    }
    return java.util.Collections.unmodifiableMap(region);
  }
}
