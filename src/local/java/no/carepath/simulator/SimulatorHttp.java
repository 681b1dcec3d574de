package no.carepath.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the simulators of outside systems share: a small HTTP server on 127.0.0.1, JSON answers,
 * bounded request bodies, an outage switch ({@code POST .../admin/outage} with
 * {@code {"down": true}}) to show retries and incidents, and for receiving systems the application
 * receipts ({@code POST .../admin/receipts} with {@code {"mode": "OK"|"REJECTED"|"NONE",
 * "delaySeconds": n}}). Their timestamps come from {@link #useClock(Clock)}: the system clock in Oslo,
 * or a benchmark's simulated clock.
 */
abstract class SimulatorHttp implements AutoCloseable {

  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  final HttpServer server;
  private final String basePath;
  volatile boolean down;
  /** What "now" is in the messages this system sends. */
  volatile Clock clock = Clock.system(ZoneId.of("Europe/Oslo"));
  private ReceiptSender receipts;

  SimulatorHttp(int port, String basePath, String name) {
    this.basePath = basePath;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the " + name + " on port " + port
          + ". Choose another port (see README, Configuration).", e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(basePath + "/admin/outage", this::outage);
  }

  void start() {
    server.start();
  }

  /** This system sends application receipts for what it receives, with the given client's token. */
  void sendReceipts(String carepathBaseUrl, ClientCredentials credentials, java.time.Duration delay, String name) {
    receipts = new ReceiptSender(carepathBaseUrl, credentials, delay, name, () -> clock.instant());
    server.createContext(basePath + "/admin/receipts", this::receiptsAdmin);
  }

  /** Sends the receipt of a message taken now, later (nothing when receipts are off). */
  void receiptLater(String messageKey, String rejection) {
    if (receipts != null) {
      receipts.later(messageKey, rejection);
    }
  }

  /** For tests: the receipts to send from now on. */
  public void setReceipts(String mode) {
    receipts.setMode(ReceiptSender.Mode.valueOf(mode));
  }

  private void receiptsAdmin(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST med {\"mode\": \"OK\"|\"REJECTED\"|\"NONE\"}."));
        return;
      }
      JsonNode request = readJson(exchange);
      try {
        if (request.has("mode")) {
          receipts.setMode(ReceiptSender.Mode.valueOf(request.path("mode").asText()));
        }
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, error("mode må være OK, REJECTED eller NONE."));
        return;
      }
      if (request.has("delaySeconds")) {
        receipts.setDelay(java.time.Duration.ofSeconds(request.path("delaySeconds").asLong()));
      }
      ObjectNode state = json.createObjectNode();
      state.put("mode", receipts.mode().name());
      state.put("delaySeconds", receipts.delay().toSeconds());
      respond(exchange, 200, state);
    }
  }

  /**
   * The clock this system reads "now" from (timestamps in what it sends); a benchmark that runs a
   * simulated day gives it the platform's simulated clock. Delays stay real time.
   */
  public void useClock(Clock clock) {
    this.clock = clock;
  }

  public String url() {
    return "http://localhost:" + server.getAddress().getPort() + basePath;
  }

  /** Simulates an outage: requests are answered 503 until {@code setDown(false)}. */
  public void setDown(boolean down) {
    this.down = down;
  }

  private void outage(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST med {\"down\": true|false}."));
        return;
      }
      down = readJson(exchange).path("down").asBoolean(false);
      ObjectNode state = json.createObjectNode();
      state.put("down", down);
      respond(exchange, 200, state);
    }
  }

  JsonNode readJson(HttpExchange exchange) throws IOException {
    byte[] bytes = readLimited(exchange.getRequestBody());
    return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
  }

  static byte[] readLimited(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IOException("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  ObjectNode error(String message) {
    ObjectNode error = json.createObjectNode();
    error.put("message", message);
    return error;
  }

  void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    respond(exchange, status, json.writeValueAsBytes(body), "application/json; charset=utf-8");
  }

  static void respond(HttpExchange exchange, int status, byte[] bytes, String contentType) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    if (status == 204 || bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (receipts != null) {
      receipts.close();
    }
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService executor) {
      executor.shutdownNow();
    }
  }
}
