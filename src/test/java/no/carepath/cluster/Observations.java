package no.carepath.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import no.carepath.followup.readings.ObservationMapper;
import no.carepath.followup.triage.VitalSign;

/** SpO2 Observations as the home-monitoring platform sends them, one per POST, under an identifier system of the test's. */
public final class Observations {

  private static final DateTimeFormatter FHIR_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final String system;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
      .version(HttpClient.Version.HTTP_1_1).build();

  public Observations(String system) {
    this.system = system;
  }

  /** An SpO2 reading of five seconds ago. */
  public String spo2(String nationalId, String identifier, double percent) {
    return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"identifier\":[{\"system\":\"" + system
        + "\",\"value\":\"" + identifier + "\"}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}]},"
        + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"" + nationalId + "\"}},"
        + "\"effectiveDateTime\":\"" + FHIR_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(1))
        .truncatedTo(ChronoUnit.SECONDS).minusSeconds(5)) + "\",\"valueQuantity\":{\"value\":" + percent
        + ",\"unit\":\"%\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}";
  }

  /** 3 % red (86 %), 5 % yellow (91 %), the rest green, as the pathway benchmark's mix. */
  public String spo2OfTheMix(String nationalId, String identifier) {
    double dice = java.util.concurrent.ThreadLocalRandom.current().nextDouble();
    return spo2(nationalId, identifier, dice < 0.03 ? 86 : dice < 0.08 ? 91 : 96);
  }

  /** The id Carepath stores the SpO2 reading of this identifier under. */
  public UUID readingId(String identifier) {
    return ObservationMapper.readingId(system + "|" + identifier, VitalSign.SPO2);
  }

  /** A batch Bundle of these Observations, posted to {@code /fhir}. */
  public HttpResponse<String> postBatch(String baseUrl, String token, java.util.List<String> observations)
      throws IOException, InterruptedException {
    StringBuilder entries = new StringBuilder();
    for (String observation : observations) {
      entries.append(entries.isEmpty() ? "" : ",").append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID())
          .append("\",\"resource\":").append(observation).append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
    }
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/fhir"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
            + entries + "]}", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String baseUrl, String token, String observation) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/fhir/Observation"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(observation, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
