package no.carepath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariDataSource;
import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.followup.triage.VitalSign;
import no.carepath.local.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL restarted under load (issue 14): a node of the production jar on a PostgreSQL server of
 * its own, which is stopped (fast shutdown: transactions in flight are cut off) while readings come
 * in, and started again. Every answer is a 2xx for a stored reading or a 503 with {@code
 * Retry-After} and an OperationOutcome ({@code transient}); never a 500, never a 2xx for what was not
 * stored. The node recovers by itself (the same process, ready again), and every reading answered 2xx
 * is stored exactly once, before and after the restart; a reading answered 503 is stored at most once (a
 * commit cut off after PostgreSQL wrote it is stored, answered 503), and once sent again exactly once.
 */
class DatabaseRestartIT {

  private final Observations observations = new Observations("urn:carepath:database-restart-it");

  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);

  private record Answer(String identifier, String sent, int status, String body, String retryAfter) {
  }

  @Test
  void whilePostgresRestartsEveryRequestGetsA503AndTheNodeRecoversByItself() throws Exception {
    Path directory = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/database-restart");
    Outages.deleteRecursively(directory.resolve("postgres"));
    int port = Haproxy.freePort();
    EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), port, true);
    String jdbcUrl = database.jdbcUrl();

    Map<String, String> environment = new LinkedHashMap<>();
    platform.properties().forEach((name, value) -> {
      if (name.equals(name.toUpperCase())) {
        environment.put(name, value);
      }
    });
    environment.put("CAREPATH_DB_URL", jdbcUrl);
    environment.put("CAREPATH_DB_USER", EmbeddedDatabase.USER);
    environment.put("CAREPATH_DB_PASSWORD", "");
    environment.put("CAREPATH_DB_CONNECTION_TIMEOUT_MS", "2000");
    Node node = new Node("db", environment, directory, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
    node.with("CAREPATH_BASE_URL", node.url());

    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(jdbcUrl);
    dataSource.setUsername(EmbeddedDatabase.USER);
    dataSource.setMaximumPoolSize(2);
    dataSource.setInitializationFailTimeout(-1);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      node.start();
      node.awaitReady(Duration.ofMinutes(6));
      List<Cluster.Patient> patients = Cluster.enrol(jdbc, 40, Duration.ofHours(1), VitalSign.SPO2.code());

      List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger answeredBeforeStop = new AtomicInteger();
      AtomicInteger created = new AtomicInteger();
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        load.add(clients.submit(() -> {
          while (running.get()) {
            Cluster.Patient patient = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
            String identifier = UUID.randomUUID().toString();
            String sent = observations.spo2OfTheMix(patient.nationalId(), identifier);
            HttpResponse<String> response = observations.post(node.url(), api.monitoringToken(), sent);
            answers.add(new Answer(identifier, sent, response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null)));
            answeredBeforeStop.incrementAndGet();
            if (response.statusCode() == 201) {
              created.incrementAndGet();
            }
            Thread.sleep(20);
          }
          return null;
        }));
      }

      await().atMost(Duration.ofMinutes(2)).until(() -> answeredBeforeStop.get() >= 200);
      database.close(); // fast shutdown: transactions in flight are cut off
      await("the node says it is not ready while PostgreSQL is down").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500)).until(() -> !node.ready());
      int duringOutage = answers.size();
      // the workers' long poll too: a 503 they back off from, not a 500 naming the engine's exception
      HttpResponse<String> fetch = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(node.url() + "/engine-rest/external-task/fetchAndLock"))
          .header("Authorization", "Bearer " + api.workersToken()).header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"workerId\":\"restart-it\",\"maxTasks\":1,"
              + "\"topics\":[{\"topicName\":\"messaging-deliver-message\",\"lockDuration\":1000,"
              + "\"variables\":[\"messageId\"]}]}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(fetch.statusCode()).as(fetch.body()).isEqualTo(503);
      assertThat(fetch.headers().firstValue("Retry-After")).isPresent();
      assertThat(fetch.body()).doesNotContain("Exception", "org.", "java.");
      Thread.sleep(8_000);
      assertThat(answers.size()).as("requests were answered during the outage, not left hanging")
          .isGreaterThan(duringOutage);

      database = EmbeddedDatabase.start(directory.resolve("postgres"), port, true);
      await("the node is ready again by itself").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
          .until(node::ready);
      int createdBeforeRestart = created.get();
      await("readings are stored again").atMost(Duration.ofMinutes(1))
          .until(() -> created.get() >= createdBeforeRestart + 50);
      Outages.stop(running, load);
      assertThat(node.alive()).as("the same process throughout: no restart of the node").isTrue();
      assertThat(Files.readString(node.log()))
          .as("the outage is said in Carepath's lines, not in a stack trace per failed rollback")
          .doesNotContain("Application exception overridden by rollback exception");

      List<Answer> all = List.copyOf(answers);
      Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
      assertThat(byStatus.keySet()).as("only stored (201) or unavailable (503): " + byStatus).containsOnly(201, 503);
      assertThat(byStatus.get(503)).as("the outage was seen").isPositive();
      for (Answer unavailable : all.stream().filter(answer -> answer.status() == 503).toList()) {
        Outages.assertTransient(unavailable.body(), unavailable.retryAfter());
      }

      List<UUID> stored201 = all.stream().filter(answer -> answer.status() == 201)
          .map(answer -> observations.readingId(answer.identifier())).toList();
      List<UUID> stored = jdbc.sql("select id from followup_reading where id = any(:ids)")
          .param("ids", stored201.toArray(UUID[]::new)).query(UUID.class).list();
      assertThat(stored).as("every reading answered 201 is stored, once").containsExactlyInAnyOrderElementsOf(stored201);
      // A 503 says "not known to be stored": a commit PostgreSQL wrote just before it cut the connection is
      // stored although the request could not learn so. Such a reading is stored once, and the platform's
      // resend of every 503 is then answered 2xx (200 for one already stored) and leaves each stored exactly once.
      List<Answer> refused = all.stream().filter(answer -> answer.status() == 503).toList();
      List<UUID> unavailable = refused.stream().map(answer -> observations.readingId(answer.identifier())).toList();
      List<UUID> storedDespite503 = jdbc.sql("select id from followup_reading where id = any(:ids)")
          .param("ids", unavailable.toArray(UUID[]::new)).query(UUID.class).list();
      assertThat(storedDespite503).as("a reading answered 503 is stored at most once").doesNotHaveDuplicates();
      for (Answer again : refused) {
        HttpResponse<String> resent = observations.post(node.url(), api.monitoringToken(), again.sent());
        assertThat(resent.statusCode()).as("the platform's resend of a 503: " + resent.body()).isIn(200, 201);
      }
      assertThat(jdbc.sql("select id from followup_reading where id = any(:ids)")
          .param("ids", unavailable.toArray(UUID[]::new)).query(UUID.class).list())
          .as("every reading answered 503 is stored exactly once after its resend")
          .containsExactlyInAnyOrderElementsOf(unavailable);

      await("every deviation reaches the engine after the restart").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.sql("""
              select count(*) from followup_deviation
              where status = 'OPEN' and (signalled_colour is null or signalled_colour <> colour)
              """).query(Long.class).single() == 0);
    } finally {
      clients.shutdownNow();
      node.close();
      dataSource.close();
      database.close();
    }
  }

}
