package no.carepath.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the municipality's letter-dispatch service (in Norway typically KS SvarUt / Fiks
 * forsendelse) in the one-command platform and in the tests. It speaks the same HTTP contract the
 * real adapter would: {@code POST /letter-dispatch/forsendelser} with the PDF, answered 201 with a
 * dispatch id, and 200 with the same id when the idempotency key was seen before. It can be taken
 * down ({@code POST /letter-dispatch/admin/outage} with {@code {"down": true}}) to show retries and
 * incidents. Received PDFs are written to its folder so a person can open what was "sent".
 */
public final class LetterDispatchSimulator implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Path storage;
  private final Map<String, ObjectNode> receipts = new ConcurrentHashMap<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final AtomicInteger rejectedWhileDown = new AtomicInteger();
  private volatile boolean down;

  private LetterDispatchSimulator(HttpServer server, Path storage) {
    this.server = server;
    this.storage = storage;
  }

  /** Starts on {@code port} (0 picks a free one), writing received letters into {@code storage}. */
  public static LetterDispatchSimulator start(int port, Path storage) {
    try {
      Files.createDirectories(storage);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      LetterDispatchSimulator simulator = new LetterDispatchSimulator(server, storage);
      server.createContext("/letter-dispatch/forsendelser", simulator::forsendelser);
      server.createContext("/letter-dispatch/admin/outage", simulator::outage);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the letter-dispatch simulator on port " + port
          + ". Choose another port with CAREPATH_SIMULATOR_PORT.", e);
    }
  }

  public String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/letter-dispatch";
  }

  /** Simulates an outage: every dispatch is answered 503 until {@code setDown(false)}. */
  public void setDown(boolean down) {
    this.down = down;
  }

  /** Distinct letters accepted so far (a resend with a known idempotency key does not count). */
  public int deliveries() {
    return deliveries.get();
  }

  public int rejectedWhileDown() {
    return rejectedWhileDown.get();
  }

  public boolean received(String idempotencyKey) {
    return receipts.containsKey(idempotencyKey);
  }

  private void forsendelser(HttpExchange exchange) throws IOException {
    try (exchange) {
      if ("GET".equals(exchange.getRequestMethod())) {
        ObjectNode summary = json.createObjectNode();
        summary.put("delivered", deliveries.get());
        summary.put("down", down);
        respond(exchange, 200, summary);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST."));
        return;
      }
      if (down) {
        rejectedWhileDown.incrementAndGet();
        respond(exchange, 503, error("Forsendelsestjenesten er midlertidig utilgjengelig (simulert driftsavbrudd)."));
        return;
      }
      JsonNode request;
      try {
        request = json.readTree(readLimited(exchange.getRequestBody()));
      } catch (IOException e) {
        respond(exchange, 400, error("Ugyldig JSON: " + e.getMessage()));
        return;
      }
      String problem = validate(request);
      if (problem != null) {
        respond(exchange, 400, error(problem));
        return;
      }
      String key = request.path("idempotencyKey").asText();
      AtomicBoolean created = new AtomicBoolean();
      ObjectNode receipt = receipts.computeIfAbsent(key, ignored -> {
        created.set(true);
        return accept(request);
      });
      respond(exchange, created.get() ? 201 : 200, receipt);
    }
  }

  private ObjectNode accept(JsonNode request) {
    String dispatchId = "FORS-" + UUID.randomUUID();
    byte[] pdf = Base64.getDecoder().decode(request.path("document").path("contentBase64").asText());
    try {
      Files.write(storage.resolve(dispatchId + ".pdf"), pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deliveries.incrementAndGet();
    ObjectNode receipt = json.createObjectNode();
    receipt.put("dispatchId", dispatchId);
    receipt.put("status", "ACCEPTED");
    receipt.put("receivedAt", Instant.now().toString());
    return receipt;
  }

  private static String validate(JsonNode request) {
    if (request.path("idempotencyKey").asText().isBlank()) {
      return "Mangler idempotencyKey.";
    }
    if (request.path("recipient").path("nationalId").asText().length() != 11) {
      return "Mottakerens fødselsnummer mangler eller har feil lengde.";
    }
    String content = request.path("document").path("contentBase64").asText();
    if (content.isBlank()) {
      return "Mangler dokument.";
    }
    try {
      byte[] pdf = Base64.getDecoder().decode(content);
      if (pdf.length < 5 || !new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-")) {
        return "Dokumentet er ikke en PDF.";
      }
    } catch (IllegalArgumentException e) {
      return "Dokumentet er ikke gyldig base64.";
    }
    return null;
  }

  private void outage(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST med {\"down\": true|false}."));
        return;
      }
      down = json.readTree(readLimited(exchange.getRequestBody())).path("down").asBoolean(false);
      ObjectNode state = json.createObjectNode();
      state.put("down", down);
      respond(exchange, 200, state);
    }
  }

  private static byte[] readLimited(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IOException("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  private ObjectNode error(String message) {
    ObjectNode error = json.createObjectNode();
    error.put("message", message);
    return error;
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
      executor.shutdownNow();
    }
  }
}
