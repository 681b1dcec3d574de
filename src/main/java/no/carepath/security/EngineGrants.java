package no.carepath.security;

import static no.carepath.security.CarepathGroups.ALLOCATION_OFFICE;
import static no.carepath.security.CarepathGroups.HOME_FOLLOW_UP_NURSES;
import static no.carepath.security.CarepathGroups.MANAGERS;
import static no.carepath.security.CarepathGroups.PROCESS_OWNERS;
import static no.carepath.security.CarepathGroups.SYSTEM_WORKERS;
import static no.carepath.security.CarepathGroups.TEAM_LEADERS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.BATCH;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;

/**
 * What each group may do in the engine, on top of what a task's candidate group gives (the engine
 * grants READ, TASK_WORK/UPDATE and READ_VARIABLE on each task to its candidate groups). Applied at
 * every start, exactly: a permission not listed here is taken away ({@code AccessProvisioning}).
 *
 * <p>Two engine features carry the model. The engine checks variable reads with their own
 * permissions ({@code enforceSpecificVariablePermission}), so reading an instance, its history or
 * its incidents never shows a variable value; and every instance, task, job and history row belongs
 * to its municipality (the tenant), which the engine's queries and commands enforce for everyone but
 * administrators (Camunda admins, every use access-logged). Variable writes by process owners, who
 * need UPDATE on instances to retry external tasks and resolve incidents, are refused before the
 * engine ({@code EngineRequestGuard}).
 */
public final class EngineGrants {

  public record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
  }

  /** The definitions whose tasks each role works in the Tasklist (names and forms need READ). */
  static final List<String> ALLOCATION_DEFINITIONS = List.of("allocation-case", "messaging-outbound-message",
      "transitions-hospital-stay");
  static final List<String> FOLLOWUP_DEFINITIONS = List.of("followup-episode", "followup-deviation",
      "followup-plan-revision", "followup-daily-review", "escalation-gp-consultation", "messaging-outbound-message",
      "transitions-hospital-stay");
  /**
   * The quality loop's definitions whose tasks process owners (change requests) and managers (avvik
   * past their deadline) work in the Tasklist; none holds a patient. {@code quality-annual-review} is
   * being built.
   */
  /** The avvik process: the one definition every person may start (its start form in the Tasklist). */
  public static final String AVVIK_DEFINITION = "quality-incident";
  public static final List<String> QUALITY_DEFINITIONS = List.of("quality-incident", "quality-change-request",
      "quality-escalation", "quality-annual-review");
  /**
   * Training before a competence ends: its task is assigned to the holder, whatever her role (team
   * leaders, process owners and managers read every definition already). No patient in it.
   */
  static final List<String> COMPETENCE_DEFINITIONS = List.of("competence-training");
  /** The definitions with external tasks: the workers' account may fetch and complete only these. */
  static final List<String> WORKER_DEFINITIONS = List.of("messaging-outbound-message", "followup-episode");

  public static final List<Grant> GRANTS = build();

  private EngineGrants() {
  }

  private static List<Grant> build() {
    List<Grant> grants = new java.util.ArrayList<>();
    grants.add(new Grant(ALLOCATION_OFFICE, APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    ALLOCATION_DEFINITIONS.forEach(key -> grants.add(
        new Grant(ALLOCATION_OFFICE, PROCESS_DEFINITION, key, List.of(ProcessDefinitionPermissions.READ))));

    grants.add(new Grant(HOME_FOLLOW_UP_NURSES, APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    FOLLOWUP_DEFINITIONS.forEach(key -> grants.add(
        new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, key, List.of(ProcessDefinitionPermissions.READ))));
    for (String group : List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES)) {
      COMPETENCE_DEFINITIONS.forEach(key -> grants.add(
          new Grant(group, PROCESS_DEFINITION, key, List.of(ProcessDefinitionPermissions.READ))));
    }

    // team leaders see every task of their municipalities (overdue work, escalations) and reassign it
    grants.add(new Grant(TEAM_LEADERS, APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    grants.add(new Grant(TEAM_LEADERS, TASK, ANY,
        List.of(TaskPermissions.READ, TaskPermissions.UPDATE, TaskPermissions.READ_VARIABLE)));
    grants.add(new Grant(TEAM_LEADERS, PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ)));

    // process owners: definitions, deployments, instances, incidents, jobs and history without any
    // variable value (no READ_INSTANCE_VARIABLE, READ_HISTORY_VARIABLE, READ_TASK_VARIABLE; no
    // decision history, whose inputs are the patient's assessment)
    grants.add(new Grant(PROCESS_OWNERS, APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
    // definitions are shared by every municipality: what acts on a definition as a whole (deleting a
    // deployment with its instances, suspending, retrying every job, history time to live) acts on
    // other municipalities too, so it is an administrator's; owners repair instance by instance
    grants.add(new Grant(PROCESS_OWNERS, DEPLOYMENT, ANY, List.of(Permissions.CREATE, Permissions.READ)));
    grants.add(new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.MIGRATE_INSTANCE)));
    grants.add(new Grant(PROCESS_OWNERS, PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.READ,
        ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND)));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_DEFINITION, ANY, List.of(Permissions.READ,
        Permissions.CREATE_INSTANCE)));
    grants.add(new Grant(PROCESS_OWNERS, DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(PROCESS_OWNERS, BATCH, ANY, List.of(BatchPermissions.READ,
        BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES, BatchPermissions.CREATE_BATCH_SET_EXTERNAL_TASK_RETRIES)));

    // the Tasklist for the quality loop's tasks offered to their group (change requests): a task's
    // candidate group gets that task from the engine, nothing else; READ on the definitions for the
    // task's name and form (also covered by READ on any definition above, for Cockpit)
    grants.add(new Grant(PROCESS_OWNERS, APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    QUALITY_DEFINITIONS.forEach(key -> grants.add(
        new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, key, List.of(ProcessDefinitionPermissions.READ))));

    // managers: definitions and deployments only; indicators come from Carepath's aggregates
    grants.add(new Grant(MANAGERS, APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
    // and the Tasklist for the avvik past their deadline escalated to them (no patient in those tasks)
    grants.add(new Grant(MANAGERS, APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
    QUALITY_DEFINITIONS.forEach(key -> grants.add(
        new Grant(MANAGERS, PROCESS_DEFINITION, key, List.of(ProcessDefinitionPermissions.READ))));
    grants.add(new Grant(MANAGERS, DEPLOYMENT, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(MANAGERS, PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ)));
    grants.add(new Grant(MANAGERS, DECISION_DEFINITION, ANY, List.of(Permissions.READ)));
    grants.add(new Grant(MANAGERS, DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ)));

    // the workers fetch, lock and answer external tasks of these definitions; which topics and
    // variables they may ask for is checked before the engine (EngineRequestGuard)
    WORKER_DEFINITIONS.forEach(key -> grants.add(new Grant(SYSTEM_WORKERS, PROCESS_DEFINITION, key,
        List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE))));
    // anyone with a role reports an avvik with its start form in the Tasklist: start quality-incident,
    // nothing else (EngineRequestGuard lets only that definition's start through, with only its form's
    // fields); the reporter gets no read of the instance it started
    for (String group : List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS, PROCESS_OWNERS, MANAGERS)) {
      merge(grants, new Grant(group, PROCESS_DEFINITION, AVVIK_DEFINITION, List.of(ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE)));
      merge(grants, new Grant(group, PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.CREATE)));
    }
    // administrators are Camunda admins: every permission on every resource, in every municipality (the
    // engine lets an admin group past the municipality check); EngineReadAudit records each request
    for (Resources resource : Resources.values()) {
      grants.add(new Grant(CarepathGroups.ADMINISTRATORS, resource, ANY, List.of(Permissions.ALL)));
    }
    return List.copyOf(grants);
  }

  /** Adds the grant, or its permissions to the group's grant on the same resource (one grant each in the engine). */
  private static void merge(List<Grant> grants, Grant added) {
    for (int i = 0; i < grants.size(); i++) {
      Grant grant = grants.get(i);
      if (grant.group().equals(added.group()) && grant.resource() == added.resource()
          && grant.resourceId().equals(added.resourceId())) {
        List<Permission> permissions = new java.util.ArrayList<>(grant.permissions());
        added.permissions().stream().filter(permission -> !permissions.contains(permission)).forEach(permissions::add);
        grants.set(i, new Grant(grant.group(), grant.resource(), grant.resourceId(), List.copyOf(permissions)));
        return;
      }
    }
    grants.add(added);
  }

  /** The grants as a Markdown table, for {@code docs/access.md}. */
  public static String markdown() {
    StringBuilder table = new StringBuilder("| Group | Resource | Id | Permissions |\n|---|---|---|---|\n");
    for (Grant grant : GRANTS) {
      table.append("| ").append(grant.group()).append(" | ").append(grant.resource().resourceName()).append(" | ")
          .append(grant.resourceId().equals(ANY) ? "any" : "`" + grant.resourceId() + "`").append(" | ")
          .append(grant.permissions().stream().map(Permission::getName).collect(Collectors.joining(", ")))
          .append(" |\n");
    }
    return table.toString();
  }
}
