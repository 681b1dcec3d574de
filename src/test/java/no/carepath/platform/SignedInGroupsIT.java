package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.IntegrationTest;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's authorization checks give every person of the realm the same answers with their groups
 * taken as given ({@link SignedInGroups}) as with the engine's own manager, which first drops the groups
 * that hold no grant; and they no longer read every grant to do so.
 */
class SignedInGroupsIT extends IntegrationTest {

  private static final String NO_GRANTS = "carepath-test-group-without-grants";

  @Autowired ProcessEngine engine;

  private ProcessEngineConfigurationImpl configuration;
  // the roles whose work is patients' (DeploymentGuard gives tasks to no other)
  private final List<String> roles = List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.ALLOCATION_OFFICE,
      CarepathGroups.TEAM_LEADERS);
  private final List<String> tasks = new ArrayList<>();
  private String deployment;

  @BeforeEach
  void tasksForEveryRoleInThreeMunicipalities() {
    configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // a user task as the models have it (a role as candidate group, a due date, a form), one definition per role
    DeploymentBuilder models = engine.getRepositoryService().createDeployment().name("signed-in-groups-it");
    for (String role : roles) {
      models.addModelInstance(key(role) + ".bpmn", Bpmn.createExecutableProcess(key(role)).name("Test " + role)
          .camundaHistoryTimeToLive(1)
          .startEvent("StartEvent_TestStarted")
          .userTask("Task_TestSomething").name("Test task").camundaCandidateGroups(role)
          .camundaDueDate("${followUpDueDate}").camundaFormKey("embedded:app:forms/benchmark.html")
          .endEvent("EndEvent_TestDone")
          .done());
    }
    deployment = models.deploy().getId();
    for (String tenant : List.of("1804", "1806", "3001")) {
      for (String role : roles) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(key(role), Map.of(
            "municipalityNumber", tenant, "followUpDueDate", new Date())).getId();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getTenantId()).isEqualTo(tenant);
        tasks.add(task.getId());
      }
    }
  }

  @AfterEach
  void removeThem() {
    engine.getIdentityService().clearAuthentication();
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  private String[] keys() {
    return roles.stream().map(SignedInGroupsIT::key).toArray(String[]::new);
  }

  private static String key(String role) {
    return "signed-in-groups-it-" + role;
  }

  @Test
  void theRunningEngineOpensItsAuthorizationManagerAsSignedInGroups() {
    Object manager = configuration.getCommandExecutorTxRequired().execute(
        (Command<Object>) context -> context.getAuthorizationManager());

    assertThat(manager).isInstanceOf(SignedInGroups.class);
  }

  @Test
  void everyPersonOfTheRealmGetsTheSameAnswersAsWithTheEnginesOwnManager() throws Exception {
    Map<String, List<String>> identities = realmIdentities();
    identities.put("someone-with-a-group-without-grants", List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, NO_GRANTS,
        CarepathGroups.MUNICIPALITY_PREFIX + "1804"));
    identities.put("someone-with-a-group-twice", List.of(CarepathGroups.ALLOCATION_OFFICE,
        CarepathGroups.ALLOCATION_OFFICE, CarepathGroups.MUNICIPALITY_PREFIX + "1806"));
    identities.put("someone-with-only-groups-without-grants", List.of(NO_GRANTS, NO_GRANTS + "-2"));
    List<String> many = new ArrayList<>(List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.MUNICIPALITY_PREFIX + "3001"));
    for (int i = 0; many.size() <= SignedInGroups.AS_GIVEN_UP_TO; i++) {
      many.add(NO_GRANTS + "-" + i);
    }
    identities.put("someone-in-more-groups-than-taken-as-given", many);

    int visibleSomewhere = 0;
    for (Map.Entry<String, List<String>> identity : identities.entrySet()) {
      Map<String, Object> ours = answers(identity.getKey(), identity.getValue());
      Map<String, Object> engines = EnginesOwnAuthorizationManager.during(engine,
          () -> answers(identity.getKey(), identity.getValue()));

      assertThat(ours).as(identity.getKey()).isEqualTo(engines);
      visibleSomewhere += ((List<?>) ours.get("tasks")).size();
    }
    // the comparison is about something: people see some of the test's tasks and not others
    assertThat(visibleSomewhere).isPositive().isLessThan(identities.size() * tasks.size());
  }

  @Test
  void aNurseSeesTheTasksOfHerRoleInHerMunicipalitiesOnly() {
    engine.getIdentityService().setAuthentication("mari.sandvik", List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES,
        NO_GRANTS, CarepathGroups.MUNICIPALITY_PREFIX + "1804", CarepathGroups.MUNICIPALITY_PREFIX + "1806"),
        List.of("1804", "1806"));

    List<String> seen = engine.getTaskService().createTaskQuery().taskIdIn(tasks.toArray(String[]::new)).list()
        .stream().map(Task::getId).sorted().toList();

    assertThat(seen).hasSize(2).containsExactlyInAnyOrder(tasks.get(0), tasks.get(3));
  }

  @Test
  void aQueryNoLongerReadsEveryGroupThatHoldsAGrant() throws Exception {
    Command<Boolean> query = context -> {
      TaskQueryImpl tasks = new TaskQueryImpl();
      tasks.taskCandidateGroup(CarepathGroups.HOME_FOLLOW_UP_NURSES).includeAssignedTasks();
      tasks.executeCount(context);
      return scannedEveryGroup(context.getAuthorizationManager());
    };
    engine.getIdentityService().setAuthentication("jonas.lie", List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES,
        CarepathGroups.MUNICIPALITY_PREFIX + "1804"), List.of("1804"));

    assertThat(configuration.getCommandExecutorTxRequired().execute(query)).isFalse();
    // the engine's own manager does read them: the check above can fail
    assertThat(EnginesOwnAuthorizationManager.during(engine,
        () -> configuration.getCommandExecutorTxRequired().execute(query))).isTrue();
    // and someone in more groups than taken as given gets the engine's way
    List<String> many = new ArrayList<>(List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES));
    for (int i = 0; many.size() <= SignedInGroups.AS_GIVEN_UP_TO; i++) {
      many.add(NO_GRANTS + "-" + i);
    }
    engine.getIdentityService().setAuthentication("jonas.lie", many, List.of("1804"));
    assertThat(configuration.getCommandExecutorTxRequired().execute(query)).isTrue();
  }

  // ---- helpers ----

  /** What a person gets from the engine: visible tasks, their count, definitions, filters and checked commands. */
  private Map<String, Object> answers(String user, List<String> groups) {
    List<String> tenants = groups.stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
        .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())).toList();
    engine.getIdentityService().setAuthentication(user, groups, tenants);
    try {
      Map<String, Object> answers = new LinkedHashMap<>();
      String[] ids = tasks.toArray(String[]::new);
      answers.put("tasks", engine.getTaskService().createTaskQuery().taskIdIn(ids).orderByTaskId().asc().list()
          .stream().map(Task::getId).toList());
      answers.put("nurses' filter", engine.getTaskService().createTaskQuery().taskIdIn(ids)
          .taskCandidateGroup(CarepathGroups.HOME_FOLLOW_UP_NURSES).includeAssignedTasks().count());
      // only what the test started: the job executor and the sweeps start and end other instances meanwhile
      answers.put("instances", engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKeyIn(keys())
          .list().stream().map(instance -> instance.getId()).sorted().toList());
      answers.put("history", engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKeyIn(keys()).list().stream().map(instance -> instance.getId()).sorted().toList());
      answers.put("definitions", engine.getRepositoryService().createProcessDefinitionQuery().list().stream()
          .map(ProcessDefinition::getId).sorted().toList());
      answers.put("filters", engine.getFilterService().createFilterQuery().list().stream()
          .map(filter -> filter.getId()).sorted().toList());
      answers.put("decisions", engine.getRepositoryService().createDecisionDefinitionQuery().list().stream()
          .map(decision -> decision.getId()).sorted().toList());
      for (String task : tasks) {
        answers.put("may read " + task, engine.getAuthorizationService().isUserAuthorized(user, groups,
            Permissions.READ, Resources.TASK, task));
        answers.put("may work " + task, engine.getAuthorizationService().isUserAuthorized(user, groups,
            Permissions.UPDATE, Resources.TASK, task));
      }
      return answers;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static boolean scannedEveryGroup(AuthorizationManager manager) {
    try {
      Field field = AuthorizationManager.class.getDeclaredField("availableAuthorizedGroupIds");
      field.setAccessible(true);
      return field.get(manager) != null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every user of {@code realm/carepath-realm.json} with the groups the realm gives them. */
  private static Map<String, List<String>> realmIdentities() throws Exception {
    JsonNode realm = new ObjectMapper().readTree(Path.of(System.getProperty("carepath.project-dir", "."))
        .resolve("realm/carepath-realm.json").toFile());
    Map<String, List<String>> identities = new LinkedHashMap<>();
    for (JsonNode user : realm.path("users")) {
      List<String> groups = new ArrayList<>();
      user.path("groups").forEach(group -> groups.add(group.asText().replaceFirst("^/", "")));
      identities.put(user.path("username").asText(), groups);
      // and in the other order: which of a person's groups holds the grants must not matter
      List<String> reversed = new ArrayList<>(groups);
      Collections.reverse(reversed);
      identities.put(user.path("username").asText() + " (groups reversed)", reversed);
    }
    assertThat(identities).hasSizeGreaterThan(10);
    return identities;
  }
}
