package no.carepath.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.Api;
import no.carepath.Referrals;
import no.carepath.TestPlatform;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Performance scenarios S5 (start a care pathway up to its first user task) and S6 (complete a user
 * task) of {@code shared/performance.md}: Carepath against the naive peers P0 (the plain engine,
 * history FULL, pool of 10) and P1 (history AUDIT, CMMN and standalone tasks off), all three on the
 * same embedded PostgreSQL server in the same run, alternating Carepath, P0, P1 in every run.
 *
 * <p>Carepath is measured as it is used, from {@link LoadGenerator} in a JVM of its own: S5 is
 * {@code POST /api/intake/applications} with the integrations' token (patient and case written,
 * {@code allocation-case} started up to «Kartlegg behov» with its deadline timer, all in the request),
 * S6 is the Tasklist's {@code POST
 * /engine-rest/task/{id}/complete} of «Kartlegg behov» as the case worker, with the form's fields
 * (checked again on the server, the eligibility decision table, then «Fatt vedtak»). The peers run
 * {@code naive-pathway} in-process (no HTTP, JSON, token or form check), which flatters them.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.EngineBenchmark
 * -Dbenchmark.args="runs=3 starts=300 completes=300 threads=8"}
 */
public final class EngineBenchmark {

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final StringBuilder report = new StringBuilder();
  private final Map<String, ProcessEngine> peers = new LinkedHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<String>> peerTasks = new HashMap<>();
  private ConfigurableApplicationContext app;
  private Generator generator;
  /** The load generator's CPU seconds per 1,000 requests in the last measured round, per scenario. */
  private final Map<String, Double> generatorCpu = new LinkedHashMap<>();

  private EngineBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    EngineBenchmark benchmark = new EngineBenchmark(BenchmarkMain.settings(args, Map.of("runs", "3", "starts", "300",
        "completes", "300", "warmup", "150", "threads", "8", "generatorJvmArgs", "-Xmx512m"), false));
    BenchmarkMain.runAndExit(benchmark::run, benchmark::close);
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    app = BenchmarkMain.startCarepath(platform, settings, Map.of(
        // the case worker's competence «Saksbehandling på tildelingskontoret», as in the integration tests
        "carepath.competence.demo-holdings", Path.of(System.getProperty("carepath.project-dir", "."))
            .resolve("realm/competences.json").toAbsolutePath().toString()));
    JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
    line("# Engine benchmark (S5, S6)");
    line("");
    line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; settings " + settings
        + "; load average at the start " + BenchmarkMain.loadAverage() + ".");
    generator = Generator.start(platform.baseUrl(), List.of(), settings.get("generatorJvmArgs"));
    line("Carepath's requests come from `LoadGenerator`, a JVM of its own (pid " + generator.pid() + ", HTTP/1.1, as many"
        + " clients as the peers' threads); the peers run in the benchmark's JVM beside Carepath.");
    peers.put("P0", peer("p0", ProcessEngineConfiguration.HISTORY_FULL, false));
    peers.put("P1", peer("p1", ProcessEngineConfiguration.HISTORY_AUDIT, true));
    peers.keySet().forEach(name -> peerTasks.put(name, new ConcurrentLinkedQueue<>()));

    int threads = setting("threads");
    int warmup = setting("warmup");
    // warm-up of all three (JIT, pools, caches), not measured; also leaves tasks for S6's warm-up
    carepathStarts(warmup, threads);
    peers.keySet().forEach(name -> peerStarts(name, warmup, threads));
    Map<String, List<Double>> starts = new LinkedHashMap<>();
    Map<String, List<Double>> completes = new LinkedHashMap<>();
    for (int run = 1; run <= setting("runs"); run++) {
      starts.computeIfAbsent("Carepath, `POST /api/intake/applications` over HTTP", k -> new ArrayList<>())
          .add(carepathStarts(setting("starts"), threads));
      for (String peer : peers.keySet()) {
        starts.computeIfAbsent(peer + ", `startProcessInstanceByKey` in-process", k -> new ArrayList<>())
            .add(peerStarts(peer, setting("starts"), threads));
      }
    }
    table("S5: start a care pathway up to its first user task (per second; target >= 650/s)", starts);
    List<String> assessments = new ArrayList<>(jdbc.sql(
        "select id_ from act_ru_task where task_def_key_ = 'Task_AssessNeeds' order by create_time_").query(String.class).list());
    ConcurrentLinkedQueue<String> open = new ConcurrentLinkedQueue<>(assessments);
    carepathCompletes(open, warmup, threads);
    peers.keySet().forEach(name -> peerCompletes(name, warmup, threads));
    for (int run = 1; run <= setting("runs"); run++) {
      completes.computeIfAbsent("Carepath, the Tasklist's `POST /engine-rest/task/{id}/complete` over HTTP",
          k -> new ArrayList<>()).add(carepathCompletes(open, setting("completes"), threads));
      for (String peer : peers.keySet()) {
        completes.computeIfAbsent(peer + ", `TaskService.complete` in-process", k -> new ArrayList<>())
            .add(peerCompletes(peer, setting("completes"), threads));
      }
    }
    long decisions = jdbc.sql("select count(*) from act_ru_task where task_def_key_ = 'Task_DecideService'")
        .query(Long.class).single();
    long expected = (long) warmup + (long) setting("runs") * setting("completes");

    table("S6: complete a user task (per second; target >= 300/s)", completes);
    line("");
    line("The load generator's own CPU, last round: " + generatorCpu.entrySet().stream()
        .map(entry -> String.format(Locale.ROOT, "%s %.2f s", entry.getKey(), entry.getValue())).toList()
        + " per 1,000 requests.");
    line("");
    line("Correctness: " + assessments.size() + " «Kartlegg behov» tasks existed after " + (warmup + setting("runs")
        * setting("starts")) + " Carepath starts (every request answered 2xx); " + decisions
        + " «Fatt vedtak» tasks after " + expected + " completions (expected the same). Load average at the end "
        + BenchmarkMain.loadAverage() + ".");
    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "engine.md").toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
  }

  // ---- Carepath ----

  private double carepathStarts(int count, int threads) throws Exception {
    generator.call("token " + api.integrationsToken());
    return rate("S5", generator.call("intake " + count + " " + threads));
  }

  private double carepathCompletes(ConcurrentLinkedQueue<String> open, int count, int threads) throws Exception {
    Map<String, Object> variables = new LinkedHashMap<>();
    no.carepath.allocation.CaseWork.assessment().forEach((name, value) -> variables.put(name, Map.of("value", value)));
    Path body = Files.createTempFile("carepath-s6-body", ".json");
    Path tasks = Files.createTempFile("carepath-s6-tasks", ".txt");
    try {
      Files.writeString(body, new ObjectMapper().writeValueAsString(Map.of("variables", variables)));
      List<String> some = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String task = open.poll();
        if (task == null) {
          throw new IllegalStateException("no «Kartlegg behov» task left to complete");
        }
        some.add(task);
      }
      Files.write(tasks, some);
      generator.call("token " + api.tokenOf("ingrid.berg"));
      return rate("S6", generator.call("complete " + tasks + " " + body + " " + threads));
    } finally {
      Files.deleteIfExists(body);
      Files.deleteIfExists(tasks);
    }
  }

  private double rate(String scenario, Map<String, String> result) {
    // CPU milliseconds per request are CPU seconds per 1,000 requests
    generatorCpu.put(scenario, Long.parseLong(result.get("cpuMs")) / (double) Integer.parseInt(result.get("requests")));
    return Double.parseDouble(result.get("rate"));
  }

  // ---- the peers ----

  private ProcessEngine peer(String name, String history, boolean tuned) throws Exception {
    String carepathUrl = platform.properties().get("CAREPATH_DB_URL");
    try (Connection connection = DriverManager.getConnection(carepathUrl, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists naive_" + name);
      statement.execute("create database naive_" + name);
    }
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("naive-" + name)
        .setJdbcUrl(carepathUrl.substring(0, carepathUrl.lastIndexOf('/')) + "/naive_" + name)
        .setJdbcUsername("postgres").setJdbcPassword("").setJdbcDriver("org.postgresql.Driver")
        .setJdbcMaxActiveConnections(10)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(history)
        .setJobExecutorActivate(false);
    // as the Spring Boot starter configures it (the standalone default, DbIdGenerator, is a lock)
    configuration.setIdGenerator(new StrongUuidGenerator());
    if (tuned) {
      configuration.setCmmnEnabled(false);
      configuration.setStandaloneTasksEnabled(false);
    }
    ProcessEngine engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().name("naive").addClasspathResource("benchmark/naive-pathway.bpmn")
        .deploy();
    return engine;
  }

  private double peerStarts(String peer, int count, int threads) {
    ProcessEngine engine = peers.get(peer);
    ConcurrentLinkedQueue<String> tasks = peerTasks.get(peer);
    long started = System.nanoTime();
    parallel(count, threads, i -> {
      Map<String, Object> variables = new HashMap<>();
      variables.put("caseId", "SAK-" + UUID.randomUUID());
      variables.put("nationalId", Referrals.syntheticNationalId());
      variables.put("patientName", "Test Pasient");
      variables.put("municipalityNumber", "1804");
      variables.put("channel", "APPLICATION");
      variables.put("description", "Har KOLS og ønsker å bo hjemme med oppfølging.");
      variables.put("dueDate", Date.from(Instant.now().plus(7, ChronoUnit.DAYS)));
      String instance = engine.getRuntimeService()
          .startProcessInstanceByKey("naive-pathway", (String) variables.get("caseId"), variables).getId();
      tasks.add(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId());
    });
    return count / seconds(started);
  }

  private double peerCompletes(String peer, int count, int threads) {
    ProcessEngine engine = peers.get(peer);
    ConcurrentLinkedQueue<String> tasks = peerTasks.get(peer);
    Map<String, Object> variables = no.carepath.allocation.CaseWork.assessment();
    long started = System.nanoTime();
    parallel(count, threads, i -> {
      String task = tasks.poll();
      if (task == null) {
        throw new IllegalStateException("no task left to complete in " + peer);
      }
      engine.getTaskService().complete(task, variables);
    });
    return count / seconds(started);
  }

  // ---- helpers ----

  private interface Work {
    void run(int index) throws Exception;
  }

  private static void parallel(int count, int threads, Work work) {
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
    try {
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }


  private void table(String title, Map<String, List<Double>> rates) {
    line("");
    line("## " + title);
    line("");
    line("| system | median | min | max |");
    line("|---|---|---|---|");
    rates.forEach((name, values) -> {
      List<Double> sorted = values.stream().sorted().toList();
      line("| " + name + " | " + rate(sorted.get(sorted.size() / 2)) + " | " + rate(sorted.get(0)) + " | "
          + rate(sorted.get(sorted.size() - 1)) + " |");
    });
  }

  private static String rate(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private void close() {
    if (generator != null) {
      generator.close();
    }
    peers.values().forEach(ProcessEngine::close);
    if (app != null) {
      app.close();
    }
  }
}
