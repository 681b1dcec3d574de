package no.carepath.followup;

import no.carepath.Today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.Referrals;
import no.carepath.TestPlatform;
import no.carepath.allocation.CaseWorkAccess;

/**
 * Brings a new synthetic patient into digital home follow-up the way people do it: a GP referral,
 * the case worker's assessment and grant, the nurse's start-up planning and home visit, and the
 * worker's registration on the (simulated) home-monitoring platform.
 */
public final class Enrolment {

  public record Patient(String caseId, String episodeId, String nationalId, String processInstanceId) {
  }

  static final String NURSE = "jonas.lie";

  private final Api api;
  private final TestPlatform platform;
  private final CaseWorkAccess work;

  public Enrolment(Api api, TestPlatform platform) {
    this.api = api;
    this.platform = platform;
    this.work = new CaseWorkAccess(api);
  }

  /** Referred, granted, and planned: the episode waits for the home visit (not measuring yet). */
  public Patient planned() {
    return planned(false);
  }

  /** Planned, with whether the patient uses insulin (a red deviation then requires diabetes follow-up). */
  public Patient planned(boolean insulin) {
    Map<String, Object> referral = Referrals.gpReferral();
    String nationalId = (String) ((Map<?, ?>) referral.get("patient")).get("nationalId");
    Api.Response received = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), referral);
    assertThat(received.status()).as(received.body()).isEqualTo(201);
    String caseId = received.json().path("caseId").asText();
    work.assessAndGrant(caseId, List.of("DIGITAL_HOME_FOLLOW_UP"));
    JsonNode startUp = awaitEpisodeTask(caseId, "Task_PlanStartup");
    String episodeId = episodeOf(startUp);
    complete(startUp, Map.of("homeVisitDate", Today.date().plusDays(1).toString(),
        "devicesPlanned", List.of("PULSOKSYMETER", "BLODTRYKKSMALER", "NETTBRETT"), "gpName", "Lege Testesen",
        "gpHprNumber", "1234567", "relativesInformed", true, "insulinTreated", insulin));
    return new Patient(caseId, episodeId, nationalId, startUp.path("processInstanceId").asText());
  }

  /** Home visit done: enrolled, in its trial period, registered on the monitoring platform. */
  public Patient measuring() {
    return measuring(false);
  }

  /** Measuring, with whether the patient uses insulin. */
  public Patient measuring(boolean insulin) {
    Patient patient = planned(insulin);
    JsonNode visit = awaitEpisodeTask(patient.caseId(), "Task_ConductHomeVisit");
    complete(visit, Map.of("homeVisitDoneDate", Today.date().toString(),
        "devicesHandedOut", List.of("PULSOKSYMETER", "BLODTRYKKSMALER", "NETTBRETT"),
        "deviceSerialNumbers", "PULSOKSYMETER: OX-1", "trainingGiven", true, "consentConfirmed", true));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> platform.homeMonitoring().registrations().containsKey(patient.episodeId()));
    return patient;
  }

  JsonNode awaitEpisodeTask(String caseId, String taskKey) {
    String token = api.tokenOf(NURSE);
    return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/engine-rest/task?taskDefinitionKey=" + taskKey + "&processVariables=caseId_eq_" + caseId,
            token).json(), tasks -> tasks.size() == 1)
        .get(0);
  }

  String episodeOf(JsonNode task) {
    return api.get("/engine-rest/task/" + task.path("id").asText() + "/variables/episodeId", api.tokenOf(NURSE))
        .json().path("value").asText();
  }

  void complete(JsonNode task, Map<String, Object> variables) {
    Api.Response response = submit(task, variables);
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  /** Completes the task as the nurse and returns the answer, refused or not. */
  Api.Response submit(JsonNode task, Map<String, Object> variables) {
    return work.complete(task, NURSE, variables);
  }
}
