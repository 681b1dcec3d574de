package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The FHIR endpoint of the home-monitoring platform on real PostgreSQL and Keycloak: readings are
 * triaged, stored once (a resend is never a duplicate), and every kind of bad input gets an
 * OperationOutcome a person can act on, with nothing stored.
 */
class FhirIngestionIT extends IntegrationTest {

  private static Enrolment.Patient measuring;
  private final Api api = new Api(PLATFORM);

  @Autowired
  JdbcClient jdbc;

  private synchronized Enrolment.Patient patient() {
    if (measuring == null) {
      measuring = new Enrolment(api, PLATFORM).measuring();
    }
    return measuring;
  }

  @Test
  void aGreenReadingIsStoredTriagedAndAnsweredWithItsInterpretation() {
    String nationalId = patient().nationalId();
    long before = readings();

    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(nationalId, 96));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.header("Content-Type")).startsWith("application/fhir+json");
    JsonNode observation = response.json();
    assertThat(observation.path("interpretation").path(0).path("coding").path(0).path("code").asText()).isEqualTo("N");
    assertThat(response.header("Location")).isEqualTo("Observation/" + observation.path("id").asText());
    assertThat(readings()).isEqualTo(before + 1);
  }

  @Test
  void aResendOfTheSameObservationIsNotStoredTwice() {
    String observation = Observations.quantity(patient().nationalId(), "8867-4", 71, "/min", Observations.now(),
        "resend-" + UUID.randomUUID());
    Api.Response first = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);
    long afterFirst = readings();

    Api.Response again = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(readings()).isEqualTo(afterFirst);
  }

  @Test
  void aBloodPressurePanelIsTwoReadingsEachWithItsOwnInterpretation() {
    long before = readings();

    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(),
        Observations.bloodPressure(patient().nationalId(), 190, 85));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().path("component").path(0).path("interpretation").path(0).path("coding").path(0)
        .path("code").asText()).isEqualTo("H");
    assertThat(response.json().path("interpretation").path(0).path("text").asText()).isEqualTo("gul");
    assertThat(readings()).isEqualTo(before + 2);
  }

  @Test
  void badInputGetsAnOperationOutcomeThatSaysWhatIsWrongAndNothingIsStored() {
    String nationalId = patient().nationalId();
    String now = Observations.now();
    String future = no.carepath.Today.iso(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
    long before = readings();

    assertRefused(Observations.spo2(nationalId, 101), "Oksygenmetning 101 % er ikke en mulig måleverdi",
        "Observation.valueQuantity.value");
    assertRefused(Observations.pulse(nationalId, 0), "Puls 0 slag/min er ikke en mulig måleverdi",
        "Observation.valueQuantity.value");
    assertRefused(Observations.quantity(nationalId, "8310-5", 98.6, "kg", now),
        "Feil enhet for temperatur: fikk «kg», som ikke er en temperatur", "Observation.valueQuantity.code");
    assertRefused(Observations.quantity(nationalId, "8867-4", 70, "/min", null), "Tidspunktet for målingen mangler",
        "Observation.effective[x]");
    assertRefused(Observations.quantity(nationalId, "8867-4", 70, "/min", future), "datert fram i tid",
        "Observation.effectiveDateTime");
    assertRefused(Observations.quantity(nationalId, "8867-4", 70, "/min", "2026-11-17T08:00+01:00"),
        "mangler klokkeslett med sekunder", "Observation.effectiveDateTime");
    assertRefused(Observations.quantity(nationalId, "1234-5", 70, "/min", now), "Ukjent målekode",
        "Observation.code");
    assertRefused(Observations.spo2("12345678901", 95), "kontrollsiffer", "Observation.subject.identifier.value");
    assertRefused(Observations.spo2(nationalId, 95).replace("\"status\": \"final\"", "\"status\": \"preliminary\""),
        "bare ferdige målinger", "Observation.status");
    assertRefused(Observations.spo2(nationalId, 95).replaceFirst("\"identifier\": \\[[^]]*],", ""),
        "Observation.identifier med system og value mangler", "Observation.identifier");

    Api.Response malformed = api.postFhir("/fhir/Observation", api.monitoringToken(), "{\"resourceType\": \"Observation\",");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("issue").path(0).path("diagnostics").asText()).startsWith("Innholdet er ikke gyldig JSON (linje 1");
    Api.Response unknownElement = api.postFhir("/fhir/Observation", api.monitoringToken(),
        Observations.spo2(nationalId, 95).replace("\"status\"", "\"colour\": \"red\", \"status\""));
    assertThat(unknownElement.status()).isEqualTo(400);
    assertThat(unknownElement.json().path("issue").path(0).path("diagnostics").asText()).contains("colour");
    Api.Response wrongType = api.postFhir("/fhir/Observation", api.monitoringToken(), "{\"resourceType\": \"Patient\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().path("issue").path(0).path("diagnostics").asText()).contains("ikke Patient");
    assertThat(readings()).isEqualTo(before);
  }

  @Test
  void aPatientNotYetMeasuringGetsTheSameAnswerAsANationalIdCarepathDoesNotKnow() {
    Enrolment.Patient planned = new Enrolment(api, PLATFORM).planned();
    long before = readings();

    Api.Response known = api.postFhir("/fhir/Observation", api.monitoringToken(), Observations.spo2(planned.nationalId(), 95));
    Api.Response unknown = api.postFhir("/fhir/Observation", api.monitoringToken(),
        Observations.spo2(no.carepath.Referrals.syntheticNationalId(), 95));

    assertThat(known.status()).isEqualTo(unknown.status()).isBetween(400, 499);
    assertThat(known.json().path("issue")).isEqualTo(unknown.json().path("issue"));
    assertThat(known.json().path("issue").path(0).path("diagnostics").asText()).startsWith("Ukjent pasient");
    assertThat(readings()).isEqualTo(before);
  }

  @Test
  void aBatchStoresTheGoodEntriesAndReportsEachBadOne() {
    String nationalId = patient().nationalId();
    long before = readings();

    Api.Response response = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("batch", List.of(
        Observations.spo2(nationalId, 95), Observations.spo2(nationalId, 120), Observations.pulse(nationalId, 70))));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode entries = response.json().path("entry");
    assertThat(response.json().path("type").asText()).isEqualTo("batch-response");
    assertThat(entries.path(0).path("response").path("status").asText()).isEqualTo("201 Created");
    assertThat(entries.path(1).path("response").path("status").asText()).isEqualTo("400 Bad Request");
    assertThat(entries.path(1).path("response").path("outcome").path("issue").path(0).path("expression").path(0).asText())
        .isEqualTo("Bundle.entry[1].resource.valueQuantity.value");
    assertThat(entries.path(2).path("response").path("status").asText()).isEqualTo("201 Created");
    assertThat(readings()).isEqualTo(before + 2);
  }

  @Test
  void aTransactionWithOneBadEntryStoresNothing() {
    String nationalId = patient().nationalId();
    long before = readings();

    Api.Response response = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("transaction", List.of(
        Observations.spo2(nationalId, 95), Observations.pulse(nationalId, 0))));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(response.json().path("issue").path(0).path("expression").path(0).asText())
        .isEqualTo("Bundle.entry[1].resource.valueQuantity.value");
    assertThat(readings()).isEqualTo(before);

    Api.Response good = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("transaction", List.of(
        Observations.spo2(nationalId, 95), Observations.pulse(nationalId, 68))));
    assertThat(good.status()).isEqualTo(200);
    assertThat(good.json().path("type").asText()).isEqualTo("transaction-response");
    assertThat(readings()).isEqualTo(before + 2);
  }

  @Test
  void onlyTheMonitoringPlatformMayPostAndErrorsAreOperationOutcomes() {
    String observation = Observations.spo2(patient().nationalId(), 95);

    Api.Response anonymous = api.postFhir("/fhir/Observation", null, observation);
    Api.Response integrations = api.postFhir("/fhir/Observation", api.integrationsToken(), observation);
    Api.Response nurse = api.postFhir("/fhir/Observation", api.tokenOf("jonas.lie"), observation);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(integrations.status()).isEqualTo(403);
    assertThat(nurse.status()).isEqualTo(403);
  }

  private void assertRefused(String observation, String diagnostics, String expression) {
    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/fhir+json");
    JsonNode issue = response.json().path("issue").path(0);
    assertThat(issue.path("severity").asText()).isEqualTo("error");
    assertThat(issue.path("diagnostics").asText()).contains(diagnostics);
    assertThat(issue.path("expression").path(0).asText()).isEqualTo(expression);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at no.carepath");
  }

  private long readings() {
    return StoredReadings.readings(jdbc, patient().episodeId());
  }
}
