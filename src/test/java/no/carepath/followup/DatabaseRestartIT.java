package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import no.carepath.Api;
import no.carepath.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped and started again while readings arrive: every request in flight gets either a
 * 2xx for a reading that is stored, or a 503 with Retry-After and an OperationOutcome, never a 500
 * and never a 2xx for what was not stored; a reading answered 2xx is stored exactly once, a resend of
 * the refused ones after the restart stores each once, and Carepath serves again by itself.
 */
class DatabaseRestartIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;

  /** One reading sent, and what came back. */
  private record Sent(String body, int status, String storedId, String retryAfter, String outcomeCode) {
  }

  @Test
  void readingsInFlightAreStoredOnceOrRefusedWithRetryAfterAndTheServiceComesBackByItself() throws Exception {
    Path data = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/it-postgres");
    assumeThat(System.getenv("CAREPATH_TEST_DB_URL")).as("the embedded PostgreSQL of the tests").isNull();
    assumeThat(data.resolve("postmaster.opts")).exists();
    Enrolment.Patient patient = new Enrolment(api, PLATFORM).measuring();
    String token = api.monitoringToken();

    List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      senders.submit(() -> {
        while (running.get()) {
          sent.add(send(Observations.quantity(patient.nationalId(), "8867-4", 72, "/min", Observations.now(),
              "restart-" + UUID.randomUUID()), token));
        }
        return null;
      });
    }
    Thread.sleep(2_000);
    int beforeStop = sent.size();
    pgCtl(data, "stop", "-m", "fast");
    // longer than the pool's connection timeout (5 s), so requests that wait for a connection are refused too
    Thread.sleep(8_000);
    int whileDown = sent.size() - beforeStop;
    pgCtl(data, "start");
    Thread.sleep(6_000);
    running.set(false);
    senders.shutdown();
    assertThat(senders.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

    // every answer is a stored reading or a 503 to retry; nothing else
    assertThat(sent).isNotEmpty();
    assertThat(sent).allSatisfy(one -> assertThat(one.status()).as("answer").isIn(200, 201, 503));
    List<Sent> refused = sent.stream().filter(one -> one.status() == 503).toList();
    assertThat(refused).as("requests while PostgreSQL was down (%d sent then)", whileDown).isNotEmpty();
    assertThat(refused).allSatisfy(one -> {
      assertThat(one.retryAfter()).isNotBlank();
      assertThat(one.outcomeCode()).isEqualTo("transient");
    });

    // the service is back by itself: a new reading is stored
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        send(Observations.quantity(patient.nationalId(), "8867-4", 72, "/min", Observations.now(),
            "after-" + UUID.randomUUID()), token).status() == 201);

    // every 2xx is stored exactly once
    List<String> acknowledged = sent.stream().filter(one -> one.status() < 300).map(Sent::storedId).toList();
    assertThat(acknowledged).doesNotHaveDuplicates().isNotEmpty();
    assertThat(stored(acknowledged)).isEqualTo(acknowledged.size());

    // the refused ones, sent again, are each stored once (a 503 may follow a commit: then the resend is a 200)
    Map<String, Integer> resent = new ConcurrentHashMap<>();
    for (Sent one : refused) {
      Sent again = send(one.body(), token);
      assertThat(again.status()).isIn(200, 201);
      resent.put(again.storedId(), again.status());
    }
    assertThat(stored(List.copyOf(resent.keySet()))).isEqualTo(resent.size());
    assertThat(stored(acknowledged)).isEqualTo(acknowledged.size());
  }

  private Sent send(String observation, String token) {
    Api.Response response = api.postFhir("/fhir/Observation", token, observation);
    String id = response.status() < 300 ? response.json().path("id").asText() : null;
    String code = response.status() == 503 ? response.json().path("issue").path(0).path("code").asText() : null;
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    return new Sent(observation, response.status(), id, response.header("Retry-After"), code);
  }

  private long stored(List<String> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("select count(*) from followup_reading where id = any(cast(:ids as uuid[]))")
        .param("ids", ids.toArray(String[]::new)).query(Long.class).single();
  }

  /** Runs the embedded server's own pg_ctl (the one whose postgres started the data directory). */
  private static void pgCtl(Path data, String action, String... options) throws IOException, InterruptedException {
    String opts = Files.readString(data.resolve("postmaster.opts")).strip();
    Matcher words = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
    List<String> parts = new ArrayList<>();
    while (words.find()) {
      parts.add(words.group(1) != null ? words.group(1) : words.group(2));
    }
    Path postgres = Path.of(parts.get(0));
    List<String> command = new ArrayList<>(List.of(postgres.resolveSibling("pg_ctl").toString(), action, "-D",
        data.toString(), "-w", "-t", "60"));
    command.addAll(List.of(options));
    if (action.equals("start")) {
      // the same server options as before, without -D (given above)
      List<String> serverOptions = new ArrayList<>();
      for (int i = 1; i < parts.size(); i++) {
        if (parts.get(i).equals("-D")) {
          i++;
          continue;
        }
        serverOptions.add(parts.get(i).contains(" ") || parts.get(i).contains("=") ? "'" + parts.get(i) + "'" : parts.get(i));
      }
      command.addAll(List.of("-o", String.join(" ", serverOptions), "-l", data.resolveSibling("it-postgres-restart.log")
          .toString()));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(data.resolveSibling("it-postgres-" + action + ".out").toFile()).start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("pg_ctl " + action).isZero();
  }
}
