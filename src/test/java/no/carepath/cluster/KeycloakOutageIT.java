package no.carepath.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;

/**
 * Keycloak down (issue 14): a node of the production jar whose Keycloak is reached through a relay
 * the test cuts, as when Keycloak's machine goes away. Tokens already issued keep working (the
 * node keeps the signing keys it fetched), readings are stored and their deviations become nurse
 * tasks (the engine needs no Keycloak), a new sign-in gets the Norwegian page with {@code
 * Retry-After} instead of a browser error, and a token signed by a key the node has not seen gets
 * 503, not 500. Keycloak back: sign-ins start again by themselves.
 *
 * <p>The node's Keycloak is a realm of its own in the test platform's Keycloak, imported from
 * {@code realm/carepath-realm.json} with the relay as its frontend URL, so its tokens name the relay
 * as their issuer and every call of the node to Keycloak goes through the relay.
 */
class KeycloakOutageIT {

  private static final String REALM = "carepath-outage";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SIGN_IN = "/oauth2/authorization/keycloak";

  private final TestPlatform platform = TestPlatform.get();
  private final Api api = new Api(platform);
  private final Observations observations = new Observations("urn:carepath:keycloak-outage-it");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void whileKeycloakIsDownIssuedTokensKeepWorkingSignInsGetTheNorwegianPageAndNothingIsLost() throws Exception {
    Path directory = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target/keycloak-outage");
    Files.createDirectories(directory);
    int keycloakPort = URI.create(platform.keycloakUrl()).getPort();
    try (TcpProxy relay = TcpProxy.start(keycloakPort);
         Cluster cluster = Cluster.create(platform, directory, 1, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"))) {
      String keycloak = "http://localhost:" + relay.port();
      createRealm(keycloak, cluster.url());
      try {
        Node node = cluster.node(0).with("CAREPATH_KEYCLOAK_URL", keycloak).with("CAREPATH_KEYCLOAK_REALM", REALM);
        node.start();
        node.awaitReady(Duration.ofMinutes(6));
        Cluster.Patient patient = cluster.enrol(1, Duration.ofHours(1), VitalSign.SPO2.code()).get(0);
        String monitoring = token(keycloak, Map.of("grant_type", "client_credentials", "client_id", "carepath-monitoring",
            "client_secret", platform.secret("CAREPATH_MONITORING_CLIENT_SECRET")));
        String nurse = token(keycloak, Map.of("grant_type", "password", "client_id", "carepath-cli",
            "username", "jonas.lie", "password", platform.demoPassword()));
        assertThat(issuer(nurse)).as("the realm's tokens name the relay as issuer").isEqualTo(keycloak + "/realms/" + REALM);

        // Keycloak up: the node fetches the signing keys with the first token and keeps them
        assertThat(observations.post(node.url(), monitoring, observations.spo2(patient.nationalId(), "up", 96))
            .statusCode()).isEqualTo(201);
        assertThat(get(node.url() + "/engine-rest/task/count", nurse).statusCode()).isEqualTo(200);
        assertThat(get(node.url() + SIGN_IN, null).headers().firstValue("Location").orElse(""))
            .as("a sign-in goes to Keycloak").startsWith(keycloak + "/realms/" + REALM + "/");

        relay.cut();

        HttpResponse<String> red = observations.post(node.url(), monitoring,
            observations.spo2(patient.nationalId(), "down-red", 86));
        assertThat(red.statusCode()).as("a token issued before the outage: the reading is stored").isEqualTo(201);
        await("the red deviation becomes a nurse's task without Keycloak").atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> cluster.jdbc().sql("select count(*) from act_ru_task where task_def_key_ = 'Task_HandleRedDeviation'")
                .query(Long.class).single() == 1);
        HttpResponse<String> count = get(node.url() + "/engine-rest/task/count?taskDefinitionKey=Task_HandleRedDeviation", nurse);
        assertThat(count.statusCode()).as("the nurse, signed in before, works on").isEqualTo(200);
        assertThat(JSON.readTree(count.body()).path("count").asLong()).isEqualTo(1);

        await("Keycloak's absence is noticed within seconds").atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofSeconds(1)).until(() -> get(node.url() + SIGN_IN, null).statusCode() == 503);
        HttpResponse<String> signIn = get(node.url() + SIGN_IN, null);
        assertThat(signIn.headers().firstValue("Retry-After")).isPresent();
        assertThat(signIn.body()).contains("Du kan ikke logge inn akkurat nå").doesNotContain("Exception", "org.", "java.");

        // a token signed by a key the node has never seen (another realm's): its keys cannot be fetched now
        HttpResponse<String> unknownKey = get(node.url() + "/engine-rest/task/count", api.tokenOf("jonas.lie"));
        assertThat(unknownKey.statusCode()).as("an identity outage, not a server error").isEqualTo(503);
        assertThat(unknownKey.headers().firstValue("Retry-After")).isPresent();
        assertThat(unknownKey.body()).doesNotContain("Exception", "org.", "java.");

        relay.restore();

        await("sign-ins start again by themselves").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> get(node.url() + SIGN_IN, null).statusCode() == 302);
        String fresh = token(keycloak, Map.of("grant_type", "password", "client_id", "carepath-cli",
            "username", "ingrid.berg", "password", platform.demoPassword()));
        assertThat(get(node.url() + "/engine-rest/task/count", fresh).statusCode()).isEqualTo(200);
        assertThat(get(node.url() + "/engine-rest/task/count", api.tokenOf("jonas.lie")).statusCode())
            .as("the other realm's token, its keys now known to be not Keycloak's for this node").isEqualTo(401);
        assertThat(cluster.jdbc().sql("select count(*) from followup_reading where id = any(:ids)")
            .param("ids", new UUID[] {observations.readingId("up"), observations.readingId("down-red")})
            .query(Long.class).single()).as("both readings stored, once").isEqualTo(2);
        assertThat(Files.readString(node.log())).doesNotContain("Exception in thread");
      } finally {
        deleteRealm();
      }
    }
  }

  private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String token(String keycloak, Map<String, String> form) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/" + REALM
            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private static String issuer(String token) throws IOException {
    return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("iss").asText();
  }

  /** The Carepath realm as {@code realm/} has it, under another name, its frontend URL the relay's. */
  private void createRealm(String frontendUrl, String baseUrl) throws IOException, InterruptedException {
    deleteRealm();
    Path file = Path.of(System.getProperty("carepath.realm-file",
        Path.of(System.getProperty("carepath.project-dir", ".")).resolve("realm/carepath-realm.json").toString()));
    String text = Files.readString(file);
    Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      String value = name.equals("CAREPATH_BASE_URL") ? baseUrl : platform.secret(name);
      String quoted = JSON.writeValueAsString(value); // inside a JSON string: escaped, without its quotes
      placeholder.appendReplacement(resolved, Matcher.quoteReplacement(quoted.substring(1, quoted.length() - 1)));
    }
    placeholder.appendTail(resolved);
    ObjectNode realm = (ObjectNode) JSON.readTree(resolved.toString());
    realm.put("realm", REALM);
    realm.withObject("/attributes").put("frontendUrl", frontendUrl);
    HttpResponse<String> created = http.send(admin("/admin/realms").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(realm.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as("Keycloak imports the realm: " + created.body()).isEqualTo(201);
  }

  private void deleteRealm() throws IOException, InterruptedException {
    http.send(admin("/admin/realms/" + REALM).DELETE().build(), HttpResponse.BodyHandlers.discarding());
  }

  private HttpRequest.Builder admin(String path) throws IOException, InterruptedException {
    HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(platform.keycloakUrl()
            + "/realms/master/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
            "username", "admin", "password", platform.keycloakAdminPassword())))).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(token.body());
    return HttpRequest.newBuilder(URI.create(platform.keycloakUrl() + path)).timeout(Duration.ofMinutes(1))
        .header("Authorization", "Bearer " + answer.path("access_token").asText());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }
}
