package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;

/** What the guard refuses before the engine, and what it lets through. */
class EngineRequestGuardTest {

  @ExternalTaskSubscription(topicName = "messaging-deliver-message", variableNames = {"messageId"})
  static class DeliverWorker {
  }

  private final EngineRequestGuard guard = guard();

  private static EngineRequestGuard guard() {
    ApplicationContext context = mock(ApplicationContext.class);
    when(context.getBeansWithAnnotation(ExternalTaskSubscription.class)).thenReturn(Map.of("deliver", new DeliverWorker()));
    return new EngineRequestGuard(context);
  }

  private static final Actor OWNER = actor(CarepathGroups.PROCESS_OWNERS);
  private static final Actor NURSE = actor(CarepathGroups.HOME_FOLLOW_UP_NURSES);
  private static final Actor MANAGER = actor(CarepathGroups.MANAGERS);
  private static final Actor WORKERS = actor(CarepathGroups.SYSTEM_WORKERS);

  @Test
  void searchingInstancesByAVariableValueIsRefused() throws Exception {
    assertThat(refusal(OWNER, "GET", "/engine-rest/process-instance", "variables=patientLabel_like_%25Hansen%25", null))
        .contains("variabelverdier");
    assertThat(refusal(OWNER, "POST", "/engine-rest/history/process-instance", null,
        "{\"variables\":[{\"name\":\"patientLabel\",\"operator\":\"like\",\"value\":\"%a%\"}]}")).isNotNull();
    assertThat(refusal(MANAGER, "POST", "/camunda/api/cockpit/plugin/base/default/process-instance", null,
        "{\"variables\":[{\"name\":\"patientLabel\",\"operator\":\"eq\",\"value\":\"x\"}]}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-instance/delete", null,
        "{\"processInstanceQuery\":{\"variables\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":\"b\"}]}}")).isNotNull();
  }

  @Test
  void thoseWhoWorkTasksMaySearchTheirTasksByVariable() throws Exception {
    assertThat(refusal(NURSE, "GET", "/engine-rest/task", "processVariables=caseId_eq_SAK-1", null)).isNull();
    assertThat(refusal(NURSE, "POST", "/camunda/api/engine/engine/default/filter/f1/list", null,
        "{\"orQueries\":[{\"processVariables\":[{\"name\":\"patientLabel\",\"operator\":\"like\",\"value\":\"%a%\"}]}]}"))
        .isNull();
    // process owners and managers work the quality loop's tasks in the Tasklist, but search nobody's by value
    assertThat(refusal(OWNER, "GET", "/engine-rest/task", "processVariables=caseId_eq_SAK-1", null)).isNotNull();
    assertThat(refusal(MANAGER, "GET", "/engine-rest/task", "processVariables=caseId_eq_SAK-1", null)).isNotNull();
  }

  @Test
  void emptyConditionsAndFormValuesAreNoSearch() throws Exception {
    assertThat(refusal(MANAGER, "POST", "/camunda/api/cockpit/plugin/base/default/process-instance", null,
        "{\"variables\":[],\"processDefinitionId\":\"x\"}")).isNull();
    assertThat(refusal(NURSE, "POST", "/camunda/api/engine/engine/default/task/t1/submit-form", null,
        "{\"variables\":{\"outcome\":{\"value\":\"CONTACT_GP\"}}}")).isNull();
  }

  @Test
  void variablesAreNotWrittenOutsideATaskExceptByAnAdministrator() throws Exception {
    assertThat(refusal(OWNER, "PUT", "/engine-rest/process-instance/p1/variables/patientLabel", null,
        "{\"value\":\"x\",\"type\":\"String\"}")).contains("administrator");
    assertThat(refusal(OWNER, "POST", "/camunda/api/engine/engine/default/process-instance/p1/variables", null,
        "{\"modifications\":{}}")).isNotNull();
    assertThat(refusal(OWNER, "DELETE", "/engine-rest/execution/e1/localVariables/x", null, null)).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-instance/variables-async", null, "{}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/message", null, "{\"messageName\":\"x\"}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-definition/key/allocation-case/start", null, "{}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/camunda/api/engine/engine/default/external-task/x/complete", null,
        "{\"variables\":{\"a\":{\"value\":1}}}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-instance/p1/modification", null,
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"A\",\"variables\":{\"x\":{\"value\":1}}}]}"))
        .isNotNull();
  }

  @Test
  void processOwnersRepairWithoutValues() throws Exception {
    assertThat(refusal(OWNER, "PUT", "/engine-rest/external-task/x/retries", null, "{\"retries\":3}")).isNull();
    assertThat(refusal(OWNER, "PUT", "/engine-rest/job/x/retries", null, "{\"retries\":3}")).isNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-instance/p1/modification", null,
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"A\"}]}")).isNull();
    assertThat(refusal(OWNER, "GET", "/engine-rest/process-instance/p1", null, null)).isNull();
  }

  @Test
  void theWorkersFetchOnlyTheirTopicsAndTheVariablesTheyDeclare() throws Exception {
    String fetch = "/engine-rest/external-task/fetchAndLock";
    assertThat(refusal(WORKERS, "POST", fetch, null, "{\"workerId\":\"w\",\"maxTasks\":1,\"topics\":[{\"topicName\":"
        + "\"messaging-deliver-message\",\"lockDuration\":1000,\"variables\":[\"messageId\"]}]}")).isNull();
    assertThat(refusal(WORKERS, "POST", fetch, null, "{\"topics\":[{\"topicName\":\"allocation-x\",\"variables\":[]}]}"))
        .contains("emnet");
    assertThat(refusal(WORKERS, "POST", fetch, null, "{\"topics\":[{\"topicName\":\"messaging-deliver-message\","
        + "\"variables\":[\"messageId\",\"patientLabel\"]}]}")).contains("patientLabel");
    assertThat(refusal(WORKERS, "POST", fetch, null, "{\"topics\":[{\"topicName\":\"messaging-deliver-message\"}]}"))
        .contains("navngi");
    assertThat(refusal(WORKERS, "POST", fetch, null, "{\"topics\":[{\"topicName\":\"messaging-deliver-message\","
        + "\"variables\":[\"messageId\"],\"processVariables\":{\"patientLabel\":\"x\"}}]}")).isNotNull();
    assertThat(refusal(WORKERS, "POST", "/engine-rest/external-task/t1/complete", null, "{\"workerId\":\"w\"}")).isNull();
    assertThat(refusal(NURSE, "POST", fetch, null, "{\"topics\":[]}")).isNotNull();
  }

  @Test
  void anyPathSpellingIsTheSamePath() throws Exception {
    assertThat(EnginePaths.normalize("/engine-rest/mess%61ge/")).isEqualTo("/engine-rest/message");
    assertThat(EnginePaths.normalize("/engine-rest//process-instance/p1;x=y/variables/")).isEqualTo(
        "/engine-rest/process-instance/p1/variables");
    assertThat(EnginePaths.resource("/engine-rest/engine/default/task/t1/variables")).isEqualTo("/task/t1/variables");
    assertThat(EnginePaths.resource("/camunda/api/engine/engine/default/message")).isEqualTo("/message");
    assertThat(refusal(OWNER, "POST", "/engine-rest/mess%61ge/", null, "{\"messageName\":\"x\"}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/external-task/fetchAndLock/", null, "{\"topics\":[]}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/engine/default/process-instance/p1/variables", null, "{}")).isNotNull();
    assertThat(refusal(OWNER, "GET", "/engine-rest/history/process-instance", "%76ariables=patientLabel_like_%25a%25",
        null)).contains("variabelverdier");
  }

  @Test
  void signallingAnExecutionWithVariablesIsAVariableWrite() throws Exception {
    assertThat(refusal(OWNER, "POST", "/engine-rest/execution/e1/signal", null,
        "{\"variables\":{\"x\":{\"value\":1}}}")).isNotNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/execution/e1/messageSubscriptions/messaging-receipt-received/trigger",
        null, "{\"variables\":{\"receiptStatus\":{\"value\":\"OK\"}}}")).isNotNull();
  }

  @Test
  void commandsOnAWholeDefinitionActOnEveryMunicipalityAndAreForAdministrators() throws Exception {
    assertThat(refusal(OWNER, "PUT", "/engine-rest/process-definition/key/allocation-case/suspended", null,
        "{\"suspended\":true,\"includeProcessInstances\":true}")).contains("hel prosessdefinisjon");
    assertThat(refusal(OWNER, "PUT", "/engine-rest/process-instance/suspended", null,
        "{\"processDefinitionKey\":\"allocation-case\",\"suspended\":true}")).isNotNull();
    assertThat(refusal(OWNER, "PUT", "/engine-rest/job-definition/jd1/retries", null, "{\"retries\":3}")).isNotNull();
    assertThat(refusal(OWNER, "PUT", "/engine-rest/process-definition/pd1/history-time-to-live", null,
        "{\"historyTimeToLive\":0}")).isNotNull();
    assertThat(refusal(OWNER, "PUT", "/engine-rest/process-instance/suspended", null,
        "{\"processInstanceIds\":[\"p1\"],\"suspended\":true}")).isNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/process-instance", null,
        "{\"processDefinitionKey\":\"allocation-case\"}")).as("a query").isNull();
    assertThat(refusal(OWNER, "POST", "/engine-rest/decision-definition/d1/evaluate", null, "{}")).isNull();
  }

  @Test
  void answersWithVariablesBesideWhatWasAskedForAreNotOffered() throws Exception {
    assertThat(refusal(NURSE, "GET", "/engine-rest/task/t1", "withTaskVariablesInReturn=TRUE", null)).isNotNull();
    assertThat(refusal(NURSE, "POST", "/engine-rest/task", null, "{\"withTaskVariablesInReturn\":true}")).isNotNull();
    assertThat(refusal(NURSE, "POST", "/engine-rest/task/t1/complete", null,
        "{\"variables\":{},\"withVariablesInReturn\":true}")).isNotNull();
    MockHttpServletRequest administrator = new MockHttpServletRequest("POST", "/engine-rest/task/t1/submit-form");
    administrator.setContentType("application/json");
    administrator.setContent("{\"withVariablesInReturn\":true}".getBytes(StandardCharsets.UTF_8));
    assertThat(guard.administratorRefusal(new CachedBodyRequest(administrator, EngineRequestGuard.MAX_BODY))).isNotNull();
  }

  private String refusal(Actor actor, String method, String path, String query, String json) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRequestURI(path);
    request.setQueryString(query);
    if (json != null) {
      request.setContentType("application/json");
      request.setContent(json.getBytes(StandardCharsets.UTF_8));
    }
    return guard.refusal(actor, new CachedBodyRequest(request, EngineRequestGuard.MAX_BODY));
  }

  private static Actor actor(String role) {
    return new Actor("someone", "Someone", Set.of(role, "municipality-1804"));
  }
}
