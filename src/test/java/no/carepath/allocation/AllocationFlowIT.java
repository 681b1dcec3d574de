package no.carepath.allocation;

import no.carepath.Today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pathway from referral to decision through the REST API as the Tasklist drives it, with the
 * letter worker talking HTTP to the dispatch simulator, on PostgreSQL and Keycloak.
 */
class AllocationFlowIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);
  private final CaseWork work = new CaseWork(api);
  @Autowired JdbcClient jdbc;

  @Test
  void aGrantedDecisionIsLetteredSentAndHandedOverToFollowup() throws Exception {
    String caseId = open(Referrals.application());

    work.assess(caseId);
    JsonNode decisionTask = work.awaitTask(caseId, "Task_DecideService", "ingrid.berg");
    JsonNode variables = api.get("/engine-rest/task/" + decisionTask.path("id").asText() + "/variables",
        api.tokenOf("ingrid.berg")).json();
    assertThat(variables.path("recommendation").path("value").asText()).isEqualTo("ANBEFALES");
    assertThat(variables.path("recommendationText").path("value").asText()).contains("egner seg").doesNotContain("{{");

    work.decideGranted(caseId, List.of("DIGITAL_HOME_FOLLOW_UP", "HOME_NURSING"));
    JsonNode view = work.awaitLetterSent(caseId);

    assertThat(view.path("decision").path("outcome").asText()).isEqualTo("GRANTED");
    assertThat(view.path("decision").path("decidedByName").asText()).isEqualTo("Ingrid Berg");
    assertThat(view.path("patientNationalIdMasked").asText()).endsWith("*****");
    assertThat(PLATFORM.letterDispatch().lettersFor(caseId)).isEqualTo(1);

    byte[] pdf = api.getBytes("/api/cases/" + caseId + "/letter", api.tokenOf("ingrid.berg"));
    try (var document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Vedtak om helse- og omsorgstjenester").contains(caseId)
          .contains("Digital hjemmeoppfølging").contains("Hjemmesykepleie").contains("Du har rett til å klage")
          .contains("tre uker").contains("Ingrid Berg");
    }

    JsonNode startup = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(
            "/engine-rest/task?processDefinitionKey=followup-episode&taskDefinitionKey=Task_PlanStartup", api.tokenOf("jonas.lie")).json(),
        tasks -> Api.list(tasks).stream().anyMatch(task -> caseId.equals(caseIdOf(task))));
    assertThat(startup).isNotEmpty();
    assertThat(jdbc.sql("select count(*) from followup_episode where case_id = :caseId").param("caseId", caseId)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from security_access_log where reference = :caseId and what = 'decision-letter'")
        .param("caseId", caseId).query(Long.class).single()).isPositive();
  }

  @Test
  void theServerRefusesAnIncompleteAssessmentAndTheTaskStaysOpen() {
    String caseId = open(Referrals.application());
    JsonNode task = work.awaitTask(caseId, "Task_AssessNeeds", "ingrid.berg");
    Map<String, Object> incomplete = CaseWork.assessment();
    incomplete.remove("whatMattersToYou");
    incomplete.put("functionMemory", "7");

    Api.Response response = work.complete(task, "ingrid.berg", incomplete);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("Hva er viktig for deg?").contains("Hukommelse");
    assertThat(work.awaitTask(caseId, "Task_AssessNeeds", "ingrid.berg").path("id").asText())
        .isEqualTo(task.path("id").asText());
    assertThat(jdbc.sql("select count(*) from allocation_assessment where case_id = :caseId").param("caseId", caseId)
        .query(Long.class).single()).isZero();
  }

  @Test
  void theServerRefusesAGrantWithoutServicesOrStartDate() {
    String caseId = open(Referrals.gpReferral());
    work.assess(caseId);
    JsonNode task = work.awaitTask(caseId, "Task_DecideService", "ingrid.berg");
    Map<String, Object> decision = CaseWork.grantedDecision(List.of());
    decision.remove("serviceStartDate");

    Api.Response response = work.complete(task, "ingrid.berg", decision);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("Tjenester").contains("Startdato");
  }

  @Test
  void aRejectionIsLetteredAndStartsNoFollowup() {
    String caseId = open(Referrals.gpReferral());
    work.assess(caseId);
    assertThat(work.complete(work.awaitTask(caseId, "Task_DecideService", "ingrid.berg"), "ingrid.berg",
        CaseWork.rejectedDecision()).status()).isEqualTo(204);

    JsonNode view = work.awaitLetterSent(caseId);

    assertThat(view.path("decision").path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(jdbc.sql("select count(*) from followup_episode where case_id = :caseId").param("caseId", caseId)
        .query(Long.class).single()).isZero();
  }

  @Test
  void anAppealReopensTheCaseForANewAssessmentOnce() {
    String caseId = open(Referrals.gpReferral());
    work.assess(caseId);
    work.complete(work.awaitTask(caseId, "Task_DecideService", "ingrid.berg"), "ingrid.berg", CaseWork.rejectedDecision());
    work.awaitLetterSent(caseId);
    String caseWorker = api.tokenOf("ingrid.berg");

    Api.Response appeal = api.postJson("/api/cases/" + caseId + "/appeals", caseWorker,
        Map.of("receivedDate", Today.date().toString(), "reason", "Jeg trenger hjelp med medisinene."));

    assertThat(appeal.status()).as(appeal.body()).isEqualTo(202);
    JsonNode reassessment = work.awaitTask(caseId, "Task_AssessNeeds", "ingrid.berg");
    assertThat(api.get("/engine-rest/task/" + reassessment.path("id").asText() + "/variables", caseWorker).json()
        .path("appealUnderReview").path("value").asBoolean()).isTrue();
    Api.Response second = api.postJson("/api/cases/" + caseId + "/appeals", caseWorker,
        Map.of("receivedDate", Today.date().toString(), "reason", "Igjen."));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().path("detail").asText()).contains("allerede en klage");
  }

  @Test
  void anAppealBeforeTheLetterIsSentIsAConflict() {
    String caseId = open(Referrals.application());
    Api.Response appeal = api.postJson("/api/cases/" + caseId + "/appeals", api.tokenOf("ingrid.berg"),
        Map.of("receivedDate", Today.date().toString(), "reason", "For tidlig."));
    assertThat(appeal.status()).isEqualTo(409);
    assertThat(appeal.json().path("detail").asText()).contains("ikke et sendt vedtak");
  }

  private String open(Map<String, Object> referral) {
    String path = referral.containsKey("gp") ? "/api/intake/gp-referrals" : "/api/intake/applications";
    Api.Response response = api.postJson(path, api.integrationsToken(), referral);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().path("caseId").asText();
  }

  private String caseIdOf(JsonNode task) {
    JsonNode variables = api.get("/engine-rest/task/" + task.path("id").asText() + "/variables?variableNames=caseId",
        api.tokenOf("jonas.lie")).json();
    return variables.path("caseId").path("value").asText();
  }
}
