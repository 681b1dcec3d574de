package no.carepath.benchmark;

import static no.carepath.benchmark.Sql.jdbc;
import static no.carepath.benchmark.Sql.longScalar;
import static no.carepath.benchmark.Sql.scalar;
import static no.carepath.benchmark.Sql.single;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.followup.readings.ReadingIngestion;
import no.carepath.patient.NationalIdentityNumber;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.hl7.fhir.r4.model.Observation;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Performance scenarios S1, S2 and S3 of {@code shared/performance.md}: Carepath's design against the
 * naive peer (P0: the plain Camunda 7 engine doing the obvious thing, one process instance per
 * reading, history FULL, HikariCP-like pool of 10), both on the same embedded PostgreSQL server in
 * the same run, alternating A B A B. Carepath runs as it does in production (Spring Boot, real
 * Keycloak tokens, HTTP); P0 is measured in-process (no HTTP, no JSON, no authentication), which
 * flatters it. Results are printed and written to {@code target/benchmarks/pathway.md}.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.PathwayBenchmark
 * -Dbenchmark.args="patients=100000 runs=3"}
 */
public final class PathwayBenchmark {

  private static final DateTimeFormatter FHIR_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private final Map<String, String> settings;
  /** S3: seconds from a deviation's opening (its reading's transaction) to its nurse task's commit, p50, p95, p99. */
  private static final String DEVIATION_LATENCY = "select percentile_cont(ARRAY[0.5, 0.95, 0.99]) within group (order by"
      + " extract(epoch from (signalled_at - coalesce(raised_at, opened_at)))) from followup_deviation";
  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> nationalIds = new ArrayList<>();
  private final StringBuilder report = new StringBuilder();
  private ConfigurableApplicationContext app;
  private Generator generator;
  private ProcessEngine naive;
  private String naiveUrl;

  private PathwayBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    PathwayBenchmark benchmark = new PathwayBenchmark(BenchmarkMain.settings(args, Map.ofEntries(
        Map.entry("patients", "100000"), Map.entry("runs", "3"), Map.entry("bundles", "200"), Map.entry("singles", "4000"),
        Map.entry("naive", "2000"), Map.entry("threads", "8"), Map.entry("openLoopRates", "200,400,800"),
        Map.entry("openLoopSeconds", "15"), Map.entry("openLoopRuns", "1"), Map.entry("openLoopWarmup", "60"),
        Map.entry("openLoopGroupCommit", "off,on"), Map.entry("openLoopVacuum", "1"), Map.entry("waiting", "1000,10000"), Map.entry("burst", "2000"),
        Map.entry("bursts", "2"), Map.entry("signalBatch", "20"), Map.entry("generatorJvmArgs", "-Xmx512m"),
        // flatness=10000,100000 measures only S3's bursts with that many deviation pathways waiting at a nurse's task
        // (patients must exceed the largest size by the bursts' patients)
        Map.entry("flatness", ""), Map.entry("flatnessWarmup", "500")), false));
    BenchmarkMain.runAndExit(benchmark::run, benchmark::close);
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    app = BenchmarkMain.startCarepath(platform, settings, Map.of("carepath.followup.deviation-signal-batch", settings.get("signalBatch")));
    DataSource dataSource = app.getBean(DataSource.class);
    line("# Pathway benchmark (S1, S2, S3)");
    line("");
    line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; settings " + settings
        + "; PostgreSQL " + scalar(dataSource, "show server_version") + ", fsync=" + scalar(dataSource, "show fsync")
        + ", synchronous_commit=" + scalar(dataSource, "show synchronous_commit") + ", shared_buffers=" + scalar(dataSource, "show shared_buffers")
        + ", max_wal_size=" + scalar(dataSource, "show max_wal_size") + ", checkpoint_timeout=" + scalar(dataSource, "show checkpoint_timeout"));
    seed(dataSource, setting("patients"));
    if (!settings.get("flatness").isBlank()) {
      flatness(dataSource);
      return;
    }
    startNaiveEngine();

    ReadingIngestion ingestion = app.getBean(ReadingIngestion.class);
    generator = Generator.start(platform.baseUrl(), nationalIds, settings.get("generatorJvmArgs"));
    CpuMeter cpu = new CpuMeter(dataSource);
    line("Load generator: `LoadGenerator`, a JVM of its own (pid " + generator.pid() + "), HTTP/1.1, HdrHistogram;"
        + " the server (Carepath, P0 and PostgreSQL) in this JVM (pid " + ProcessHandle.current().pid()
        + ") and PostgreSQL's processes. Load average at the start: " + BenchmarkMain.loadAverage() + ".");
    // warm-up of both systems (JIT, pools, caches), not measured
    load("batch 30 4");
    load("single 600 " + setting("threads"));
    singleInProcess(ingestion, 600, setting("threads"));
    naiveStarts(600, setting("threads"));

    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<String>> cpuShares = new LinkedHashMap<>();
    Map<String, List<Map<String, String>>> closedSingles = new LinkedHashMap<>();
    for (int run = 1; run <= setting("runs"); run++) {
      String name = "Carepath, FHIR batch Bundles of 100 over HTTP (4 clients)";
      cpu.start();
      Map<String, String> batch = load("batch " + setting("bundles") + " 4");
      rates.computeIfAbsent(name, k -> new ArrayList<>()).add(Double.parseDouble(batch.get("rate")));
      cpuShares.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu.stop(batch, setting("bundles") * 100));

      name = "P0, one process instance per reading, in-process (8 threads)";
      cpu.start();
      rates.computeIfAbsent(name, k -> new ArrayList<>()).add(naiveStarts(setting("naive"), setting("threads")));
      cpuShares.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu.stop(null, setting("naive")));

      for (boolean grouped : new boolean[] {false, true}) {
        groupCommit(grouped);
        name = "Carepath, single Observation POSTs over HTTP (" + setting("threads") + " clients, closed loop), group commit "
            + (grouped ? "on" : "off");
        cpu.start();
        Map<String, String> single = load("single " + setting("singles") + " " + setting("threads"));
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(Double.parseDouble(single.get("rate")));
        cpuShares.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu.stop(single, setting("singles")));
        closedSingles.computeIfAbsent(grouped ? "on" : "off", k -> new ArrayList<>()).add(single);
      }
      groupCommit(true);

      name = "Carepath, single readings in-process (8 threads, like P0)";
      cpu.start();
      rates.computeIfAbsent(name, k -> new ArrayList<>()).add(singleInProcess(ingestion, setting("singles"), setting("threads")));
      cpuShares.computeIfAbsent(name, k -> new ArrayList<>()).add(cpu.stop(null, setting("singles")));
    }
    line("");
    line("## S1 ingestion (readings acknowledged per second; each durable before the answer)");
    line("");
    line("| system | median | min | max | CPU s per 1,000 readings: server JVM / PostgreSQL / load generator (last run) |");
    line("|---|---|---|---|---|");
    rates.forEach((name, values) -> line("| " + name + " | " + rate(median(values)) + " | " + rate(min(values)) + " | "
        + rate(max(values)) + " | " + cpuShares.get(name).get(cpuShares.get(name).size() - 1) + " |"));
    line("");
    closedSingles.forEach((grouped, results) -> line("Single POSTs, closed loop (" + setting("threads")
        + " clients), group commit " + grouped + ", per run: " + results.stream()
        .map(result -> "p50 " + ms(result.get("p50")) + ", p99 " + ms(result.get("p99")) + ", max " + ms(result.get("max")))
        .collect(java.util.stream.Collectors.joining("; ")) + "."));
    line("");
    // the method's ANALYZE after loading data: the closed-loop runs just wrote ~500,000 readings, and autovacuum
    // would otherwise clean up after them during the first measured rate
    if (setting("openLoopVacuum") > 0) {
      long vacuumStarted = System.nanoTime();
      awaitSignalled(dataSource, Duration.ofMinutes(10));
      jdbc(dataSource, "vacuum analyze");
      line("Before the open loop: `vacuum analyze` after the closed-loop runs (" + String.format(Locale.ROOT, "%.1f",
          seconds(vacuumStarted)) + " s).");
      line("");
    }
    line("Single POSTs, open loop (latency from the intended send time, " + setting("openLoopSeconds") + " s per rate"
        + " after " + setting("openLoopWarmup") + " s of warm-up at the first rate; group commit "
        + settings.get("openLoopGroupCommit") + " in turn at each rate; answered/s: readings answered 2xx over the time from the first send to the last answer):");
    line("");
    line("| run | offered/s | group commit | answered/s | p50 | p95 | p99 | max | load average | S3 during this rate:"
        + " deviations, seconds to the nurse task [p50, p95, p99] |");
    line("|---|---|---|---|---|---|---|---|---|---|");
    // the open loop warmed up too (its first point ran cold otherwise: many connections, Tomcat's threads growing),
    // at the first rate, not measured; 60 s as the method says: with 20 s the JIT was still compiling the request
    // path at C2 during the first measured rate (1-2 s per method on the shared cores; run O, docs/benchmarks.md)
    if (setting("openLoopWarmup") > 0) {
      load("open " + settings.get("openLoopRates").split(",")[0].strip() + " " + setting("openLoopWarmup"));
      awaitSignalled(dataSource, Duration.ofMinutes(10));
    }
    // each rate "runs" times (the method's three runs per point), rates in turn, group commit off and on alternating
    for (int run = 1; run <= setting("openLoopRuns"); run++) {
      for (String offered : settings.get("openLoopRates").split(",")) {
        // openLoopGroupCommit=on: only with group commit (the default), to find the highest rate it holds p99 at
        for (String mode : settings.get("openLoopGroupCommit").split(",")) {
          boolean grouped = mode.strip().equals("on");
          groupCommit(grouped);
          // S3 under a known S1 rate: the deviations opened while this rate ran, from their reading's transaction to
          // their nurse task; the backlog of the phase before is signalled first so it does not count here
          awaitSignalled(dataSource, Duration.ofMinutes(10));
          Instant from = Instant.now();
          Map<String, String> open = load("open " + offered.strip() + " " + setting("openLoopSeconds"));
          Instant to = Instant.now();
          awaitSignalled(dataSource, Duration.ofMinutes(10));
          String window = " where signalled_at is not null and coalesce(raised_at, opened_at) >= '" + from
              + "' and coalesce(raised_at, opened_at) < '" + to + "'";
          line("| " + run + " | " + offered.strip() + " | " + (grouped ? "on" : "off") + " | "
              + rate(Double.parseDouble(open.get("rate"))) + " | " + ms(open.get("p50")) + " | " + ms(open.get("p95")) + " | " + ms(open.get("p99")) + " | "
              + ms(open.get("max")) + " | " + BenchmarkMain.loadAverage() + " | "
              + longScalar(dataSource, "select count(*) from followup_deviation" + window) + ": "
              + array(dataSource, DEVIATION_LATENCY + window) + " |");
        }
      }
    }
    groupCommit(true);

    storage(dataSource);
    deviations(dataSource);
    correlationPeer();
    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "pathway.md").toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
  }

  // ---- S1, Carepath ----

  private double singleInProcess(ReadingIngestion ingestion, int count, int threads) throws Exception {
    Set<String> municipalities = Set.of("1804");
    long started = System.nanoTime();
    parallel(count, threads, i -> {
      Observation observation = no.carepath.followup.readings.FhirResponses.context().newJsonParser()
          .parseResource(Observation.class, observation(randomPatient(), value()));
      ingestion.ingest(List.of(new ReadingIngestion.Entry(0, observation, "Observation")), true, municipalities);
    });
    return count / seconds(started);
  }

  // ---- S1, P0 ----

  private void startNaiveEngine() throws Exception {
    String carepathUrl = platform.properties().get("CAREPATH_DB_URL");
    try (Connection connection = DriverManager.getConnection(carepathUrl, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists naive");
      statement.execute("create database naive");
    }
    naiveUrl = carepathUrl.substring(0, carepathUrl.lastIndexOf('/')) + "/naive";
    naive = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration())
        .setProcessEngineName("naive-peer")
        .setJdbcUrl(naiveUrl).setJdbcUsername("postgres").setJdbcPassword("").setJdbcDriver("org.postgresql.Driver")
        .setJdbcMaxActiveConnections(10)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        // as the Spring Boot starter configures it (the standalone default, DbIdGenerator, is a lock)
        .setIdGenerator(new org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator())
        .buildProcessEngine();
    naive.getRepositoryService().createDeployment().name("naive")
        .addClasspathResource("benchmark/naive-reading.bpmn").addClasspathResource("benchmark/naive-episode.bpmn")
        .deploy();
  }

  private double naiveStarts(int count, int threads) throws Exception {
    RuntimeService runtime = naive.getRuntimeService();
    long started = System.nanoTime();
    parallel(count, threads, i -> {
      Map<String, Object> variables = new HashMap<>();
      variables.put("patient", nationalIds.get(ThreadLocalRandom.current().nextInt(nationalIds.size())));
      variables.put("sign", "SPO2");
      variables.put("value", value());
      variables.put("measuredAt", new java.util.Date());
      variables.put("redBelow", 90.0);
      variables.put("yellowBelow", 92.0);
      variables.put("yellowAbove", 101.0);
      variables.put("redAbove", 101.0);
      runtime.startProcessInstanceByKey("naive-reading", variables);
    });
    return count / seconds(started);
  }

  // ---- S2 ----

  private void storage(DataSource dataSource) throws Exception {
    // the values as sent of readings that came in another unit live beside the table, and count; so do the
    // partitions (a partitioned table has no storage of its own) and the reading ids' key (V19)
    long ourBytes = longScalar(dataSource, "select (select sum(pg_total_relation_size(relid))"
        + " from pg_partition_tree('followup_reading')) + pg_total_relation_size('followup_reading_id')"
        + " + pg_total_relation_size('followup_reading_sent')");
    long ourReadings = longScalar(dataSource, "select count(*) from followup_reading");
    long naiveBytes;
    long naiveReadings;
    try (Connection connection = DriverManager.getConnection(naiveUrl, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("analyze");
      naiveBytes = single(statement, "select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace n"
          + " on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'");
      naiveReadings = single(statement, "select count(*) from act_hi_procinst where proc_def_key_ = 'naive-reading'");
    }
    line("");
    line("## S2 storage per reading (table and indexes)");
    line("");
    line("| system | readings | bytes | bytes per reading |");
    line("|---|---|---|---|");
    line("| Carepath (`followup_reading` and its partitions, `followup_reading_id`, `followup_reading_sent`) | " + ourReadings + " | " + ourBytes + " | " + (ourBytes / Math.max(1, ourReadings)) + " |");
    line("| P0 (all engine tables, history FULL) | " + naiveReadings + " | " + naiveBytes + " | "
        + (naiveBytes / Math.max(1, naiveReadings)) + " |");
  }

  // ---- S3 ----

  private void deviations(DataSource dataSource) throws Exception {
    awaitSignalled(dataSource, Duration.ofMinutes(10));
    String latency = DEVIATION_LATENCY + " where signalled_at is not null";
    String during = array(dataSource, latency);
    long count = longScalar(dataSource, "select count(*) from followup_deviation");
    line("");
    line("## S3 deviation to nurse task");
    line("");
    line("Latency from a deviation opening (the reading's transaction) to its `followup-deviation` process and nurse task"
        + " being committed, seconds [p50, p95, p99]:");
    line("");
    line("- during the S1 load (" + count + " deviations, 5 % of readings deviating, most of them new patients, "
        + settings.get("signalBatch") + " deviations per signalling transaction): " + during);
    line("");
    // bursts of new red deviations on an otherwise idle system, as when a backlog arrives: each deviation given to the
    // engine alone (as before) and several per transaction, alternating, on fresh patients each time
    int size = setting("burst");
    int batch = setting("signalBatch");
    line("Bursts of " + size + " new red deviations (Bundles of 100), alternating one deviation per signalling"
        + " transaction with " + batch + " per transaction:");
    line("");
    line("| deviations per transaction | open deviation tasks before | deviations/s | p50 | p95 | p99 | engine rows per start"
        + " | commits per start |");
    line("|---|---|---|---|---|---|---|---|");
    Map<Integer, List<Double>> rates = new LinkedHashMap<>();
    String perTable = "";
    for (int burstNumber = 0; burstNumber < setting("bursts"); burstNumber++) {
      int perTransaction = burstNumber % 2 == 0 ? 1 : batch;
      no.carepath.followup.DeviationSignalsSetting.perTransaction(app, perTransaction);
      List<String> patients = new ArrayList<>(nationalIds.subList(nationalIds.size() - size * (burstNumber + 1),
          nationalIds.size() - size * burstNumber));
      long waiting = longScalar(dataSource, "select count(*) from act_ru_task where task_def_key_ like 'Task_Handle%Deviation'");
      String token = api.monitoringToken();
      jdbc(dataSource, "update followup_deviation set status = 'CLOSED' where status = 'OPEN'");
      Thread.sleep(1500); // PostgreSQL publishes a backend's table statistics within a second
      Map<String, Long> rowsBefore = insertedRows(dataSource);
      long commitsBefore = commits(dataSource);
      Instant burst = Instant.now();
      postRed(token, patients);
      awaitSignalled(dataSource, Duration.ofMinutes(10));
      double burstSeconds = Duration.between(burst, Instant.now()).toMillis() / 1000.0;
      String[] burstLatency = array(dataSource, latency + " and opened_at >= '" + burst + "'").replaceAll("[{}]", "")
          .split(",");
      Thread.sleep(1500);
      Map<String, Long> rowsAfter = insertedRows(dataSource);
      long burstCommits = commits(dataSource) - commitsBefore;
      long starts = longScalar(dataSource, "select count(*) from followup_deviation where opened_at >= '" + burst + "'");
      long tasks = longScalar(dataSource, "select count(*) from act_ru_task t join act_ru_execution p on p.id_ = t.proc_inst_id_"
          + " join followup_deviation d on d.deviation_id = p.business_key_ where d.opened_at >= '" + burst + "'"
          + " and t.task_def_key_ = 'Task_HandleRedDeviation'");
      if (tasks != starts) {
        throw new IllegalStateException(starts + " deviations but " + tasks + " red tasks");
      }
      StringBuilder tables = new StringBuilder();
      long engineRows = 0;
      for (Map.Entry<String, Long> entry : rowsAfter.entrySet()) {
        long added = entry.getValue() - rowsBefore.getOrDefault(entry.getKey(), 0L);
        if (added > 0 && entry.getKey().startsWith("act_")) {
          engineRows += added;
          tables.append(tables.length() == 0 ? "" : ", ").append(entry.getKey()).append(' ')
              .append(String.format(Locale.ROOT, "%.1f", added / (double) starts));
        }
      }
      perTable = tables.toString();
      double burstRate = starts / burstSeconds;
      rates.computeIfAbsent(perTransaction, k -> new ArrayList<>()).add(burstRate);
      line("| " + perTransaction + " | " + waiting + " | " + rate(burstRate) + " | " + seconds(burstLatency[0]) + " | "
          + seconds(burstLatency[1]) + " | " + seconds(burstLatency[2]) + " | "
          + String.format(Locale.ROOT, "%.1f", engineRows / (double) starts) + " | "
          + String.format(Locale.ROOT, "%.2f", burstCommits / (double) starts) + " |");
    }
    line("");
    rates.forEach((perTransaction, values) -> line("- " + perTransaction + " per transaction: median " + rate(median(values))
        + " deviations/s (min " + rate(min(values)) + ", max " + rate(max(values)) + "), exactly one red task per deviation"));
    line("- engine rows per start, last burst, by table (`pg_stat_user_tables.n_tup_ins`): " + perTable);
  }

  /** One red SpO2 reading (86 %) for each patient, in batch Bundles of 100 from 4 clients. */
  private void postRed(String token, List<String> patients) throws Exception {
    parallel((patients.size() + 99) / 100, 4, i -> {
      StringBuilder entries = new StringBuilder();
      for (int n = i * 100; n < Math.min(patients.size(), i * 100 + 100); n++) {
        entries.append(n == i * 100 ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID())
            .append("\",\"resource\":").append(observation(patients.get(n), 86))
            .append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
      }
      check(post(token, "/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}", true));
    });
  }

  /**
   * S3's "flat from 10,000 to 100,000 waiting pathways": bursts of new red deviations (on fresh patients) while the
   * given numbers of earlier deviations' pathways wait at a nurse's task. The waiting ones are made the way
   * production makes them (a red reading each, signalled by the dispatcher), from the start of the patient list; the
   * bursts take patients from its end.
   */
  private void flatness(DataSource dataSource) throws Exception {
    int size = setting("burst");
    String waitingTasks = "select count(*) from act_ru_task where task_def_key_ like 'Task_Handle%Deviation'";
    line("");
    line("## S3 flatness: bursts of " + size + " new red deviations (Bundles of 100, " + setting("signalBatch")
        + " per signalling transaction) with N deviation pathways waiting at a nurse's task");
    line("");
    line("| waiting pathways (open deviation tasks) | engine rows (runtime + history) | burst | deviations/s | p50 | p95 | p99 |"
        + " load average |");
    line("|---|---|---|---|---|---|---|---|");
    String latency = DEVIATION_LATENCY + " where signalled_at is not null";
    int filled = 0;
    int burstsTaken = 0;
    // warm-up, not measured (the JIT, PostgreSQL's caches, autovacuum's first rounds on the growing engine tables):
    // these deviations wait too, and count towards the first size
    for (int warm = setting("flatnessWarmup"); warm > 0; warm -= 2000) {
      postRed(api.monitoringToken(), nationalIds.subList(filled, filled + Math.min(warm, 2000)));
      filled += Math.min(warm, 2000);
      awaitSignalled(dataSource, Duration.ofMinutes(10));
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (String target : settings.get("flatness").split(",")) {
      int wanted = Integer.parseInt(target.strip());
      Instant fillStarted = Instant.now();
      for (long waiting = longScalar(dataSource, waitingTasks); waiting < wanted;
           waiting = longScalar(dataSource, waitingTasks)) {
        int take = (int) Math.min(wanted - waiting, 10_000);
        postRed(api.monitoringToken(), nationalIds.subList(filled, filled + take));
        filled += take;
        awaitSignalled(dataSource, Duration.ofMinutes(30));
      }
      System.out.println("Filled to " + wanted + " waiting pathways in " + Duration.between(fillStarted, Instant.now()));
      jdbc(dataSource, "analyze");
      for (int burst = 0; burst < setting("bursts"); burst++) {
        int end = nationalIds.size() - size * burstsTaken;
        if (end - size < filled) {
          throw new IllegalStateException("Too few patients for the bursts: give patients > " + (filled + size));
        }
        List<String> patients = new ArrayList<>(nationalIds.subList(end - size, end));
        burstsTaken++;
        long waiting = longScalar(dataSource, waitingTasks);
        long engineRows = longScalar(dataSource, "select sum(n_live_tup) from pg_stat_user_tables where relname like 'act_%'");
        jdbc(dataSource, "update followup_deviation set status = 'CLOSED' where status = 'OPEN'");
        Instant started = Instant.now();
        postRed(api.monitoringToken(), patients);
        awaitSignalled(dataSource, Duration.ofMinutes(10));
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        long starts = longScalar(dataSource, "select count(*) from followup_deviation where opened_at >= '" + started + "'");
        String[] burstLatency = array(dataSource, latency + " and opened_at >= '" + started + "'").replaceAll("[{}]", "")
            .split(",");
        double rate = starts / seconds;
        rates.computeIfAbsent(target.strip(), k -> new ArrayList<>()).add(rate);
        line("| " + waiting + " | " + engineRows + " | " + (burst + 1) + " | " + rate(rate) + " | " + seconds(burstLatency[0])
            + " | " + seconds(burstLatency[1]) + " | " + seconds(burstLatency[2]) + " | " + BenchmarkMain.loadAverage() + " |");
      }
    }
    line("");
    rates.forEach((target, values) -> line("- about " + target + " waiting: median " + rate(median(values)) + " deviations/s"
        + " (min " + rate(min(values)) + ", max " + rate(max(values)) + ")"));
    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "pathway-flatness.md")
        .toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
  }

  private static String seconds(String value) {
    return String.format(Locale.ROOT, "%.2f s", Double.parseDouble(value.strip()));
  }

  private static Map<String, Long> insertedRows(DataSource dataSource) throws Exception {
    Map<String, Long> rows = new java.util.TreeMap<>();
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery("select relname, n_tup_ins from pg_stat_user_tables")) {
      while (row.next()) {
        rows.put(row.getString(1), row.getLong(2));
      }
    }
    return rows;
  }

  private static long commits(DataSource dataSource) throws Exception {
    return longScalar(dataSource, "select xact_commit from pg_stat_database where datname = current_database()");
  }

  private void correlationPeer() throws Exception {
    line("");
    line("P0 for S3: a message correlated to pathways waiting at a catch event (`naive-episode`), 300 correlations each,"
        + " 8 threads:");
    line("");
    line("| waiting pathways | by business key | by process variable |");
    line("|---|---|---|");
    RuntimeService runtime = naive.getRuntimeService();
    int created = 0;
    Set<Integer> correlated = new java.util.HashSet<>();
    for (String size : settings.get("waiting").split(",")) {
      int target = Integer.parseInt(size.strip());
      int from = created;
      parallel(target - from, 8, i -> runtime.createProcessInstanceByKey("naive-episode").businessKey("EP-" + (from + i))
          .setVariable("episodeId", "EP-" + (from + i)).execute());
      created = target;
      List<Integer> shuffled = new ArrayList<>(java.util.stream.IntStream.range(0, created).boxed()
          .filter(key -> !correlated.contains(key)).toList());
      java.util.Collections.shuffle(shuffled);
      int[] keys = shuffled.stream().limit(600).mapToInt(Integer::intValue).toArray();
      java.util.Arrays.stream(keys).forEach(correlated::add);
      long byKey = System.nanoTime();
      parallel(300, 8, i -> runtime.createMessageCorrelation("naive-deviation").processInstanceBusinessKey("EP-" + keys[i])
          .correlate());
      double keyRate = 300 / seconds(byKey);
      long byVariable = System.nanoTime();
      parallel(300, 8, i -> runtime.createMessageCorrelation("naive-deviation")
          .processInstanceVariableEquals("episodeId", "EP-" + keys[300 + i]).correlate());
      double variableRate = 300 / seconds(byVariable);
      line("| " + target + " | " + rate(keyRate) + "/s | " + rate(variableRate) + "/s |");
    }
  }

  private void awaitSignalled(DataSource dataSource, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (longScalar(dataSource, "select count(*) from followup_deviation where status = 'OPEN' and signalled_colour is"
          + " distinct from colour") == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("deviations not signalled within " + timeout);
  }

  // ---- seeding: enrolled patients without going through the processes ----

  private void seed(DataSource dataSource, int patients) throws Exception {
    LocalDate date = LocalDate.of(1930, 1, 1);
    int individual = 0;
    while (nationalIds.size() < patients) {
      try {
        NationalIdentityNumber number = NationalIdentityNumber.synthetic(date, individual);
        nationalIds.add(number.value());
        individual = Integer.parseInt(number.value().substring(6, 9)) + 1;
      } catch (IllegalArgumentException e) {
        date = date.plusDays(1);
        individual = 0;
      }
    }
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      for (int from = 0; from < patients; from += 10_000) {
        int to = Math.min(patients, from + 10_000);
        String[] ids = new String[to - from];
        String[] numbers = new String[to - from];
        String[] births = new String[to - from];
        for (int i = from; i < to; i++) {
          ids[i - from] = UUID.randomUUID().toString();
          numbers[i - from] = nationalIds.get(i);
          births[i - from] = NationalIdentityNumber.parse(nationalIds.get(i)).birthDate().toString();
        }
        try (PreparedStatement statement = connection.prepareStatement("""
            with p as (
              insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
              select id, nid, 'Bench', 'Mark', birth, '1804', now()
              from unnest(?::uuid[], ?::text[], ?::date[]) as t(id, nid, birth)
              returning id),
            c as (
              insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
              select 'BEN-' || nextval('allocation_case_number'), id, '1804', 'GP_REFERRAL', 'FINAL', now(), 'benchmark'
              from p returning case_id, patient_id),
            d as (
              insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by,
                decided_by_name, decided_at)
              select gen_random_uuid(), case_id, 1, 'GRANTED', '["DIGITAL_HOME_FOLLOW_UP"]', 'benchmark', 'benchmark',
                'benchmark', 'Benchmark', now()
              from c returning id, case_id)
            insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id,
              created_at, phase, monitoring_key, enrolled_at, measured_signs)
            select 'EPB-' || nextval('followup_episode_number'), c.case_id, c.patient_id, '1804', 'ACTIVE', d.id, now(),
              'TRIAL', nextval('followup_monitoring_key'), now() - interval '1 day', '{4,3}'
            from c join d on d.case_id = c.case_id
            """)) {
          statement.setArray(1, connection.createArrayOf("text", ids));
          statement.setArray(2, connection.createArrayOf("text", numbers));
          statement.setArray(3, connection.createArrayOf("text", births));
          statement.execute();
        }
        connection.commit();
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("analyze");
      }
      connection.commit();
    }
    line("Seeded " + patients + " enrolled patients in " + String.format(Locale.ROOT, "%.1f", seconds(started)) + " s.");
  }

  // ---- the load generator's process, and CPU per process ----

  /** Group commit of single POSTs on or off (`ReadingGroupCommit.enable`, package-private: by reflection). */
  private void groupCommit(boolean on) throws Exception {
    Class<?> type = Class.forName("no.carepath.followup.readings.ReadingGroupCommit");
    java.lang.reflect.Method enable = type.getDeclaredMethod("enable", boolean.class);
    enable.setAccessible(true);
    enable.invoke(app.getBean(type), on);
  }

  /** One command of the load generator, with a fresh token (Keycloak's tokens live 5 minutes; a run is longer). */
  private Map<String, String> load(String command) throws IOException {
    generator.call("token " + api.monitoringToken());
    return generator.call(command);
  }

  /** CPU seconds of this JVM (the server) and of PostgreSQL (the postmaster and its backends) over a phase. */
  private static final class CpuMeter {
    private final ProcessHandle postmaster;
    private long server;
    private long database;

    CpuMeter(DataSource dataSource) throws Exception {
      long backend = longScalar(dataSource, "select pg_backend_pid()");
      postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent).orElse(null);
    }

    void start() {
      server = cpu(ProcessHandle.current());
      database = postgres();
    }

    /** "server / PostgreSQL / generator" CPU seconds per 1,000 readings. */
    String stop(Map<String, String> generatorResult, int readings) {
      double perThousand = 1000.0 / readings;
      double serverSeconds = (cpu(ProcessHandle.current()) - server) / 1e9;
      double databaseSeconds = (postgres() - database) / 1e9;
      String generator = generatorResult == null ? "in-process"
          : String.format(Locale.ROOT, "%.2f", Long.parseLong(generatorResult.get("cpuMs")) / 1000.0 * perThousand);
      return String.format(Locale.ROOT, "%.2f / %.2f / %s", serverSeconds * perThousand, databaseSeconds * perThousand,
          generator);
    }

    private long postgres() {
      if (postmaster == null) {
        return 0;
      }
      return cpu(postmaster) + postmaster.descendants().mapToLong(CpuMeter::cpu).sum();
    }

    private static long cpu(ProcessHandle process) {
      return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
  }


  private static String ms(String micros) {
    return ms(Long.parseLong(micros));
  }

  // ---- helpers ----

  private String randomPatient() {
    return nationalIds.get(ThreadLocalRandom.current().nextInt(nationalIds.size()));
  }

  /** 95 % green, 4 % yellow, 1 % red SpO2. */
  private static double value() {
    double dice = ThreadLocalRandom.current().nextDouble();
    return dice < 0.01 ? 86 : dice < 0.05 ? 91 : 94 + ThreadLocalRandom.current().nextInt(4);
  }

  private static String observation(String nationalId, double value) {
    return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"identifier\":[{\"system\":\"urn:bench\",\"value\":\""
        + UUID.randomUUID() + "\"}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}]},"
        + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + nationalId + "\"}},"
        + "\"effectiveDateTime\":\"" + FHIR_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)
        .minusSeconds(5)) + "\",\"valueQuantity\":{\"value\":" + value
        + ",\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}";
  }

  private HttpResponse<String> post(String token, String path, String body, boolean minimal) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + token);
    if (minimal) {
      request.header("Prefer", "return=minimal");
    }
    try {
      return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  private interface Work {
    void run(int index) throws Exception;
  }

  private static void parallel(int count, int threads, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          work.run(i);
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }


  private static String array(DataSource dataSource, String sql) throws Exception {
    String value = scalar(dataSource, sql);
    return value == null ? "–" : value;
  }




  private static long percentile(long[] sorted, int percent) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  private static long[] concat(List<long[]> arrays) {
    long[] all = arrays.stream().flatMapToLong(Arrays::stream).toArray();
    Arrays.sort(all);
    return all;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static String rate(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private void close() {
    if (generator != null) {
      generator.close();
    }
    if (naive != null) {
      naive.close();
    }
    if (app != null) {
      app.close();
    }
  }
}
