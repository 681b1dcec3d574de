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
 * The decision letter on the outbox's one way out: a dispatch service that is down gets retries
 * with back-off, then an incident in Cockpit, and exactly one delivery once it is back and the
 * process owner retries; the service's receipt closes the message. A negative receipt gives the
 * allocation office a task, and sending again is a new transmission with its own idempotency key.
 */
class LetterDeliveryIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);
  private final CaseWork work = new CaseWork(api);

  @AfterEach
  void serviceBackUp() {
    PLATFORM.letterDispatch().setDown(false);
    PLATFORM.letterDispatch().setReceipts("OK");
  }

  @Test
  void aDispatchOutageEndsInAnIncidentAndTheRetryDeliversOnce() {
    String caseId = newCase();
    PLATFORM.letterDispatch().setDown(true);
    int deliveredBefore = PLATFORM.letterDispatch().deliveries();
    int refusedBefore = PLATFORM.letterDispatch().rejectedWhileDown();
    work.decideGranted(caseId, List.of("HOME_NURSING"));

    String processOwner = api.tokenOf("erik.moen");
    String messageProcess = messageProcess(caseId, processOwner);
    JsonNode incident = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/engine-rest/incident?processInstanceId=" + messageProcess, processOwner).json(),
            incidents -> incidents.size() == 1)
        .get(0);
    assertThat(incident.path("incidentType").asText()).isEqualTo("failedExternalTask");
    assertThat(incident.path("activityId").asText()).isEqualTo("Task_DeliverMessage");
    assertThat(incident.path("incidentMessage").asText()).contains("svarer ikke");
    // the first attempt and max-retries (3 in application-it.yaml) retries, no hidden HTTP-level retries
    assertThat(PLATFORM.letterDispatch().rejectedWhileDown() - refusedBefore).isEqualTo(4);
    assertThat(PLATFORM.letterDispatch().deliveries()).isEqualTo(deliveredBefore);
    assertThat(message(caseId).path("status").asText()).isEqualTo("PENDING");

    PLATFORM.letterDispatch().setDown(false);
    String externalTaskId = incident.path("configuration").asText();
    assertThat(api.putJson("/engine-rest/external-task/" + externalTaskId + "/retries", processOwner,
        Map.of("retries", 1)).status()).isEqualTo(204);

    work.awaitLetterSent(caseId);
    assertThat(PLATFORM.letterDispatch().deliveries()).isEqualTo(deliveredBefore + 1);
    assertThat(PLATFORM.letterDispatch().lettersFor(caseId)).isEqualTo(1);
    assertThat(api.get("/engine-rest/incident?processInstanceId=" + messageProcess, processOwner).json()).isEmpty();
    // the service's receipt a moment later ends the message's process
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> message(caseId).path("status").asText(), "ACKNOWLEDGED"::equals);
    assertThat(api.get("/engine-rest/history/process-instance/" + messageProcess, processOwner).json()
        .path("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aRejectedLetterIsFollowedUpAndSentAgainUnderANewKey() {
    String caseId = newCase();
    PLATFORM.letterDispatch().setReceipts("REJECTED");
    work.decideGranted(caseId, List.of("HOME_NURSING"));
    work.awaitLetterSent(caseId);

    String caseWorker = api.tokenOf("ingrid.berg");
    String messageProcess = messageProcess(caseId, api.tokenOf("erik.moen"));
    JsonNode task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/engine-rest/task?processInstanceId=" + messageProcess, caseWorker).json(),
            tasks -> tasks.size() == 1)
        .get(0);
    assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("Task_FollowUpCaseMessage");
    assertThat(task.path("name").asText()).isEqualTo("Følg opp meldingen");
    assertThat(message(caseId).path("status").asText()).isEqualTo("REJECTED");
    assertThat(message(caseId).path("receiptText").asText()).contains("reservert");
    assertThat(api.get("/engine-rest/task?processInstanceId=" + messageProcess, api.tokenOf("jonas.lie")).json())
        .as("a nurse does not see the allocation office's messages").isEmpty();

    PLATFORM.letterDispatch().setReceipts("OK");
    String taskId = task.path("id").asText();
    assertThat(api.postJson("/engine-rest/task/" + taskId + "/claim", caseWorker, Map.of("userId", "ingrid.berg"))
        .status()).isEqualTo(204);
    assertThat(api.postJson("/engine-rest/task/" + taskId + "/complete", caseWorker, Map.of("variables", Map.of(
        "messageFollowUpOutcome", Map.of("value", "SEND_AGAIN"),
        "messageFollowUpNote", Map.of("value", "Adressen er rettet i folkeregisteret.")))).status()).isEqualTo(204);

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> message(caseId).path("status").asText(), "ACKNOWLEDGED"::equals);
    assertThat(message(caseId).path("transmission").asInt()).isEqualTo(2);
    assertThat(PLATFORM.letterDispatch().received(message(caseId).path("messageId").asText() + "-2")).isTrue();
    assertThat(PLATFORM.letterDispatch().lettersFor(caseId)).as("the first and the corrected transmission").isEqualTo(2);
  }

  private String newCase() {
    String caseId = api.postJson("/api/intake/gp-referrals", api.integrationsToken(), Referrals.gpReferral())
        .json().path("caseId").asText();
    work.assess(caseId);
    return caseId;
  }

  private JsonNode message(String caseId) {
    List<JsonNode> letters = Api.list(api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg")).json().path("messages"))
        .stream().filter(message -> "VEDTAKSBREV".equals(message.path("kind").asText())).toList();
    assertThat(letters).hasSize(1);
    return letters.get(0);
  }

  private String messageProcess(String caseId, String token) {
    String messageId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> Api.list(api.get("/api/cases/" + caseId, api.tokenOf("ingrid.berg")).json().path("messages")).stream()
            .filter(message -> "VEDTAKSBREV".equals(message.path("kind").asText())).findFirst(), java.util.Optional::isPresent)
        .orElseThrow().path("messageId").asText();
    return api.get("/engine-rest/process-instance?processDefinitionKey=messaging-outbound-message&businessKey=" + messageId,
        token).json().get(0).path("id").asText();
  }
}
