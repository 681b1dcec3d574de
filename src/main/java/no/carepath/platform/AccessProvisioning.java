package no.carepath.platform;

import static no.carepath.security.CarepathGroups.ALLOCATION_OFFICE;
import static no.carepath.security.CarepathGroups.HOME_FOLLOW_UP_NURSES;
import static no.carepath.security.CarepathGroups.MANAGERS;
import static no.carepath.security.CarepathGroups.PROCESS_OWNERS;
import static no.carepath.security.CarepathGroups.SYSTEM_WORKERS;
import static no.carepath.security.CarepathGroups.TEAM_LEADERS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.ALL;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.DELETE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.BATCH;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What each Keycloak group may do in the engine and which Tasklist filters it gets, applied at
 * every start (idempotent). Each group gets the application it needs and no more: Tasklist for
 * case workers, nurses and team leaders; Cockpit for process owners and managers; administrators
 * are Camunda admins ({@link CarepathEnginePlugin}). Access to a single task comes from its
 * candidate group: the engine grants it when the task is created.
 */
@Component
class AccessProvisioning {

  record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
  }

  static final List<Grant> GRANTS = List.of(
      new Grant(ALLOCATION_OFFICE, APPLICATION, "tasklist", List.of(ACCESS)),
      new Grant(ALLOCATION_OFFICE, PROCESS_DEFINITION, "allocation-case", List.of(READ)),
      new Grant(ALLOCATION_OFFICE, PROCESS_DEFINITION, "messaging-outbound-message", List.of(READ)),
      new Grant(ALLOCATION_OFFICE, PROCESS_DEFINITION, "transitions-hospital-stay", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, APPLICATION, "tasklist", List.of(ACCESS)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "followup-episode", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "followup-deviation", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "followup-plan-revision", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "escalation-gp-consultation", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "messaging-outbound-message", List.of(READ)),
      new Grant(HOME_FOLLOW_UP_NURSES, PROCESS_DEFINITION, "transitions-hospital-stay", List.of(READ)),
      new Grant(TEAM_LEADERS, APPLICATION, "tasklist", List.of(ACCESS)),
      // team leaders see overdue work of their teams and reassign it
      new Grant(TEAM_LEADERS, TASK, ANY, List.of(READ, UPDATE)),
      new Grant(TEAM_LEADERS, PROCESS_DEFINITION, ANY, List.of(READ)),
      new Grant(PROCESS_OWNERS, APPLICATION, "cockpit", List.of(ACCESS)),
      new Grant(PROCESS_OWNERS, DEPLOYMENT, ANY, List.of(CREATE, READ, DELETE)),
      new Grant(PROCESS_OWNERS, PROCESS_DEFINITION, ANY, List.of(ALL)),
      new Grant(PROCESS_OWNERS, DECISION_DEFINITION, ANY, List.of(ALL)),
      new Grant(PROCESS_OWNERS, DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(ALL)),
      new Grant(PROCESS_OWNERS, PROCESS_INSTANCE, ANY, List.of(READ, UPDATE)),
      new Grant(PROCESS_OWNERS, BATCH, ANY, List.of(ALL)),
      new Grant(MANAGERS, APPLICATION, "cockpit", List.of(ACCESS)),
      new Grant(MANAGERS, DEPLOYMENT, ANY, List.of(READ)),
      new Grant(MANAGERS, PROCESS_DEFINITION, ANY, List.of(READ, READ_HISTORY, READ_INSTANCE)),
      new Grant(MANAGERS, DECISION_DEFINITION, ANY, List.of(READ, READ_HISTORY)),
      new Grant(MANAGERS, DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(READ)),
      new Grant(MANAGERS, PROCESS_INSTANCE, ANY, List.of(READ)),
      // external-task workers fetch, lock, complete and report failures
      new Grant(SYSTEM_WORKERS, PROCESS_INSTANCE, ANY, List.of(READ, UPDATE)),
      new Grant(SYSTEM_WORKERS, PROCESS_DEFINITION, ANY, List.of(READ, READ_INSTANCE, UPDATE_INSTANCE)));

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;

  AccessProvisioning(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
  }

  @EventListener(PostDeployEvent.class)
  void provision() {
    GRANTS.forEach(this::grant);
    tasklistFilters().forEach(this::ensureFilter);
  }

  record TasklistFilter(String name, String description, int priority, TaskQuery query, List<String> readers) {
  }

  List<TasklistFilter> tasklistFilters() {
    return List.of(
        new TasklistFilter("Mine oppgaver", "Oppgaver du har tatt", -10,
            byUrgency(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
            List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Tildelingskontoret", "Kartlegging, vedtak, klager og svar til sykehus", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(ALLOCATION_OFFICE).includeAssignedTasks()),
            List.of(ALLOCATION_OFFICE, TEAM_LEADERS)),
        new TasklistFilter("Avvik i målinger", "Røde og gule avvik, de mest alvorlige først", -5,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(HOME_FOLLOW_UP_NURSES).includeAssignedTasks()
                .processDefinitionKey("followup-deviation")),
            List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Digital hjemmeoppfølging", "Oppstart og oppfølging av pasienter i DHO", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(HOME_FOLLOW_UP_NURSES).includeAssignedTasks()),
            List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Teamleder", "Oppgaver som er eskalert til teamleder", 5,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(TEAM_LEADERS).includeAssignedTasks()),
            List.of(TEAM_LEADERS)),
        new TasklistFilter("Forsinket", "Alle oppgaver som har passert fristen", 10,
            byUrgency(tasks.createTaskQuery().dueBeforeExpression("${now()}")),
            List.of(TEAM_LEADERS)));
  }

  private static TaskQuery byUrgency(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  private void ensureFilter(TasklistFilter definition) {
    Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(definition.name());
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", "patientLabel", "label", "Pasient"),
        Map.of("name", "caseId", "label", "Sak"),
        Map.of("name", "deviationHeadline", "label", "Avvik")));
    filter.setProperties(properties);
    filter.setQuery(definition.query());
    filters.saveFilter(filter);
    for (String group : definition.readers()) {
      grant(new Grant(group, FILTER, filter.getId(), List.of(READ)));
    }
  }

  private void grant(Grant grant) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.group())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.group());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
