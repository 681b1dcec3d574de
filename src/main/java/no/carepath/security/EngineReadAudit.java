package no.carepath.security;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes the access log for reads of patient data through the engine's API: the Tasklist, Cockpit
 * and Admin (their {@code /camunda/api/engine}) and {@code /engine-rest}. A response holds patient
 * data when it carries variable values: a task's form and variables, a Tasklist filter's cards, an
 * instance's or execution's variables, variable instances and their history. The patients are found
 * from the process instances the response and the path name ({@link ProcessPatients}); tasks and
 * executions are traced to their instance. Also records every request an administrator makes, since
 * no authorization or municipality check limits them ({@code security_admin_action}).
 */
@Component
public class EngineReadAudit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(EngineReadAudit.class);

  /** A team leader's signal in an indicator ({@code metrics.SignalWatch}): figures, no patient. */
  private static final String SIGNAL_DEFINITION = "metrics-signal";

  private static final Pattern SCOPE_VARIABLES = Pattern.compile(
      "^/(task|process-instance|execution)/([^/]+)/(variables|localVariables|form-variables)(/.*)?$");
  private static final Pattern TASK_COMMENTS = Pattern.compile("^/task/([^/]+)/comment(/[^/]+)?$");
  private static final Pattern VARIABLE_DATA = Pattern.compile("^/(history/)?variable-instance/([^/]+)(/data)?$");
  private static final Pattern VARIABLE_INSTANCES = Pattern.compile(
      "^/(variable-instance|history/variable-instance|history/detail|history/decision-instance)(/.*)?$");
  private static final Pattern TASK_LISTS = Pattern.compile("^/(filter/[^/]+/(list|singleResult)|task)$");
  private static final Pattern REFERER_APP = Pattern.compile("/camunda/app/(tasklist|cockpit|admin|welcome)/");
  private static final Set<String> LOGGED_METHODS = Set.of("GET", "POST");

  /** What kind of read a request is, and where the ids of the data it shows are. */
  record Kind(String what, String scopeType, String scopeId, boolean list) {
  }

  private final AccessLog accessLog;
  private final ProcessPatients patients;
  private final TaskService tasks;
  private final HistoryService history;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Timer overhead;

  EngineReadAudit(AccessLog accessLog, ProcessPatients patients, TaskService tasks, HistoryService history,
      RuntimeService runtime, IdentityService identity, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
    this.accessLog = accessLog;
    this.patients = patients;
    this.tasks = tasks;
    this.history = history;
    this.runtime = runtime;
    this.identity = identity;
    this.jdbc = jdbc;
    this.clock = clock;
    // what the log adds to a read through the engine's API (docs/benchmarks.md compares it with the read itself)
    this.overhead = Timer.builder("carepath.access.log.engine.read").description("Time to trace and log one read of"
        + " patient data through the engine's API").publishPercentileHistogram().register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = EnginePaths.path(request);
    return !path.startsWith("/engine-rest") && !path.startsWith("/camunda/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Actor actor = Actor.current();
    boolean administrator = actor.isMemberOf(CarepathGroups.ADMINISTRATORS);
    Kind kind = LOGGED_METHODS.contains(request.getMethod()) ? kind(request) : null;
    if (kind == null) {
      chain.doFilter(request, response);
      if (administrator) {
        recordAdministratorAction(actor, request, response.getStatus());
      }
      return;
    }
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, cached);
      if (cached.getStatus() / 100 == 2) {
        long start = System.nanoTime();
        record(actor, administrator, request, kind, cached.getContentAsByteArray(), cached.getContentType());
        overhead.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      }
      if (administrator) {
        recordAdministratorAction(actor, request, cached.getStatus());
      }
    } finally {
      cached.copyBodyToResponse();
    }
  }

  /** The kind of read, or {@code null} when the response shows no variable values. */
  static Kind kind(HttpServletRequest request) {
    String resource = EnginePaths.resource(EnginePaths.path(request));
    if (resource == null || EnginePaths.path(request).startsWith("/camunda/api/cockpit/")) {
      return null;
    }
    Matcher scope = SCOPE_VARIABLES.matcher(resource);
    if (scope.matches()) {
      String type = scope.group(1);
      String what = type.equals("task")
          ? (scope.group(3).equals("form-variables") ? "task-form" : "task-variables")
          : type + "-variables";
      return new Kind(what, type, scope.group(2), false);
    }
    Matcher comments = TASK_COMMENTS.matcher(resource);
    if (comments.matches() && "GET".equals(request.getMethod())) {
      return new Kind("task-comments", "task", comments.group(1), false);
    }
    Matcher data = VARIABLE_DATA.matcher(resource);
    if (data.matches()) {
      return new Kind(data.group(1) == null ? "variable-instances" : "variable-history",
          data.group(1) == null ? "variable-instance" : "historic-variable-instance", data.group(2), false);
    }
    Matcher instances = VARIABLE_INSTANCES.matcher(resource);
    if (instances.matches()) {
      String what = instances.group(1).startsWith("history/decision") ? "decision-history"
          : instances.group(1).startsWith("history") ? "variable-history" : "variable-instances";
      return new Kind(what, null, null, false);
    }
    if (TASK_LISTS.matcher(resource).matches()) {
      String query = request.getQueryString() == null ? "" : request.getQueryString().toLowerCase(java.util.Locale.ROOT);
      boolean withVariables = resource.startsWith("/filter/") || query.contains("variablesinreturn");
      return withVariables ? new Kind("task-list", null, null, true) : null;
    }
    return null;
  }

  /**
   * The processes that are about no patient by design: a nurse's competence training, a manager's signal and
   * the quality processes (an avvik's patient is kept in {@code quality_incident}, never in the engine). Any
   * other instance without a patient in the index is a read the access log cannot attribute, and is warned of.
   */
  static boolean aboutNoPatient(String processKey) {
    return processKey != null && (EngineGrants.QUALITY_DEFINITIONS.contains(processKey)
        || EngineGrants.COMPETENCE_DEFINITIONS.contains(processKey) || SIGNAL_DEFINITION.equals(processKey));
  }

  private void record(Actor actor, boolean administrator, HttpServletRequest request, Kind kind, byte[] body,
      String contentType) {
    try {
      Set<String> processInstances = new LinkedHashSet<>();
      Map<String, String> taskNames = new LinkedHashMap<>();
      Map<String, String> taskOfInstance = new HashMap<>();
      if (body.length > 0 && contentType != null && contentType.contains("json")) {
        try {
          collect(json.readTree(body), processInstances, taskNames, taskOfInstance);
        } catch (IOException e) {
          // not JSON after all: the path still names what was read
        }
      }
      withoutEngineAuthentication(() -> {
        trace(kind, processInstances, taskNames, taskOfInstance);
        return null;
      });
      // an administrator reads by her admin rights, even through a task or a list: never own work
      boolean byAdministration = administrator && !actor.isMemberOfAny(List.of(CarepathGroups.ALLOCATION_OFFICE,
          CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.TEAM_LEADERS));
      List<AccessLog.Read> reads = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Set<String> untraced = new LinkedHashSet<>(processInstances);
      for (ProcessPatients.Instance instance : patients.find(processInstances)) {
        if (instance.patientId() == null) {
          if (aboutNoPatient(instance.processKey())) {
            // a nurse's competence training, a manager's signal, an avvik (its patient stays out of the engine)
            untraced.remove(instance.processInstanceId());
          }
          continue;
        }
        untraced.remove(instance.processInstanceId());
        String taskId = taskOfInstance.get(instance.processInstanceId());
        AccessLog.Basis basis = byAdministration ? AccessLog.Basis.ADMINISTRATOR : kind.list() ? AccessLog.Basis.LIST
            : taskId != null && "task".equals(kind.scopeType()) ? AccessLog.Basis.TASK : AccessLog.Basis.ROLE;
        String reference = instance.businessKey();
        if (!seen.add(instance.patientId() + "|" + reference)) {
          continue;
        }
        String detail = basis == AccessLog.Basis.TASK ? taskNames.get(taskId) : null;
        boolean ownWork = basis == AccessLog.Basis.TASK || basis == AccessLog.Basis.LIST;
        reads.add(new AccessLog.Read(instance.patientId(), reference, kind.what(), basis, detail,
            instance.municipalityNumber(), ownWork));
      }
      if (!untraced.isEmpty()) {
        // instances of patients' work the index cannot trace to a patient: a read the access log may not show
        log.warn("A read through {} ({}) named {} process instances Carepath does not know the patient of",
            channel(request), kind.what(), untraced.size());
      }
      accessLog.record(actor, channel(request), reads);
    } catch (RuntimeException e) {
      // the read happened: never let the log swallow the answer, but say loudly that a row is missing
      log.error("Could not write the access log for a read through {} ({}): {}", channel(request), kind.what(),
          e.getClass().getSimpleName());
    }
  }

  /** The process instance behind the task, execution, instance or variable the path names. */
  private void trace(Kind kind, Set<String> processInstances, Map<String, String> taskNames,
      Map<String, String> taskOfInstance) {
    if (kind.scopeType() == null) {
      return;
    }
    switch (kind.scopeType()) {
      case "task" -> traceTask(kind.scopeId(), processInstances, taskNames, taskOfInstance);
      case "process-instance" -> processInstances.add(kind.scopeId());
      case "execution" -> {
        var execution = runtime.createExecutionQuery().executionId(kind.scopeId()).singleResult();
        if (execution != null) {
          processInstances.add(execution.getProcessInstanceId());
        }
      }
      case "variable-instance" -> {
        var variable = runtime.createVariableInstanceQuery().variableId(kind.scopeId()).disableBinaryFetching()
            .disableCustomObjectDeserialization().singleResult();
        if (variable != null && variable.getProcessInstanceId() != null) {
          processInstances.add(variable.getProcessInstanceId());
        }
      }
      case "historic-variable-instance" -> {
        var variable = history.createHistoricVariableInstanceQuery().variableId(kind.scopeId()).disableBinaryFetching()
            .disableCustomObjectDeserialization().singleResult();
        if (variable != null && variable.getProcessInstanceId() != null) {
          processInstances.add(variable.getProcessInstanceId());
        }
      }
      default -> {
      }
    }
  }

  /** Process instance ids anywhere in the answer; tasks (id, name, instance) from task lists. */
  private static void collect(JsonNode node, Set<String> processInstances, Map<String, String> taskNames,
      Map<String, String> taskOfInstance) {
    if (node.isObject()) {
      JsonNode instance = node.get("processInstanceId");
      if (instance != null && instance.isTextual()) {
        processInstances.add(instance.asText());
        JsonNode id = node.get("id");
        JsonNode name = node.get("name");
        if (id != null && id.isTextual() && node.has("assignee")) {
          taskNames.put(id.asText(), name == null ? null : name.asText(null));
          taskOfInstance.putIfAbsent(instance.asText(), id.asText());
        }
      }
      for (Iterator<JsonNode> values = node.elements(); values.hasNext();) {
        collect(values.next(), processInstances, taskNames, taskOfInstance);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, processInstances, taskNames, taskOfInstance);
      }
    }
  }

  private void traceTask(String taskId, Set<String> processInstances, Map<String, String> taskNames,
      Map<String, String> taskOfInstance) {
    var task = tasks.createTaskQuery().taskId(taskId).singleResult();
    String instance = null;
    String name = null;
    if (task != null) {
      instance = task.getProcessInstanceId();
      name = task.getName();
    } else {
      var done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (done != null) {
        instance = done.getProcessInstanceId();
        name = done.getName();
      }
    }
    if (instance != null) {
      processInstances.add(instance);
      taskNames.put(taskId, name);
      taskOfInstance.put(instance, taskId);
    }
  }

  /** Lookups that trace a read must see what the reader saw, whatever the reader may query. */
  private <T> T withoutEngineAuthentication(Supplier<T> lookup) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  private void recordAdministratorAction(Actor actor, HttpServletRequest request, int status) {
    jdbc.sql("""
            insert into security_admin_action (occurred_at, actor_id, method, path, status)
            values (:at, :actor, :method, :path, :status)
            """)
        .param("at", Timestamp.from(clock.instant())).param("actor", actor.id()).param("method", request.getMethod())
        .param("path", truncate(EnginePaths.path(request), 500)).param("status", status)
        .update();
  }

  /** {@code engine-rest}, or the webapp the request came from ({@code tasklist}, {@code cockpit}, ...). */
  static String channel(HttpServletRequest request) {
    String path = EnginePaths.path(request);
    if (path.startsWith("/engine-rest")) {
      return "engine-rest";
    }
    String referer = request.getHeader("Referer");
    if (referer != null) {
      Matcher app = REFERER_APP.matcher(referer);
      if (app.find()) {
        return app.group(1);
      }
    }
    return "webapp";
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }
}
