package no.carepath.benchmark;

import static no.carepath.benchmark.Sql.jdbc;
import static no.carepath.benchmark.Sql.longScalar;
import static no.carepath.benchmark.Sql.scalar;
import static no.carepath.benchmark.Sql.single;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.TestPlatform;
import no.carepath.benchmark.restpeer.RestPeer;
import no.carepath.platform.EnginesOwnAuthorizationManager;
import no.carepath.security.CarepathGroups;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.rest.dto.task.TaskDto;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Performance scenario S7 of {@code shared/performance.md}: the Tasklist's first page of a nurse's
 * tasks (50 cards, most urgent first: priority descending, then due date ascending) and its count,
 * with 50,000 open tasks over 200 candidate groups and authorization on, against the naive peer P0
 * (the plain engine with authorization on, history FULL) on the same PostgreSQL server in the same
 * run, alternating Carepath, P0 in every run.
 *
 * <p>Both hold the same tasks: task {@code i} has the same group, priority and due date in both. A
 * "group" is, in Carepath, a role in one municipality (the candidate group is the role, the
 * municipality is the instance's tenant: {@code MunicipalityTenants}); in P0, without tenants, the
 * obvious design is a candidate group per role and municipality ({@code home-follow-up-nurses-1804}).
 * The nurse is {@code mari.sandvik} of the realm: {@code home-follow-up-nurses}, {@code municipality-1804},
 * {@code municipality-1806}, so in Carepath she sees the nurses' tasks of two municipalities; in P0
 * her three groups are {@code home-follow-up-nurses-1804}, {@code home-follow-up-nurses-1806} and
 * {@code home-follow-up-nurses} (no task), the same tasks.
 *
 * <p>Carepath is measured as the Tasklist calls it, over HTTP as the logged-in nurse: {@code POST
 * /camunda/api/engine/engine/default/filter/{id}/list} (HAL, with the filter's card variables) of the
 * filter «Digital hjemmeoppfølging», with the sorting in the body, and {@code .../filter/{id}/count}. P0 is
 * measured in-process: the {@code TaskQuery} that {@code POST /engine-rest/task} runs for {@code
 * candidateGroups} with the same sorting, under {@code IdentityService.setAuthentication}, each task
 * turned into the REST layer's {@code TaskDto} and written as JSON; no HTTP and no login, which
 * flatters P0. Results are printed and written to {@code target/benchmarks/tasklist.md}.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.TasklistBenchmark
 * -Dbenchmark.args="tasks=50000 groups=200 calls=300"}
 */
public final class TasklistBenchmark {

  private static final String NURSES = CarepathGroups.HOME_FOLLOW_UP_NURSES;
  /** The two roles whose tasks are spread over the municipalities. */
  private static final List<String> ROLES = List.of(NURSES, CarepathGroups.ALLOCATION_OFFICE);
  /** Task priorities, as the models in processes/ use them. */
  private static final int[] PRIORITIES = {40, 50, 60, 70, 80, 90, 95, 100};
  private static final String FILTER = "Digital hjemmeoppfølging";
  /** What the Tasklist sends for a filter's page, sorted most urgent first. */
  private static final String QUERY = """
      {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"orQueries":[],\
      "sorting":[{"sortBy":"priority","sortOrder":"desc"},{"sortBy":"dueDate","sortOrder":"asc"}]}""";
  private static final int PAGE = 50;
  private static final String REST_PEER_PASSWORD = "benchmark-peer";

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final StringBuilder report = new StringBuilder();
  private final ObjectMapper json = new ObjectMapper();
  private ConfigurableApplicationContext app;
  private ProcessEngine peer;
  private String peerUrl;
  // the same peer over its REST API, in a JVM of its own (RestPeer)
  private Process restPeer;
  private String restPeerUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  // the tasks, the same in both systems
  private int[] group;
  private int[] priority;
  private Date[] due;
  private List<String> municipalities;

  private TasklistBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    // app.<property>=<value> sets an application property, e.g. app.carepath.database.custom-plans-for-people=false
    TasklistBenchmark benchmark = new TasklistBenchmark(BenchmarkMain.settings(args, Map.ofEntries(
        Map.entry("tasks", "50000"), Map.entry("groups", "200"), Map.entry("calls", "300"), Map.entry("runs", "3"),
        Map.entry("batch", "500"), Map.entry("threads", "2"), Map.entry("nurse", "mari.sandvik"),
        Map.entry("withoutStatistics", "3"), Map.entry("planCacheExecutions", "15"), Map.entry("enginesManager", "1"),
        Map.entry("explain", "1"), Map.entry("restPeer", "1")), false));
    BenchmarkMain.runAndExit(benchmark::run, benchmark::close);
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    app = BenchmarkMain.startCarepath(platform, settings, Map.of());
    DataSource dataSource = app.getBean(DataSource.class);
    ProcessEngine carepath = app.getBean(ProcessEngine.class);
    if (!carepath.getProcessEngineConfiguration().isAuthorizationEnabled()) {
      throw new IllegalStateException("Carepath's engine runs without authorization");
    }
    plan(setting("tasks"), setting("groups"));
    line("# Tasklist benchmark (S7)");
    line("");
    line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; settings " + settings
        + "; PostgreSQL " + scalar(dataSource, "show server_version") + ", shared_buffers="
        + scalar(dataSource, "show shared_buffers") + ", work_mem=" + scalar(dataSource, "show work_mem")
        + ", Carepath's connections plan_cache_mode=" + scalar(dataSource, "show plan_cache_mode")
        + " (the Tasklist's requests: " + (app.getEnvironment().getProperty("carepath.database.custom-plans-for-people",
        Boolean.class, true) ? "force_custom_plan, PlanPerExecution" : "the same") + ")"
        + ". Load average at the start: " + BenchmarkMain.loadAverage() + ".");
    line("");

    long started = System.nanoTime();
    seedCarepath(carepath);
    jdbc(dataSource, "analyze");
    line("Carepath: " + setting("tasks") + " open tasks seeded in " + seconds(started) + " s ("
        + longScalar(dataSource, "select count(*) from act_ru_task") + " tasks, "
        + longScalar(dataSource, "select count(*) from act_ru_authorization where resource_type_ = 7")
        + " task authorizations), then ANALYZE.");

    started = System.nanoTime();
    startPeer();
    seedPeer();
    try (Connection connection = DriverManager.getConnection(peerUrl, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("analyze");
      line("P0: " + setting("tasks") + " open tasks seeded in " + seconds(started) + " s ("
          + single(statement, "select count(*) from act_ru_task") + " tasks, "
          + single(statement, "select count(*) from act_ru_authorization where resource_type_ = 7")
          + " task authorizations), then ANALYZE.");
    }
    String nurse = settings.get("nurse");
    List<String> peerGroups = List.of(NURSES + "-1804", NURSES + "-1806", NURSES);
    if (setting("restPeer") > 0) {
      startRestPeer(nurse, peerGroups);
    }
    line("");

    BrowserSession tasklist = BrowserSession.login(platform, nurse);
    String root = "/camunda/api/engine/engine/default";
    String filter = null;
    for (JsonNode candidate : tasklist.getJson(root + "/filter?resourceType=Task").json()) {
      if (candidate.path("name").asText().equals(FILTER)) {
        filter = candidate.path("id").asText();
      }
    }
    if (filter == null) {
      throw new IllegalStateException("No Tasklist filter «" + FILTER + "» for " + nurse);
    }
    String list = root + "/filter/" + filter + "/list?firstResult=0&maxResults=" + PAGE;
    String count = root + "/filter/" + filter + "/count";
    Call carepathList = () -> check(tasklist.postHal(list, QUERY)).body().length();
    Call carepathCount = () -> check(tasklist.sendJson("POST", count, QUERY)).body().length();
    Call peerList = () -> peerPage(nurse, peerGroups).length();
    Call peerCount = () -> Long.toString(peerQuery(nurse, peerGroups, TaskQuery::count)).length();
    String peerBody = json.writeValueAsString(Map.of("candidateGroups", peerGroups, "sorting", List.of(
        Map.of("sortBy", "priority", "sortOrder", "desc"), Map.of("sortBy", "dueDate", "sortOrder", "asc"))));
    Call peerRestList = () -> restPeer("/task?firstResult=0&maxResults=" + PAGE, nurse, peerBody).length();
    Call peerRestCount = () -> restPeer("/task/count", nurse, peerBody).length();

    withoutStatistics(dataSource, carepathList, carepathCount);
    correctness(tasklist, list, count, nurse, peerGroups);
    if (restPeer != null) {
      restPeerCorrectness(nurse, peerBody);
    }

    // warm-up of all (JIT, pools, plan caches), not measured
    List<Call> everything = new ArrayList<>(List.of(carepathList, carepathCount, peerList, peerCount));
    if (restPeer != null) {
      everything.addAll(List.of(peerRestList, peerRestCount));
    }
    for (Call call : everything) {
      measure(call, setting("calls"));
    }
    if (setting("enginesManager") > 0) {
      EnginesOwnAuthorizationManager.during(carepath, () -> measure(carepathList, setting("calls")));
    }
    Map<String, List<Histogram>> results = new LinkedHashMap<>();
    for (int run = 1; run <= setting("runs"); run++) {
      results.computeIfAbsent("Carepath list", k -> new ArrayList<>()).add(measure(carepathList, setting("calls")));
      results.computeIfAbsent("P0 list", k -> new ArrayList<>()).add(measure(peerList, setting("calls")));
      results.computeIfAbsent("Carepath count", k -> new ArrayList<>()).add(measure(carepathCount, setting("calls")));
      results.computeIfAbsent("P0 count", k -> new ArrayList<>()).add(measure(peerCount, setting("calls")));
      if (restPeer != null) {
        results.computeIfAbsent("P0 list over REST", k -> new ArrayList<>()).add(measure(peerRestList, setting("calls")));
        results.computeIfAbsent("P0 count over REST", k -> new ArrayList<>())
            .add(measure(peerRestCount, setting("calls")));
      }
      if (setting("enginesManager") > 0) {
        // the same calls with the engine's own authorization manager, which reads every group holding a grant
        // in every command (Carepath's SignedInGroups does not): the figure of that change, in the same run
        results.computeIfAbsent("Carepath list, engine's group scan", k -> new ArrayList<>())
            .add(EnginesOwnAuthorizationManager.during(carepath, () -> measure(carepathList, setting("calls"))));
        results.computeIfAbsent("Carepath count, engine's group scan", k -> new ArrayList<>())
            .add(EnginesOwnAuthorizationManager.during(carepath, () -> measure(carepathCount, setting("calls"))));
      }
      line("Run " + run + " done; load average " + BenchmarkMain.loadAverage() + ".");
    }
    line("");
    line("| call | runs | p50 median (min-max) | p95 median (min-max) | p99 median (min-max) | max (worst run) |");
    line("|---|---|---|---|---|---|");
    results.forEach((name, runs) -> line("| " + name + " | " + runs.size() + " | " + spread(runs, 50) + " | "
        + spread(runs, 95) + " | " + spread(runs, 99) + " | "
        + ms(runs.stream().mapToLong(Histogram::getMaxValue).max().orElse(0)) + " |"));
    line("");
    for (String peerRow : List.of("P0 %s", "P0 %s over REST")) {
      for (String what : List.of("list", "count")) {
        List<Histogram> ours = results.get("Carepath " + what);
        List<Histogram> theirs = results.get(String.format(peerRow, what));
        if (theirs == null) {
          continue;
        }
        line(String.format(Locale.ROOT, "- %s: %s / Carepath p50 (medians) %.1fx; our worst run's p50 against the"
            + " peer's best run's p50 %.1fx; p95 (medians) %.1fx", what, String.format(peerRow, what),
            median(theirs, 50) / median(ours, 50), min(theirs, 50) / max(ours, 50), median(theirs, 95) / median(ours, 95)));
      }
    }
    line("");
    planCache(carepath, nurse);
    line("Load average at the end: " + BenchmarkMain.loadAverage() + ".");
    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "tasklist.md")
        .toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
  }

  // ---- the tasks ----

  /**
   * Task {@code i}: a group (role {@code group % 2} in municipality {@code group / 2}), a priority and a
   * due date between a week ago and three weeks ahead, to the minute; the same in both systems.
   */
  private void plan(int tasks, int groups) {
    if (groups < 4 || groups % 2 != 0) {
      throw new IllegalArgumentException("groups: an even number, at least 4 (two roles in each municipality)");
    }
    municipalities = new ArrayList<>(List.of("1804", "1806"));
    for (int i = 0; municipalities.size() < groups / 2; i++) {
      municipalities.add(Integer.toString(3001 + i));
    }
    Random random = new Random(7);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    group = new int[tasks];
    priority = new int[tasks];
    due = new Date[tasks];
    for (int i = 0; i < tasks; i++) {
      group[i] = random.nextInt(groups);
      priority[i] = PRIORITIES[random.nextInt(PRIORITIES.length)];
      due[i] = Date.from(now.plus(random.nextInt(28 * 24 * 60) - 7 * 24 * 60, ChronoUnit.MINUTES));
    }
  }

  private String role(int i) {
    return ROLES.get(group[i] % 2);
  }

  private String municipality(int i) {
    return municipalities.get(group[i] / 2);
  }

  /** Whether the nurse (the nurses of 1804 and 1806) may work task {@code i}. */
  private boolean nurses(int i) {
    return role(i).equals(NURSES) && (municipality(i).equals("1804") || municipality(i).equals("1806"));
  }

  // ---- Carepath ----

  /**
   * One definition for each role and priority: a user task as the models in processes/ have it (a role as
   * candidate group, a due date from a variable whose expression the reviewed models use, a form, a
   * history time to live), so {@code DeploymentGuard} accepts it as it would from Modeler; a literal priority
   * because an expression only the benchmark uses would be refused.
   */
  private void seedCarepath(ProcessEngine engine) throws Exception {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("tasklist-benchmark");
    for (String role : ROLES) {
      for (int level : PRIORITIES) {
        String key = carepathKey(role, level);
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("Benchmark " + role + " " + level)
            .camundaHistoryTimeToLive(180)
            .startEvent("StartEvent_BenchmarkStarted")
            .userTask("Task_FollowUpPatient").name("Følg opp pasienten").camundaCandidateGroups(role)
            .camundaDueDate("${followUpDueDate}").camundaPriority(Integer.toString(level))
            .camundaFormKey("embedded:app:forms/benchmark.html")
            .endEvent("EndEvent_FollowedUp")
            .done();
        deployment.addModelInstance(key + ".bpmn", model);
      }
    }
    deployment.deploy();
    // the nurses read the definitions of the tasks they work (as EngineGrants gives them the follow-up ones)
    AuthorizationService authorizations = engine.getAuthorizationService();
    for (String role : ROLES) {
      for (int level : PRIORITIES) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(role);
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId(carepathKey(role, level));
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
    inBatches(engine, i -> {
      Map<String, Object> variables = new HashMap<>();
      variables.put("municipalityNumber", municipality(i));
      variables.put("followUpDueDate", due[i]);
      variables.put("patientId", UUID.nameUUIDFromBytes(("benchmark-patient-" + i).getBytes()));
      variables.put("patientLabel", "Pasient " + i);
      variables.put("episodeId", "EPB-" + i);
      engine.getRuntimeService().startProcessInstanceByKey(carepathKey(role(i), priority[i]), "EPB-" + i, variables);
    });
  }

  private static String carepathKey(String role, int level) {
    return "benchmark-tasklist-" + role + "-" + level;
  }

  /**
   * The same calls without {@code AuthorizationStatistics}' statistics on the permission bits (as before it
   * existed), a few times only: they take seconds. Then the statistics again, as Carepath creates them at start.
   */
  private void withoutStatistics(DataSource dataSource, Call list, Call count) throws Exception {
    int calls = setting("withoutStatistics");
    if (calls == 0) {
      return;
    }
    Class<?> type = Class.forName("no.carepath.platform.AuthorizationStatistics");
    java.lang.reflect.Field name = type.getDeclaredField("NAME");
    name.setAccessible(true);
    jdbc(dataSource, "drop statistics " + name.get(null));
    jdbc(dataSource, "analyze act_ru_authorization");
    Histogram listWithout = measure(list, calls);
    Histogram countWithout = measure(count, calls);
    java.lang.reflect.Method create = type.getDeclaredMethod("create");
    create.setAccessible(true);
    create.invoke(app.getBean(type));
    line("Without the statistics on the authorization table's permission bits (`AuthorizationStatistics`), "
        + calls + " calls each, not warmed up: list p50 " + ms(listWithout.getValueAtPercentile(50)) + ", max "
        + ms(listWithout.getMaxValue()) + "; count p50 " + ms(countWithout.getValueAtPercentile(50)) + ", max "
        + ms(countWithout.getMaxValue()) + ". Then created again and ANALYZE, as at Carepath's start; all figures"
        + " below are with them.");
    line("");
  }

  /**
   * Why Carepath's connections plan every execution ({@code plan_cache_mode=force_custom_plan}): the nurse's
   * count exactly as the engine sends it (its SQL and parameters from the engine's own mapping), on a
   * connection of its own with PostgreSQL's default plan cache, the same prepared statement executed again
   * and again. The driver prepares it on the server after 5 executions, PostgreSQL may then choose a generic
   * plan, which cannot use the statistics on the permission bits.
   */
  private void planCache(ProcessEngine engine, String nurse) throws Exception {
    int executions = setting("planCacheExecutions");
    if (executions == 0) {
      return;
    }
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    engine.getIdentityService().setAuthentication(nurse, List.of(NURSES, "municipality-1804", "municipality-1806"),
        List.of("1804", "1806"));
    List<String> millis = new ArrayList<>();
    List<String> explained = new ArrayList<>();
    try {
      configuration.getCommandExecutorTxRequired().execute(context -> {
        org.camunda.bpm.engine.impl.TaskQueryImpl query = (org.camunda.bpm.engine.impl.TaskQueryImpl) engine.getTaskService()
            .createTaskQuery().taskCandidateGroup(NURSES).includeAssignedTasks();
        context.getAuthorizationManager().configureTaskQuery(query);
        context.getTenantManager().configureQuery(query);
        org.apache.ibatis.mapping.MappedStatement statement = configuration.getSqlSessionFactory().getConfiguration()
            .getMappedStatement("selectTaskCountByQueryCriteria");
        org.apache.ibatis.mapping.BoundSql sql = statement.getBoundSql(query);
        try (Connection connection = DriverManager.getConnection(platform.properties().get("CAREPATH_DB_URL"),
            "postgres", ""); java.sql.PreparedStatement count = connection.prepareStatement(sql.getSql())) {
          new org.apache.ibatis.scripting.defaults.DefaultParameterHandler(statement, query, sql).setParameters(count);
          // the plan PostgreSQL chooses for it with its values (as a person's request gets it: PlanPerExecution),
          // and with each of the settings in explainWith (e.g. explainWith=random_page_cost=1.1;enable_hashjoin=off)
          List<String> variants = new ArrayList<>();
          if (setting("explain") > 0) {
            variants.add("");
            for (String extra : settings.getOrDefault("explainWith", "").split(";")) {
              if (!extra.isBlank()) {
                variants.add(extra.trim());
              }
            }
          }
          for (String variant : variants) {
            try (Statement custom = connection.createStatement()) {
              custom.execute("set plan_cache_mode = force_custom_plan");
              if (!variant.isEmpty()) {
                custom.execute("set " + variant.replaceFirst("=", " = "));
              }
            }
            try (java.sql.PreparedStatement explain = connection.prepareStatement(
                "explain (analyze, buffers) " + sql.getSql())) {
              new org.apache.ibatis.scripting.defaults.DefaultParameterHandler(statement, query, sql).setParameters(explain);
              StringBuilder plan = new StringBuilder();
              try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                  plan.append(rows.getString(1)).append('\n');
                }
              }
              explained.add((variant.isEmpty() ? "" : "-- with " + variant + "\n") + plan);
            }
            try (Statement custom = connection.createStatement()) {
              custom.execute("reset all");
            }
          }
          for (int i = 0; i < executions; i++) {
            long start = System.nanoTime();
            try (ResultSet row = count.executeQuery()) {
              row.next();
              millis.add(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e6));
            }
          }
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        return null;
      });
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    line("The nurse's count as the engine sends it, on a connection with PostgreSQL's default plan cache"
        + " (plan_cache_mode=auto), one prepared statement executed " + executions + " times, ms each: "
        + String.join(", ", millis) + ".");
    line("");
    for (String plan : explained) {
      line("Its plan with its values (`explain (analyze, buffers)`, custom plan, as a person's request runs it):");
      line("");
      line("```");
      report.append(plan);
      System.out.print(plan);
      line("```");
      line("");
    }
  }

  // ---- P0 ----

  private void startPeer() throws Exception {
    String carepathUrl = platform.properties().get("CAREPATH_DB_URL");
    try (Connection connection = DriverManager.getConnection(carepathUrl, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists tasklist_peer");
      statement.execute("create database tasklist_peer");
    }
    peerUrl = carepathUrl.substring(0, carepathUrl.lastIndexOf('/')) + "/tasklist_peer";
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("tasklist-peer")
        .setJdbcUrl(peerUrl).setJdbcUsername("postgres").setJdbcPassword("").setJdbcDriver("org.postgresql.Driver")
        .setJdbcMaxActiveConnections(10)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setAuthorizationEnabled(true)
        .setJobExecutorActivate(false);
    // as the Spring Boot starter configures it (the standalone default, DbIdGenerator, is a lock)
    configuration.setIdGenerator(new StrongUuidGenerator());
    // the REST peer's nurse and groups are users and groups of this engine: allow the realm's ids (a dot, dashes)
    configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9.-]+");
    peer = configuration.buildProcessEngine();
    BpmnModelInstance model = Bpmn.createExecutableProcess("naive-task").camundaHistoryTimeToLive(180)
        .startEvent().userTask("Task_FollowUpPatient").name("Følg opp pasienten").camundaCandidateGroups("${group}")
        .camundaDueDate("${due}").camundaPriority("${priority}").endEvent().done();
    peer.getRepositoryService().createDeployment().name("naive").addModelInstance("naive-task.bpmn", model).deploy();
    // READ on every task for the nurse's groups, as a plain installation gives its Tasklist users (the engine
    // also grants each task's candidate group READ and work on that task, as it does in Carepath)
    for (String nurseGroup : List.of(NURSES + "-1804", NURSES + "-1806", NURSES)) {
      Authorization grant = peer.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(nurseGroup);
      grant.setResource(Resources.TASK);
      grant.setResourceId(Authorization.ANY);
      grant.addPermission(Permissions.READ);
      peer.getAuthorizationService().saveAuthorization(grant);
    }
  }

  private void seedPeer() throws Exception {
    inBatches(peer, i -> {
      Map<String, Object> variables = new HashMap<>();
      variables.put("group", role(i) + "-" + municipality(i));
      variables.put("priority", priority[i]);
      variables.put("due", due[i]);
      variables.put("patientLabel", "Pasient " + i);
      variables.put("episodeId", "EPB-" + i);
      peer.getRuntimeService().startProcessInstanceByKey("naive-task", "EPB-" + i, variables);
    });
  }

  private interface PeerQuery<T> {
    T run(TaskQuery query);
  }

  /** The query {@code POST /engine-rest/task} with {@code candidateGroups} and the sorting runs, as the nurse. */
  private <T> T peerQuery(String nurse, List<String> groups, PeerQuery<T> query) {
    peer.getIdentityService().setAuthentication(nurse, groups);
    try {
      return query.run(peer.getTaskService().createTaskQuery().taskCandidateGroupIn(groups)
          .orderByTaskPriority().desc().orderByDueDate().asc());
    } finally {
      peer.getIdentityService().clearAuthentication();
    }
  }

  /** The first page as the peer's REST layer writes it: each task as its {@code TaskDto}, as JSON. */
  private String peerPage(String nurse, List<String> groups) {
    List<Task> page = peerQuery(nurse, groups, query -> query.listPage(0, PAGE));
    try {
      return json.writeValueAsString(page.stream().map(TaskDto::fromEntity).toList());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The peer's engine over Camunda's REST API ({@link RestPeer}, its own JVM, on the same database): the nurse
   * as a user of the engine's own identity service, in her 3 groups, signing in with HTTP Basic at each request.
   */
  private void startRestPeer(String nurse, List<String> groups) throws Exception {
    IdentityService identity = peer.getIdentityService();
    User user = identity.newUser(nurse);
    user.setPassword(REST_PEER_PASSWORD);
    identity.saveUser(user);
    for (String name : groups) {
      identity.saveGroup(identity.newGroup(name));
      identity.createMembership(nurse, name);
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "restpeer.log");
    Files.createDirectories(log.getParent());
    restPeer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), RestPeer.class.getName(), "--server.port=" + port,
        "--spring.datasource.url=" + peerUrl).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    restPeerUrl = "http://localhost:" + port + "/engine-rest";
    long started = System.nanoTime();
    while (true) {
      if (!restPeer.isAlive()) {
        throw new IllegalStateException("The REST peer ended (exit " + restPeer.exitValue() + "); see " + log);
      }
      try {
        restPeer("/engine", nurse, null);
        break;
      } catch (UncheckedIOException e) {
        if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(2)) {
          throw new IllegalStateException("The REST peer did not answer within 2 minutes; see " + log, e);
        }
        Thread.sleep(500);
      }
    }
    line("P0 over REST: the same engine and database served by the plain Camunda Spring Boot starter's REST API in a"
        + " JVM of its own (`RestPeer`), authorization on, HTTP Basic as the nurse (a user of its identity service in"
        + " the 3 groups); up in " + seconds(started) + " s.");
  }

  /** A call to the REST peer as the nurse: GET without a body, else POST of the JSON body; a non-200 fails. */
  private String restPeer(String path, String nurse, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(restPeerUrl + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (nurse + ":" + REST_PEER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("REST peer " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void restPeerCorrectness(String nurse, String body) throws Exception {
    long expected = expectedCount();
    long count = json.readTree(restPeer("/task/count", nurse, body)).path("count").asLong();
    List<String> order = order(json.readTree(restPeer("/task?firstResult=0&maxResults=" + PAGE, nurse, body)));
    List<String> expectedOrder = expectedFirstPage();
    line("Correctness over REST: P0's count " + count + " (expected " + expected + "); first page in the expected order: "
        + order.equals(expectedOrder) + ".");
    if (count != expected || !order.equals(expectedOrder)) {
      throw new AssertionError("Wrong answer from the REST peer: " + count + "; " + order);
    }
  }

  // ---- correctness ----

  private long expectedCount() {
    return java.util.stream.IntStream.range(0, group.length).filter(this::nurses).count();
  }

  /** The nurse's first page as "priority@due", priority descending, then due date ascending. */
  private List<String> expectedFirstPage() {
    return java.util.stream.IntStream.range(0, group.length).filter(this::nurses).boxed()
        .sorted((a, b) -> priority[a] != priority[b] ? Integer.compare(priority[b], priority[a]) : due[a].compareTo(due[b]))
        .limit(PAGE).map(i -> priority[i] + "@" + due[i].toInstant()).toList();
  }

  /** Tasks as the engine's REST API writes them (Carepath's HAL cards too), as "priority@due". */
  private static List<String> order(JsonNode tasks) {
    List<String> order = new ArrayList<>();
    tasks.forEach(task -> order.add(task.path("priority").asInt() + "@" + java.time.OffsetDateTime.parse(
        task.path("due").asText(), java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant()));
    return order;
  }

  private void correctness(BrowserSession tasklist, String list, String count, String nurse, List<String> peerGroups)
      throws Exception {
    long expected = expectedCount();
    long ours = check(tasklist.sendJson("POST", count, QUERY)).json().path("count").asLong();
    long theirs = peerQuery(nurse, peerGroups, TaskQuery::count);
    List<String> ourOrder = order(check(tasklist.postHal(list, QUERY)).json().path("_embedded").path("task"));
    List<String> theirOrder = peerQuery(nurse, peerGroups, query -> query.listPage(0, PAGE)).stream()
        .map(task -> task.getPriority() + "@" + task.getDueDate().toInstant()).toList();
    List<String> expectedOrder = expectedFirstPage();
    line("Correctness: the nurse's tasks, expected " + expected + ", Carepath's count " + ours + ", P0's count " + theirs
        + "; first page of " + PAGE + " in the expected order (priority descending, then due date ascending): Carepath "
        + ourOrder.equals(expectedOrder) + ", P0 " + theirOrder.equals(expectedOrder) + ".");
    if (ours != expected || theirs != expected || !ourOrder.equals(expectedOrder) || !theirOrder.equals(expectedOrder)) {
      throw new AssertionError("Wrong answer: counts " + ours + " / " + theirs + " (expected " + expected + "); pages\n"
          + ourOrder + "\n" + theirOrder + "\nexpected\n" + expectedOrder);
    }
    line("");
  }

  // ---- measuring ----

  /** One call; what it returns (the response's length) keeps the work from being optimised away. */
  private interface Call {
    int call();
  }

  private static Histogram measure(Call call, int calls) {
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    long sink = 0;
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      sink += call.call();
      histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
    }
    if (sink == 0) {
      throw new IllegalStateException("empty responses");
    }
    return histogram;
  }

  private static Api.Response check(Api.Response response) {
    if (response.status() != 200) {
      throw new AssertionError(response.uri() + ": " + response.status() + " " + response.body());
    }
    return response;
  }

  private interface Work {
    void run(int index) throws Exception;
  }

  /** Every task's start, {@code batch} to a transaction, on {@code threads} threads. */
  private void inBatches(ProcessEngine engine, Work start) throws Exception {
    int tasks = group.length;
    int batch = setting("batch");
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(setting("threads"));
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < setting("threads"); t++) {
      workers.add(pool.submit(() -> {
        for (int from = next.getAndAdd(batch); from < tasks; from = next.getAndAdd(batch)) {
          int first = from;
          configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            for (int i = first; i < Math.min(tasks, first + batch); i++) {
              try {
                start.run(i);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
            return null;
          });
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
  }

  // ---- figures ----

  private static double percentile(Histogram histogram, int percent) {
    return histogram.getValueAtPercentile(percent) / 1000.0;
  }

  private static double median(List<Histogram> runs, int percent) {
    double[] values = runs.stream().mapToDouble(run -> percentile(run, percent)).sorted().toArray();
    return values[values.length / 2];
  }

  private static double min(List<Histogram> runs, int percent) {
    return runs.stream().mapToDouble(run -> percentile(run, percent)).min().orElse(0);
  }

  private static double max(List<Histogram> runs, int percent) {
    return runs.stream().mapToDouble(run -> percentile(run, percent)).max().orElse(0);
  }

  private static String spread(List<Histogram> runs, int percent) {
    return String.format(Locale.ROOT, "%.1f ms (%.1f-%.1f)", median(runs, percent), min(runs, percent),
        max(runs, percent));
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }

  private static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startedNanos) / 1e9);
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }

  private void close() {
    if (restPeer != null) {
      restPeer.destroy();
    }
    if (peer != null) {
      peer.close();
    }
    if (app != null) {
      app.close();
    }
  }
}
