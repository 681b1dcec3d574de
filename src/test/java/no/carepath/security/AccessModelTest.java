package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Decisions of the written model that matter most, read as sentences. */
class AccessModelTest {

  private static final Set<String> CASE_WORKER = Set.of(CarepathGroups.ALLOCATION_OFFICE, "municipality-1804");
  private static final Set<String> NURSE = Set.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, "municipality-1804");
  private static final Set<String> MANAGER = Set.of(CarepathGroups.MANAGERS, "municipality-1804");
  private static final Set<String> OWNER = Set.of(CarepathGroups.PROCESS_OWNERS, "municipality-1804");
  private static final Set<String> TEAM_LEADER = Set.of(CarepathGroups.TEAM_LEADERS, "municipality-1804");
  private static final Set<String> WORKERS = Set.of(CarepathGroups.SYSTEM_WORKERS);
  private static final Set<String> MONITORING = Set.of(CarepathGroups.SYSTEM_MONITORING, "municipality-1804");

  @Test
  void managersSeeAggregatesAndNoPatient() {
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/app/stays/timeliness")).isTrue();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/app/stays")).isFalse();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/app/stays/STAY-1")).isFalse();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/app/cases")).isFalse();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/actuator/prometheus")).isTrue();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/app/access-statistics")).isTrue();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/engine-rest/process-instance")).isFalse();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/engine-rest/history/variable-instance")).isFalse();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/camunda/api/engine/engine/default/history/detail")).isFalse();
  }

  @Test
  void onlyAdministratorsReadVariableHistory() {
    for (Set<String> groups : java.util.List.of(CASE_WORKER, NURSE, MANAGER, OWNER, WORKERS)) {
      assertThat(AccessModel.permits(groups, HttpMethod.GET, "/engine-rest/history/variable-instance")).isFalse();
      assertThat(AccessModel.permits(groups, HttpMethod.GET,
          "/camunda/api/engine/engine/default/history/variable-instance/abc")).isFalse();
    }
    assertThat(AccessModel.permits(Set.of(CarepathGroups.ADMINISTRATORS), HttpMethod.GET,
        "/engine-rest/history/variable-instance")).isTrue();
  }

  @Test
  void onlyAdministratorsChangeWhoMayWorkATask() {
    // adding a candidate group would give that group the task, and the patient on it (a manager, another role)
    for (String api : List.of("/engine-rest", "/camunda/api/engine/engine/default")) {
      for (Set<String> groups : List.of(CASE_WORKER, NURSE, MANAGER, OWNER, TEAM_LEADER)) {
        for (String action : List.of("identity-links", "identity-links/delete", "bpmnError", "bpmnEscalation")) {
          assertThat(AccessModel.permits(groups, HttpMethod.POST, api + "/task/abc/" + action)).as(api + " " + action)
              .isFalse();
        }
        assertThat(AccessModel.permits(groups, HttpMethod.POST, api + "/task/create")).isFalse();
        assertThat(AccessModel.permits(groups, HttpMethod.DELETE, api + "/task/abc")).isFalse();
        // reading who may work it, and the work itself, stay the engine's to decide
        assertThat(AccessModel.permits(groups, HttpMethod.GET, api + "/task/abc/identity-links")).isTrue();
      }
      assertThat(AccessModel.permits(NURSE, HttpMethod.POST, api + "/task/abc/claim")).isTrue();
      assertThat(AccessModel.permits(NURSE, HttpMethod.POST, api + "/task/abc/submit-form")).isTrue();
      assertThat(AccessModel.permits(Set.of(CarepathGroups.ADMINISTRATORS), HttpMethod.POST,
          api + "/task/abc/identity-links")).isTrue();
    }
  }

  @Test
  void theWorkersReachTheirTasksAndNothingElse() {
    assertThat(AccessModel.permits(WORKERS, HttpMethod.POST, "/engine-rest/external-task/fetchAndLock")).isTrue();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.POST, "/engine-rest/external-task/abc/complete")).isTrue();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.POST, "/engine-rest/external-task/abc/failure")).isTrue();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.PUT, "/engine-rest/external-task/abc/retries")).isFalse();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.POST, "/engine-rest/job/abc/execute")).isFalse();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.GET, "/engine-rest/user")).isFalse();
    assertThat(AccessModel.permits(WORKERS, HttpMethod.GET, "/actuator/prometheus")).isFalse();
    assertThat(AccessModel.permits(OWNER, HttpMethod.POST, "/engine-rest/external-task/abc/complete")).isFalse();
    assertThat(AccessModel.permits(OWNER, HttpMethod.PUT, "/engine-rest/external-task/abc/retries")).isTrue();
  }

  @Test
  void systemsReachExactlyTheirEndpoints() {
    assertThat(AccessModel.permits(MONITORING, HttpMethod.POST, "/fhir")).isTrue();
    assertThat(AccessModel.permits(MONITORING, HttpMethod.POST, "/fhir/Observation")).isTrue();
    assertThat(AccessModel.permits(MONITORING, HttpMethod.GET, "/fhir/Observation")).isFalse();
    assertThat(AccessModel.permits(MONITORING, HttpMethod.POST, "/api/intake/applications")).isFalse();
    assertThat(AccessModel.permits(MONITORING, HttpMethod.GET, "/engine-rest/group")).isFalse();
    assertThat(AccessModel.permits(Set.of(CarepathGroups.SYSTEM_INTEGRATIONS), HttpMethod.GET, "/api/cases")).isFalse();
  }

  @Test
  void nobodyLogsInPastKeycloakAndUnknownPathsAreRefused() {
    Set<String> admin = Set.of(CarepathGroups.ADMINISTRATORS);
    assertThat(AccessModel.permits(admin, HttpMethod.POST, "/camunda/api/admin/auth/user/default/login/cockpit")).isFalse();
    assertThat(AccessModel.permits(admin, HttpMethod.POST, "/camunda/api/admin/setup/default/user/create")).isFalse();
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/something/new").isDenied()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/api/something-new").isDenied()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/app/something-new").isDenied()).isTrue();
  }

  @Test
  void theWebappsOpenOnlyForTheirRoles() {
    assertThat(AccessModel.permits(NURSE, HttpMethod.GET, "/camunda/app/tasklist/default/")).isTrue();
    assertThat(AccessModel.permits(NURSE, HttpMethod.GET, "/camunda/app/cockpit/default/")).isFalse();
    // managers and process owners: the Tasklist for the quality loop's tasks of their groups (EngineGrants)
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/camunda/app/tasklist/default/")).isTrue();
    assertThat(AccessModel.permits(OWNER, HttpMethod.GET, "/camunda/app/tasklist/default/")).isTrue();
    assertThat(AccessModel.permits(MANAGER, HttpMethod.GET, "/camunda/app/cockpit/default/")).isTrue();
    assertThat(AccessModel.permits(OWNER, HttpMethod.GET, "/camunda/app/admin/default/")).isFalse();
    assertThat(AccessModel.permits(CASE_WORKER, HttpMethod.GET, "/camunda/app/welcome/default/")).isTrue();
  }

  @Test
  void processOwnersAndManagersReadOnlyTheQualityLoopsDefinitionsForTheirTasks() {
    for (String group : List.of(CarepathGroups.PROCESS_OWNERS, CarepathGroups.MANAGERS)) {
      assertThat(EngineGrants.GRANTS).anySatisfy(grant -> {
        assertThat(grant.group()).isEqualTo(group);
        assertThat(grant.resource()).isEqualTo(org.camunda.bpm.engine.authorization.Resources.APPLICATION);
        assertThat(grant.resourceId()).isEqualTo("tasklist");
      });
      assertThat(EngineGrants.GRANTS.stream().filter(grant -> grant.group().equals(group)
              && grant.resource() == org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION
              && !grant.resourceId().equals(org.camunda.bpm.engine.authorization.Authorization.ANY))
          .map(EngineGrants.Grant::resourceId)).containsExactlyElementsOf(EngineGrants.QUALITY_DEFINITIONS);
      // tasks only through their candidate group: no grant on every task, no variable of an instance
      assertThat(EngineGrants.GRANTS).noneMatch(grant -> grant.group().equals(group)
          && grant.resource() == org.camunda.bpm.engine.authorization.Resources.TASK);
      assertThat(EngineGrants.GRANTS).filteredOn(grant -> grant.group().equals(group))
          .flatMap(EngineGrants.Grant::permissions).map(org.camunda.bpm.engine.authorization.Permission::getName)
          .doesNotContain("READ_INSTANCE_VARIABLE", "READ_HISTORY_VARIABLE", "READ_TASK_VARIABLE", "ALL");
    }
    assertThat(EngineGrants.QUALITY_DEFINITIONS).containsExactly("quality-incident", "quality-change-request",
        "quality-escalation", "quality-annual-review");
  }

  @Test
  void publicPathsAreFew() {
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/actuator/health/readiness").isPublic()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/css/carepath.css").isPublic()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.POST, "/error").isPublic()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.POST, "/css/carepath.css").isPublic()).isFalse();
    assertThat(AccessModel.ruleFor(HttpMethod.GET, "/fhir/metadata").isPublic()).isTrue();
    assertThat(AccessModel.ruleFor(HttpMethod.POST, "/fhir/metadata").isPublic()).isFalse();
    assertThat(AccessModel.RULES.stream().filter(AccessModel.Rule::isPublic).count()).isEqualTo(3);
  }
}
