package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Readings exactly as sent, on real PostgreSQL and Keycloak: one idempotency rule (same identifier and
 * content is a resend, other content a conflict) inside a Bundle and across requests; batch entries
 * judged one by one; UCUM units converted; values kept with their precision; nothing echoed that was
 * not stored; strict JSON; and a deviation only ever from a stored reading.
 */
class MeasurementsAsSentIT extends IntegrationTest {

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

  // ---- one rule for idempotency ----------------------------------------------------------------------

  @Test
  void aLaterEntryReusingAnIdentifierWithAnotherValueIsAConflictAndOpensNoDeviation() {
    String id = "conflict-" + UUID.randomUUID();
    long deviationReadings = deviationReadings();

    Api.Response response = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("batch", List.of(
        spo2(96, id), spo2(80, id))));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode entries = response.json().path("entry");
    assertThat(entries.path(0).path("response").path("status").asText()).isEqualTo("201 Created");
    assertThat(entries.path(1).path("response").path("status").asText()).isEqualTo("409 Conflict");
    String diagnostics = entries.path(1).path("response").path("outcome").path("issue").path(0).path("diagnostics").asText();
    assertThat(diagnostics).contains("Bundle.entry[0]").contains("Bundle.entry[1]").contains(id);
    assertThat(entries.path(1).path("resource").isMissingNode()).isTrue();
    assertThat(storedValues(id)).containsExactly(new BigDecimal("96"));
    assertThat(deviationReadings()).isEqualTo(deviationReadings);
    assertEveryDeviationHasItsStoredReadings();
  }

  @Test
  void theSameIdentifierWithTheSameContentIsAResendInsideABundleAndAcrossRequests() {
    String id = "resend-" + UUID.randomUUID();

    Api.Response bundle = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("batch", List.of(
        glucose("6.7", "mmol/L", id), glucose("6.70", "mmol/L", id))));
    Api.Response again = api.postFhir("/fhir/Observation", api.monitoringToken(), glucose("6.7", "mmol/L", id));

    assertThat(bundle.json().path("entry").path(0).path("response").path("status").asText()).isEqualTo("201 Created");
    assertThat(bundle.json().path("entry").path(1).path("response").path("status").asText()).isEqualTo("200 OK");
    assertThat(bundle.json().path("entry").path(1).path("response").path("location").asText())
        .isEqualTo(bundle.json().path("entry").path(0).path("response").path("location").asText());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(storedValues(id)).hasSize(1);
  }

  @Test
  void aResendWithOtherContentIsRefusedWith409NamingBothAndTheStoredReadingStays() {
    String id = "changed-" + UUID.randomUUID();
    api.postFhir("/fhir/Observation", api.monitoringToken(), spo2(95, id));
    long deviationReadings = deviationReadings();

    Api.Response changed = api.postFhir("/fhir/Observation", api.monitoringToken(), spo2(82, id));

    assertThat(changed.status()).as(changed.body()).isEqualTo(409);
    assertThat(changed.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(changed.json().path("issue").path(0).path("code").asText()).isEqualTo("conflict");
    assertThat(changed.json().path("issue").path(0).path("diagnostics").asText())
        .contains("lagret: Oksygenmetning 95 %").contains("nå sendt: Oksygenmetning 82 %");
    assertThat(storedValues(id)).containsExactly(new BigDecimal("95"));
    assertThat(deviationReadings()).isEqualTo(deviationReadings);
  }

  @Test
  void aTransactionWithAConflictStoresNothingAndNamesEveryFailingEntry() {
    String id = "tx-" + UUID.randomUUID();
    String other = "tx-other-" + UUID.randomUUID();

    Api.Response response = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("transaction", List.of(
        spo2(96, other), spo2(96, id), spo2(90, id), Observations.pulse(patient().nationalId(), 0))));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    List<String> expressions = response.json().path("issue").findValues("expression").stream()
        .map(expression -> expression.path(0).asText()).toList();
    assertThat(expressions).contains("Bundle.entry[2].resource.identifier", "Bundle.entry[3].resource.valueQuantity.value");
    assertThat(storedValues(id)).isEmpty();
    assertThat(storedValues(other)).isEmpty();

    Api.Response conflictOnly = api.postFhir("/fhir", api.monitoringToken(), Observations.bundle("transaction", List.of(
        spo2(96, id), spo2(90, id))));
    assertThat(conflictOnly.status()).as(conflictOnly.body()).isEqualTo(409);
    assertThat(storedValues(id)).isEmpty();
  }

  // ---- batch semantics -------------------------------------------------------------------------------

  @Test
  void aBatchJudgesEveryEntryOnItsOwnKeepsTheOrderAndEchoesTheFullUrl() {
    String good = spo2(95, "batch-" + UUID.randomUUID());
    String bundle = """
        {"resourceType": "Bundle", "type": "batch", "entry": [
          {"fullUrl": "urn:uuid:11111111-1111-4111-8111-111111111111", "resource": %s,
           "request": {"method": "PUT", "url": "Observation"}},
          {"fullUrl": "urn:uuid:22222222-2222-4222-8222-222222222222", "resource": {"resourceType": "Patient"},
           "request": {"method": "POST", "url": "Observation"}},
          {"fullUrl": "urn:uuid:33333333-3333-4333-8333-333333333333", "resource": %s,
           "request": {"method": "POST", "url": "Observation"}},
          {"fullUrl": "urn:uuid:44444444-4444-4444-8444-444444444444", "resource": %s,
           "request": {"method": "POST", "url": "Observation"}}]}
        """.formatted(spo2(94, "put-" + UUID.randomUUID()), good,
        Observations.spo2(Referrals.syntheticNationalId(), 95));

    Api.Response response = api.postFhir("/fhir", api.monitoringToken(), bundle);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode entries = response.json().path("entry");
    assertThat(entries).hasSize(4);
    assertThat(entries.findValuesAsText("fullUrl")).containsExactly("urn:uuid:11111111-1111-4111-8111-111111111111",
        "urn:uuid:22222222-2222-4222-8222-222222222222", "urn:uuid:33333333-3333-4333-8333-333333333333",
        "urn:uuid:44444444-4444-4444-8444-444444444444");
    assertThat(entries.path(0).path("response").path("status").asText()).isEqualTo("405 Method Not Allowed");
    assertThat(entries.path(1).path("response").path("status").asText()).isEqualTo("400 Bad Request");
    assertThat(entries.path(2).path("response").path("status").asText()).isEqualTo("201 Created");
    assertThat(entries.path(3).path("response").path("status").asText()).isEqualTo("422 Unprocessable Entity");
  }

  @Test
  void anUnknownPatientIsA422() {
    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(),
        Observations.spo2(Referrals.syntheticNationalId(), 95));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("issue").path(0).path("code").asText()).isEqualTo("not-found");
  }

  // ---- units and precision ---------------------------------------------------------------------------

  @Test
  void valuesInAnyUnitOfTheRightDimensionAreConvertedAndKeptAsSent() {
    assertStored(quantity("29463-7", "70000", "g"), "70", "70000", "g");
    assertStored(quantity("29463-7", "154.3", "[lb_av]"), "69.99", "154.3", "[lb_av]");
    assertStored(quantity("15074-8", "6.7", "mmol/l"), "6.7", "6.7", "mmol/l");
    assertStored(quantity("15074-8", "120", "mg/dL"), "6.66", "120", "mg/dL");
    assertStored(quantity("8310-5", "98.6", "[degF]"), "37", "98.6", "[degF]");
    assertStored(quantity("8310-5", "37.25", "Cel"), "37.25", null, null);
  }

  @Test
  void aUnitOfTheWrongDimensionOrSpellingIsRefusedNamingTheExpectedUnit() {
    Api.Response kg = api.postFhir("/fhir/Observation", api.monitoringToken(), quantity("15074-8", "6", "kg"));
    Api.Response upper = api.postFhir("/fhir/Observation", api.monitoringToken(), quantity("15074-8", "6", "MMOL/L"));

    assertThat(kg.status()).isEqualTo(400);
    assertThat(kg.json().path("issue").path(0).path("diagnostics").asText()).contains("forventet «mmol/L»");
    assertThat(upper.status()).isEqualTo(400);
    assertThat(upper.json().path("issue").path(0).path("diagnostics").asText()).contains("ikke er en UCUM-enhet");
  }

  @Test
  void aValueComesBackWithThePrecisionItWasSentWith() {
    String id = "precise-" + UUID.randomUUID();

    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), glucose("6.7", "mmol/L", id));
    Api.Response again = api.postFhir("/fhir/Observation", api.monitoringToken(), glucose("6.7", "mmol/L", id));
    Api.Response episode = api.get("/api/episodes/" + patient().episodeId(), api.tokenOf("jonas.lie"));

    assertThat(response.body()).contains("\"value\":6.7,").doesNotContain("6.69999");
    assertThat(again.body()).contains("\"value\":6.7,").doesNotContain("6.69999");
    assertThat(episode.body()).doesNotContain("6.69999").doesNotContain("6.70000");
    assertThat(episode.json().path("readings").findValues("value").stream().map(JsonNode::decimalValue))
        .contains(new BigDecimal("6.7"));
  }

  // ---- nothing active stored or echoed; strict JSON ------------------------------------------------

  @Test
  void aNarrativeOrAnythingElseNotStoredIsNeverEchoed() {
    String observation = spo2(95, "narrative-" + UUID.randomUUID()).replace("\"status\": \"final\",",
        "\"status\": \"final\", \"text\": {\"status\": \"generated\", \"div\": \"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
            + "<p>Hei</p></div>\"}, \"note\": [{\"text\": \"<script>alert(1)</script>\"}],");

    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().has("text")).isFalse();
    assertThat(response.json().has("note")).isFalse();
    assertThat(response.body()).doesNotContain("script").doesNotContain("<div").doesNotContain("Hei");
  }

  @Test
  void strictJsonErrorsArePlainAndStoreNothing() {
    long before = readings();
    String good = spo2(95, "strict-" + UUID.randomUUID());

    assertPlain(good.replace("\"status\": \"final\",", "\"status\": \"final\", \"status\": \"preliminary\","),
        "Nøkkelen «status» står to ganger");
    assertPlain("[".repeat(5000) + "]".repeat(5000), "nøstet for dypt");
    assertPlain(good.replace("\"value\": 95", "\"value\": 95" + "0".repeat(40)), "høyst 30 er tillatt");
    assertPlain(good.replace("\"value\": 95", "\"value\": 9E+18"), "høyst 6 før");
    assertPlain(spo2(95, ""), "Tom tekst ved «identifier[0].value»");
    assertPlain(spo2(95, " leading-space"), "mellomrom");
    assertPlain(good.replace(patient().nationalId(), " " + patient().nationalId()), "mellomrom");
    assertThat(readings()).isEqualTo(before);
  }

  @Test
  void theCapabilityStatementStatesThePoliciesToAnyone() {
    Api.Response metadata = api.get("/fhir/metadata", null);

    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.json().path("resourceType").asText()).isEqualTo("CapabilityStatement");
    assertThat(metadata.json().path("fhirVersion").asText()).isEqualTo("4.0.1");
    String body = metadata.body();
    assertThat(body).contains("H-nummer").contains("tidssone").contains("identifier").contains("[lb_av]")
        .contains("15074-8").contains("batch").contains("409");
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private void assertStored(String observation, String value, String sentValue, String sentUnit) {
    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), observation);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    String id = response.json().path("identifier").path(0).path("value").asText();
    Map<String, Object> row = jdbc.sql("""
            select r.value, s.sent_value, s.sent_unit from followup_reading r
            left join followup_reading_sent s on s.id = r.id where r.id = any(:ids)
            """)
        .param("ids", ids(id).toArray(UUID[]::new)).query().singleRow();
    assertThat((BigDecimal) row.get("value")).isEqualByComparingTo(value);
    if (sentValue == null) {
      assertThat(row.get("sent_value")).isNull();
      assertThat(row.get("sent_unit")).isNull();
    } else {
      assertThat((BigDecimal) row.get("sent_value")).isEqualByComparingTo(sentValue);
      assertThat(row.get("sent_unit")).isEqualTo(sentUnit);
      assertThat(response.json().path("valueQuantity").path("code").asText()).isEqualTo(sentUnit);
    }
  }

  private void assertPlain(String body, String diagnostics) {
    Api.Response response = api.postFhir("/fhir/Observation", api.monitoringToken(), body);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().path("issue").path(0).path("diagnostics").asText()).contains(diagnostics);
    assertThat(response.body()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][a-zA-Z]+")
        .doesNotContain("Exception").doesNotContain("9223372036854775807");
  }

  private String spo2(double value, String identifier) {
    return Observations.quantity(patient().nationalId(), "2708-6", value, "%", MEASURED, identifier);
  }

  /** One measuring time for the class: a resend is the same measurement, at the same time. */
  private static final String MEASURED = Observations.now();

  private String glucose(String value, String unit, String identifier) {
    return Observations.quantity(patient().nationalId(), "15074-8", 0, unit, MEASURED, identifier)
        .replace("\"value\": 0,", "\"value\": " + value + ",");
  }

  private String quantity(String loinc, String value, String unit) {
    return Observations.quantity(patient().nationalId(), loinc, 0, unit, Observations.now(), "unit-" + UUID.randomUUID())
        .replace("\"value\": 0,", "\"value\": " + value + ",");
  }

  private static List<UUID> ids(String identifier) {
    return java.util.Arrays.stream(no.carepath.followup.triage.VitalSign.values())
        .map(sign -> no.carepath.followup.readings.ObservationMapper.readingId("urn:it:home-monitoring|" + identifier, sign))
        .toList();
  }

  private List<BigDecimal> storedValues(String identifier) {
    return jdbc.sql("select value from followup_reading where id = any(:ids)")
        .param("ids", ids(identifier).toArray(UUID[]::new)).query(BigDecimal.class).list();
  }

  private long readings() {
    return StoredReadings.readings(jdbc, patient().episodeId());
  }

  private long deviationReadings() {
    return StoredReadings.deviationReadings(jdbc, patient().episodeId());
  }

  /** No deviation without a stored reading behind it. */
  private void assertEveryDeviationHasItsStoredReadings() {
    assertThat(StoredReadings.deviationReadingsNotStored(jdbc)).isZero();
  }
}
