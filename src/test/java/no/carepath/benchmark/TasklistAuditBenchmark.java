package no.carepath.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.CarepathApplication;
import no.carepath.Referrals;
import no.carepath.TestPlatform;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the access log costs the Tasklist: a case worker's browser session calls what the Tasklist
 * calls most (a filter's cards, HAL with the card variables, 15 a page; a task's form variables),
 * and the time the access log spends tracing and writing each read ({@code EngineReadAudit}, timer
 * {@code carepath.access.log.engine.read}) is set against the whole request measured at the client.
 *
 * <p>{@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=no.carepath.benchmark.TasklistAuditBenchmark
 * -Dbenchmark.args="cases=60 calls=500"}
 */
public final class TasklistAuditBenchmark {

  private final Map<String, String> settings;
  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final StringBuilder report = new StringBuilder();

  private TasklistAuditBenchmark(Map<String, String> settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    Map<String, String> settings = BenchmarkMain.settings(args, Map.of("cases", "60", "calls", "500"), false);
    BenchmarkMain.runAndExit(() -> new TasklistAuditBenchmark(settings).run(), () -> { });
  }

  private void run() throws Exception {
    Map<String, Object> properties = new HashMap<>(platform.properties());
    properties.put("logging.level.root", "WARN");
    properties.put("carepath.demo.enabled", "false");
    ConfigurableApplicationContext app = new SpringApplicationBuilder(CarepathApplication.class)
        .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new));
    try {
      int cases = Integer.parseInt(settings.get("cases"));
      int calls = Integer.parseInt(settings.get("calls"));
      String integrations = api.integrationsToken();
      for (int i = 0; i < cases; i++) {
        api.postJson("/api/intake/applications", integrations, Referrals.application());
      }
      BrowserSession tasklist = BrowserSession.login(platform, "ingrid.berg");
      String root = "/camunda/api/engine/engine/default";
      String filter = null;
      for (JsonNode candidate : tasklist.getJson(root + "/filter?resourceType=Task").json()) {
        if (candidate.path("name").asText().equals("Tildelingskontoret")) {
          filter = candidate.path("id").asText();
        }
      }
      List<String> tasks = new ArrayList<>();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (tasks.size() < cases && Instant.now().isBefore(deadline)) {
        tasks.clear();
        tasklist.getJson(root + "/task?maxResults=" + (cases * 2)).json().forEach(task -> tasks.add(task.path("id").asText()));
      }
      String list = root + "/filter/" + filter + "/list?firstResult=0&maxResults=15";
      MeterRegistry meters = app.getBean(MeterRegistry.class);

      line("# Tasklist and the access log");
      line("");
      line("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores; " + tasks.size()
          + " open tasks of the allocation office; " + calls + " calls each, after " + calls / 5 + " to warm up;"
          + " one browser session, calls one after another.");
      line("");
      line("| Call (what the Tasklist does) | Request p50 | p95 | Access log per request (mean) | Share of p50 |");
      line("|---|---|---|---|---|");
      measure("Filter's cards (HAL, 15 cards with patient and case)", calls, meters,
          i -> tasklist.postHal(list, "{}"));
      measure("A task's form variables", calls, meters,
          i -> tasklist.getJson(root + "/task/" + tasks.get(i % tasks.size()) + "/form-variables"));
      line("");
      line("The list is logged once per person, patient and view in five minutes (later refreshes trace but do not"
          + " write); every opened form is written.");
      Path out = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/benchmarks/tasklist-audit.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
    } finally {
      app.close();
    }
  }

  interface Call {
    Api.Response call(int index);
  }

  private void measure(String what, int calls, MeterRegistry meters, Call call) {
    for (int i = 0; i < calls / 5; i++) {
      call.call(i);
    }
    Timer audit = meters.get("carepath.access.log.engine.read").timer();
    long countBefore = audit.count();
    double totalBefore = audit.totalTime(TimeUnit.MILLISECONDS);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      Api.Response response = call.call(i);
      millis.add((System.nanoTime() - start) / 1e6);
      if (response.status() != 200) {
        throw new AssertionError(what + ": " + response.status() + " " + response.body());
      }
    }
    Collections.sort(millis);
    double p50 = millis.get(millis.size() / 2);
    double p95 = millis.get((int) (millis.size() * 0.95));
    long audited = audit.count() - countBefore;
    double auditMean = audited == 0 ? 0 : (audit.totalTime(TimeUnit.MILLISECONDS) - totalBefore) / audited;
    line(String.format(java.util.Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.2f ms (%d of %d requests) | %.0f %% |", what,
        p50, p95, auditMean, audited, calls, 100 * auditMean / p50));
  }

  private void line(String text) {
    report.append(text).append('\n');
    System.out.println(text);
  }
}
