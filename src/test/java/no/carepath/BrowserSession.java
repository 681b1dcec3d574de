package no.carepath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser session without a browser: logs in through Keycloak's real login form (the
 * OIDC code flow, as Chromium does it) and then calls Carepath's pages and the webapps' API with the
 * session cookie, Spring's CSRF token for forms and Camunda's for the webapps' API.
 */
public final class BrowserSession {

  private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  private final TestPlatform platform;
  private final CookieManager cookies;
  private final HttpClient http;
  private final String username;
  private final String baseUrl;

  /**
   * Keycloak marks its login cookies {@code Secure}; a browser sends them to http://localhost anyway
   * (a secure context), Java's cookie store would not. The test platform runs on localhost only.
   */
  private static final class LocalCookies extends java.net.CookieHandler {
    private final CookieManager delegate;

    LocalCookies(CookieManager delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers)
        throws IOException {
      return delegate.get(uri, headers);
    }

    @Override
    public void put(URI uri, Map<String, java.util.List<String>> headers) throws IOException {
      Map<String, java.util.List<String>> local = new LinkedHashMap<>();
      headers.forEach((name, values) -> local.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
          ? values.stream().map(value -> value.replaceAll("(?i);\\s*Secure", "")).toList() : values));
      delegate.put(uri, local);
    }
  }

  private BrowserSession(TestPlatform platform, String username, String baseUrl) {
    this.platform = platform;
    this.username = username;
    this.baseUrl = baseUrl;
    this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    this.http = HttpClient.newBuilder().cookieHandler(new LocalCookies(cookies))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private BrowserSession(BrowserSession session, String baseUrl) {
    this.platform = session.platform;
    this.username = session.username;
    this.baseUrl = baseUrl;
    this.cookies = session.cookies;
    this.http = session.http;
  }

  /** Logs a demo user in through Keycloak, starting from {@code /app}. */
  public static BrowserSession login(TestPlatform platform, String username) {
    return login(platform, platform.baseUrl(), username);
  }

  /** Logs a demo user in at another address of Carepath (a load balancer in front of nodes). */
  public static BrowserSession login(TestPlatform platform, String baseUrl, String username) {
    BrowserSession session = new BrowserSession(platform, username, baseUrl);
    session.logIn();
    return session;
  }

  /** The same browser (its cookies) asking another address of Carepath: one node behind the balancer. */
  public BrowserSession via(String otherBaseUrl) {
    return new BrowserSession(this, otherBaseUrl);
  }

  public String username() {
    return username;
  }

  private void logIn() {
    Api.Response page = follow(send(get(baseUrl + "/app")));
    Matcher action = FORM_ACTION.matcher(page.body());
    if (!action.find()) {
      throw new IllegalStateException("No Keycloak login form for " + username + ": " + page.status());
    }
    String target = action.group(1).replace("&amp;", "&");
    Api.Response after = follow(send(HttpRequest.newBuilder(URI.create(target))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", platform.demoPassword(),
            "credentialId", "")))).build()));
    if (after.status() >= 400 || after.body().contains("kc-form-login")) {
      throw new IllegalStateException("Keycloak did not log " + username + " in: " + after.status());
    }
  }

  /** GET as a browser asks for a page. */
  public Api.Response getPage(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build());
  }

  /** GET as the webapps ask their API (JSON). */
  public Api.Response getJson(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json")
        .header("Referer", baseUrl + refererFor(path)).GET().build());
  }

  /** POST of a page's form, with Spring's CSRF token from the layout. */
  public Api.Response postForm(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", springCsrfToken());
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form(withToken))).build());
  }

  /** A file a form returns (a PDF). */
  public record Download(int status, String contentType, byte[] body) {
  }

  /** GET of a file (a CSV download). */
  public Download getFile(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POST of a page's form that answers with a file. */
  public Download download(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", springCsrfToken());
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(withToken))).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A change through the webapps' API, with Camunda's CSRF header (or a given one, to test the check). */
  public Api.Response sendJson(String method, String path, String json, String csrfToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("Referer", baseUrl + refererFor(path))
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    String token = csrfToken != null ? csrfToken : camundaCsrfToken();
    if (token != null && !token.isEmpty()) {
      request.header("X-XSRF-TOKEN", token);
    }
    return send(request.build());
  }

  public Api.Response sendJson(String method, String path, String json) {
    return sendJson(method, path, json, null);
  }

  /** A query the Tasklist makes for a filter's cards: HAL, with the cards' variables embedded. */
  public Api.Response postHal(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json").header("Accept", "application/hal+json")
        .header("Referer", baseUrl + refererFor(path)).header("X-XSRF-TOKEN", camundaCsrfToken())
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Camunda's CSRF token: set as a cookie on the webapps' GET requests. */
  public String camundaCsrfToken() {
    String token = cookie("XSRF-TOKEN");
    if (token == null) {
      getJson("/camunda/api/admin/auth/user/default");
      token = cookie("XSRF-TOKEN");
    }
    return token;
  }

  private String springCsrfToken() {
    Api.Response start = getPage("/app");
    Matcher meta = CSRF_META.matcher(start.body());
    if (!meta.find()) {
      throw new IllegalStateException("No CSRF token on /app for " + username + ": " + start.status());
    }
    return meta.group(1);
  }

  private String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  private static String refererFor(String path) {
    if (path.startsWith("/camunda/api/cockpit")) {
      return "/camunda/app/cockpit/default/";
    }
    if (path.startsWith("/camunda/api/admin")) {
      return "/camunda/app/admin/default/";
    }
    return "/camunda/app/tasklist/default/";
  }

  private HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build();
  }

  private Api.Response follow(Api.Response response) {
    Api.Response current = response;
    for (int hops = 0; hops < 10 && current.status() / 100 == 3; hops++) {
      String location = current.header("Location");
      URI next = URI.create(current.uri()).resolve(location);
      current = send(get(next.toString()));
    }
    return current;
  }

  private Api.Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Api.Response(response.statusCode(), response.body(), response.headers(), request.uri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  /** The cards of one of the Tasklist's filters, by its Norwegian name, as the Tasklist asks for them. */
  public com.fasterxml.jackson.databind.JsonNode filterList(String name) {
    String filter = null;
    for (com.fasterxml.jackson.databind.JsonNode candidate : getJson(
        "/camunda/api/engine/engine/default/filter?resourceType=Task").json()) {
      if (candidate.path("name").asText().equals(name)) {
        filter = candidate.path("id").asText();
      }
    }
    if (filter == null) {
      throw new AssertionError("No Tasklist filter named " + name);
    }
    return postHal("/camunda/api/engine/engine/default/filter/" + filter + "/list?firstResult=0&maxResults=200", "{}")
        .json();
  }
}
