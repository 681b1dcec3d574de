package no.carepath.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import no.carepath.Referrals;
import no.carepath.TestPlatform;
import no.carepath.simulator.HospitalSimulator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several nodes of the production jar on one PostgreSQL database of their own (on the tests'
 * PostgreSQL server, so the shared integration-test context never sees their data), behind HAProxy,
 * with the tests' Keycloak and a hospital simulator that answers to the balancer. Nodes are made
 * here and started by the caller: the first must start alone on the empty database (it migrates).
 */
public final class Cluster implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestPlatform platform;
  private final List<Node> nodes = new ArrayList<>();
  private final Haproxy haproxy;
  private final HospitalSimulator hospital;
  private final HikariDataSource dataSource;
  private final JdbcClient jdbc;

  /** A seeded patient in active follow-up: measured signs and thresholds as the municipality's defaults. */
  public record Patient(String nationalId, String episodeId, int monitoringKey) {
  }

  private Cluster(TestPlatform platform, Path directory, int nodeCount, List<String> jvmOptions) {
    this.platform = platform;
    Map<String, String> shared = platform.properties();
    String database = "carepath_nodes_" + Long.toHexString(System.nanoTime());
    String serverUrl = shared.get("CAREPATH_DB_URL");
    String url = serverUrl.replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
    execute(serverUrl, shared, "create database " + database + " encoding 'UTF8'");

    Map<String, String> environment = new LinkedHashMap<>();
    shared.forEach((name, value) -> {
      if (name.equals(name.toUpperCase())) {
        environment.put(name, value);
      }
    });
    environment.put("CAREPATH_DB_URL", url);
    for (int n = 0; n < nodeCount; n++) {
      nodes.add(new Node(Character.toString('a' + n), environment, directory, jvmOptions));
    }
    haproxy = Haproxy.start(directory, nodes.stream().map(Node::port).toList());
    hospital = HospitalSimulator.start(0, directory.resolve("hospital"), haproxy.url(), platform.tokenEndpoint(),
        "carepath-messaging", platform.secret("CAREPATH_MESSAGING_CLIENT_SECRET"), "carepath-hospital",
        platform.secret("CAREPATH_HOSPITAL_CLIENT_SECRET"), Duration.ofSeconds(2));
    for (Node node : nodes) {
      node.with("CAREPATH_BASE_URL", haproxy.url()).with("CAREPATH_HOSPITAL_MESSAGING_URL", hospital.url());
    }
    allowSignInThrough(haproxy.url());

    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(shared.get("CAREPATH_DB_USER"));
    dataSource.setPassword(shared.get("CAREPATH_DB_PASSWORD"));
    dataSource.setMaximumPoolSize(4);
    jdbc = JdbcClient.create(dataSource);
  }

  public static Cluster create(TestPlatform platform, Path directory, int nodes, List<String> jvmOptions) {
    return new Cluster(platform, directory, nodes, jvmOptions);
  }

  public Node node(int index) {
    return nodes.get(index);
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The balancer's address: what users, the home-monitoring platform and the hospital call. */
  public String url() {
    return haproxy.url();
  }

  public HospitalSimulator hospital() {
    return hospital;
  }

  /** The nodes' database. */
  public JdbcClient jdbc() {
    return jdbc;
  }

  /**
   * Patients in active follow-up, written directly (the pathway that enrols them is not what is
   * tested): measuring the given signs every 24 hours since {@code enrolledAgo} before now.
   */
  public List<Patient> enrol(int count, Duration enrolledAgo, int... signs) {
    return enrol(jdbc, count, enrolledAgo, signs);
  }

  /** {@link #enrol(int, Duration, int...)} on any Carepath database. */
  public static List<Patient> enrol(JdbcClient jdbc, int count, Duration enrolledAgo, int... signs) {
    Set<String> numbers = new LinkedHashSet<>();
    while (numbers.size() < count) {
      numbers.add(Referrals.syntheticNationalId());
    }
    String measured = "{" + String.join(",", java.util.Arrays.stream(signs).mapToObj(Integer::toString).toList()) + "}";
    List<Patient> patients = new ArrayList<>();
    for (String number : numbers) {
      UUID patient = UUID.randomUUID();
      jdbc.sql("""
          insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
          values (:id, :number, 'Node', 'Test', date '1940-01-01', '1804', now())
          """).param("id", patient).param("number", number).update();
      String caseId = jdbc.sql("""
          insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
          values ('NOD-' || nextval('allocation_case_number'), :patient, '1804', 'GP_REFERRAL', 'FINAL', now(), 'test')
          returning case_id
          """).param("patient", patient).query(String.class).single();
      UUID decision = jdbc.sql("""
          insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by,
            decided_by_name, decided_at)
          values (gen_random_uuid(), :case, 1, 'GRANTED', '["DIGITAL_HOME_FOLLOW_UP"]', 'test', 'test', 'test', 'Test',
            now())
          returning id
          """).param("case", caseId).query(UUID.class).single();
      Map<String, Object> episode = jdbc.sql("""
          insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id,
            created_at, phase, monitoring_key, enrolled_at, measured_signs)
          values ('EPS-' || nextval('followup_episode_number'), :case, :patient, '1804', 'ACTIVE', :decision, now(),
            'FOLLOW_UP', nextval('followup_monitoring_key'), now() - make_interval(secs => :ago), cast(:signs as smallint[]))
          returning episode_id, monitoring_key
          """).param("case", caseId).param("patient", patient).param("decision", decision)
          .param("ago", (double) enrolledAgo.toSeconds()).param("signs", measured).query().singleRow();
      patients.add(new Patient(number, (String) episode.get("episode_id"), ((Number) episode.get("monitoring_key")).intValue()));
    }
    return patients;
  }

  /**
   * Lets people sign in through the balancer: its address joins the webapp client's redirect URIs,
   * as an operator registers the public address of a load balancer in Keycloak.
   */
  private void allowSignInThrough(String baseUrl) {
    HttpClient http = HttpClient.newHttpClient();
    try {
      String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(platform.keycloakUrl()
                  + "/realms/master/protocol/openid-connect/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password="
                  + URLEncoder.encode(platform.keycloakAdminPassword(), StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
      String clients = platform.keycloakUrl() + "/admin/realms/carepath/clients";
      JsonNode client = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=carepath-webapp"))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body()).get(0);
      ArrayNode redirects = (ArrayNode) client.path("redirectUris");
      redirects.add(baseUrl + "/*");
      ObjectNode attributes = (ObjectNode) client.path("attributes");
      attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText() + "##" + baseUrl + "/*");
      int status = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(client.toString())).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode();
      if (status != 204) {
        throw new IllegalStateException("Keycloak refused the balancer's redirect URI: " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(Node::close);
    haproxy.close();
    hospital.close();
    dataSource.close();
  }

  private static void execute(String url, Map<String, String> shared, String statement) {
    try (Connection connection = DriverManager.getConnection(url, shared.get("CAREPATH_DB_USER"),
        shared.get("CAREPATH_DB_PASSWORD")); var sql = connection.createStatement()) {
      sql.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
