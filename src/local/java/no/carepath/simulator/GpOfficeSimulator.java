package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Stands in for the message service and the GP offices behind it. Carepath sends dialogue messages
 * to {@code POST .../dialogmeldinger} (idempotent on the {@code Idempotency-Key}); the simulator
 * takes them, sends the application receipt a moment later, and, after a delay, answers a
 * forespørsel the way a GP does: through Carepath's
 * {@code POST /api/gp/dialogue-answers} with the message service's client-credentials token. A plan
 * sent for approval is approved (or, after {@code POST .../admin/behaviour} with
 * {@code {"approvePlans": false}}, turned down); {@code {"silent": true}} makes the GPs not answer,
 * to show the reminder after five working days.
 */
public final class GpOfficeSimulator extends SimulatorHttp {


  private final CarepathPoster answers;
  private final Map<String, ObjectNode> receipts = new ConcurrentHashMap<>();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "gp-office-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Duration answerDelay;
  private volatile boolean approvePlans = true;
  private volatile boolean silent;

  private GpOfficeSimulator(int port, String carepathBaseUrl, String tokenEndpoint, String clientId, String secret,
      Duration answerDelay) {
    super(port, "/gp-office", "GP-office simulator");
    ClientCredentials credentials = new ClientCredentials(tokenEndpoint, clientId, secret);
    this.answers = new CarepathPoster(URI.create(carepathBaseUrl + "/api/gp/dialogue-answers"), credentials);
    this.answerDelay = answerDelay;
    sendReceipts(carepathBaseUrl, credentials, Duration.ofSeconds(2), "gp-office-simulator");
    server.createContext("/gp-office/dialogmeldinger", this::dialogue);
    server.createContext("/gp-office/admin/behaviour", this::behaviour);
  }

  public static GpOfficeSimulator start(int port, String carepathBaseUrl, String tokenEndpoint, String clientId,
      String secret, Duration answerDelay) {
    GpOfficeSimulator simulator = new GpOfficeSimulator(port, carepathBaseUrl, tokenEndpoint, clientId, secret, answerDelay);
    simulator.start();
    return simulator;
  }

  /** Distinct messages received (a resend with a known message id does not count). */
  public List<JsonNode> received() {
    return new ArrayList<>(received);
  }

  public void setApprovePlans(boolean approvePlans) {
    this.approvePlans = approvePlans;
  }

  /** How long (real time) a GP takes to answer a forespørsel. */
  public void setAnswerDelay(Duration answerDelay) {
    this.answerDelay = answerDelay;
  }

  public void setSilent(boolean silent) {
    this.silent = silent;
  }

  private void dialogue(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST."));
        return;
      }
      if (down) {
        respond(exchange, 503, error("Meldingstjenesten er midlertidig utilgjengelig (simulert driftsavbrudd)."));
        return;
      }
      JsonNode message = readJson(exchange);
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String msgId = key == null || key.isBlank() ? message.path("msgId").asText() : key;
      if (msgId.isBlank() || message.path("text").asText().isBlank()
          || message.path("patient").path("nationalId").asText().length() != 11) {
        respond(exchange, 400, error("Dialogmeldingen mangler msgId, tekst eller pasientens fødselsnummer."));
        return;
      }
      boolean[] created = {false};
      ObjectNode receipt = receipts.computeIfAbsent(msgId, id -> {
        created[0] = true;
        received.add(message);
        ObjectNode answer = json.createObjectNode();
        answer.put("receiptId", "APPREC-" + id);
        answer.put("status", "OK");
        return answer;
      });
      if (created[0]) {
        receiptLater(msgId, "Ukjent mottaker: fastlegen finnes ikke i adresseregisteret (simulert avvisning).");
      }
      if (created[0] && message.path("answerExpected").asBoolean(false) && !silent) {
        scheduler.schedule(() -> answer(message), answerDelay.toMillis(), TimeUnit.MILLISECONDS);
      }
      respond(exchange, created[0] ? 202 : 200, receipt);
    }
  }

  private void answer(JsonNode message) {
    boolean plan = message.path("subject").asText().contains("godkjenning");
    ObjectNode answer = json.createObjectNode();
    // the answer refers to the dialogue message (a resend of it has a new transmission id)
    answer.put("inReplyTo", message.path("dialogueId").asText(message.path("msgId").asText()));
    answer.put("answeredAt", clock.instant().toString());
    ObjectNode from = answer.putObject("from");
    from.put("name", message.path("recipient").path("name").asText("Fastlegen"));
    if (message.path("recipient").hasNonNull("hprNumber")) {
      from.put("hprNumber", message.path("recipient").path("hprNumber").asText());
    }
    if (plan) {
      answer.put("approved", approvePlans);
      answer.put("text", approvePlans ? "Planen er godkjent. Ta kontakt ved rødt to dager på rad."
          : "Ikke godkjent: den røde grensen for oksygenmetning er for lav for denne pasienten. Hev den med 2.");
    } else {
      answer.put("text", "Takk for meldingen. Øk vanndrivende (Furix) til 40 mg morgen og kveld i tre dager, og mål"
          + " vekten daglig. Ny kontakt hvis vekten ikke går ned, eller ved tung pust.");
    }
    try {
      answers.post(json.writeValueAsBytes(answer), "the GP answer to " + answer.path("inReplyTo").asText());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void behaviour(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = readJson(exchange);
      if (request.has("approvePlans")) {
        approvePlans = request.path("approvePlans").asBoolean();
      }
      if (request.has("silent")) {
        silent = request.path("silent").asBoolean();
      }
      if (request.has("answerDelaySeconds")) {
        answerDelay = Duration.ofSeconds(request.path("answerDelaySeconds").asLong());
      }
      ObjectNode state = json.createObjectNode();
      state.put("approvePlans", approvePlans);
      state.put("silent", silent);
      state.put("answerDelaySeconds", answerDelay.toSeconds());
      respond(exchange, 200, state);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    super.close();
  }
}
