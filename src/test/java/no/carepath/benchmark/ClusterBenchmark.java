package no.carepath.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.cluster.Cluster;
import no.carepath.cluster.Node;
import no.carepath.cluster.Observations;
import no.carepath.followup.triage.VitalSign;

/**
 * S9 and S10 of {@code shared/performance.md}: S1 (single POSTs and Bundles of 100) and S3 (new
 * deviations to nurse tasks) through HAProxy on one node and on two nodes of the production jar, in
 * the same run, alternating; then S10: readings at a steady rate through the balancer while node a is
 * killed ({@code kill -9}) and started again, counting what was answered, stored, lost or doubled,
 * and the time to ready. The load of S1 comes from {@link LoadGenerator} in a JVM of its own; the
 * nodes are JVMs of their own; PostgreSQL and Keycloak are the tests' ({@link TestPlatform}).
 * Results are printed and written to {@code target/benchmarks/cluster.md}.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec  -Dbenchmark.main=no.carepath.benchmark.ClusterBenchmark
 * -Dbenchmark.args="runs=2 crashes=3"}
 */
public final class ClusterBenchmark {

  private static final String NURSE_TASKS = "('Task_HandleYellowDeviation', 'Task_HandleRedDeviation')";

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final Observations observations = new Observations("urn:carepath:cluster-benchmark");
  private final StringBuilder report = new StringBuilder();
  private Cluster cluster;
  private Generator generator;

  private ClusterBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    ClusterBenchmark benchmark = new ClusterBenchmark(BenchmarkMain.settings(args, Map.ofEntries(
        Map.entry("runs", "2"), Map.entry("patients", "2000"), Map.entry("singles", "3000"), Map.entry("bundles", "60"),
        Map.entry("inflight", "16"), Map.entry("burst", "300"), Map.entry("crashes", "3"), Map.entry("rate", "150"),
        Map.entry("scenarios", "s9,s10"), Map.entry("nodeJvmArgs", "-Xmx1g"),
        Map.entry("generatorJvmArgs", "-Xmx512m")), false));
    BenchmarkMain.runAndExit(benchmark::run, benchmark::close);
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    Path directory = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/benchmarks/cluster");
    cluster = Cluster.create(platform, directory, 2, Arrays.stream(settings.get("nodeJvmArgs").split(" "))
        .filter(arg -> !arg.isBlank()).toList());
    Node a = cluster.node(0);
    Node b = cluster.node(1);
    for (Node node : cluster.nodes()) {
      // what a crashed node held is taken over within the run
      node.with("CAREPATH_JOB_LOCK_TIME_MS", "30000").with("CAREPATH_WORKER_LOCK_MS", "20000");
    }
    line("# Cluster benchmark (S9, S10)");
    line("");
    line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; settings " + settings
        + "; load average at the start " + BenchmarkMain.loadAverage() + ".");
    a.start();
    Duration firstA = a.awaitReady(Duration.ofMinutes(8));
    b.start();
    Duration firstB = b.awaitReady(Duration.ofMinutes(8));
    line("Nodes: the production jar, each its own JVM (" + settings.get("nodeJvmArgs") + "), behind HAProxy (" + cluster.url()
        + "); first start a " + firstA.toMillis() + " ms (empty database, migrations), b " + firstB.toMillis() + " ms.");
    List<Cluster.Patient> patients = cluster.enrol(setting("patients"), Duration.ofHours(1), VitalSign.SPO2.code());
    Set<String> scenarios = Set.of(settings.get("scenarios").split(","));
    if (scenarios.contains("s9")) {
      s9(a, b, patients);
    }
    if (scenarios.contains("s10")) {
      s10(a, b, patients);
    }
    Path file = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "cluster.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
  }

  // ---- S9 ----

  private void s9(Node a, Node b, List<Cluster.Patient> patients) throws Exception {
    generator = Generator.start(cluster.url(), patients.stream().map(Cluster.Patient::nationalId).toList(),
        settings.get("generatorJvmArgs"));
    String inflight = settings.get("inflight");
    load("batch 10 4");
    load("single 500 " + inflight);
    line("");
    line("## S9: S1 and S3 through HAProxy, one node and two nodes, alternating");
    line("");
    line("Load generator: `LoadGenerator`, its own JVM (pid " + generator.pid() + "), closed loop with " + inflight
        + " requests in flight; S3: " + settings.get("burst") + " new red deviations at once (fresh patients), from"
        + " the opening of each to its nurse task (`signalled_at - opened_at`, the same transaction as the task).");
    line("");
    line("| run | nodes | S1 single POSTs/s | single p50 / p99 ms | S1 batch readings/s | S3 deviations/s | S3 p50 / p99 ms | load average |");
    line("|---|---|---|---|---|---|---|---|");
    Map<Integer, List<double[]>> byNodes = new LinkedHashMap<>();
    for (int run = 1; run <= setting("runs"); run++) {
      for (int nodes = 1; nodes <= 2; nodes++) {
        if (nodes == 1 && b.alive()) {
          b.stop();
          // HAProxy's check (every second, two failures) takes b out
          Thread.sleep(4_000);
        } else if (nodes == 2 && !b.alive()) {
          b.start();
          b.awaitReady(Duration.ofMinutes(8));
          Thread.sleep(4_000);
          load("single 500 " + inflight); // b's JIT warms up, not measured
        }
        Map<String, String> single = load("single " + setting("singles") + " " + inflight);
        Map<String, String> batch = load("batch " + setting("bundles") + " " + inflight);
        double[] s3 = burst(setting("burst"));
        byNodes.computeIfAbsent(nodes, n -> new ArrayList<>()).add(new double[] {
            Double.parseDouble(single.get("rate")), Double.parseDouble(batch.get("rate")), s3[0]});
        line(String.format(Locale.ROOT, "| %d | %d | %.0f | %s / %s | %.0f | %.1f | %.0f / %.0f | %s |", run, nodes,
            Double.parseDouble(single.get("rate")), ms(single.get("p50")), ms(single.get("p99")),
            Double.parseDouble(batch.get("rate")), s3[0], s3[1], s3[2], BenchmarkMain.loadAverage()));
      }
    }
    line("");
    String[] names = {"S1 single", "S1 batch", "S3"};
    StringBuilder ratios = new StringBuilder("Two nodes / one node (medians): ");
    for (int i = 0; i < names.length; i++) {
      int column = i;
      double one = median(byNodes.get(1).stream().map(row -> row[column]).toList());
      double two = median(byNodes.get(2).stream().map(row -> row[column]).toList());
      ratios.append(i == 0 ? "" : ", ").append(names[i]).append(String.format(Locale.ROOT, " %.2fx", two / one));
    }
    line(ratios + ".");
    generator.close();
    generator = null;
  }

  /** New red deviations at once; returns deviations/s, p50 and p99 ms from opening to nurse task. */
  private double[] burst(int count) throws Exception {
    List<Cluster.Patient> fresh = cluster.enrol(count, Duration.ofHours(1), VitalSign.SPO2.code());
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (Cluster.Patient patient : fresh) {
        sent.add(senders.submit(() -> observations.post(cluster.url(), api.monitoringToken(),
            observations.spo2(patient.nationalId(), UUID.randomUUID().toString(), 86)).statusCode()));
      }
      for (Future<Integer> status : sent) {
        if (status.get() != 201) {
          throw new IllegalStateException("a red reading was answered " + status.get());
        }
      }
    } finally {
      senders.shutdown();
    }
    List<String> episodes = fresh.stream().map(Cluster.Patient::episodeId).toList();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (cluster.jdbc().sql("select count(*) from followup_deviation where episode_id in (:ids) and signalled_at is not null")
        .param("ids", episodes).query(Long.class).single() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the burst's deviations did not all get a nurse task within 10 minutes");
      }
      Thread.sleep(200);
    }
    Map<String, Object> figures = cluster.jdbc().sql("""
        select count(*) / greatest(extract(epoch from max(signalled_at) - min(opened_at)), 0.001) as rate,
          percentile_cont(0.5) within group (order by extract(epoch from signalled_at - opened_at)) * 1000 as p50,
          percentile_cont(0.99) within group (order by extract(epoch from signalled_at - opened_at)) * 1000 as p99
        from followup_deviation where episode_id in (:ids)
        """).param("ids", episodes).query().singleRow();
    return new double[] {((Number) figures.get("rate")).doubleValue(), ((Number) figures.get("p50")).doubleValue(),
        ((Number) figures.get("p99")).doubleValue()};
  }

  // ---- S10 ----

  private void s10(Node a, Node b, List<Cluster.Patient> patients) throws Exception {
    if (!b.alive()) {
      b.start();
      b.awaitReady(Duration.ofMinutes(8));
    }
    int rate = setting("rate");
    Map<String, Integer> answered = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicLong lastNon2xxAfterKill = new AtomicLong();
    AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
    Semaphore inFlight = new Semaphore(400);
    ExecutorService senders = Executors.newFixedThreadPool(64);
    List<String> restarts = new ArrayList<>();
    List<String> served = new ArrayList<>();
    volatileRunning = true;
    Thread pacer = new Thread(() -> {
      long start = System.nanoTime();
      for (long i = 0; volatileRunning; i++) {
        long intended = start + (long) (i * 1e9 / rate);
        long wait = intended - System.nanoTime();
        if (wait > 0) {
          sleepNanos(wait);
        }
        if (!inFlight.tryAcquire()) {
          continue; // more than 400 in flight: the sender would queue forever; counted as not sent
        }
        Cluster.Patient patient = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
        String identifier = UUID.randomUUID().toString();
        senders.submit(() -> {
          int status;
          try {
            status = observations.post(cluster.url(), api.monitoringToken(),
                observations.spo2OfTheMix(patient.nationalId(), identifier)).statusCode();
          } catch (IOException e) {
            status = 0;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
          } finally {
            inFlight.release();
          }
          answered.put(identifier, status);
          statuses.computeIfAbsent(status, code -> new AtomicInteger()).incrementAndGet();
          if (status / 100 != 2 && System.nanoTime() > killedAt.get()) {
            lastNon2xxAfterKill.accumulateAndGet(System.nanoTime(), Math::max);
          }
        });
      }
    }, "s10-pacer");
    pacer.start();
    Thread.sleep(20_000);
    for (int crash = 1; crash <= setting("crashes"); crash++) {
      lastNon2xxAfterKill.set(0);
      long killed = System.nanoTime();
      killedAt.set(killed);
      int exit = a.kill();
      a.start();
      Duration ready = a.awaitReady(Duration.ofMinutes(8));
      restarts.add(ready.toMillis() + " ms (exit " + exit + ")");
      long lastFailure = lastNon2xxAfterKill.get();
      served.add(lastFailure == 0 ? "no failed request" : String.format(Locale.ROOT, "failures for %.1f s after the kill",
          (lastFailure - killed) / 1e9));
      killedAt.set(Long.MAX_VALUE);
      Thread.sleep(20_000);
    }
    volatileRunning = false;
    pacer.join();
    senders.shutdown();
    senders.awaitTermination(3, TimeUnit.MINUTES);

    long settleDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (cluster.jdbc().sql("""
        select count(*) from followup_deviation
        where status = 'OPEN' and (signalled_colour is null or signalled_colour <> colour)
        """).query(Long.class).single() > 0 && System.nanoTime() < settleDeadline) {
      Thread.sleep(1000);
    }
    List<UUID> acknowledged = answered.entrySet().stream().filter(entry -> entry.getValue() / 100 == 2)
        .map(entry -> observations.readingId(entry.getKey())).toList();
    Map<String, Object> stored = cluster.jdbc().sql("""
        select count(distinct id) as distinct_ids, count(*) as rows from followup_reading where id = any(:ids)
        """).param("ids", acknowledged.toArray(UUID[]::new)).query().singleRow();
    Map<String, Object> deviations = cluster.jdbc().sql("""
        select count(*) as deviations,
          count(*) filter (where processes > 1) as doubled,
          count(*) filter (where processes = 0) as without,
          count(*) filter (where status = 'OPEN' and tasks <> 1) as open_not_one_task
        from (select d.deviation_id, d.status,
            (select count(*) from act_hi_procinst p where p.business_key_ = d.deviation_id
              and p.proc_def_key_ = 'followup-deviation') as processes,
            (select count(*) from act_ru_task t join act_hi_procinst p on p.id_ = t.proc_inst_id_
              where p.business_key_ = d.deviation_id and t.task_def_key_ in %s) as tasks
          from followup_deviation d) counted
        """.formatted(NURSE_TASKS)).query().singleRow();
    long storedDistinct = ((Number) stored.get("distinct_ids")).longValue();
    long storedRows = ((Number) stored.get("rows")).longValue();
    line("");
    line("## S10: kill -9 of node a under " + rate + " readings/s through HAProxy, node b serving");
    line("");
    line("Node a killed " + setting("crashes") + " times, 20 s apart after each return; each time started again at once."
        + " Time from start to ready per restart: " + String.join(", ", restarts) + ". Through the balancer: "
        + String.join("; ", served) + ". No resends: a reading without a 2xx counts as not sent.");
    line("");
    line("| readings sent | answered 2xx | of those stored | lost | stored twice | answers by status (0 = no answer) | deviations | with two processes | without a process | open without exactly one task |");
    line("|---|---|---|---|---|---|---|---|---|---|");
    line(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %s |", answered.size(),
        acknowledged.size(), storedDistinct, acknowledged.size() - storedDistinct, storedRows - storedDistinct,
        new java.util.TreeMap<>(statuses), deviations.get("deviations"), deviations.get("doubled"),
        deviations.get("without"), deviations.get("open_not_one_task")));
  }

  private volatile boolean volatileRunning;

  private Map<String, String> load(String command) throws IOException {
    generator.call("token " + api.monitoringToken());
    return generator.call(command);
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String ms(String micros) {
    return String.format(Locale.ROOT, "%.0f", Long.parseLong(micros) / 1000.0);
  }

  private static double median(List<Double> values) {
    return DashboardFigures.median(values.stream().mapToDouble(Double::doubleValue).toArray());
  }


  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private void close() {
    for (AutoCloseable part : new AutoCloseable[] {generator, cluster}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        System.err.println("could not close " + part + ": " + e);
      }
    }
  }
}
