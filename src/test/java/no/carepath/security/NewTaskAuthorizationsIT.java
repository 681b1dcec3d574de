package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import no.carepath.IntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.cfg.auth.ResourceAuthorizationProvider;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The grants on tasks come out of {@link NewTaskAuthorizations} exactly as out of the engine's own
 * provider, in every way a task gets people (the model's candidate groups, a listener adding one again
 * or adding another group or a user in the same command, candidate groups, an assignee and an owner
 * added later, the next task created by a completion), while a task created in the same command is
 * granted without looking up grants in the database.
 */
class NewTaskAuthorizationsIT extends IntegrationTest {

  private static final String KEY = "new-task-authorizations-it";
  private static final String COMPETENCE_GROUP = "kompetanse-new-task-authorizations-it";

  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  private ProcessEngineConfigurationImpl configuration;
  private String deployment;

  /** What a scenario left and how often the provider looked up an existing grant, per step. */
  record Outcome(List<String> grants, Map<String, Integer> lookups) {
  }

  /**
   * The engine's authorization manager, counting the lookups of an existing grant (each a database query)
   * that the test's own thread makes: the job executor and the workers run commands meanwhile.
   */
  static final class CountingManager extends AuthorizationManager {
    private final AtomicInteger lookups;
    private final Thread owner;

    CountingManager(AtomicInteger lookups, Thread owner) {
      this.lookups = lookups;
      this.owner = owner;
    }

    @Override
    public AuthorizationEntity findAuthorizationByGroupIdAndResourceId(int type, String groupId, Resource resource,
        String resourceId) {
      count();
      return super.findAuthorizationByGroupIdAndResourceId(type, groupId, resource, resourceId);
    }

    @Override
    public AuthorizationEntity findAuthorizationByUserIdAndResourceId(int type, String userId, Resource resource,
        String resourceId) {
      count();
      return super.findAuthorizationByUserIdAndResourceId(type, userId, resource, resourceId);
    }

    private void count() {
      if (Thread.currentThread() == owner) {
        lookups.incrementAndGet();
      }
    }
  }

  @BeforeEach
  void deployATwoTaskModel() {
    configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    engine.getIdentityService().clearAuthentication();
    // user tasks as the models have them: roles as candidate groups, a due date, a form
    deployment = engine.getRepositoryService().createDeployment().name(KEY)
        .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).name("Test new task authorizations")
            .camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_TestStarted")
            .userTask("Task_TestFirst").name("First").camundaCandidateGroups(
                CarepathGroups.HOME_FOLLOW_UP_NURSES + "," + CarepathGroups.ALLOCATION_OFFICE)
            .camundaDueDate("${followUpDueDate}").camundaFormKey("embedded:app:forms/benchmark.html")
            .userTask("Task_TestSecond").name("Second").camundaCandidateGroups(CarepathGroups.HOME_FOLLOW_UP_NURSES)
            .camundaDueDate("${followUpDueDate}").camundaFormKey("embedded:app:forms/benchmark.html")
            .endEvent("EndEvent_TestDone")
            .done())
        .deploy().getId();
  }

  @AfterEach
  void removeIt() {
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void theEngineGrantsThroughIt() {
    assertThat(configuration.getResourceAuthorizationProvider()).isInstanceOf(NewTaskAuthorizations.class);
  }

  @Test
  void theGrantsAreTheEnginesOwnWithoutLookingUpThoseOfATaskCreatedInTheSameCommand() {
    Outcome engines = scenario(new DefaultAuthorizationProvider());
    Outcome ours = scenario(new NewTaskAuthorizations());

    assertThat(ours.grants()).isEqualTo(engines.grants());
    // the comparison is about something: both tasks, both resources, groups, users, and merged permissions
    assertThat(ours.grants()).hasSizeGreaterThanOrEqualTo(20)
        .anyMatch(grant -> grant.startsWith("before completion: first TASK group=" + COMPETENCE_GROUP))
        .anyMatch(grant -> grant.startsWith("before completion: first TASK user=it-user-candidate"))
        .anyMatch(grant -> grant.startsWith("before completion: first TASK user=it-user-assignee"))
        .anyMatch(grant -> grant.startsWith("after completion: first HISTORIC_TASK group=" + COMPETENCE_GROUP))
        .anyMatch(grant -> grant.startsWith("after completion: second TASK group=" + CarepathGroups.HOME_FOLLOW_UP_NURSES));
    // the engine looks up each grant of a new task; Carepath only those of a task already stored
    assertThat(engines.lookups().get("created")).isGreaterThanOrEqualTo(8);
    assertThat(engines.lookups().get("completed")).isGreaterThanOrEqualTo(2);
    assertThat(ours.lookups().get("created")).isZero();
    assertThat(ours.lookups().get("completed")).isZero();
    assertThat(ours.lookups().get("later")).isEqualTo(engines.lookups().get("later")).isPositive();
  }

  /**
   * Starts an instance and gives its tasks people in every way, with the given provider and the lookups
   * counted (the engine's own manager in place of Carepath's meanwhile: the same answers, SignedInGroupsIT);
   * what it leaves.
   */
  private Outcome scenario(ResourceAuthorizationProvider provider) {
    AtomicInteger counter = new AtomicInteger();
    Thread owner = Thread.currentThread();
    Map<Class<?>, SessionFactory> factories = configuration.getSessionFactories();
    SessionFactory manager = factories.get(AuthorizationManager.class);
    ResourceAuthorizationProvider running = configuration.getResourceAuthorizationProvider();
    factories.put(AuthorizationManager.class, new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new CountingManager(counter, owner);
      }
    });
    configuration.setResourceAuthorizationProvider(provider);
    try {
      Map<String, Integer> lookups = new LinkedHashMap<>();
      // in one command, as a task listener would: the instance with its first task, the same role again,
      // a competence group and a candidate user
      String first = counted(counter, lookups, "created", () -> configuration.getCommandExecutorTxRequired()
          .execute((Command<String>) context -> {
            engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of("municipalityNumber", "1804",
                "followUpDueDate", new Date()));
            List<TaskEntity> created = context.getDbEntityManager().getCachedEntitiesByType(TaskEntity.class);
            assertThat(created).hasSize(1);
            TaskEntity task = created.get(0);
            task.addCandidateGroup(CarepathGroups.HOME_FOLLOW_UP_NURSES);
            task.addCandidateGroup(COMPETENCE_GROUP);
            task.addCandidateUser("it-user-candidate");
            return task.getId();
          }));
      // later, each its own command: a group it has, a new one, an assignee, an owner
      counted(counter, lookups, "later", () -> {
        engine.getTaskService().addCandidateGroup(first, COMPETENCE_GROUP);
        engine.getTaskService().addCandidateGroup(first, CarepathGroups.TEAM_LEADERS);
        engine.getTaskService().setAssignee(first, "it-user-assignee");
        engine.getTaskService().setOwner(first, "it-user-owner");
        return null;
      });
      String instance = engine.getTaskService().createTaskQuery().taskId(first).singleResult().getProcessInstanceId();
      List<String> grants = new ArrayList<>(grants("before completion:", Map.of(first, "first"), instance));
      // the completion creates the second task in its command
      counted(counter, lookups, "completed", () -> {
        engine.getTaskService().complete(first);
        return null;
      });
      Task second = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
      // the first task's grants went with it, those on its history stay
      grants.addAll(grants("after completion:", Map.of(first, "first", second.getId(), "second"), instance));
      return new Outcome(grants, lookups);
    } finally {
      configuration.setResourceAuthorizationProvider(running);
      factories.put(AuthorizationManager.class, manager);
    }
  }

  private static String resourceName(int type) {
    for (Resources resource : Resources.values()) {
      if (resource.resourceType() == type) {
        return resource.name();
      }
    }
    return "resource " + type;
  }

  private static <T> T counted(AtomicInteger counter, Map<String, Integer> lookups, String step, Supplier<T> work) {
    counter.set(0);
    T result = work.get();
    lookups.put(step, counter.get());
    return result;
  }

  /** The grants on the tasks, with the tasks' and the instance's ids replaced by names. */
  private List<String> grants(String when, Map<String, String> tasks, String instance) {
    List<String> grants = new ArrayList<>();
    jdbc.sql("select resource_id_, resource_type_, group_id_, user_id_, type_, perms_, root_proc_inst_id_, removal_time_"
            + " from act_ru_authorization where resource_id_ in (:tasks)")
        .param("tasks", List.copyOf(tasks.keySet()))
        .query((row, number) -> when + " " + tasks.get(row.getString("resource_id_")) + " "
            + resourceName(row.getInt("resource_type_"))
            + (row.getString("group_id_") != null ? " group=" + row.getString("group_id_") : "")
            + (row.getString("user_id_") != null ? " user=" + row.getString("user_id_") : "")
            + " type=" + row.getInt("type_") + " permissions=" + row.getInt("perms_")
            + " root=" + (instance.equals(row.getString("root_proc_inst_id_")) ? "the instance" : row.getString("root_proc_inst_id_"))
            + " removal=" + row.getTimestamp("removal_time_"))
        .list().forEach(grants::add);
    return grants.stream().sorted().toList();
  }
}
