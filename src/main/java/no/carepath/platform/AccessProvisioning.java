package no.carepath.platform;

import static no.carepath.security.CarepathGroups.ALLOCATION_OFFICE;
import static no.carepath.security.CarepathGroups.HOME_FOLLOW_UP_NURSES;
import static no.carepath.security.CarepathGroups.MANAGERS;
import static no.carepath.security.CarepathGroups.PROCESS_OWNERS;
import static no.carepath.security.CarepathGroups.TEAM_LEADERS;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.carepath.security.CarepathGroups;
import no.carepath.security.EngineGrants;
import no.carepath.security.EngineGrants.Grant;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies the engine part of the access model ({@link EngineGrants}) and the Tasklist filters at
 * every start, exactly and idempotently. Each group gets the application it needs and no more:
 * Tasklist for case workers, nurses and team leaders; Cockpit for process owners and managers, who
 * also have the Tasklist for the quality loop's tasks of their group (change requests, avvik past
 * their deadline);
 * administrators are Camunda admins ({@link CarepathEnginePlugin}). Access to a single task comes
 * from its candidate group: the engine grants it when the task is created.
 */
@Component
class AccessProvisioning {

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
    List<Grant> model = new ArrayList<>(EngineGrants.GRANTS);
    for (TasklistFilter definition : tasklistFilters()) {
      Filter filter = ensureFilter(definition);
      definition.readers().forEach(group -> model.add(new Grant(group, FILTER, filter.getId(), List.of(READ))));
    }
    apply(model);
  }

  /**
   * Makes the group-wide grants of Carepath's groups exactly the model: missing ones are created,
   * permissions set to the model's (a permission granted by an earlier version is taken away), and
   * grants the model no longer has are deleted. Grants on single tasks, which the engine gives to a
   * task's candidate groups, are left alone.
   */
  private void apply(List<Grant> model) {
    Set<String> groups = new LinkedHashSet<>(CarepathGroups.ROLES);
    groups.addAll(CarepathGroups.SYSTEM);
    Map<String, Grant> wanted = new LinkedHashMap<>();
    model.forEach(grant -> wanted.put(key(grant.group(), grant.resource().resourceType(), grant.resourceId()), grant));
    List<Authorization> existingGrants = new ArrayList<>();
    for (Resources resource : Resources.values()) {
      if (resource == Resources.TASK || resource == Resources.HISTORIC_TASK) {
        // the engine's per-task grants to candidate groups are many and not the model's; only ANY counts
        existingGrants.addAll(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(groups.toArray(String[]::new)).resourceType(resource).resourceId(ANY).list());
      } else {
        existingGrants.addAll(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
            .groupIdIn(groups.toArray(String[]::new)).resourceType(resource).list());
      }
    }
    for (Authorization existing : existingGrants) {
      Grant grant = wanted.remove(key(existing.getGroupId(), existing.getResourceType(), existing.getResourceId()));
      if (grant == null) {
        authorizations.deleteAuthorization(existing.getId());
      } else {
        save(existing, grant);
      }
    }
    for (Grant grant : wanted.values()) {
      Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.group());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      save(authorization, grant);
    }
  }

  private void save(Authorization authorization, Grant grant) {
    authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
    authorizations.saveAuthorization(authorization);
  }

  private static String key(String group, int resourceType, String resourceId) {
    return group + "|" + resourceType + "|" + resourceId;
  }

  record TasklistFilter(String name, String description, int priority, TaskQuery query, List<String> readers) {
  }

  List<TasklistFilter> tasklistFilters() {
    return List.of(
        new TasklistFilter("Mine oppgaver", "Oppgaver du har tatt", -10,
            byUrgency(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
            List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS, PROCESS_OWNERS, MANAGERS)),
        new TasklistFilter("Kvalifisert for meg", "Ledige oppgaver du har kompetansen til (kompetanseregisteret)", -8,
            byUrgency(tasks.createTaskQuery().taskCandidateGroupInExpression(QUALIFIED_GROUPS)),
            List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Tildelingskontoret", "Kartlegging, vedtak, klager og svar til sykehus", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(ALLOCATION_OFFICE).includeAssignedTasks()),
            List.of(ALLOCATION_OFFICE, TEAM_LEADERS)),
        new TasklistFilter("Avvik i målinger", "Røde og gule avvik, de mest alvorlige først", -5,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(HOME_FOLLOW_UP_NURSES).includeAssignedTasks()
                .processDefinitionKey("followup-deviation")),
            List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Grønne pasienter", "Daglig gjennomgang av pasienter med bare grønne målinger", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(HOME_FOLLOW_UP_NURSES).includeAssignedTasks()
                .processDefinitionKey("followup-daily-review")),
            List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Digital hjemmeoppfølging", "Oppstart og oppfølging av pasienter i DHO", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(HOME_FOLLOW_UP_NURSES).includeAssignedTasks()),
            List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
        new TasklistFilter("Teamleder", "Oppgaver som er eskalert til teamleder", 5,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(TEAM_LEADERS).includeAssignedTasks()),
            List.of(TEAM_LEADERS)),
        new TasklistFilter("Forsinket", "Alle oppgaver som har passert fristen", 10,
            byUrgency(tasks.createTaskQuery().dueBeforeExpression("${now()}")),
            List.of(TEAM_LEADERS)),
        new TasklistFilter("Endringsønsker", "Avvik som gjelder en prosessmodell, til vurdering", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(PROCESS_OWNERS).includeAssignedTasks()
                .processDefinitionKey("quality-change-request")),
            List.of(PROCESS_OWNERS)),
        new TasklistFilter("Avvik på overtid", "Steg i avviksbehandlingen som har passert fristen", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(MANAGERS).includeAssignedTasks()
                .processDefinitionKey("quality-escalation")),
            List.of(MANAGERS)),
        new TasklistFilter("Ledelsens gjennomgang", "Den årlige gjennomgangen og tiltakene i tiltaksplanen", 0,
            byUrgency(tasks.createTaskQuery().taskCandidateGroup(MANAGERS).includeAssignedTasks()
                .processDefinitionKey("quality-annual-review")),
            List.of(MANAGERS)));
  }

  /**
   * The candidate groups a task that requires competence gets ({@code kompetanse-<municipality>-<codes>}) that
   * the current user satisfies: {@code no.carepath.competence.QualifiedGroups}.
   */
  static final String QUALIFIED_GROUPS = "${qualifiedGroups.of(currentUser())}";

  private static TaskQuery byUrgency(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  private Filter ensureFilter(TasklistFilter definition) {
    Filter filter = filters.createFilterQuery().filterName(definition.name()).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(definition.name());
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", definition.description());
    properties.put("priority", definition.priority());
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", TaskCards.PATIENT, "label", "Pasient"),
        Map.of("name", TaskCards.REFERENCE, "label", "Sak / forløp"),
        Map.of("name", TaskCards.DEVIATION, "label", "Avvik"),
        Map.of("name", "cardCompetence", "label", "Kompetanse")));
    filter.setProperties(properties);
    filter.setQuery(definition.query());
    filters.saveFilter(filter);
    return filter;
  }


}
