package no.carepath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP against the running application with real Keycloak tokens: a person's token by password
 * grant (client {@code carepath-cli}), a service account's by client credentials.
 */
public final class Api {

  public record Response(int status, String body, java.net.http.HttpHeaders headers, String uri) {
    public Response(int status, String body, java.net.http.HttpHeaders headers) {
      this(status, body, headers, null);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private record CachedToken(String value, Instant expires) {
  }

  public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

  private final TestPlatform platform;

  public Api(TestPlatform platform) {
    this.platform = platform;
  }

  /** A demo user's access token (e.g. {@code ingrid.berg}). */
  public String tokenOf(String username) {
    return token("user:" + username, Map.of("grant_type", "password", "client_id", "carepath-cli",
        "username", username, "password", platform.demoPassword()));
  }

  /** The token of the integrations service account (GP systems, hospitals, application portal). */
  public String integrationsToken() {
    return token("client:carepath-integrations", Map.of("grant_type", "client_credentials",
        "client_id", "carepath-integrations", "client_secret", platform.integrationsSecret()));
  }

  /** The home-monitoring platform's token (group system-monitoring). */
  public String monitoringToken() {
    return token("client:carepath-monitoring", Map.of("grant_type", "client_credentials",
        "client_id", "carepath-monitoring", "client_secret", platform.secret("CAREPATH_MONITORING_CLIENT_SECRET")));
  }

  /** The message service's token (group system-messaging), which delivers GPs' answers. */
  public String messagingToken() {
    return token("client:carepath-messaging", Map.of("grant_type", "client_credentials",
        "client_id", "carepath-messaging", "client_secret", platform.secret("CAREPATH_MESSAGING_CLIENT_SECRET")));
  }

  public String hospitalToken() {
    return token("client:carepath-hospital", Map.of("grant_type", "client_credentials",
        "client_id", "carepath-hospital", "client_secret", platform.secret("CAREPATH_HOSPITAL_CLIENT_SECRET")));
  }

  /** FHIR JSON, as the home-monitoring platform posts it. */
  public Response postFhir(String path, String token, String json) {
    return send(request(path, token).header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public String workersToken() {
    return token("client:carepath-workers", Map.of("grant_type", "client_credentials",
        "client_id", "carepath-workers", "client_secret", platform.workersSecret()));
  }

  public Response delete(String path, String token) {
    return send(request(path, token).DELETE().build());
  }

  public Response get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  /** As a browser asks for a page (Accept: text/html), without a session. */
  public Response getPage(String path) {
    return send(request(path, null).header("Accept", "text/html,application/xhtml+xml").GET().build());
  }

  public Response postJson(String path, String token, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public Response postJson(String path, String token, Object body) {
    try {
      return postJson(path, token, JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response putJson(String path, String token, Object body) {
    try {
      return send(request(path, token).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** multipart/form-data with text fields and files, as Camunda Modeler deploys. */
  public Response postMultipart(String path, String token, Map<String, String> fields, Map<String, byte[]> files) {
    String boundary = "----carepath" + UUID.randomUUID();
    StringBuilder text = new StringBuilder();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    fields.forEach((name, value) -> text.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
        .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    body.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    files.forEach((name, content) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path, token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  public byte[] getBytes(String path, String token) {
    try {
      return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(platform.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers(), request.uri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String token(String key, Map<String, String> form) {
    CachedToken cached = TOKENS.get(key);
    if (cached != null && cached.expires().isAfter(Instant.now())) {
      return cached.value();
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    Response response = send(HttpRequest.newBuilder(URI.create(platform.tokenEndpoint()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (response.status() != 200) {
      throw new IllegalStateException("Keycloak refused a token for " + key + ": " + response.status() + " " + response.body());
    }
    JsonNode token = response.json();
    TOKENS.put(key, new CachedToken(token.path("access_token").asText(),
        Instant.now().plusSeconds(Math.max(10, token.path("expires_in").asLong(60) - 30))));
    return token.path("access_token").asText();
  }

  public static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new java.util.ArrayList<>();
    array.forEach(items::add);
    return items;
  }
}
