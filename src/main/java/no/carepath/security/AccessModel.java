package no.carepath.security;

import static no.carepath.security.CarepathGroups.ADMINISTRATORS;
import static no.carepath.security.CarepathGroups.ALLOCATION_OFFICE;
import static no.carepath.security.CarepathGroups.HOME_FOLLOW_UP_NURSES;
import static no.carepath.security.CarepathGroups.MANAGERS;
import static no.carepath.security.CarepathGroups.PROCESS_OWNERS;
import static no.carepath.security.CarepathGroups.SYSTEM_HOSPITAL;
import static no.carepath.security.CarepathGroups.SYSTEM_INTEGRATIONS;
import static no.carepath.security.CarepathGroups.SYSTEM_MESSAGING;
import static no.carepath.security.CarepathGroups.SYSTEM_MONITORING;
import static no.carepath.security.CarepathGroups.SYSTEM_WORKERS;
import static no.carepath.security.CarepathGroups.TEAM_LEADERS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The written access model for HTTP: who may call which endpoint, and how the data behind it is
 * limited. The first rule whose method and pattern match a request decides; a request no rule
 * matches is refused. Both security filter chains are built from these rules
 * ({@link SecurityConfiguration}), the menus show only what a role may open, {@code docs/access.md}
 * is generated from them ({@code AccessModelDocumentationTest}), and {@code AccessMatrixIT} calls
 * every endpoint as every role in both municipalities and checks the answer against them. What the
 * engine itself lets each group see is {@link EngineGrants}.
 */
public final class AccessModel {

  /** How the data an allowed caller gets is limited. */
  public enum Data {
    /** No patient data (versions, definitions, the caller's own submissions). */
    NONE("no patient data"),
    /** Patient data of the caller's municipalities only; another municipality's case, episode or stay is 404. */
    OWN_MUNICIPALITY("own municipality"),
    /** Counts and shares without any patient identifier. */
    AGGREGATE("aggregates only"),
    /** The engine decides per row: authorizations per group and the municipality as tenant ({@link EngineGrants}). */
    ENGINE("engine decides");

    private final String label;

    Data(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param methods the HTTP methods, empty for any
   * @param patterns path patterns ({@link PathPattern} syntax)
   * @param groups Keycloak groups allowed; {@link #EVERYONE} for public, empty for nobody
   * @param data how the data is limited
   * @param what what the endpoint is, in a few words
   */
  public record Rule(Set<HttpMethod> methods, List<String> patterns, Set<String> groups, Data data, String what) {

    public boolean isPublic() {
      return groups.contains(EVERYONE_MARKER);
    }

    public boolean isDenied() {
      return groups.isEmpty();
    }

    public boolean allows(Collection<String> callerGroups) {
      return isPublic() || callerGroups.stream().anyMatch(groups::contains);
    }

    boolean matches(HttpMethod method, String path) {
      if (!methods.isEmpty() && !methods.contains(method)) {
        return false;
      }
      PathContainer container = PathContainer.parsePath(path);
      return patterns.stream().anyMatch(pattern -> PARSER.parse(pattern).matches(container));
    }
  }

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
  private static final String EVERYONE_MARKER = "*";
  static final Set<String> EVERYONE = Set.of(EVERYONE_MARKER);
  static final Set<String> NOBODY = Set.of();

  /** Everyone who works in the webapps: the six roles of people. */
  static final Set<String> PEOPLE = Set.copyOf(CarepathGroups.ROLES);
  /**
   * Those who work tasks in the Tasklist. Process owners and managers work only the quality loop's
   * tasks offered to their own group ({@link EngineGrants#QUALITY_DEFINITIONS}), which hold no patient.
   */
  static final Set<String> TASK_WORKERS = Set.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS, PROCESS_OWNERS,
      MANAGERS, ADMINISTRATORS);
  /** Those who work patients' tasks: they alone may search their tasks by a variable's value (a patient's name). */
  static final Set<String> PATIENT_TASK_WORKERS = Set.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS,
      ADMINISTRATORS);
  /** Those who watch and repair the processes in Cockpit. */
  static final Set<String> COCKPIT_USERS = Set.of(PROCESS_OWNERS, MANAGERS, ADMINISTRATORS);
  static final Set<String> OWNERS_AND_ADMINS = Set.of(PROCESS_OWNERS, ADMINISTRATORS);
  static final Set<String> ADMINS = Set.of(ADMINISTRATORS);

  private static final Set<HttpMethod> ANY = Set.of();
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET, HttpMethod.HEAD);
  private static final Set<HttpMethod> POST = Set.of(HttpMethod.POST);
  private static final Set<HttpMethod> DELETE = Set.of(HttpMethod.DELETE);

  /** The webapps' own path to the engine's REST API. */
  static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/*";

  /** The external-task calls a worker makes; everything else on external tasks is repair work. */
  static final String WORKER_CALLS = "/engine-rest/external-task/{id}/{action:complete|failure|bpmnError|extendLock|unlock}";

  public static final List<Rule> RULES = List.of(
      // ---- public
      rule(GET, List.of("/", "/favicon.ico", "/css/**", "/js/**", "/webjars/echarts/**", "/actuator/health", "/actuator/health/**",
          "/actuator/info"), EVERYONE, Data.NONE, "Start page, style sheet, scripts and the chart library, health check"),
      rule(ANY, "/error", EVERYONE, Data.NONE, "The error page (after any request that failed)"),

      // ---- operations
      rule(GET, "/actuator/prometheus", Set.of(MANAGERS, ADMINISTRATORS), Data.AGGREGATE,
          "Prometheus metrics (municipality the only label)"),
      rule(ANY, "/actuator/**", NOBODY, Data.NONE, "Other actuator endpoints"),

      // ---- inbound integrations (service accounts)
      rule(POST, "/api/intake/applications", Set.of(SYSTEM_INTEGRATIONS, ALLOCATION_OFFICE), Data.OWN_MUNICIPALITY,
          "Application for services (application portal, or a paper application the allocation office registers)"),
      rule(POST, List.of("/api/intake/gp-referrals", "/api/intake/hospital-notices"), Set.of(SYSTEM_INTEGRATIONS),
          Data.OWN_MUNICIPALITY, "GP referral, hospital notice"),
      rule(POST, List.of("/fhir", "/fhir/Observation"), Set.of(SYSTEM_MONITORING), Data.OWN_MUNICIPALITY,
          "Readings from the home-monitoring platform (FHIR)"),
      rule(POST, "/api/gp/dialogue-answers", Set.of(SYSTEM_MESSAGING), Data.OWN_MUNICIPALITY,
          "GP answers to dialogue messages"),
      rule(POST, "/api/messages/receipts", Set.of(SYSTEM_MESSAGING, SYSTEM_HOSPITAL), Data.NONE,
          "Application receipts for Carepath's messages (the caller's channels only)"),
      rule(POST, "/api/hospital/messages", Set.of(SYSTEM_HOSPITAL), Data.OWN_MUNICIPALITY,
          "PLO messages from the hospital (its own health trust only)"),
      rule(GET, "/fhir/metadata", EVERYONE, Data.NONE,
          "FHIR CapabilityStatement: what the endpoint accepts, its codes, units and rules"),
      rule(ANY, List.of("/fhir", "/fhir/**"), NOBODY, Data.NONE, "Other FHIR calls"),

      // ---- Carepath's API for people
      rule(ANY, "/api/cases/**", Set.of(ALLOCATION_OFFICE, TEAM_LEADERS), Data.OWN_MUNICIPALITY,
          "Cases, decision letters, appeals"),
      rule(ANY, "/api/episodes/**", Set.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS), Data.OWN_MUNICIPALITY,
          "Follow-up episodes: read, pause, resume, end"),
      rule(GET, "/api/models/**", OWNERS_AND_ADMINS, Data.NONE, "Models in use against the files in processes/"),
      rule(POST, "/api/break-glass/**", OWNERS_AND_ADMINS, Data.OWN_MUNICIPALITY,
          "Break-glass: read or write one variable of one instance, with a reason, access-logged"),
      rule(GET, List.of("/api/metrics/heatmap", "/camunda/api/cockpit/plugin/carepath-heatmap/**"), COCKPIT_USERS,
          Data.AGGREGATE, "Heatmap of a process (API and its Cockpit plugin): figures per activity, own municipalities"),
      rule(GET, "/api/competences", PEOPLE, Data.NONE, "The competence catalogue: codes, names, descriptions, expiry"),
      rule(ANY, List.of("/api/competences/holdings", "/api/competences/holdings/**"), Set.of(TEAM_LEADERS), Data.NONE,
          "The competence register of the team leader's municipalities: read, add, change, remove (logged; no patient)"),
      rule(ANY, "/api/**", NOBODY, Data.NONE, "Other API calls"),

      // ---- the engine's REST API (bearer token)
      rule(GET, List.of("/engine-rest/version", "/engine-rest/engine"), PEOPLE, Data.NONE, "Engine version and name"),
      rule(POST, "/engine-rest/external-task/fetchAndLock", Set.of(SYSTEM_WORKERS), Data.ENGINE,
          "Workers fetch external tasks (their topics and variables only)"),
      rule(POST, WORKER_CALLS, Set.of(SYSTEM_WORKERS), Data.ENGINE,
          "Workers answer an external task (complete, failure, BPMN error, extend, unlock)"),
      rule(ANY, "/engine-rest/external-task/**", OWNERS_AND_ADMINS, Data.ENGINE, "External tasks: overview and retries"),
      rule(POST, "/engine-rest/deployment/create", OWNERS_AND_ADMINS, Data.NONE, "Deployment from Camunda Modeler"),
      rule(GET, "/engine-rest/deployment/**", Set.of(PROCESS_OWNERS, MANAGERS, ADMINISTRATORS), Data.NONE, "Deployments"),
      rule(DELETE, "/engine-rest/deployment/**", ADMINS, Data.ENGINE,
          "Delete a deployment (with cascade it deletes instances of every municipality)"),
      rule(GET, List.of("/engine-rest/process-definition/**", "/engine-rest/decision-definition/**",
          "/engine-rest/decision-requirements-definition/**"), PEOPLE, Data.NONE, "Process and decision definitions"),
      rule(ANY, List.of("/engine-rest/process-definition/**", "/engine-rest/decision-definition/**",
          "/engine-rest/decision-requirements-definition/**"), OWNERS_AND_ADMINS, Data.ENGINE,
          "Suspend and activate definitions, evaluate a decision table"),
      rule(POST, Stream.of("/engine-rest", WEBAPP_ENGINE).flatMap(api -> Stream.of(api + "/task/*/identity-links",
              api + "/task/*/identity-links/delete", api + "/task/*/bpmnError", api + "/task/*/bpmnEscalation",
              api + "/task/create")).toList(), ADMINS, Data.ENGINE,
          "Change who may work a task (its candidate groups and users: who sees the patient), throw a BPMN error or"
              + " escalation from it, create a task outside a process: administrators only; a role's tasks are the"
              + " models' to give, and handing a task on is «Kompetanse og overlevering»"),
      rule(DELETE, List.of("/engine-rest/task/*", WEBAPP_ENGINE + "/task/*"), ADMINS, Data.ENGINE,
          "Delete a task (only one outside a process can be)"),
      rule(ANY, List.of("/engine-rest/task/**", "/engine-rest/task", "/engine-rest/filter/**", "/engine-rest/filter"),
          TASK_WORKERS, Data.ENGINE, "Tasks and filters: candidate group, assignment and municipality decide"),
      rule(ANY, List.of("/engine-rest/history/variable-instance/**", "/engine-rest/history/variable-instance",
          "/engine-rest/history/detail/**", "/engine-rest/history/detail", "/engine-rest/variable-instance/**",
          "/engine-rest/variable-instance"), ADMINS, Data.ENGINE,
          "Variables and their history (patient data): administrators only, every read access-logged"),
      rule(ANY, List.of("/engine-rest/metrics/**", "/engine-rest/metrics"), Set.of(PROCESS_OWNERS, MANAGERS, ADMINISTRATORS),
          Data.AGGREGATE, "Engine counters"),
      rule(ANY, List.of("/engine-rest/process-instance/**", "/engine-rest/process-instance", "/engine-rest/execution/**",
          "/engine-rest/execution", "/engine-rest/job/**", "/engine-rest/job", "/engine-rest/job-definition/**",
          "/engine-rest/job-definition", "/engine-rest/incident/**", "/engine-rest/incident", "/engine-rest/history/**",
          "/engine-rest/batch/**", "/engine-rest/batch", "/engine-rest/event-subscription/**",
          "/engine-rest/event-subscription", "/engine-rest/migration/**", "/engine-rest/modification/**"),
          OWNERS_AND_ADMINS, Data.ENGINE,
          "Instances, jobs, incidents and history without variable values: overview and repair"),
      rule(ANY, "/engine-rest/**", ADMINS, Data.ENGINE,
          "Everything else in the engine (users, groups, tenants, authorizations, messages, signals)"),

      // ---- the Camunda webapps (browser login)
      rule(ANY, List.of("/camunda/api/admin/auth/user/*/login/**", "/camunda/api/admin/setup/**"), NOBODY, Data.NONE,
          "Camunda's own login and first-admin setup (login is through Keycloak)"),
      rule(ANY, "/camunda/api/admin/auth/**", PEOPLE, Data.NONE, "Who is logged in, and which apps they may open"),
      rule(ANY, List.of("/camunda/api/engine/engine/*/history/variable-instance/**",
          "/camunda/api/engine/engine/*/history/variable-instance", "/camunda/api/engine/engine/*/history/detail/**",
          "/camunda/api/engine/engine/*/history/detail"), ADMINS, Data.ENGINE,
          "Variable history (patient data): administrators only, every read access-logged"),
      rule(GET, List.of("/camunda/api/engine/engine/*/user/**", "/camunda/api/engine/engine/*/user",
          "/camunda/api/engine/engine/*/group/**", "/camunda/api/engine/engine/*/group",
          "/camunda/api/engine/engine/*/tenant/**", "/camunda/api/engine/engine/*/tenant",
          "/camunda/api/engine/engine/*/identity/**", "/camunda/api/engine/engine/*/authorization/check"), PEOPLE,
          Data.NONE, "Colleagues in one's own municipalities, one's groups, tenants and permissions"),
      rule(ANY, List.of("/camunda/api/engine/engine/*/user/**", "/camunda/api/engine/engine/*/user",
          "/camunda/api/engine/engine/*/group/**", "/camunda/api/engine/engine/*/group",
          "/camunda/api/engine/engine/*/tenant/**", "/camunda/api/engine/engine/*/tenant",
          "/camunda/api/engine/engine/*/identity/**", "/camunda/api/engine/engine/*/authorization/**",
          "/camunda/api/engine/engine/*/authorization"), ADMINS, Data.NONE,
          "Users, groups, tenants and authorizations in Admin"),
      rule(POST, List.of(WEBAPP_ENGINE + "/variable-instance", WEBAPP_ENGINE + "/variable-instance/count",
          WEBAPP_ENGINE + "/task", WEBAPP_ENGINE + "/task/count"), COCKPIT_USERS, Data.ENGINE,
          "Cockpit's variables and user-tasks tabs: only administrators get values (for others the engine answers"
              + " none), every read access-logged"),
      rule(ANY, List.of(WEBAPP_ENGINE + "/variable-instance/**", WEBAPP_ENGINE + "/variable-instance"), ADMINS,
          Data.ENGINE, "Variable instances (patient data): administrators only, every read access-logged"),
      rule(ANY, List.of(WEBAPP_ENGINE + "/message", WEBAPP_ENGINE + "/signal", WEBAPP_ENGINE + "/condition",
          WEBAPP_ENGINE + "/external-task/fetchAndLock", WEBAPP_ENGINE
              + "/external-task/{id}/{action:complete|failure|bpmnError|extendLock|unlock|lock}"), ADMINS, Data.ENGINE,
          "Correlating messages and signals, answering external tasks: nobody's work in the webapps"),
      rule(GET, "/camunda/api/engine/**", PEOPLE, Data.ENGINE,
          "Reads of the engine API behind Tasklist and Cockpit: engine grants and the municipality decide"),
      rule(ANY, List.of(WEBAPP_ENGINE + "/task/**", WEBAPP_ENGINE + "/task", WEBAPP_ENGINE + "/filter/**",
          WEBAPP_ENGINE + "/filter"), TASK_WORKERS, Data.ENGINE,
          "The Tasklist's tasks and filters: candidate group, assignment and municipality decide"),
      rule(POST, List.of(WEBAPP_ENGINE + "/process-definition/{id:quality-incident:.+}/submit-form",
          WEBAPP_ENGINE + "/process-definition/key/quality-incident/submit-form"), PEOPLE, Data.OWN_MUNICIPALITY,
          "Report an avvik with its start form in the Tasklist: stored in the reporter's municipality (only the"
              + " form's fields; EngineRequestGuard)"),
      rule(POST, Stream.of("process-instance", "process-definition", "history/process-instance",
              "history/activity-instance", "history/task", "history/incident", "incident", "job", "external-task",
              "deployment", "decision-definition", "execution")
          .flatMap(collection -> Stream.of(WEBAPP_ENGINE + "/" + collection, WEBAPP_ENGINE + "/" + collection + "/count"))
          .toList(), COCKPIT_USERS, Data.ENGINE, "Cockpit's list queries: engine grants and the municipality decide"),
      rule(ANY, Stream.of("process-instance", "execution", "job", "job-definition", "incident", "external-task", "batch",
              "migration", "modification", "history", "deployment", "process-definition", "decision-definition",
              "decision-requirements-definition")
          .flatMap(resource -> Stream.of(WEBAPP_ENGINE + "/" + resource, WEBAPP_ENGINE + "/" + resource + "/**"))
          .toList(), OWNERS_AND_ADMINS, Data.ENGINE,
          "Cockpit's repair of instances, jobs and incidents, without variable values"),
      rule(ANY, "/camunda/api/engine/**", ADMINS, Data.ENGINE, "Everything else in the webapps' engine API"),
      rule(ANY, "/camunda/api/tasklist/**", TASK_WORKERS, Data.ENGINE, "Tasklist plugins"),
      rule(ANY, "/camunda/api/cockpit/**", COCKPIT_USERS, Data.ENGINE, "Cockpit plugins"),
      rule(ANY, "/camunda/api/admin/**", ADMINS, Data.NONE, "Admin plugins"),
      rule(ANY, "/camunda/api/welcome/**", PEOPLE, Data.NONE, "Welcome page plugins"),
      rule(ANY, "/camunda/api/**", NOBODY, Data.NONE, "Other webapp calls"),
      rule(GET, "/camunda/app/tasklist/**", TASK_WORKERS, Data.ENGINE, "Tasklist"),
      rule(GET, "/camunda/app/cockpit/**", COCKPIT_USERS, Data.ENGINE, "Cockpit"),
      rule(GET, "/camunda/app/admin/**", ADMINS, Data.NONE, "Admin"),
      rule(GET, List.of("/camunda", "/camunda/", "/camunda/app/**", "/camunda/lib/**", "/camunda/assets/**",
          "/camunda/favicon.ico"), PEOPLE,
          Data.NONE, "Welcome page and the webapps' shared files"),

      // ---- Carepath's pages
      rule(GET, "/app", PEOPLE, Data.NONE, "Start page listing what the role may open"),
      rule(ANY, "/app/cases/**", Set.of(ALLOCATION_OFFICE, TEAM_LEADERS), Data.OWN_MUNICIPALITY,
          "Cases: list, case, decision letter, register an appeal"),
      rule(ANY, "/app/episodes/**", Set.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS), Data.OWN_MUNICIPALITY,
          "Follow-up: list, episode, readings, pause, resume, end"),
      rule(GET, "/app/stays/timeliness", Set.of(ALLOCATION_OFFICE, TEAM_LEADERS, MANAGERS), Data.AGGREGATE,
          "Did the hospital's messages come in time? (counts only)"),
      rule(ANY, "/app/stays/**", Set.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS), Data.OWN_MUNICIPALITY,
          "Hospital stays (nurses see only patients in follow-up)"),
      rule(ANY, "/app/access-report/**", Set.of(ALLOCATION_OFFICE), Data.OWN_MUNICIPALITY,
          "Patient's access report: who read the patient's data (page and PDF)"),
      rule(ANY, "/app/access-statistics/**", Set.of(MANAGERS, ADMINISTRATORS), Data.AGGREGATE,
          "Access statistics and flagged patterns (no patients)"),
      rule(GET, List.of("/app/metrics", "/app/metrics/pareto", "/app/metrics/{id}", "/app/metrics/{id}/csv"),
          Set.of(MANAGERS, TEAM_LEADERS), Data.AGGREGATE,
          "Process indicators: overview, SPC chart, data, CSV, Pareto charts (counts only, own municipalities)"),
      rule(GET, "/app/incidents/new", PEOPLE, Data.OWN_MUNICIPALITY,
          "Report an avvik (unwanted event or near miss): the form, from one of one's own tasks or on its own"),
      rule(POST, "/app/incidents", PEOPLE, Data.OWN_MUNICIPALITY,
          "Report an avvik: stored in one's own municipality, its handling started for the team leaders"),
      rule(GET, List.of("/app/reviews", "/app/reviews/{id}", "/app/reviews/{id}/pack",
          "/app/reviews/{id}/documents/{version}.pdf"), Set.of(MANAGERS), Data.AGGREGATE,
          "Annual management review: the reviews, one review with its statistics pack, kept PDFs (own municipalities;"
              + " counts and judgements, no patient)"),
      rule(POST, List.of("/app/reviews", "/app/reviews/{id}/areas", "/app/reviews/{id}/measures",
          "/app/reviews/{id}/measures/{measure}/delete", "/app/reviews/{id}/sign"), Set.of(MANAGERS), Data.AGGREGATE,
          "Annual management review: start one, judge an area, plan and remove measures, sign the decision"
              + " (own municipalities)"),
      rule(GET, "/app/competences", Set.of(TEAM_LEADERS), Data.NONE,
          "Competence register of one's team: matrix, holdings, the log (own municipalities; staff, no patient)"),
      rule(POST, List.of("/app/competences/holdings", "/app/competences/holdings/remove"), Set.of(TEAM_LEADERS),
          Data.NONE, "Competence register: add, change or remove a holding (own municipalities, logged)"),
      rule(GET, "/app/competences/overview", Set.of(TEAM_LEADERS, MANAGERS), Data.AGGREGATE,
          "Competence coverage, gaps and expiring competences (counts and staff, no patient)"),
      rule(GET, "/app/tasks/{id}/competence", Set.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS),
          Data.ENGINE, "One task's competence: what it requires, who could take it (a task of one's own groups or"
              + " one's own, in one's municipalities; team leaders: any of their municipality's)"),
      rule(POST, "/app/tasks/{id}/{action:hand-on|supervised|assign|override}", Set.of(ALLOCATION_OFFICE,
          HOME_FOLLOW_UP_NURSES, TEAM_LEADERS), Data.ENGINE,
          "Hand a task on (I lack the competence), take it under supervision; team leaders: assign, override with a"
              + " reason (logged)"),
      rule(ANY, "/app/**", NOBODY, Data.NONE, "Other pages"),
      rule(ANY, "/**", NOBODY, Data.NONE, "Everything else"));

  private AccessModel() {
  }

  /** The rule that decides a request, or the final deny-all rule. */
  public static Rule ruleFor(HttpMethod method, String path) {
    return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst().orElseThrow();
  }

  /** Whether a caller in these groups may call the endpoint at all (the data may still be limited). */
  public static boolean permits(Collection<String> groups, HttpMethod method, String path) {
    return ruleFor(method, path).allows(groups);
  }

  private static Rule rule(Set<HttpMethod> methods, String pattern, Set<String> groups, Data data, String what) {
    return rule(methods, List.of(pattern), groups, data, what);
  }

  private static Rule rule(Set<HttpMethod> methods, List<String> patterns, Set<String> groups, Data data, String what) {
    patterns.forEach(PARSER::parse);
    return new Rule(methods, patterns, groups, data, what);
  }

  /** The rules as a Markdown table, for {@code docs/access.md}. */
  public static String markdown() {
    List<String> columns = new ArrayList<>(CarepathGroups.ROLES);
    columns.addAll(CarepathGroups.SYSTEM);
    StringBuilder table = new StringBuilder("| Method | Path | What | Data | ")
        .append(String.join(" | ", columns)).append(" |\n|---|---|---|---|")
        .append("---|".repeat(columns.size())).append('\n');
    for (Rule rule : RULES) {
      table.append("| ").append(rule.methods().isEmpty() ? "any" : rule.methods().stream().map(HttpMethod::name)
              .filter(name -> !name.equals("HEAD")).sorted().collect(Collectors.joining(", ")))
          .append(" | ").append(rule.patterns().stream().map(pattern -> "`" + pattern.replace("|", "\\|") + "`")
              .collect(Collectors.joining("<br>")))
          .append(" | ").append(rule.what()).append(" | ").append(rule.data().label()).append(" |");
      for (String column : columns) {
        table.append(rule.isPublic() ? " all |" : rule.groups().contains(column) ? " yes |" : " – |");
      }
      table.append('\n');
    }
    return table.toString();
  }

}
