package no.carepath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.followup.triage.VitalSign;
import no.carepath.local.EmbeddedDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The disk holding the readings full (issue 14): a node of the production jar on a PostgreSQL of its own
 * whose readings (every partition of {@code followup_reading}, the id key {@code followup_reading_id}, their
 * indexes) live in a tablespace on a small file system of their own, which is then filled to the last byte
 * while single readings and batch Bundles come in. PostgreSQL refuses to extend the files ("No space left
 * on device", SQLState 53100). Every answer is a 2xx for what is stored or a 503 with {@code Retry-After}
 * and an OperationOutcome ({@code transient}); never a 500, never a 2xx for what was not stored, never a
 * Bundle stored in part. Space freed, readings are stored again without a restart, and every deviation
 * reaches its nurse.
 *
 * <p>A real file system of a few megabytes needs a {@code tmpfs} mount, which needs root (as on this
 * project's machines); where mounting is not allowed the test is skipped and says why.
 */
class DiskFullIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Observations observations = new Observations("urn:carepath:disk-full-it");
  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);

  private record Answer(List<String> identifiers, int status, String body, String retryAfter) {
  }

  @Test
  void withTheReadingsDiskFullEveryRequestGetsA503NothingInPartAndReadingsResumeWhenThereIsSpace() throws Exception {
    Path mount = Files.createTempDirectory("carepath-disk-full-");
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", mount.toString()) == 0;
    if (!mounted) {
      Files.deleteIfExists(mount);
    }
    Assumptions.assumeTrue(mounted, "a small file system cannot be mounted here (mount -t tmpfs needs root)");
    Path directory = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/disk-full");
    Outages.deleteRecursively(directory.resolve("postgres"));
    int port = Haproxy.freePort();
    EmbeddedDatabase database = EmbeddedDatabase.start(directory.resolve("postgres"), port, false);
    Map<String, String> environment = new LinkedHashMap<>();
    platform.properties().forEach((name, value) -> {
      if (name.equals(name.toUpperCase())) {
        environment.put(name, value);
      }
    });
    environment.put("CAREPATH_DB_URL", database.jdbcUrl());
    environment.put("CAREPATH_DB_USER", EmbeddedDatabase.USER);
    environment.put("CAREPATH_DB_PASSWORD", "");
    Node node = new Node("disk", environment, directory, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
    node.with("CAREPATH_BASE_URL", node.url());
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(database.jdbcUrl());
    dataSource.setUsername(EmbeddedDatabase.USER);
    dataSource.setMaximumPoolSize(2);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    Path filler = mount.resolve("filler");
    try {
      node.start();
      node.awaitReady(Duration.ofMinutes(6));
      List<Cluster.Patient> patients = Cluster.enrol(jdbc, 40, Duration.ofHours(1), VitalSign.SPO2.code());
      moveReadingsTo(jdbc, mount.resolve("tablespace"));
      fill(filler);

      List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger created = new AtomicInteger();
      AtomicInteger refusedCount = new AtomicInteger();
      List<Future<?>> load = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean bundles = t == 0;
        load.add(clients.submit(() -> {
          while (running.get()) {
            List<String> identifiers = new ArrayList<>();
            List<String> resources = new ArrayList<>();
            for (int i = 0; i < (bundles ? 10 : 1); i++) {
              Cluster.Patient patient = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
              String identifier = UUID.randomUUID().toString();
              identifiers.add(identifier);
              resources.add(observations.spo2OfTheMix(patient.nationalId(), identifier));
            }
            HttpResponse<String> response = bundles
                ? observations.postBatch(node.url(), api.monitoringToken(), resources)
                : observations.post(node.url(), api.monitoringToken(), resources.get(0));
            answers.add(new Answer(identifiers, response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").orElse(null)));
            if (response.statusCode() < 300) {
              created.incrementAndGet();
            } else if (response.statusCode() == 503) {
              refusedCount.incrementAndGet();
            }
            Thread.sleep(10);
          }
          return null;
        }));
      }

      await("the full disk is met: readings are refused").atMost(Duration.ofMinutes(2))
          .until(() -> refusedCount.get() >= 30);
      int createdWhileFull = created.get();
      Thread.sleep(2_000);
      assertThat(created.get() - createdWhileFull).as("nothing is stored while the disk stays full").isLessThan(5);

      Files.delete(filler);
      await("readings are stored again once there is space, without a restart").atMost(Duration.ofMinutes(1))
          .until(() -> created.get() >= createdWhileFull + 50);
      Outages.stop(running, load);
      assertThat(node.alive()).as("the same process throughout").isTrue();
      String log = Files.readString(node.log());
      assertThat(log).as("the full disk is recognised and said").contains("SQLState 53100");
      assertThat(log).as("said in Carepath's lines, at most every 30 s, not a line per failed group or a stack trace")
          .doesNotContain("could not be written", "\tat ");

      List<Answer> all = List.copyOf(answers);
      Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
      assertThat(byStatus.keySet()).as("stored (201 single, 200 batch) or unavailable (503): " + byStatus)
          .containsOnly(200, 201, 503);
      for (Answer refused : all.stream().filter(answer -> answer.status() == 503).toList()) {
        Outages.assertTransient(refused.body(), refused.retryAfter(), "pg_tblspc", "No space");
      }
      assertThat(all.stream().filter(answer -> answer.status() == 503 && answer.identifiers().size() > 1).count())
          .as("Bundles met the full disk too").isPositive();
      for (Answer batch : all.stream().filter(answer -> answer.status() == 200).toList()) {
        JsonNode entries = JSON.readTree(batch.body()).path("entry");
        assertThat(entries).hasSize(batch.identifiers().size());
        entries.forEach(entry -> assertThat(entry.path("response").path("status").asText()).startsWith("201"));
      }

      List<UUID> answeredStored = ids(all.stream().filter(answer -> answer.status() < 300));
      List<UUID> stored = jdbc.sql("select id from followup_reading where id = any(:ids)")
          .param("ids", answeredStored.toArray(UUID[]::new)).query(UUID.class).list();
      assertThat(stored).as("every reading answered 2xx is stored, once").containsExactlyInAnyOrderElementsOf(answeredStored);
      List<UUID> refused = ids(all.stream().filter(answer -> answer.status() == 503));
      assertThat(jdbc.sql("select count(*) from followup_reading where id = any(:ids)")
          .param("ids", refused.toArray(UUID[]::new)).query(Long.class).single())
          .as("no reading of a refused request is stored, not one entry of a refused Bundle").isZero();
      assertThat(jdbc.sql("select count(*) from followup_reading_id where id = any(:ids)")
          .param("ids", refused.toArray(UUID[]::new)).query(Long.class).single())
          .as("nor its id").isZero();

      await("every deviation reaches the engine").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> jdbc.sql("""
              select count(*) from followup_deviation
              where status = 'OPEN' and (signalled_colour is null or signalled_colour <> colour)
              """).query(Long.class).single() == 0);
      assertThat(jdbc.sql("""
              select count(*) from followup_deviation d
              where not exists (select 1 from followup_deviation_reading r join followup_reading f on f.id = r.reading_id
                                where r.deviation_id = d.deviation_id)
                and d.kind = 'READING'
              """).query(Long.class).single()).as("no deviation without a stored reading").isZero();
    } finally {
      clients.shutdownNow();
      clients.awaitTermination(30, TimeUnit.SECONDS);
      node.close();
      dataSource.close();
      database.close();
      run("umount", "-l", mount.toString());
      Files.deleteIfExists(mount);
    }
  }

  /** The readings' tables and indexes into a tablespace on the small file system. */
  private static void moveReadingsTo(JdbcClient jdbc, Path location) throws IOException {
    Files.createDirectories(location);
    jdbc.sql("create tablespace readings_disk location '" + location + "'").update();
    List<String> tables = jdbc.sql("""
            select relid::regclass::text from pg_partition_tree('followup_reading') where isleaf
            union all select 'followup_reading_id'
            """).query(String.class).list();
    List<String> indexes = jdbc.sql("select indexrelid::regclass::text from pg_index where indrelid = any(cast(:tables as regclass[]))")
        .param("tables", tables.toArray(String[]::new)).query(String.class).list();
    for (String table : tables) {
      jdbc.sql("alter table " + table + " set tablespace readings_disk").update();
    }
    for (String index : indexes) {
      jdbc.sql("alter index " + index + " set tablespace readings_disk").update();
    }
    // (their TOAST tables and indexes move with them)
    assertThat(jdbc.sql("select count(*) from pg_class c join pg_tablespace t on t.oid = c.reltablespace"
        + " where t.spcname = 'readings_disk'").query(Long.class).single()).isGreaterThanOrEqualTo(tables.size() + indexes.size());
  }

  /** Writes until the file system has no byte left. */
  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).as("the file system is full").containsIgnoringCase("space");
    }
  }

  private List<UUID> ids(java.util.stream.Stream<Answer> answers) {
    return answers.flatMap(answer -> answer.identifiers().stream()).map(observations::readingId).toList();
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

}
