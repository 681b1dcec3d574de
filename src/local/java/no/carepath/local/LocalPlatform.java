package no.carepath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.simulator.GpOfficeSimulator;
import no.carepath.simulator.HomeMonitoringSimulator;
import no.carepath.simulator.HospitalSimulator;
import no.carepath.simulator.MessageReceiverSimulator;
import no.carepath.simulator.LetterDispatchSimulator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The one-command platform: starts each outside service that the environment does not name.
 *
 * <ul>
 *   <li>{@code CAREPATH_DB_URL} unset: PostgreSQL from a Maven artifact, data in {@code .carepath/postgres};</li>
 *   <li>{@code CAREPATH_KEYCLOAK_URL} unset: Keycloak 26 from the Maven zip with {@code realm/} imported;</li>
 *   <li>{@code CAREPATH_LETTER_DISPATCH_URL} unset: the letter-dispatch simulator;</li>
 *   <li>{@code CAREPATH_MONITORING_PLATFORM_URL} unset: the home-monitoring simulator, which sends readings;</li>
 *   <li>{@code CAREPATH_GP_DIALOGUE_URL} unset: the GP-office simulator, which answers dialogue messages;</li>
 *   <li>{@code CAREPATH_HOSPITAL_MESSAGING_URL} unset: the hospital simulator;</li>
 *   <li>{@code CAREPATH_MUNICIPAL_RECORD_URL} unset: the municipal-record simulator.</li>
 *   <li>{@code CAREPATH_HEALTH_SUPERVISION_URL} unset: the Helsetilsynet simulator (notifications of serious events).</li>
 * </ul>
 * With all of them set, nothing embedded starts and this class only passes the environment on.
 */
public final class LocalPlatform implements AutoCloseable {

  private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofMinutes(4);

  private final Map<String, String> environment;
  private final Path home;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedDatabase database;
  private LocalKeycloak keycloak;
  private LetterDispatchSimulator letterDispatch;
  private HomeMonitoringSimulator homeMonitoring;
  private GpOfficeSimulator gpOffice;
  private HospitalSimulator hospital;
  private MessageReceiverSimulator municipalRecord;
  private MessageReceiverSimulator healthSupervision;
  private Map<String, String> secrets = Map.of();
  private boolean closed;

  private LocalPlatform(Map<String, String> environment) {
    this.environment = environment;
    this.home = Path.of(setting("CAREPATH_HOME", "carepath.home", ".carepath")).toAbsolutePath().normalize();
  }

  public static LocalPlatform startMissingServices(Map<String, String> environment) {
    quietStartupLogging();
    LocalPlatform platform = new LocalPlatform(environment);
    try {
      platform.start();
      return platform;
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  private void start() {
    boolean localDatabase = blank(environment.get("CAREPATH_DB_URL"));
    boolean localKeycloak = blank(environment.get("CAREPATH_KEYCLOAK_URL"));
    boolean localLetterDispatch = blank(environment.get("CAREPATH_LETTER_DISPATCH_URL"));
    if (localKeycloak) {
      secrets = LocalSecrets.loadOrCreate(home.resolve("local.env"));
      secrets.forEach(properties::put);
    }
    if (localDatabase) {
      int port = Integer.parseInt(setting("CAREPATH_EMBEDDED_DB_PORT", "carepath.embedded-db.port", "15432"));
      System.out.println("Carepath: starting PostgreSQL (embedded, data in " + home.resolve("postgres") + ") ...");
      database = EmbeddedDatabase.start(home.resolve("postgres"), port, true);
      started.add(database);
      properties.put("CAREPATH_DB_URL", database.jdbcUrl());
      properties.put("CAREPATH_DB_USER", EmbeddedDatabase.USER);
      properties.put("CAREPATH_DB_PASSWORD", "");
    }
    if (localKeycloak) {
      int port = Integer.parseInt(setting("CAREPATH_LOCAL_KEYCLOAK_PORT", "carepath.local-keycloak.port", "8180"));
      Path keycloakHome = keycloakHome();
      Path log = home.resolve("logs/keycloak.log");
      keycloak = LocalKeycloak.start(keycloakHome, home.resolve("keycloak-data"), realmFile(), port,
          secrets.get(LocalSecrets.KEYCLOAK_ADMIN_PASSWORD), realmPlaceholders(baseUrl(), secrets), log);
      if (!keycloak.reused()) {
        System.out.println("Carepath: starting Keycloak from " + keycloakHome + " (log: " + log + ") ...");
      }
      started.add(keycloak);
      properties.put("CAREPATH_KEYCLOAK_URL", keycloak.url());
    }
    String tokenEndpoint = (keycloak != null ? keycloak.issuer()
        : environment.get("CAREPATH_KEYCLOAK_URL") + "/realms/" + setting("CAREPATH_KEYCLOAK_REALM", "carepath.keycloak.realm",
            "carepath")) + "/protocol/openid-connect/token";
    if (localLetterDispatch) {
      int port = Integer.parseInt(setting("CAREPATH_SIMULATOR_PORT", "carepath.simulator.port", "8190"));
      letterDispatch = LetterDispatchSimulator.start(port, home.resolve("simulators/letter-dispatch"), baseUrl(),
          tokenEndpoint, "carepath-messaging", secret(LocalSecrets.MESSAGING_CLIENT_SECRET));
      started.add(letterDispatch);
      properties.put("CAREPATH_LETTER_DISPATCH_URL", letterDispatch.url());
    }
    if (blank(environment.get("CAREPATH_HOSPITAL_MESSAGING_URL"))) {
      int port = Integer.parseInt(setting("CAREPATH_HOSPITAL_SIMULATOR_PORT", "carepath.hospital-simulator.port", "8193"));
      hospital = HospitalSimulator.start(port, home.resolve("simulators/hospital"), baseUrl(), tokenEndpoint,
          "carepath-messaging", secret(LocalSecrets.MESSAGING_CLIENT_SECRET), "carepath-hospital",
          secret(LocalSecrets.HOSPITAL_CLIENT_SECRET), Duration.ofSeconds(60));
      started.add(hospital);
      properties.put("CAREPATH_HOSPITAL_MESSAGING_URL", hospital.url());
    }
    if (blank(environment.get("CAREPATH_MUNICIPAL_RECORD_URL"))) {
      int port = Integer.parseInt(setting("CAREPATH_RECORD_SIMULATOR_PORT", "carepath.record-simulator.port", "8194"));
      municipalRecord = MessageReceiverSimulator.municipalRecord(port, home.resolve("simulators/municipal-record"),
          baseUrl(), tokenEndpoint, "carepath-messaging", secret(LocalSecrets.MESSAGING_CLIENT_SECRET));
      started.add(municipalRecord);
      properties.put("CAREPATH_MUNICIPAL_RECORD_URL", municipalRecord.url());
    }
    if (blank(environment.get("CAREPATH_HEALTH_SUPERVISION_URL"))) {
      int port = Integer.parseInt(setting("CAREPATH_HEALTH_SUPERVISION_SIMULATOR_PORT",
          "carepath.health-supervision-simulator.port", "8195"));
      healthSupervision = MessageReceiverSimulator.healthSupervision(port, home.resolve("simulators/helsetilsynet"),
          baseUrl(), tokenEndpoint, "carepath-messaging", secret(LocalSecrets.MESSAGING_CLIENT_SECRET));
      started.add(healthSupervision);
      properties.put("CAREPATH_HEALTH_SUPERVISION_URL", healthSupervision.url());
    }
    if (blank(environment.get("CAREPATH_MONITORING_PLATFORM_URL"))) {
      int port = Integer.parseInt(setting("CAREPATH_MONITORING_SIMULATOR_PORT", "carepath.monitoring-simulator.port", "8191"));
      homeMonitoring = HomeMonitoringSimulator.start(port, home.resolve("simulators/home-monitoring"), baseUrl(),
          tokenEndpoint, "carepath-monitoring", secret(LocalSecrets.MONITORING_CLIENT_SECRET),
          new HomeMonitoringSimulator.Behaviour(Duration.ofMinutes(2), 0.04, 0.01, 0.05, 14));
      started.add(homeMonitoring);
      properties.put("CAREPATH_MONITORING_PLATFORM_URL", homeMonitoring.fhirUrl());
    }
    if (blank(environment.get("CAREPATH_GP_DIALOGUE_URL"))) {
      int port = Integer.parseInt(setting("CAREPATH_GP_SIMULATOR_PORT", "carepath.gp-simulator.port", "8192"));
      gpOffice = GpOfficeSimulator.start(port, baseUrl(), tokenEndpoint, "carepath-messaging",
          secret(LocalSecrets.MESSAGING_CLIENT_SECRET), Duration.ofSeconds(20));
      started.add(gpOffice);
      properties.put("CAREPATH_GP_DIALOGUE_URL", gpOffice.url());
    }
    // demo data (src/local/java, never in the jar): by default only when both database and Keycloak are local
    boolean demo = Boolean.parseBoolean(setting("CAREPATH_DEMO_DATA", "carepath.demo.enabled",
        Boolean.toString(localDatabase && localKeycloak)));
    properties.put("carepath.demo.enabled", Boolean.toString(demo));
    if (demo) {
      // the demo users' competences, beside the realm that names them
      properties.put("carepath.competence.demo-holdings",
          realmFile().toAbsolutePath().resolveSibling("competences.json").toString());
    }
  }

  /** A client secret for a simulator: generated with a local Keycloak, else from the environment. */
  private String secret(String name) {
    String value = secrets.containsKey(name) ? secrets.get(name) : environment.get(name);
    if (blank(value)) {
      throw new IllegalStateException(name + " is not set. With an external Keycloak, either set the URL of the real"
          + " system (see README, Configuration) or give the simulator the client secret in " + name + ".");
    }
    return value;
  }

  /** The placeholders of {@code realm/carepath-realm.json}: client secrets, demo password, app URL. */
  public static Map<String, String> realmPlaceholders(String baseUrl, Map<String, String> secrets) {
    Map<String, String> placeholders = new LinkedHashMap<>();
    placeholders.put("CAREPATH_BASE_URL", baseUrl);
    for (String name : List.of(LocalSecrets.WEBAPP_CLIENT_SECRET, LocalSecrets.WORKERS_CLIENT_SECRET,
        LocalSecrets.INTEGRATIONS_CLIENT_SECRET, LocalSecrets.MONITORING_CLIENT_SECRET,
        LocalSecrets.MESSAGING_CLIENT_SECRET, LocalSecrets.HOSPITAL_CLIENT_SECRET, LocalSecrets.DEMO_PASSWORD)) {
      placeholders.put(name, secrets.get(name));
    }
    return placeholders;
  }

  /** Values for the Spring environment, lowest precedence: the real environment always wins. */
  public Map<String, Object> springProperties() {
    return properties;
  }

  /** When the application is ready: wait for Keycloak, then print where everything is. */
  public ApplicationListener<ApplicationReadyEvent> readinessListener() {
    return event -> {
      if (keycloak != null) {
        keycloak.awaitReady(KEYCLOAK_START_TIMEOUT);
      }
      System.out.println(banner());
    };
  }

  private String banner() {
    String base = baseUrl();
    StringBuilder text = new StringBuilder("\n")
        .append("=".repeat(78)).append('\n')
        .append(" Carepath is ready\n\n")
        .append("   Start      ").append(base).append("/app\n")
        .append("   Tasklist   ").append(base).append("/camunda/app/tasklist/\n")
        .append("   Cockpit    ").append(base).append("/camunda/app/cockpit/\n")
        .append("   Admin      ").append(base).append("/camunda/app/admin/\n")
        .append("   Saker      ").append(base).append("/app/cases\n")
        .append("   Oppfølging ").append(base).append("/app/episodes\n")
        .append("   Sykehusopphold ").append(base).append("/app/stays\n")
        .append("   REST API   ").append(base).append("/engine-rest and ").append(base).append("/api (bearer token)\n");
    if (keycloak != null) {
      text.append("   Keycloak   ").append(keycloak.url()).append("/admin/ (admin / ")
          .append(secrets.get(LocalSecrets.KEYCLOAK_ADMIN_PASSWORD)).append(")\n");
    }
    if (database != null) {
      text.append("   PostgreSQL ").append(database.jdbcUrl()).append(" (user ").append(EmbeddedDatabase.USER).append(")\n");
    }
    if (letterDispatch != null) {
      text.append("   Letter dispatch simulator ").append(letterDispatch.url()).append('\n');
    }
    if (homeMonitoring != null) {
      text.append("   Home-monitoring simulator ").append(homeMonitoring.url()).append(" (readings every 2 minutes;")
          .append(" a red one now: curl -X POST ").append(homeMonitoring.url()).append("/admin/send -d '{\"colour\":\"RED\"}')\n");
    }
    if (gpOffice != null) {
      text.append("   GP-office simulator ").append(gpOffice.url()).append(" (answers dialogue messages after 20 s)\n");
    }
    if (hospital != null) {
      text.append("   Hospital simulator ").append(hospital.url()).append(" (admit a patient: curl -X POST ")
          .append(hospital.url()).append("/admin/send -d '{\"type\":\"ADMITTED\",\"nationalId\":\"15815515169\",")
          .append("\"givenName\":\"Knut\",\"familyName\":\"Berg\"}')\n");
    }
    if (municipalRecord != null) {
      text.append("   Municipal-record simulator ").append(municipalRecord.url()).append(" (journal notes)\n");
    }
    if (healthSupervision != null) {
      text.append("   Helsetilsynet simulator ").append(healthSupervision.url()).append(" (notifications of serious avvik)\n");
    }
    if (keycloak != null) {
      text.append("\n Demo logins, all with the password ").append(secrets.get(LocalSecrets.DEMO_PASSWORD)).append(":\n");
      demoUsers().forEach(line -> text.append("   ").append(line).append('\n'));
      text.append("\n Client secrets for curl: source ").append(home.resolve("local.env")).append('\n');
    }
    text.append(" Stop with Ctrl-C; the next start keeps the data.\n").append("=".repeat(78)).append('\n');
    return text.toString();
  }

  private List<String> demoUsers() {
    try {
      JsonNode realm = new ObjectMapper().readTree(realmFile().toFile());
      Map<String, String> groupDescriptions = new LinkedHashMap<>();
      realm.path("groups").forEach(group -> groupDescriptions.put(group.path("name").asText(),
          group.path("attributes").path("description").path(0).asText("")));
      List<String> lines = new ArrayList<>();
      realm.path("users").forEach(user -> {
        if (user.hasNonNull("firstName") && user.has("credentials")) {
          List<String> roles = new ArrayList<>();
          user.path("groups").forEach(group -> {
            String name = group.asText().replaceFirst("^/", "");
            if (!name.startsWith("municipality-")) {
              roles.add(name + ": " + groupDescriptions.getOrDefault(name, ""));
            }
          });
          lines.add(String.format("%-12s %-14s %s", user.path("username").asText(),
              user.path("firstName").asText() + " " + user.path("lastName").asText(), String.join("; ", roles)));
        }
      });
      return lines;
    } catch (IOException e) {
      return List.of("(could not read " + realmFile() + ": " + e.getMessage() + ")");
    }
  }

  private String baseUrl() {
    return setting("CAREPATH_BASE_URL", "carepath.base-url",
        "http://localhost:" + setting("SERVER_PORT", "server.port", "8080"));
  }

  private Path realmFile() {
    return Path.of(setting("CAREPATH_REALM_FILE", "carepath.realm-file", "realm/carepath-realm.json"));
  }

  private Path keycloakHome() {
    String configured = setting("CAREPATH_KEYCLOAK_HOME", "carepath.keycloak.home", "");
    if (!configured.isBlank()) {
      return Path.of(configured);
    }
    Path unpacked = home.resolve("keycloak");
    try (Stream<Path> entries = Files.exists(unpacked) ? Files.list(unpacked) : Stream.empty()) {
      return entries.filter(path -> path.getFileName().toString().startsWith("keycloak-")).findFirst()
          .orElse(unpacked.resolve("keycloak"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String setting(String environmentName, String systemProperty, String fallback) {
    String value = environment.get(environmentName);
    if (blank(value)) {
      value = System.getProperty(systemProperty);
    }
    return blank(value) ? fallback : value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** Before Spring Boot configures logging, Logback would print every debug line of the embedded services. */
  private static void quietStartupLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
      context.getLogger("io.zonky").setLevel(Level.WARN);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("Carepath: could not stop " + started.get(i).getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
