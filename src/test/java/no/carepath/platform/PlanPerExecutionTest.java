package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests get a plan for each execution. */
class PlanPerExecutionTest {

  @ParameterizedTest
  @ValueSource(strings = {"/camunda/api/engine/engine/default/task", "/camunda/api/engine/engine/default/task/count",
      "/camunda/api/engine/engine/default/filter/abc/list", "/camunda/api/cockpit/plugin/base/default/process-instance",
      "/camunda/api/admin/auth/user/default", "/engine-rest/task/count", "/engine-rest/process-instance",
      "/engine-rest/engine/default/task"})
  void theEngineApiForPeopleIsPlannedPerExecution(String path) {
    assertThat(PlanPerExecution.forPeople(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/external-task/fetchAndLock", "/engine-rest/external-task/abc/complete",
      "/engine-rest/engine/default/external-task/fetchAndLock", "/fhir/Observation", "/fhir", "/api/episodes",
      "/app/indikatorer", "/actuator/health", "/camunda/app/tasklist/default/", "/"})
  void readingsWorkersPagesAndTheWebappsStaticFilesKeepCachedPlans(String path) {
    assertThat(PlanPerExecution.forPeople(path)).isFalse();
  }
}
