package no.carepath.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import no.carepath.CarepathApplication;
import no.carepath.TestPlatform;
import no.carepath.followup.FollowupProperties;
import no.carepath.metrics.Indicator;
import no.carepath.metrics.IndicatorSeries;
import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.Indicators;
import no.carepath.metrics.MetricsFacts;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;

/**
 * Performance scenario S8 of {@code shared/performance.md}: the managers' dashboard over one year of
 * regional history. Starts the platform (embedded PostgreSQL, Keycloak, Carepath without demo
 * data), writes the history with bulk SQL ({@link DashboardHistory}: 10 municipalities, 10,000
 * patients, ~18 M readings, ~900,000 deviations with their engine history), builds the indicator
 * facts ({@link MetricsFacts#refresh()}, timed: the first full build and one incremental round),
 * then
 * <ol>
 *   <li>checks nine representative indicators week by week against a reference SQL over the raw rows
 *       ({@link DashboardFigures}); any difference fails the run, after the timings are printed;</li>
 *   <li>times every indicator's dashboard query ({@link IndicatorSeries#series}, uncached: the cache
 *       is emptied before every call), weekly over 52 weeks, for one municipality and for all, and the
 *       overview page's total (all indicators one after another);</li>
 *   <li>times the naive peer P0 computing the nine figures with Camunda's {@code HistoryService}
 *       queries, in the same run, on the same database.</li>
 * </ol>
 * The report is printed and written to {@code target/benchmarks/dashboard.md}. The application's own
 * scheduled jobs (fact refresh, missed-reading check, gauges) are cancelled after the start, so that
 * only the measured work runs.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.DashboardBenchmark
 * -Dbenchmark.args="patients=10000 readings=18000000 deviations=900000 reps=30"}
 * <p>Settings: {@code patients}, {@code readings}, {@code deviations}, {@code stays} (hospital stays before
 * readmissions), {@code municipalities} (1-10), {@code scope} (the one municipality), {@code reps} and
 * {@code warmup} (dashboard queries), {@code overviewReps} (the overview page), {@code peerReps} and
 * {@code peerSeconds} (P0: at most that many calls, and no new one after that many seconds per figure
 * and scope, but at least one; 0 leaves P0 out),
 * {@code hold} (seconds to keep the database up at the end, for psql).
 */
public final class DashboardBenchmark {

  private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("patients", "10000"),
      Map.entry("readings", "18000000"), Map.entry("deviations", "900000"), Map.entry("stays", "7000"),
      Map.entry("municipalities", "10"), Map.entry("scope", "1804"), Map.entry("reps", "30"), Map.entry("warmup", "3"),
      Map.entry("overviewReps", "10"),
      Map.entry("peerReps", "5"), Map.entry("peerSeconds", "10"), Map.entry("hold", "0"));
  private static final int WEEKS = 52;
  private static final String OVERVIEW = "overview page (all " + Indicators.ALL.size() + " one after another)";
  private static final double TARGET_MILLIS = 500;

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final StringBuilder report = new StringBuilder();
  private final List<String> failures = new ArrayList<>();
  private final long begun = System.nanoTime();
  private ConfigurableApplicationContext app;

  private DashboardBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    DashboardBenchmark benchmark = new DashboardBenchmark(BenchmarkMain.settings(args, DEFAULTS, true));
    BenchmarkMain.runAndExit(benchmark::run, () -> {
      if (benchmark.app != null) {
        benchmark.app.close();
      }
    });
  }

  private int setting(String name) {
    return Integer.parseInt(settings.get(name));
  }

  private void run() throws Exception {
    List<String> region = new ArrayList<>(DashboardHistory.REGION.keySet()).subList(0, setting("municipalities"));
    Map<String, Object> properties = new HashMap<>(platform.properties());
    properties.put("logging.level.root", "WARN");
    properties.put("carepath.demo.enabled", "false");
    properties.put("spring.main.banner-mode", "off");
    // the region's municipalities: those of application.yaml and more (municipality = engine tenant)
    region.forEach(number -> properties.put("carepath.municipalities." + number, DashboardHistory.REGION.get(number)));
    long started = System.nanoTime();
    app = new SpringApplicationBuilder(CarepathApplication.class)
        .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new));
    double startSeconds = seconds(started);
    int cancelled = quiet();
    DataSource dataSource = app.getBean(DataSource.class);
    IndicatorSeries series = app.getBean(IndicatorSeries.class);
    MetricsFacts facts = app.getBean(MetricsFacts.class);
    FollowupProperties followup = app.getBean(FollowupProperties.class);

    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    LocalDate today = now.atZone(DashboardFigures.OSLO).toLocalDate();
    LocalDate thisWeek = today.with(DayOfWeek.MONDAY);
    DashboardFigures.Weeks weeks = DashboardFigures.Weeks.of(thisWeek.minusWeeks(WEEKS), WEEKS);
    String scope = settings.get("scope");
    Map<String, Set<String>> scopes = new LinkedHashMap<>();
    scopes.put(scope + " " + DashboardHistory.REGION.get(scope), Set.of(scope));
    scopes.put("all " + region.size(), new LinkedHashSet<>(region));

    line("# S8: the managers' dashboard");
    line("");
    line("Run " + now + " on " + Runtime.getRuntime().availableProcessors() + " cores, JVM time zone "
        + TimeZone.getDefault().getID() + "; settings " + settings + "; PostgreSQL " + scalar(dataSource,
        "show server_version") + ", shared_buffers " + scalar(dataSource, "show shared_buffers") + ", work_mem "
        + scalar(dataSource, "show work_mem") + "; platform up in " + format(startSeconds) + " s; " + cancelled
        + " scheduled jobs of the application cancelled.");
    line("");

    // ---- 1. the history, loaded with SQL ----
    Map<String, String> database = platform.properties();
    DashboardHistory history = new DashboardHistory(database.get("CAREPATH_DB_URL"), database.get("CAREPATH_DB_USER"),
        database.get("CAREPATH_DB_PASSWORD"), System.out::println);
    started = System.nanoTime();
    history.load(new DashboardHistory.Size(setting("patients"), Long.parseLong(settings.get("readings")),
        setting("deviations"), setting("stays"), region), now, weeks.first(), followup);
    double loadSeconds = seconds(started);
    started = System.nanoTime();
    execute(dataSource, "vacuum analyze");
    double analyzeSeconds = seconds(started);
    line("## Set-up");
    line("");
    line("History from " + weeks.first().minusDays(1) + " to " + now + " in " + region.size() + " municipalities "
        + region + ", loaded with SQL in " + format(loadSeconds) + " s (then `vacuum analyze` " + format(analyzeSeconds)
        + " s):");
    line("");
    line("| step | seconds |");
    line("|---|---|");
    history.steps().forEach(step -> line("| " + step.name() + " | " + format(step.seconds()) + " |"));
    line("");
    line("| table | rows | size (table + indexes) |");
    line("|---|---|---|");
    for (String table : List.of("patient", "allocation_case", "allocation_decision", "followup_episode",
        "followup_reading", "followup_deviation", "followup_deviation_reading", "followup_plan", "escalation_dialogue",
        "transitions_stay", "messaging_outbox", "act_hi_procinst", "act_hi_taskinst", "act_hi_identitylink",
        "act_hi_actinst", "act_hi_varinst")) {
      line("| `" + table + "` | " + String.format(Locale.ROOT, "%,d", Long.parseLong(scalar(dataSource,
          "select count(*) from " + table))) + " | " + scalar(dataSource,
          // a partitioned table (followup_reading) has its storage in its partitions
          "select pg_size_pretty(coalesce((select sum(pg_total_relation_size(relid)) from pg_partition_tree('" + table
              + "')), pg_total_relation_size('" + table + "')))") + " |");
    }

    // ---- the facts: the first build, and one incremental round ----
    execute(dataSource, "truncate metrics_fact, metrics_refresh");
    started = System.nanoTime();
    require(facts.refresh(), "the first refresh did not get the lock");
    double fullSeconds = seconds(started);
    started = System.nanoTime();
    require(facts.refresh(), "the incremental refresh did not get the lock");
    double incrementalSeconds = seconds(started);
    started = System.nanoTime();
    execute(dataSource, "vacuum analyze metrics_fact, metrics_day, metrics_day_actor, metrics_percentile");
    double factsAnalyzeSeconds = seconds(started);
    line("");
    line("`MetricsFacts.refresh()`: the first full build " + format(fullSeconds) + " s, an incremental round right"
        + " after " + format(incrementalSeconds) + " s (re-reads the last two days); `vacuum analyze` of the facts and"
        + " roll-ups " + format(factsAnalyzeSeconds) + " s. Facts: " + scalar(dataSource, "select string_agg(measure || ' ' || n,"
        + " ', ' order by n desc) from (select measure, count(*) n from metrics_fact group by measure) m") + "; "
        + scalar(dataSource, "select pg_size_pretty(pg_total_relation_size('metrics_fact'))") + ". Roll-ups: "
        + scalar(dataSource, "select string_agg(format('`%s` %s rows, %s', t, to_char(n, 'FM999,999,999'),"
            + " pg_size_pretty(pg_total_relation_size(t::regclass))), '; ') from (values"
            + " ('metrics_day', (select count(*) from metrics_day)),"
            + " ('metrics_day_actor', (select count(*) from metrics_day_actor)),"
            + " ('metrics_percentile', (select count(*) from metrics_percentile))) r(t, n)") + ".");

    // ---- 2. equality with the reference ----
    HistoryService engineHistory = app.getBean(HistoryService.class);
    DashboardFigures figures = new DashboardFigures(dataSource, engineHistory, followup, weeks, today);
    line("");
    line("## Equality with a reference SQL over the raw rows");
    line("");
    line("Week by week, 52 weeks, counts exact and medians and shares within " + DashboardFigures.TOLERANCE + ".");
    line("");
    line("| indicator | compared | " + String.join(" | ", scopes.keySet()) + " |");
    line("|---|---|" + "---|".repeat(scopes.size()));
    Map<String, double[][]> references = new HashMap<>();
    for (DashboardFigures.Figure figure : figures.all()) {
      Indicator indicator = Indicators.byId(figure.indicator()).orElseThrow();
      StringBuilder row = new StringBuilder("| `" + figure.indicator() + "` | " + String.join(", ",
          figure.quantities().stream().map(DashboardFigures.Quantity::name).toList()) + " |");
      for (Map.Entry<String, Set<String>> entry : scopes.entrySet()) {
        series.forget();
        double[][] ours = figure.ours().apply(series.series(indicator, filter(entry.getValue(), weeks)));
        double[][] reference = figure.reference().apply(entry.getValue());
        references.put(figure.indicator() + "/" + entry.getKey(), reference);
        List<String> differences = DashboardFigures.differences(figure, reference, ours, weeks);
        double total = 0;
        for (double[] week : reference) {
          total += Double.isNaN(week[0]) ? 0 : week[0];
        }
        row.append(differences.isEmpty() ? " equal (" + format(total) + " " + figure.quantities().get(0).name() + ") |"
            : " **" + differences.size() + " differ** |");
        differences.stream().limit(10).forEach(difference -> failures.add(figure.indicator() + ", " + entry.getKey()
            + ": " + difference));
      }
      line(row.toString());
    }
    if (!failures.isEmpty()) {
      line("");
      line("**Equality FAILED** (first differences):");
      failures.forEach(failure -> line("- " + failure));
    }
    line("");
    line("`deviations-not-taken` counts the team leaders' tasks for deviations nobody had taken by the deadline: "
        + scalar(dataSource, "select count(*) from act_hi_taskinst"
        + " where task_def_key_ = 'Task_FollowUpUnhandledDeviation'") + ", of "
        + scalar(dataSource, "select count(*) from act_hi_actinst where act_id_ in ('Timer_RedDeviationUnhandled',"
        + " 'Timer_YellowDeviationUnhandled')") + " deadlines passed with the task open (the others had been taken by"
        + " a nurse who had not finished by then).");

    // ---- 3. the dashboard queries, uncached ----
    int reps = setting("reps");
    int warmup = setting("warmup");
    Map<String, Map<String, Histogram>> ours = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> entry : scopes.entrySet()) {
      Filter filter = filter(entry.getValue(), weeks);
      for (Indicator indicator : Indicators.ALL) {
        ours.computeIfAbsent(indicator.id(), id -> new LinkedHashMap<>()).put(entry.getKey(),
            measure(warmup, reps, Integer.MAX_VALUE, () -> {
              series.forget();
              return series.series(indicator, filter);
            }));
      }
      Histogram overview = measure(1, setting("overviewReps"), Integer.MAX_VALUE, () -> {
        series.forget();
        Indicators.ALL.forEach(indicator -> series.series(indicator, filter));
        return null;
      });
      ours.computeIfAbsent(OVERVIEW, id -> new LinkedHashMap<>()).put(entry.getKey(), overview);
    }
    line("");
    line("## Dashboard queries: `IndicatorSeries.series(indicator, filter)`, weekly, 52 weeks, uncached");
    line("");
    line("Each call after `forget()` (the cache emptied): " + reps + " timed calls after " + warmup + " to warm up,"
        + " one indicator and scope after another (the overview page: " + setting("overviewReps") + " after 1);"
        + " milliseconds, HdrHistogram. Target: p95 <= " + format(TARGET_MILLIS) + " ms per query.");
    line("");
    StringBuilder header = new StringBuilder("| indicator | statistic |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (String name : scopes.keySet()) {
      header.append(' ').append(name).append(": p50 | p95 | max |");
      rule.append("---|---|---|");
    }
    line(header.toString());
    line(rule.toString());
    for (Map.Entry<String, Map<String, Histogram>> entry : ours.entrySet()) {
      String statistic = Indicators.byId(entry.getKey()).map(indicator -> indicator.statistic().name()
          .toLowerCase(Locale.ROOT)).orElse("");
      StringBuilder row = new StringBuilder("| " + (statistic.isEmpty() ? entry.getKey() : "`" + entry.getKey() + "`")
          + " | " + statistic + " |");
      entry.getValue().values().forEach(histogram -> row.append(' ').append(millis(histogram, 50)).append(" | ")
          .append(marked(histogram, statistic.isEmpty())).append(" | ").append(millis(histogram, 100)).append(" |"));
      line(row.toString());
    }

    // ---- 4. the naive peer ----
    int peerReps = setting("peerReps");
    long peerBudget = TimeUnit.SECONDS.toNanos(setting("peerSeconds"));
    line("");
    line("## The naive peer P0: the same figures from Camunda's `HistoryService`");
    line("");
    line("P0 runs in-process against the same engine and database, without an authenticated user (no authorization or"
        + " tenant checks, which flatters it): counts per week with `HistoricProcessInstanceQuery`,"
        + " `HistoricActivityInstanceQuery` and `HistoricTaskInstanceQuery`, lists where a median, a distinct count or"
        + " a set difference is needed, computed in Java; a rate also computes its patient-days. No warm-up call (each"
        + " call reads gigabytes and takes seconds; the first call's figures are set against the reference), at most "
        + peerReps + " calls, none started after " + setting("peerSeconds") + " s, at least one. Carepath's columns"
        + " repeat the figures above.");
    line("");
    line("| indicator | scope | Carepath p50 | p95 | max | P0 p50 | p95 | max | P0 calls | P0 p50 / Carepath p50 |"
        + " P0 = reference |");
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    for (DashboardFigures.Figure figure : peerReps == 0 ? List.<DashboardFigures.Figure>of() : figures.all()) {
      for (Map.Entry<String, Set<String>> entry : scopes.entrySet()) {
        // the first call is timed too (P0's calls read gigabytes, so a warm-up call would warm little, and
        // they take long); its figures are set against the reference (for information: P0 is not ours)
        Histogram peer = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long start = System.nanoTime();
        double[][] first = figure.peer().apply(entry.getValue());
        peer.recordValue((System.nanoTime() - start) / 1000);
        List<String> differences = DashboardFigures.differences(figure, references.get(figure.indicator() + "/"
            + entry.getKey()), first, weeks);
        long budget = peerBudget - (System.nanoTime() - start);
        if (budget > 0 && peerReps > 1) {
          peer.add(measure(0, peerReps - 1, budget, () -> figure.peer().apply(entry.getValue())));
        }
        Histogram carepath = ours.get(figure.indicator()).get(entry.getKey());
        line("| `" + figure.indicator() + "` | " + entry.getKey() + " | " + millis(carepath, 50) + " | "
            + millis(carepath, 95) + " | " + millis(carepath, 100) + " | " + millis(peer, 50) + " | " + millis(peer, 95)
            + " | " + millis(peer, 100) + " | " + peer.getTotalCount() + " | " + String.format(Locale.ROOT, "%.0fx",
            (double) peer.getValueAtPercentile(50) / carepath.getValueAtPercentile(50)) + " | "
            + (differences.isEmpty() ? "yes" : differences.size() + " differ, e.g. " + differences.get(0)) + " |");
      }
    }
    line("");
    int missed = 0;
    for (Map.Entry<String, Map<String, Histogram>> entry : ours.entrySet()) {
      if (Indicators.byId(entry.getKey()).isEmpty()) {
        continue;
      }
      for (Map.Entry<String, Histogram> scoped : entry.getValue().entrySet()) {
        if (scoped.getValue().getValueAtPercentile(95) / 1000.0 > TARGET_MILLIS) {
          missed++;
          line("- p95 over " + format(TARGET_MILLIS) + " ms: `" + entry.getKey() + "`, " + scoped.getKey() + ": "
              + millis(scoped.getValue(), 95) + " ms");
        }
      }
    }
    line(missed == 0 ? "Every dashboard query's p95 is within " + format(TARGET_MILLIS) + " ms." : missed
        + " dashboard queries miss the p95 target.");
    line(failures.isEmpty() ? "Every checked figure equals the reference." : "EQUALITY FAILED: " + failures.size()
        + " differences listed above.");
    line("The whole run took " + format(seconds(begun) / 60) + " min.");

    Path out = Path.of(System.getProperty("carepath.project-dir", "."), "target", "benchmarks", "dashboard.md")
        .toAbsolutePath();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.println("\nWritten to " + out);
    if (setting("hold") > 0) {
      // for a look with psql at the loaded database; nothing is polled
      System.out.println("Holding the database for " + setting("hold") + " s: " + platform.properties()
          .get("CAREPATH_DB_URL"));
      Thread.sleep(TimeUnit.SECONDS.toMillis(setting("hold")));
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("S8 equality failed: " + failures.size() + " differences, e.g. " + failures.get(0));
    }
  }

  /** Cancels the application's scheduled jobs; the benchmark refreshes the facts itself. */
  private int quiet() {
    Set<ScheduledTask> tasks = app.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks();
    tasks.forEach(ScheduledTask::cancel);
    return tasks.size();
  }

  private static Filter filter(Set<String> municipalities, DashboardFigures.Weeks weeks) {
    return new Filter(municipalities, Period.WEEK, weeks.first(), weeks.end(), null, 0);
  }

  /**
   * Times {@code call}: {@code warmup} untimed calls, then up to {@code reps} timed ones, none started
   * once {@code budgetNanos} have passed (but at least one); microseconds.
   */
  private static Histogram measure(int warmup, int reps, long budgetNanos, Supplier<Object> call) {
    for (int i = 0; i < warmup; i++) {
      call.get();
    }
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
    long begun = System.nanoTime();
    for (int i = 0; i < reps && (i == 0 || System.nanoTime() - begun < budgetNanos); i++) {
      long start = System.nanoTime();
      call.get();
      histogram.recordValue((System.nanoTime() - start) / 1000);
    }
    return histogram;
  }

  private static String millis(Histogram histogram, double percentile) {
    long micros = percentile >= 100 ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
    return micros >= 100_000 ? String.format(Locale.ROOT, "%,.0f", micros / 1000.0)
        : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
  }

  /** The p95, in bold when it misses the target (not for the overview's total). */
  private static String marked(Histogram histogram, boolean total) {
    String p95 = millis(histogram, 95);
    return !total && histogram.getValueAtPercentile(95) / 1000.0 > TARGET_MILLIS ? "**" + p95 + "**" : p95;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static String scalar(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
         ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%,.1f", value);
  }

  private void line(String text) {
    System.out.println(text);
    report.append(text).append('\n');
  }
}
