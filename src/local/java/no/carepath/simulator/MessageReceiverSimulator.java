package no.carepath.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Stands in for a system that receives Carepath's messages over the message service: the
 * hospital's PLO reception ({@code POST /hospital/plo-meldinger}), the municipal record system
 * ({@code POST /municipal-record/journalnotater}) or Helsetilsynet's reception of notifications of
 * serious events ({@code POST /helsetilsynet/varsler}, «Én vei inn»), which refuses a notification
 * that carries a patient or anything that looks like a national ID number. Idempotent on the {@code Idempotency-Key}
 * header: a resend is answered 200 with the first answer and not counted. Each message taken is
 * written as JSON to its folder, and acknowledged later with an application receipt.
 */
public class MessageReceiverSimulator extends SimulatorHttp {

  private final Path storage;
  private final String idPrefix;
  private final Map<String, ObjectNode> answers = new ConcurrentHashMap<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final boolean aboutPatients;

  MessageReceiverSimulator(int port, String basePath, String receivePath, String name, Path storage, String idPrefix) {
    this(port, basePath, receivePath, name, storage, idPrefix, true);
  }

  private MessageReceiverSimulator(int port, String basePath, String receivePath, String name, Path storage,
      String idPrefix, boolean aboutPatients) {
    super(port, basePath, name);
    this.storage = storage;
    this.idPrefix = idPrefix;
    this.aboutPatients = aboutPatients;
    try {
      Files.createDirectories(storage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(basePath + receivePath, this::receive);
  }

  /** The municipal record system (EPJ) taking journal notes, on {@code port} (0 picks a free one). */
  public static MessageReceiverSimulator municipalRecord(int port, Path storage, String carepathBaseUrl,
      String tokenEndpoint, String clientId, String secret) {
    MessageReceiverSimulator simulator = new MessageReceiverSimulator(port, "/municipal-record", "/journalnotater",
        "municipal-record simulator", storage, "EPJ-DOK-");
    simulator.sendReceipts(carepathBaseUrl, new ClientCredentials(tokenEndpoint, clientId, secret),
        Duration.ofSeconds(3), "municipal-record-simulator");
    simulator.start();
    return simulator;
  }

  /** Helsetilsynet's reception of notifications of serious events, on {@code port} (0 picks a free one). */
  public static MessageReceiverSimulator healthSupervision(int port, Path storage, String carepathBaseUrl,
      String tokenEndpoint, String clientId, String secret) {
    MessageReceiverSimulator simulator = new MessageReceiverSimulator(port, "/helsetilsynet", "/varsler",
        "Helsetilsynet simulator", storage, "HTIL-", false);
    simulator.sendReceipts(carepathBaseUrl, new ClientCredentials(tokenEndpoint, clientId, secret),
        Duration.ofSeconds(3), "helsetilsynet-simulator");
    simulator.start();
    return simulator;
  }

  /** Distinct messages received (a resend with a known idempotency key does not count). */
  public List<JsonNode> received() {
    return new ArrayList<>(received);
  }

  private static final java.util.regex.Pattern ELEVEN_DIGITS = java.util.regex.Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");

  /** Called for a message taken for the first time. */
  void taken(JsonNode message) {
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST."));
        return;
      }
      if (down) {
        respond(exchange, 503, error("Mottakeren er midlertidig utilgjengelig (simulert driftsavbrudd)."));
        return;
      }
      JsonNode message;
      try {
        message = readJson(exchange);
      } catch (IOException e) {
        respond(exchange, 400, error("Ugyldig JSON: " + e.getMessage()));
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (aboutPatients && (key == null || key.isBlank() || message.path("patient").path("nationalId").asText().length() != 11
          || message.path("type").asText().isBlank())) {
        respond(exchange, 400, error("Meldingen mangler Idempotency-Key, type eller pasientens fødselsnummer."));
        return;
      }
      if (!aboutPatients && (key == null || key.isBlank() || message.path("type").asText().isBlank()
          || message.path("incidentReference").asText().isBlank())) {
        respond(exchange, 400, error("Varselet mangler Idempotency-Key, type eller avvikets referanse."));
        return;
      }
      if (!aboutPatients && (message.has("patient") || ELEVEN_DIGITS.matcher(message.toString()).find())) {
        respond(exchange, 400, error("Varselet skal ikke inneholde pasientens identitet."));
        return;
      }
      boolean[] created = {false};
      ObjectNode answer = answers.computeIfAbsent(key, id -> {
        created[0] = true;
        String documentId = idPrefix + UUID.randomUUID();
        write(documentId, message);
        received.add(message);
        ObjectNode taken = json.createObjectNode();
        taken.put("id", documentId);
        taken.put("status", "RECEIVED");
        taken.put("receivedAt", clock.instant().toString());
        return taken;
      });
      if (created[0]) {
        taken(message);
        receiptLater(key, aboutPatients
            ? "Meldingen kunne ikke knyttes til en pasient hos mottakeren (simulert avvisning)."
            : "Varselet mangler opplysninger Helsetilsynet trenger (simulert avvisning).");
      }
      respond(exchange, created[0] ? 202 : 200, answer);
    }
  }

  private void write(String documentId, JsonNode message) {
    try {
      Files.write(storage.resolve(documentId + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
