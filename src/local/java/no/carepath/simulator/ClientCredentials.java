package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client-credentials token from Keycloak for a simulated outside system, renewed before it runs out. */
final class ClientCredentials {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final URI tokenEndpoint;
  private final String clientId;
  private final String secret;
  private String token;
  private Instant renewAt = Instant.MIN;

  ClientCredentials(String tokenEndpoint, String clientId, String secret) {
    this.tokenEndpoint = URI.create(tokenEndpoint);
    this.clientId = clientId;
    this.secret = secret;
  }

  synchronized String bearer() throws IOException, InterruptedException {
    if (token == null || Instant.now().isAfter(renewAt)) {
      String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
          + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("Keycloak answered " + response.statusCode() + " for client " + clientId);
      }
      JsonNode body = json.readTree(response.body());
      token = body.path("access_token").asText();
      renewAt = Instant.now().plusSeconds(Math.max(10, body.path("expires_in").asLong(60) - 30));
    }
    return "Bearer " + token;
  }
}
