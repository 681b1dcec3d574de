package no.carepath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.local.EmbeddedDatabase;
import no.carepath.local.LocalKeycloak;
import no.carepath.local.LocalPlatform;
import no.carepath.simulator.GpOfficeSimulator;
import no.carepath.simulator.HomeMonitoringSimulator;
import no.carepath.simulator.HospitalSimulator;
import no.carepath.simulator.MessageReceiverSimulator;
import no.carepath.simulator.LetterDispatchSimulator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real parts the integration tests run against, started once per test JVM: PostgreSQL (embedded
 * from a Maven artifact, or the server named by CAREPATH_TEST_DB_URL), Keycloak 26 from the Maven zip
 * with {@code realm/carepath-realm.json} imported afresh, and the letter-dispatch simulator.
 */
public final class TestPlatform {

  private static TestPlatform instance;

  private final int appPort = freePort();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final String jdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final LocalKeycloak keycloak;
  private final LetterDispatchSimulator letterDispatch;
  private final HomeMonitoringSimulator homeMonitoring;
  private final GpOfficeSimulator gpOffice;
  private final HospitalSimulator hospital;
  private final MessageReceiverSimulator municipalRecord;
  private final MessageReceiverSimulator healthSupervision;
  private final EmbeddedDatabase database;
  private final String keycloakAdminPassword = randomSecret();
  private final java.util.List<ConfigurableApplicationContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private boolean stopped;

  private TestPlatform() {
    Path target = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target");
    for (String name : new String[] {"CAREPATH_WEBAPP_CLIENT_SECRET", "CAREPATH_WORKERS_CLIENT_SECRET",
        "CAREPATH_INTEGRATIONS_CLIENT_SECRET", "CAREPATH_MONITORING_CLIENT_SECRET", "CAREPATH_MESSAGING_CLIENT_SECRET",
        "CAREPATH_HOSPITAL_CLIENT_SECRET", "CAREPATH_DEMO_PASSWORD"}) {
      secrets.put(name, randomSecret());
    }
    String externalDb = System.getenv("CAREPATH_TEST_DB_URL");
    EmbeddedDatabase database = null;
    if (externalDb == null || externalDb.isBlank()) {
      database = EmbeddedDatabase.start(target.resolve("it-postgres"), 0, false);
      jdbcUrl = database.jdbcUrl();
      dbUser = EmbeddedDatabase.USER;
      dbPassword = "";
    } else {
      jdbcUrl = externalDb;
      dbUser = System.getenv().getOrDefault("CAREPATH_TEST_DB_USER", "postgres");
      dbPassword = System.getenv().getOrDefault("CAREPATH_TEST_DB_PASSWORD", "");
    }
    try {
      keycloak = startKeycloak(target);
    } catch (RuntimeException failure) {
      // nothing else would stop it: the shutdown hook below is not registered yet, and a PostgreSQL left running
      // makes the next run's initdb in the same folder fail
      if (database != null) {
        database.close();
      }
      throw failure;
    }
    deleteRecursively(target.resolve("it-home-monitoring"));
    String tokenEndpoint = keycloak.issuer() + "/protocol/openid-connect/token";
    String messagingSecret = secrets.get("CAREPATH_MESSAGING_CLIENT_SECRET");
    letterDispatch = LetterDispatchSimulator.start(0, target.resolve("it-letter-dispatch"), baseUrl(), tokenEndpoint,
        "carepath-messaging", messagingSecret);
    hospital = HospitalSimulator.start(0, target.resolve("it-hospital"), baseUrl(), tokenEndpoint, "carepath-messaging",
        messagingSecret, "carepath-hospital", secrets.get("CAREPATH_HOSPITAL_CLIENT_SECRET"), Duration.ofSeconds(2));
    municipalRecord = MessageReceiverSimulator.municipalRecord(0, target.resolve("it-municipal-record"), baseUrl(),
        tokenEndpoint, "carepath-messaging", messagingSecret);
    healthSupervision = MessageReceiverSimulator.healthSupervision(0, target.resolve("it-helsetilsynet"), baseUrl(),
        tokenEndpoint, "carepath-messaging", messagingSecret);
    // no scheduled readings: the tests send what they need
    homeMonitoring = HomeMonitoringSimulator.start(0, target.resolve("it-home-monitoring"), baseUrl(), tokenEndpoint,
        "carepath-monitoring", secrets.get("CAREPATH_MONITORING_CLIENT_SECRET"), null);
    gpOffice = GpOfficeSimulator.start(0, baseUrl(), tokenEndpoint, "carepath-messaging",
        secrets.get("CAREPATH_MESSAGING_CLIENT_SECRET"), Duration.ofSeconds(1));
    this.database = database;
    // fallback if the JUnit session listener did not run
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    keycloak.awaitReady(Duration.ofMinutes(4));
  }

  private LocalKeycloak startKeycloak(Path target) {
    Path keycloakData = target.resolve("it-keycloak-data");
    deleteRecursively(keycloakData);
    return LocalKeycloak.start(Path.of(System.getProperty("carepath.keycloak.home")), keycloakData,
        Path.of(System.getProperty("carepath.realm-file")), freePort(), keycloakAdminPassword,
        LocalPlatform.realmPlaceholders("http://localhost:" + appPort, secrets), target.resolve("it-keycloak.log"));
  }

  /** The application contexts started on this platform; closed before the platform stops. */
  public void remember(ConfigurableApplicationContext context) {
    contexts.add(context);
  }

  /** Called when the JUnit session ends ({@link TestPlatformSessionListener}). */
  static synchronized void stopIfStarted() {
    if (instance != null) {
      instance.stop();
    }
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    contexts.forEach(ConfigurableApplicationContext::close);
    letterDispatch.close();
    homeMonitoring.close();
    gpOffice.close();
    hospital.close();
    municipalRecord.close();
    healthSupervision.close();
    keycloak.close();
    if (database != null) {
      database.close();
    }
  }

  public static synchronized TestPlatform get() {
    if (instance == null) {
      instance = new TestPlatform();
    }
    return instance;
  }

  /** Spring properties that point the application at these parts. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>(secrets);
    properties.put("server.port", Integer.toString(appPort));
    properties.put("CAREPATH_DB_URL", jdbcUrl);
    properties.put("CAREPATH_DB_USER", dbUser);
    properties.put("CAREPATH_DB_PASSWORD", dbPassword);
    properties.put("CAREPATH_KEYCLOAK_URL", keycloak.url());
    properties.put("CAREPATH_LETTER_DISPATCH_URL", letterDispatch.url());
    properties.put("CAREPATH_MONITORING_PLATFORM_URL", homeMonitoring.fhirUrl());
    properties.put("CAREPATH_GP_DIALOGUE_URL", gpOffice.url());
    properties.put("CAREPATH_HOSPITAL_MESSAGING_URL", hospital.url());
    properties.put("CAREPATH_MUNICIPAL_RECORD_URL", municipalRecord.url());
    properties.put("CAREPATH_HEALTH_SUPERVISION_URL", healthSupervision.url());
    // tests look for signals themselves (SignalWatch), so no signal task appears in another test's Tasklist
    properties.put("CAREPATH_METRICS_SIGNALS", "false");
    return properties;
  }

  public String baseUrl() {
    return "http://localhost:" + appPort;
  }

  public String tokenEndpoint() {
    return keycloak.issuer() + "/protocol/openid-connect/token";
  }

  /** Keycloak's own base URL (its admin API under /admin). */
  public String keycloakUrl() {
    return keycloak.url();
  }

  /** The password of Keycloak's bootstrap administrator {@code admin} (master realm). */
  public String keycloakAdminPassword() {
    return keycloakAdminPassword;
  }

  public String demoPassword() {
    return secrets.get("CAREPATH_DEMO_PASSWORD");
  }

  public String integrationsSecret() {
    return secrets.get("CAREPATH_INTEGRATIONS_CLIENT_SECRET");
  }

  public String workersSecret() {
    return secrets.get("CAREPATH_WORKERS_CLIENT_SECRET");
  }

  public LetterDispatchSimulator letterDispatch() {
    return letterDispatch;
  }

  public HomeMonitoringSimulator homeMonitoring() {
    return homeMonitoring;
  }

  public HospitalSimulator hospital() {
    return hospital;
  }

  public MessageReceiverSimulator municipalRecord() {
    return municipalRecord;
  }

  public MessageReceiverSimulator healthSupervision() {
    return healthSupervision;
  }

  public GpOfficeSimulator gpOffice() {
    return gpOffice;
  }

  public String secret(String name) {
    return secrets.get(name);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (var files = Files.walk(path)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
