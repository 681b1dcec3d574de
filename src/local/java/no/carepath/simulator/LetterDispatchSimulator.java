package no.carepath.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Stands in for the municipality's letter-dispatch service (in Norway typically KS SvarUt / Fiks
 * forsendelse) in the one-command platform and in the tests. It speaks the same HTTP contract the
 * real adapter would: {@code POST /letter-dispatch/forsendelser} with the PDF, answered 201 with a
 * dispatch id, and 200 with the same id when the idempotency key was seen before. It can be taken
 * down ({@code POST /letter-dispatch/admin/outage} with {@code {"down": true}}) to show retries and
 * incidents. Received PDFs are written to its folder so a person can open what was "sent".
 */
public final class LetterDispatchSimulator extends SimulatorHttp {

  private final Path storage;
  private final Map<String, ObjectNode> receipts = new ConcurrentHashMap<>();
  private final AtomicInteger deliveries = new AtomicInteger();
  private final Map<String, Integer> lettersByCase = new ConcurrentHashMap<>();
  private final AtomicInteger rejectedWhileDown = new AtomicInteger();

  private LetterDispatchSimulator(int port, Path storage) {
    super(port, "/letter-dispatch", "letter-dispatch simulator");
    this.storage = storage;
    server.createContext("/letter-dispatch/forsendelser", this::forsendelser);
  }

  /**
   * Starts on {@code port} (0 picks a free one), writing received letters into {@code storage} and
   * sending their receipts to Carepath with the client's token.
   */
  public static LetterDispatchSimulator start(int port, Path storage, String carepathBaseUrl, String tokenEndpoint,
      String clientId, String secret) {
    try {
      Files.createDirectories(storage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LetterDispatchSimulator simulator = new LetterDispatchSimulator(port, storage);
    simulator.sendReceipts(carepathBaseUrl, new ClientCredentials(tokenEndpoint, clientId, secret),
        java.time.Duration.ofSeconds(3), "letter-dispatch-simulator");
    simulator.start();
    return simulator;
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

  /** Distinct letters accepted for a case. */
  public int lettersFor(String caseId) {
    return lettersByCase.getOrDefault(caseId, 0);
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
        request = readJson(exchange);
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
      if (created.get()) {
        receiptLater(key, "Mottakeren har reservert seg mot digital post og har ingen gyldig adresse (simulert avvisning).");
      }
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
    lettersByCase.merge(request.path("caseId").asText(), 1, Integer::sum);
    ObjectNode receipt = json.createObjectNode();
    receipt.put("dispatchId", dispatchId);
    receipt.put("status", "ACCEPTED");
    receipt.put("receivedAt", clock.instant().toString());
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
}
