package no.carepath.metrics.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.TestPlatform;
import no.carepath.allocation.CaseWorkAccess;
import no.carepath.followup.Enrolment;

/**
 * Runs instances through {@code followup-deviation} as the pathway does, for the heatmap's tests: a Bodø
 * patient measuring, a red reading from the home-monitoring platform (a red deviation waiting for the nurse),
 * and the nurse closing it without action.
 */
public final class DeviationRuns {

  static final String NURSE = "jonas.lie";

  private final Api api;
  private final TestPlatform platform;

  public DeviationRuns(Api api, TestPlatform platform) {
    this.api = api;
    this.platform = platform;
  }

  /** A new Bodø patient in follow-up, measuring. */
  public Enrolment.Patient measuringPatient() {
    return new Enrolment(api, platform).measuring();
  }

  /** A red SpO2 reading for the patient; answers the nurse's task {@code Task_HandleRedDeviation} it gives. */
  public JsonNode openRedDeviation(Enrolment.Patient patient) {
    Api.Response sent = api.postFhir("/fhir/Observation", api.monitoringToken(), redSpo2(patient.nationalId()));
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
        .until(() -> api.get("/engine-rest/task?processDefinitionKey=followup-deviation"
            + "&taskDefinitionKey=Task_HandleRedDeviation&processVariables=episodeId_eq_" + patient.episodeId(),
            api.tokenOf(NURSE)).json(), tasks -> tasks.size() == 1)
        .get(0);
  }

  /** The nurse assesses the deviation and closes it: no action needed. */
  public void closeWithoutAction(JsonNode task) {
    Api.Response done = new CaseWorkAccess(api).complete(task, NURSE,
        Map.of("deviationOutcome", "NO_ACTION", "deviationNote", "Målt på nytt, normal verdi."));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  private static String redSpo2(String nationalId) {
    String effective = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        OffsetDateTime.now(ZoneOffset.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).minusMinutes(1));
    return """
        {"resourceType": "Observation", "status": "final",
         "identifier": [{"system": "urn:it:home-monitoring", "value": "%s"}],
         "code": {"coding": [{"system": "http://loinc.org", "code": "2708-6"}]},
         "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "%s"}},
         "effectiveDateTime": "%s",
         "valueQuantity": {"value": 86, "unit": "%%", "system": "http://unitsofmeasure.org", "code": "%%"}}
        """.formatted(UUID.randomUUID(), nationalId, effective);
  }
}
