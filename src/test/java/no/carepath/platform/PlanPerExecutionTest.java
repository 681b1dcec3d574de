package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests get a plan for each execution: people's engine queries, nothing else. */
class PlanPerExecutionTest {

  @ParameterizedTest
  @CsvSource({
      "POST, /camunda/api/engine/engine/default/filter/abc/list",
      "POST, /camunda/api/engine/engine/default/filter/abc/count",
      "GET, /camunda/api/engine/engine/default/filter/abc/count",
      "GET, /camunda/api/engine/engine/default/task",
      "GET, /camunda/api/engine/engine/default/task/abc/form-variables",
      "POST, /camunda/api/engine/engine/default/task",
      "POST, /camunda/api/engine/engine/default/task/count",
      "POST, /camunda/api/engine/engine/default/process-instance",
      "POST, /camunda/api/engine/engine/default/history/task",
      "POST, /camunda/api/cockpit/plugin/base/default/process-instance",
      "GET, /camunda/api/cockpit/plugin/base/default/process-definition/abc/called-process-definitions",
      "GET, /camunda/api/admin/auth/user/default",
      "GET, /camunda/api/tasklist/plugin/x/default/y",
      "GET, /engine-rest/task/count",
      "GET, /engine-rest/engine/default/task",
      "POST, /engine-rest/task",
      "POST, /engine-rest/history/process-instance"})
  void peoplesEngineQueriesArePlannedPerExecution(String method, String path) {
    assertThat(PlanPerExecution.forPeople(method, path)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
      "POST, /engine-rest/external-task/fetchAndLock",
      "POST, /engine-rest/external-task/abc/complete",
      "GET, /engine-rest/external-task",
      "POST, /engine-rest/engine/default/external-task/fetchAndLock",
      "POST, /camunda/api/engine/engine/default/task/abc/complete",
      "POST, /camunda/api/engine/engine/default/task/abc/submit-form",
      "POST, /camunda/api/engine/engine/default/task/abc/claim",
      "PUT, /camunda/api/engine/engine/default/task/abc/variables/x",
      "DELETE, /engine-rest/process-instance/abc",
      "POST, /engine-rest/process-definition/key/x/start",
      "POST, /engine-rest/message",
      "POST, /engine-rest/deployment/create",
      "POST, /engine-rest/history/cleanup",
      "POST, /fhir/Observation",
      "POST, /fhir",
      "GET, /api/episodes",
      "GET, /app/indikatorer",
      "GET, /actuator/health",
      "GET, /camunda/app/tasklist/default/",
      "GET, /"})
  void readingsWorkersWritesPagesAndTheWebappsFilesKeepCachedPlans(String method, String path) {
    assertThat(PlanPerExecution.forPeople(method, path)).isFalse();
  }
}
