package no.carepath.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the home-monitoring platform (Dignio, Tellu and the like) in the one-command platform
 * and in the tests. Carepath registers patients with {@code PUT .../fhir/Patient/{episodeId}} and
 * removes them with {@code DELETE}; the simulator then sends each registered patient's readings to
 * Carepath's FHIR endpoint as a {@code batch} Bundle, on a schedule, with its own client-credentials
 * token, exactly as the real platform would: mostly green around the patient's normal values, now
 * and then a yellow or red value, and now and then a patient who forgets to measure. A reading of a
 * chosen colour can be sent at once: {@code POST .../admin/send} with
 * {@code {"episodeId": "EP-...", "colour": "RED"}} (both optional).
 */
public final class HomeMonitoringSimulator extends SimulatorHttp {

  /**
   * How often readings are sent, and how often they deviate or are missing.
   *
   * @param backfillDays a newly registered patient gets this many days of earlier daily readings at
   *     once (the demo: a trial period that is already over); 0 for none
   */
  public record Behaviour(Duration interval, double yellowRate, double redRate, double missedRate, int backfillDays) {
  }

  /** A patient registered by Carepath. */
  public record Registration(String episodeId, String nationalId, String idSystem, String name, List<String> loincCodes) {
  }

  private static final Logger log = LoggerFactory.getLogger(HomeMonitoringSimulator.class);
  private static final String OBSERVATION_ID_SYSTEM = "urn:carepath-simulator:home-monitoring:observation";
  /** loinc -> {normal, yellow, red, unit, decimals} */
  private static final Map<String, double[]> VALUES = Map.of(
      "85354-9", new double[] {135, 185, 225, 0},
      "8867-4", new double[] {72, 115, 138, 0},
      "2708-6", new double[] {95, 91, 86, 0},
      "8310-5", new double[] {36.8, 38.4, 39.6, 1},
      "29463-7", new double[] {78.0, 78.0, 78.0, 1},
      "15074-8", new double[] {6.5, 16.5, 2.6, 1},
      "9279-1", new double[] {16, 22, 27, 0});
  private static final Map<String, String> UNITS = Map.of("85354-9", "mm[Hg]", "8867-4", "/min", "2708-6", "%",
      "8310-5", "Cel", "29463-7", "kg", "15074-8", "mmol/L", "9279-1", "/min");

  private final Path storage;
  private final URI carepathFhir;
  private final ClientCredentials credentials;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Registration> patients = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "home-monitoring-simulator");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger sent = new AtomicInteger();
  private volatile Behaviour behaviour;

  private HomeMonitoringSimulator(int port, Path storage, String carepathBaseUrl, String tokenEndpoint, String clientId,
      String secret, Behaviour behaviour) {
    super(port, "/home-monitoring", "home-monitoring simulator");
    this.storage = storage;
    this.carepathFhir = URI.create(carepathBaseUrl + "/fhir");
    this.credentials = new ClientCredentials(tokenEndpoint, clientId, secret);
    this.behaviour = behaviour;
    server.createContext("/home-monitoring/fhir/Patient", this::patient);
    server.createContext("/home-monitoring/admin/send", this::sendNow);
  }

  /**
   * Starts on {@code port} (0 picks a free one); registrations are kept in {@code storage}.
   *
   * @param carepathBaseUrl where Carepath is, e.g. {@code http://localhost:8080}
   * @param behaviour {@code null}: no scheduled sending (readings only on request)
   */
  public static HomeMonitoringSimulator start(int port, Path storage, String carepathBaseUrl, String tokenEndpoint,
      String clientId, String secret, Behaviour behaviour) {
    HomeMonitoringSimulator simulator = new HomeMonitoringSimulator(port, storage, carepathBaseUrl, tokenEndpoint,
        clientId, secret, behaviour);
    simulator.load();
    simulator.start();
    if (behaviour != null) {
      simulator.scheduler.scheduleWithFixedDelay(simulator::sendScheduled, behaviour.interval().toSeconds(),
          behaviour.interval().toSeconds(), TimeUnit.SECONDS);
    }
    return simulator;
  }

  /** The FHIR base Carepath registers patients at. */
  public String fhirUrl() {
    return url() + "/fhir";
  }

  public Map<String, Registration> registrations() {
    return Map.copyOf(patients);
  }

  /** Readings sent to Carepath so far. */
  public int sent() {
    return sent.get();
  }

  /**
   * Sends one reading of each of the patient's signs now; {@code colour} GREEN, YELLOW or RED picks
   * the values. Returns Carepath's HTTP status.
   */
  public int sendNow(String episodeId, String colour) throws IOException, InterruptedException {
    Registration patient = patients.get(episodeId);
    if (patient == null) {
      throw new IllegalArgumentException("No patient registered for " + episodeId);
    }
    ObjectNode bundle = bundle(List.of(patient), colour);
    return post(bundle);
  }

  /**
   * Sends one batch Bundle now: for each given patient one reading of each of their signs, all in
   * the colour given for the patient (GREEN, YELLOW or RED). Returns Carepath's HTTP status.
   */
  public int send(Map<String, String> colourByEpisode) throws IOException, InterruptedException {
    ObjectNode bundle = json.createObjectNode();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "batch");
    ArrayNode entries = bundle.putArray("entry");
    for (Map.Entry<String, String> chosen : colourByEpisode.entrySet()) {
      Registration patient = patients.get(chosen.getKey());
      if (patient == null) {
        throw new IllegalArgumentException("No patient registered for " + chosen.getKey());
      }
      entries.addAll((ArrayNode) bundle(List.of(patient), chosen.getValue()).path("entry"));
    }
    return post(bundle);
  }

  private void patient(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String id = path.substring(path.lastIndexOf('/') + 1);
      if (down) {
        respond(exchange, 503, error("Måleplattformen er midlertidig utilgjengelig (simulert driftsavbrudd)."));
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "PUT" -> {
          JsonNode resource = readJson(exchange);
          Registration registration = registration(id, resource);
          if (registration == null) {
            respond(exchange, 400, error("Patient må ha identifier med fødselsnummer eller D-nummer."));
            return;
          }
          boolean created = patients.put(id, registration) == null;
          save();
          if (created && behaviour != null && behaviour.backfillDays() > 0) {
            scheduler.schedule(() -> backfill(registration, behaviour.backfillDays()), 2, TimeUnit.SECONDS);
          }
          respond(exchange, created ? 201 : 200, resource);
        }
        case "DELETE" -> {
          boolean removed = patients.remove(id) != null;
          save();
          respond(exchange, removed ? 204 : 404, removed ? json.createObjectNode() : error("Ukjent pasient " + id));
        }
        case "GET" -> {
          ObjectNode summary = json.createObjectNode();
          summary.put("registered", patients.size());
          summary.put("readingsSent", sent.get());
          respond(exchange, 200, summary);
        }
        default -> respond(exchange, 405, error("Bruk PUT, DELETE eller GET."));
      }
    }
  }

  private Registration registration(String episodeId, JsonNode resource) {
    String nationalId = null;
    String system = null;
    for (JsonNode identifier : resource.path("identifier")) {
      if (identifier.path("system").asText().startsWith("urn:oid:2.16.578.1.12.4.1.4.")) {
        nationalId = identifier.path("value").asText();
        system = identifier.path("system").asText();
      }
    }
    if (nationalId == null || nationalId.length() != 11) {
      return null;
    }
    JsonNode name = resource.path("name").path(0);
    List<String> codes = new ArrayList<>();
    for (JsonNode extension : resource.path("extension")) {
      String code = extension.path("valueString").asText();
      if (code.equals("8480-6") || code.equals("8462-4")) {
        code = "85354-9";
      }
      if (VALUES.containsKey(code) && !codes.contains(code)) {
        codes.add(code);
      }
    }
    return new Registration(episodeId, nationalId, system, name.path("given").path(0).asText() + " "
        + name.path("family").asText(), codes);
  }

  private void sendNow(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = readJson(exchange);
      String episodeId = request.path("episodeId").asText(patients.keySet().stream().sorted().findFirst().orElse(""));
      String colour = request.path("colour").asText("RED").toUpperCase();
      if (!patients.containsKey(episodeId)) {
        respond(exchange, 404, error("Ingen pasient registrert" + (episodeId.isEmpty() ? "" : " for " + episodeId)
            + ". Carepath registrerer pasienter etter hjemmebesøket."));
        return;
      }
      try {
        int status = sendNow(episodeId, colour);
        ObjectNode result = json.createObjectNode();
        result.put("episodeId", episodeId);
        result.put("colour", colour);
        result.put("carepathStatus", status);
        respond(exchange, 200, result);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        respond(exchange, 500, error("Avbrutt"));
      }
    }
  }

  private void sendScheduled() {
    if (patients.isEmpty()) {
      return;
    }
    List<Registration> measuring = new ArrayList<>();
    for (Registration patient : patients.values()) {
      if (ThreadLocalRandom.current().nextDouble() >= behaviour.missedRate()) {
        measuring.add(patient);
      }
    }
    try {
      if (!measuring.isEmpty()) {
        post(bundle(measuring, null));
      }
    } catch (IOException e) {
      log.debug("Home-monitoring simulator could not reach Carepath: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Home-monitoring simulator failed to send readings", e);
    }
  }

  private ObjectNode bundle(List<Registration> registrations, String colour) {
    ObjectNode bundle = json.createObjectNode();
    bundle.put("resourceType", "Bundle");
    bundle.put("type", "batch");
    ArrayNode entries = bundle.putArray("entry");
    // FHIR dateTime needs the seconds, which OffsetDateTime.toString() leaves out when they are zero
    String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
    for (Registration patient : registrations) {
      for (String code : patient.loincCodes()) {
        String chosen = colour != null ? colour : randomColour();
        ObjectNode entry = entries.addObject();
        String id = UUID.randomUUID().toString();
        entry.put("fullUrl", "urn:uuid:" + id);
        entry.set("resource", observation(id, patient, code, chosen, now));
        ObjectNode request = entry.putObject("request");
        request.put("method", "POST");
        request.put("url", "Observation");
      }
    }
    return bundle;
  }

  /** One green reading a day of each sign, at 08:00, for the last {@code days} days. */
  private void backfill(Registration patient, int days) {
    for (int day = days; day >= 1; day--) {
      String effective = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
          OffsetDateTime.now(clock).minusDays(day).withHour(8).withMinute(0).withSecond(0).withNano(0));
      ObjectNode bundle = json.createObjectNode();
      bundle.put("resourceType", "Bundle");
      bundle.put("type", "batch");
      ArrayNode entries = bundle.putArray("entry");
      for (String code : patient.loincCodes()) {
        ObjectNode entry = entries.addObject();
        String id = UUID.randomUUID().toString();
        entry.put("fullUrl", "urn:uuid:" + id);
        entry.set("resource", observation(id, patient, code, "GREEN", effective));
        entry.putObject("request").put("method", "POST").put("url", "Observation");
      }
      try {
        post(bundle);
      } catch (IOException e) {
        log.debug("Home-monitoring simulator could not backfill readings: {}", e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String randomColour() {
    double dice = ThreadLocalRandom.current().nextDouble();
    return dice < behaviour.redRate() ? "RED" : dice < behaviour.redRate() + behaviour.yellowRate() ? "YELLOW" : "GREEN";
  }

  private ObjectNode observation(String id, Registration patient, String code, String colour, String effective) {
    ObjectNode observation = json.createObjectNode();
    observation.put("resourceType", "Observation");
    observation.put("status", "final");
    ObjectNode identifier = observation.putArray("identifier").addObject();
    identifier.put("system", OBSERVATION_ID_SYSTEM);
    identifier.put("value", id);
    ObjectNode category = observation.putArray("category").addObject().putArray("coding").addObject();
    category.put("system", "http://terminology.hl7.org/CodeSystem/observation-category");
    category.put("code", "vital-signs");
    observation.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", code);
    ObjectNode subject = observation.putObject("subject");
    subject.putObject("identifier").put("system", patient.idSystem()).put("value", patient.nationalId());
    subject.put("display", patient.name());
    observation.put("effectiveDateTime", effective);
    double[] values = VALUES.get(code);
    int index = switch (colour) {
      case "RED" -> 2;
      case "YELLOW" -> 1;
      default -> 0;
    };
    if (code.equals("85354-9")) {
      ArrayNode components = observation.putArray("component");
      double systolic = jitter(values[index], 4, 0);
      component(components, "8480-6", systolic, "mm[Hg]");
      component(components, "8462-4", Math.min(systolic - 30, jitter(80, 3, 0)), "mm[Hg]");
    } else if (code.equals("29463-7")) {
      // weight: deviations are changes from the patient's own normal, so the simulator keeps it steady
      quantity(observation.putObject("valueQuantity"), jitter(values[0], 0.3, 1), UNITS.get(code));
    } else {
      quantity(observation.putObject("valueQuantity"), index == 0 ? jitter(values[0], spread(code), (int) values[3])
          : values[index], UNITS.get(code));
    }
    return observation;
  }

  private static double spread(String code) {
    return switch (code) {
      case "2708-6" -> 1;
      case "8310-5" -> 0.2;
      case "15074-8" -> 0.5;
      default -> 3;
    };
  }

  private void component(ArrayNode components, String code, double value, String unit) {
    ObjectNode component = components.addObject();
    component.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", code);
    quantity(component.putObject("valueQuantity"), value, unit);
  }

  /** As a device sends it: whole numbers for %, /min and mm[Hg] (96, not 96.0), one decimal otherwise. */
  private static void quantity(ObjectNode quantity, double value, String unit) {
    int decimals = java.util.Set.of("%", "/min", "mm[Hg]").contains(unit) ? 0 : 1;
    quantity.put("value", java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP));
    quantity.put("unit", unit);
    quantity.put("system", "http://unitsofmeasure.org");
    quantity.put("code", unit);
  }

  private static double jitter(double centre, double spread, int decimals) {
    double value = centre + ThreadLocalRandom.current().nextDouble(-spread, spread);
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private int post(ObjectNode bundle) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(carepathFhir)
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/fhir+json")
        .header("Authorization", credentials.bearer()).header("Prefer", "return=minimal")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(bundle))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      log.warn("Carepath refused readings from the home-monitoring simulator: {} {}", response.statusCode(),
          response.body().length() > 500 ? response.body().substring(0, 500) : response.body());
    } else {
      sent.addAndGet(bundle.path("entry").size());
    }
    return response.statusCode();
  }

  private void load() {
    Path file = storage.resolve("patients.json");
    try {
      Files.createDirectories(storage);
      if (Files.exists(file)) {
        List<Registration> saved = json.readValue(file.toFile(), new TypeReference<>() {
        });
        saved.forEach(registration -> patients.put(registration.episodeId(), registration));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file, e);
    }
  }

  private synchronized void save() {
    try {
      json.writeValue(storage.resolve("patients.json").toFile(), new ArrayList<>(patients.values()));
    } catch (IOException e) {
      log.warn("Home-monitoring simulator could not save its registrations: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    super.close();
  }
}
