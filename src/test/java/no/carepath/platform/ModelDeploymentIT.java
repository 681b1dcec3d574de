package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Process owners deploy from Camunda Modeler to /engine-rest; unsafe models are refused with a reason. */
class ModelDeploymentIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);

  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired DecisionService decisions;

  @Test
  void theDeployedDecisionsRunOnFeelParsedOnce() {
    assertThat(engineConfiguration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(ParsedOnceFeel.class);
    ParsedOnceFeel feel = (ParsedOnceFeel) engineConfiguration.getDmnEngineConfiguration().getFeelEngine();
    Map<String, Object> inputs = Map.of("consentDigitalFollowUp", true, "deviceAbility", "SELVSTENDIG",
        "primaryCondition", "KOLS");
    for (int i = 0; i < 3; i++) {
      assertThat(decisions.evaluateDecisionTableByKey("allocation-eligibility", inputs).getSingleResult()
          .<String>getEntry("recommendation")).isEqualTo("ANBEFALES");
    }
    assertThat(feel.kept()).isPositive();
  }

  @Test
  void aModelWhoseFormIsNotInTheDeploymentIsRefusedWithTheReason() {
    Api.Response response = deploy(Map.of("modeler-test.bpmn", model("it-form-missing", "team-leaders", "it-form-missing-form")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("it-form-missing-form").contains("ikke er med i denne deployeringen");
    assertThat(response.body()).contains("Task_CheckSomething");
  }

  @Test
  void aModelThatRequiresAnUnknownCompetenceOrConditionIsRefusedWithTheKnownOnes() {
    for (String[] properties : new String[][] {
        {"competence", "astrology", "«astrology»"},
        {"competenceIf", "pregnant: diabetes-followup", "«pregnant»"},
        {"competenceIf", "insulin diabetes-followup", "<vilkår>: <kompetanse>"}}) {
      String model = model("it-competence", "home-follow-up-nurses", "it-competence-form").replace(
          "<bpmn:incoming>Flow_ToTask</bpmn:incoming>", "<bpmn:extensionElements><camunda:properties>"
              + "<camunda:property name=\"" + properties[0] + "\" value=\"" + properties[1] + "\"/>"
              + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToTask</bpmn:incoming>");
      Api.Response response = deploy(Map.of("modeler-test.bpmn", model, "it-competence-form.form", form("it-competence-form")));

      assertThat(response.status()).as(properties[1]).isEqualTo(400);
      assertThat(response.json().path("message").asText()).contains(properties[2]).contains("Task_CheckSomething");
    }
    String known = model("it-competence-known", "home-follow-up-nurses", "it-competence-known-form").replace(
        "<bpmn:incoming>Flow_ToTask</bpmn:incoming>", "<bpmn:extensionElements><camunda:properties>"
            + "<camunda:property name=\"competence\" value=\"wound-care\"/>"
            + "<camunda:property name=\"competenceIf\" value=\"insulin: diabetes-followup\"/>"
            + "</camunda:properties></bpmn:extensionElements><bpmn:incoming>Flow_ToTask</bpmn:incoming>");
    assertThat(deploy(Map.of("modeler-test.bpmn", known, "it-competence-known-form.form", form("it-competence-known-form")))
        .status()).isEqualTo(200);
  }

  @Test
  void aModelWithAnUnknownCandidateGroupIsRefused() {
    Api.Response response = deploy(Map.of("modeler-test.bpmn", model("it-unknown-group", "nurses", "it-unknown-group-form"),
        "it-unknown-group-form.form", form("it-unknown-group-form")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("«nurses»").contains("home-follow-up-nurses");
  }

  @Test
  void aModelMayNotWidenWhoSeesPatients() {
    Api.Response toOwners = deploy(Map.of("modeler-test.bpmn", model("it-to-owners", "process-owners", "it-to-owners-form"),
        "it-to-owners-form.form", form("it-to-owners-form")));
    assertThat(toOwners.status()).isEqualTo(400);
    assertThat(toOwners.json().path("message").asText()).contains("«process-owners»").contains("allocation-office");

    String leaking = model("it-leaking", "team-leaders", "it-leaking-form").replace("camunda:dueDate=\"P1D\"",
        "camunda:dueDate=\"P1D\" camunda:assignee=\"erik.moen\"").replace("name=\"Sjekk noe\"",
        "name=\"${execution.getVariables()}\"");
    Api.Response response = deploy(Map.of("modeler-test.bpmn", leaking, "it-leaking-form.form", form("it-leaking-form")));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("${execution.getVariables()}")
        .contains("camunda:assignee");

    String script = model("it-script", "team-leaders", "it-script-form").replace("<bpmn:sequenceFlow",
        "<bpmn:scriptTask id=\"Task_Run\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"
            + "<bpmn:sequenceFlow");
    Api.Response scripted = deploy(Map.of("modeler-test.bpmn", script, "it-script-form.form", form("it-script-form")));
    assertThat(scripted.status()).isEqualTo(400);
    assertThat(scripted.json().path("message").asText()).contains("skript");
  }

  @Test
  void aFormWhoseRulesTheServerCannotCheckIsRefusedWithTheReason() {
    String form = form("it-unchecked-form").replace("\"label\": \"Notat\"",
        "\"label\": \"Notat\", \"conditional\": {\"hide\": \"=string length(note) > 3\"}");
    Api.Response response = deploy(Map.of("modeler-test.bpmn", model("it-unchecked", "team-leaders", "it-unchecked-form"),
        "it-unchecked-form.form", form));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("message").asText()).contains("it-unchecked-form.form")
        .contains("kan ikke kontrolleres av serveren").contains("string length(note) > 3");
  }

  @Test
  void aModelDeployedWithItsFormIsAcceptedAndShownAsNotFromTheRepository() {
    Api.Response response = deploy(Map.of("modeler-test.bpmn", model("it-with-form", "team-leaders", "it-with-form-form"),
        "it-with-form-form.form", form("it-with-form-form")));
    assertThat(response.status()).as(response.body()).isEqualTo(200);

    JsonNode models = api.get("/api/models", api.tokenOf("erik.moen")).json();
    JsonNode deployedOnly = Api.list(models).stream().filter(model -> model.path("key").asText().equals("it-with-form"))
        .findFirst().orElseThrow();
    assertThat(deployedOnly.path("inRepository").isNull() || deployedOnly.path("inRepository").isMissingNode()).isTrue();
    assertThat(deployedOnly.path("matchesRepository").asBoolean()).isFalse();
    JsonNode allocation = Api.list(models).stream().filter(model -> model.path("key").asText().equals("allocation-case"))
        .findFirst().orElseThrow();
    assertThat(allocation.path("inRepository").asText()).isEqualTo("processes/allocation/allocation-case.bpmn");
    assertThat(allocation.path("matchesRepository").asBoolean()).isTrue();
  }

  @Test
  void onlyProcessOwnersSeeTheModelStatus() {
    assertThat(api.get("/api/models", api.tokenOf("ingrid.berg")).status()).isEqualTo(403);
  }

  @Test
  void theRepositoryModelsAndTheirFormsAreOneDeployment() {
    String token = api.tokenOf("erik.moen");
    String deploymentId = api.get("/engine-rest/process-definition/key/allocation-case", token).json()
        .path("deploymentId").asText();
    JsonNode resources = api.get("/engine-rest/deployment/" + deploymentId + "/resources", token).json();

    assertThat(Api.list(resources).stream().map(resource -> resource.path("name").asText()))
        .contains("processes/allocation/allocation-case.bpmn", "processes/allocation/allocation-eligibility.dmn",
            "forms/allocation/allocation-assess-needs.form", "forms/allocation/allocation-decide-service.form");
  }

  private Api.Response deploy(Map<String, String> files) {
    Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
    files.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
    return api.postMultipart("/engine-rest/deployment/create", api.tokenOf("erik.moen"),
        Map.of("deployment-name", "modeler-" + UUID.randomUUID(), "deployment-source", "Camunda Modeler"), bytes);
  }

  private static String model(String key, String group, String formRef) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="https://carepath.no/bpmn/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Started"><bpmn:outgoing>Flow_ToTask</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Task_CheckSomething" name="Sjekk noe" camunda:candidateGroups="%2$s"
                           camunda:formRef="%3$s" camunda:formRefBinding="deployment" camunda:dueDate="P1D">
              <bpmn:incoming>Flow_ToTask</bpmn:incoming>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="Task_CheckSomething"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, group, formRef);
  }

  private static String form(String id) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 16, "components": [
          {"id": "Field_note", "key": "note", "type": "textfield", "label": "Notat"}]}
        """.formatted(id);
  }
}
