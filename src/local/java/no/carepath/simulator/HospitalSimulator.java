package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the hospital (helseforetaket, here Nordlandssykehuset). Its PLO reception takes
 * the municipality's messages such as the admission report on {@code POST /hospital/plo-meldinger}
 * and acknowledges them with an application receipt. It also sends the hospital's messages about a
 * patient to Carepath's {@code POST /api/hospital/messages}, with the hospital integration's
 * client-credentials token, when told to: {@code POST /hospital/admin/send} with
 * {@code {"type": "ADMITTED", "nationalId": "...", "givenName": "...", "familyName": "..."}} (types
 * ADMITTED, HEALTH_INFORMATION, READY_FOR_DISCHARGE, READY_FOR_DISCHARGE_WITHDRAWN, DISCHARGED,
 * DISCHARGE_SUMMARY). After a discharge it sends the discharge summary by itself after a delay,
 * unless {@code POST /hospital/admin/behaviour} with {@code {"sendSummaries": false}}. A request for
 * health information (FORESPORSEL_HELSEOPPLYSNINGER) is answered with HEALTH_INFORMATION a few
 * seconds later.
 */
public final class HospitalSimulator extends MessageReceiverSimulator {

  private static final Logger log = LoggerFactory.getLogger(HospitalSimulator.class);
  static final String NAME = "Nordlandssykehuset";
  static final String ORGANISATION = "983974880";

  private final URI messages;
  private final ClientCredentials hospitalCredentials;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> openStays = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "hospital-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean sendSummaries = true;
  private volatile Duration summaryDelay;

  private HospitalSimulator(int port, Path storage, String carepathBaseUrl, ClientCredentials hospitalCredentials,
      Duration summaryDelay) {
    super(port, "/hospital", "/plo-meldinger", "hospital simulator", storage, "HF-PLO-");
    this.messages = URI.create(carepathBaseUrl + "/api/hospital/messages");
    this.hospitalCredentials = hospitalCredentials;
    this.summaryDelay = summaryDelay;
    server.createContext("/hospital/admin/send", this::send);
    server.createContext("/hospital/admin/behaviour", this::behaviour);
  }

  /**
   * Starts on {@code port} (0 picks a free one); receipts go to Carepath with the message service's
   * token, the hospital's own messages with the hospital integration's.
   */
  public static HospitalSimulator start(int port, Path storage, String carepathBaseUrl, String tokenEndpoint,
      String messagingClientId, String messagingSecret, String hospitalClientId, String hospitalSecret,
      Duration summaryDelay) {
    HospitalSimulator simulator = new HospitalSimulator(port, storage, carepathBaseUrl,
        new ClientCredentials(tokenEndpoint, hospitalClientId, hospitalSecret), summaryDelay);
    simulator.sendReceipts(carepathBaseUrl, new ClientCredentials(tokenEndpoint, messagingClientId, messagingSecret),
        Duration.ofSeconds(3), "hospital-simulator");
    simulator.start();
    return simulator;
  }

  public void setSendSummaries(boolean sendSummaries) {
    this.sendSummaries = sendSummaries;
  }

  /** A patient to report on, as the admin request names them. */
  public record PatientRef(String nationalId, String givenName, String familyName, String municipalityNumber) {
  }

  /**
   * Sends one message about the patient's current stay (a new stay begins with an admission) and
   * returns Carepath's status code and answer.
   */
  public HttpResponse<String> send(String type, PatientRef patient, String text) throws IOException, InterruptedException {
    String stayId = "ADMITTED".equals(type) ? openStays.compute(patient.nationalId(), (id, open) -> open != null ? open
        : "NLSH-" + UUID.randomUUID().toString().substring(0, 8))
        : openStays.computeIfAbsent(patient.nationalId(), id -> "NLSH-" + UUID.randomUUID().toString().substring(0, 8));
    OffsetDateTime now = OffsetDateTime.now(clock).withNano(0);
    ObjectNode message = json.createObjectNode();
    message.put("messageId", "NLSH-MSG-" + UUID.randomUUID());
    message.put("type", type);
    message.put("sentAt", now.toString());
    message.put("municipalityNumber", patient.municipalityNumber() == null ? "1804" : patient.municipalityNumber());
    ObjectNode hospital = message.putObject("hospital");
    hospital.put("name", NAME);
    hospital.put("organisationNumber", ORGANISATION);
    hospital.put("department", "Medisinsk avdeling");
    ObjectNode stay = message.putObject("stay");
    stay.put("stayId", stayId);
    if ("ADMITTED".equals(type)) {
      stay.put("admittedAt", now.toString());
      stay.put("plannedDischargeDate", LocalDate.now(clock).plusDays(4).toString());
    }
    ObjectNode patientNode = message.putObject("patient");
    patientNode.put("nationalId", patient.nationalId());
    patientNode.put("givenName", patient.givenName());
    patientNode.put("familyName", patient.familyName());
    switch (type) {
      case "READY_FOR_DISCHARGE" -> message.put("readyForDischargeAt", now.toString());
      case "DISCHARGED" -> message.put("dischargedAt", now.toString());
      case "HEALTH_INFORMATION" -> message.put("text", text != null ? text : "Innlagt med forverret tung pust og"
          + " ødemer. Behandles med vanndrivende intravenøst. Forventet liggetid fire dager.");
      case "DISCHARGE_SUMMARY" -> {
        message.put("text", text != null ? text : "Epikrise. Innlagt med forverring av hjertesvikt. Diuretika økt:"
            + " Furix 40 mg x 2. Vekt ved utskrivning 78,4 kg. Kontroll hos fastlege om to uker. Daglig vekt hjemme;"
            + " kontakt ved økning over 2 kg på tre dager.");
        message.put("author", "Overlege Kari Nilsen, Medisinsk avdeling");
      }
      default -> {
      }
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", hospitalCredentials.bearer())
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message))).build(),
        HttpResponse.BodyHandlers.ofString());
    if ("DISCHARGED".equals(type) && response.statusCode() < 300) {
      if (sendSummaries) {
        scheduler.schedule(() -> summary(patient), summaryDelay.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        openStays.remove(patient.nationalId());
      }
    }
    return response;
  }

  /** A request for health information about a patient in hospital is answered by the ward a little later. */
  @Override
  void taken(JsonNode message) {
    if (!"FORESPORSEL_HELSEOPPLYSNINGER".equals(message.path("type").asText())) {
      return;
    }
    String nationalId = message.path("patient").path("nationalId").asText();
    String[] names = message.path("patient").path("name").asText("Ukjent Pasient").split(" ");
    String familyName = names[names.length - 1];
    String givenName = names.length > 1 ? String.join(" ", Arrays.copyOf(names, names.length - 1)) : "Ukjent";
    PatientRef patient = new PatientRef(nationalId, givenName, familyName, message.path("sender").path("municipalityNumber")
        .asText("1804"));
    String stayRef = message.path("content").path("hospitalStayId").asText();
    if (!stayRef.isBlank()) {
      openStays.putIfAbsent(nationalId, stayRef);
    }
    scheduler.schedule(() -> {
      try {
        HttpResponse<String> response = send("HEALTH_INFORMATION", patient, "Svar på forespørsel: stabil, mobiliseres"
            + " med rullator. Oksygenbehov avtagende. Utskrivning planlegges om to dager.");
        if (response.statusCode() >= 300) {
          log.warn("Carepath refused the health information: {} {}", response.statusCode(), response.body());
        }
      } catch (IOException e) {
        log.warn("Hospital simulator could not send the health information: {}", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, 5, TimeUnit.SECONDS);
  }

  private void summary(PatientRef patient) {
    try {
      HttpResponse<String> response = send("DISCHARGE_SUMMARY", patient, null);
      if (response.statusCode() >= 300) {
        log.warn("Carepath refused the discharge summary: {} {}", response.statusCode(), response.body());
      }
    } catch (IOException e) {
      log.warn("Hospital simulator could not send the discharge summary: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      openStays.remove(patient.nationalId());
    }
  }

  private void send(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("Bruk POST med {\"type\": \"ADMITTED\", \"nationalId\": \"...\", \"givenName\": \"...\","
            + " \"familyName\": \"...\"}."));
        return;
      }
      JsonNode request = readJson(exchange);
      String type = request.path("type").asText();
      if (type.isBlank() || request.path("nationalId").asText().isBlank()) {
        respond(exchange, 400, error("type og nationalId må være med."));
        return;
      }
      PatientRef patient = new PatientRef(request.path("nationalId").asText(), request.path("givenName").asText("Ukjent"),
          request.path("familyName").asText("Pasient"), request.path("municipalityNumber").asText("1804"));
      try {
        HttpResponse<String> answer = send(type, patient, request.hasNonNull("text") ? request.path("text").asText() : null);
        respond(exchange, answer.statusCode() < 300 ? 200 : 502, answer.body().isBlank() ? json.createObjectNode()
            : json.readTree(answer.body()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        respond(exchange, 503, error("Avbrutt."));
      } catch (IOException e) {
        respond(exchange, 503, error("Fikk ikke kontakt med Carepath: " + e.getMessage()));
      }
    }
  }

  private void behaviour(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = readJson(exchange);
      if (request.has("sendSummaries")) {
        sendSummaries = request.path("sendSummaries").asBoolean();
      }
      if (request.has("summaryDelaySeconds")) {
        summaryDelay = Duration.ofSeconds(request.path("summaryDelaySeconds").asLong());
      }
      ObjectNode state = json.createObjectNode();
      state.put("sendSummaries", sendSummaries);
      state.put("summaryDelaySeconds", summaryDelay.toSeconds());
      respond(exchange, 200, state);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    super.close();
  }
}
