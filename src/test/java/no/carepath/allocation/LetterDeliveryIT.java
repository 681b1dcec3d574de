package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The letter worker against a dispatch service that is down: retries with back-off, an incident
 * in Cockpit after the last one, and exactly one delivery once the service is back and the
 * process owner retries.
 */
class LetterDeliveryIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);
  private final CaseWork work = new CaseWork(api);

  @AfterEach
  void serviceBackUp() {
    PLATFORM.letterDispatch().setDown(false);
  }

  @Test
  void aDispatchOutageEndsInAnIncidentAndTheRetryDeliversOnce() {
    String caseId = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), Referrals.gpReferral())
        .json().path("caseId").asText();
    work.assess(caseId);
    PLATFORM.letterDispatch().setDown(true);
    int deliveredBefore = PLATFORM.letterDispatch().deliveries();
    int refusedBefore = PLATFORM.letterDispatch().rejectedWhileDown();
    work.decideGranted(caseId, List.of("HOME_NURSING"));

    String processOwner = api.tokenOf("erik.moen");
    String processInstanceId = api.get("/engine-rest/process-instance?businessKey=" + caseId, processOwner)
        .json().get(0).path("id").asText();
    JsonNode incident = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/engine-rest/incident?processInstanceId=" + processInstanceId, processOwner).json(),
            incidents -> incidents.size() == 1)
        .get(0);
    assertThat(incident.path("incidentType").asText()).isEqualTo("failedExternalTask");
    assertThat(incident.path("activityId").asText()).isEqualTo("Task_SendDecisionLetter");
    assertThat(incident.path("incidentMessage").asText()).contains("svarer ikke");
    // the first attempt and max-retries (3 in application-it.yaml) retries, no hidden HTTP-level retries
    assertThat(PLATFORM.letterDispatch().rejectedWhileDown() - refusedBefore).isEqualTo(4);
    assertThat(PLATFORM.letterDispatch().deliveries()).isEqualTo(deliveredBefore);

    PLATFORM.letterDispatch().setDown(false);
    String externalTaskId = incident.path("configuration").asText();
    assertThat(api.putJson("/engine-rest/external-task/" + externalTaskId + "/retries", processOwner,
        Map.of("retries", 1)).status()).isEqualTo(204);

    work.awaitLetterSent(caseId);
    assertThat(PLATFORM.letterDispatch().deliveries()).isEqualTo(deliveredBefore + 1);
    assertThat(api.get("/engine-rest/incident?processInstanceId=" + processInstanceId, processOwner).json()).isEmpty();
  }
}
