package no.carepath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the engine's own authorizations cannot say, checked before a request reaches the engine
 * (through {@code /engine-rest} or the webapps' {@code /camunda/api/engine}):
 * <ul>
 * <li>Searching by variable value ("instances whose patientLabel is like Hansen") is reading
 * variables: refused on every query but the task queries of those who work tasks (a task's
 * candidates may read its variables anyway), unless the caller is an administrator.</li>
 * <li>Writing variables outside a task, starting or correlating processes, and answering external
 * tasks are refused for people other than administrators: process owners repair instances (retries,
 * incidents, suspension) but never change what a case or episode says.</li>
 * <li>The workers' account fetches only the topics of Carepath's workers, naming only the
 * variables each worker declares ({@link ExternalTaskSubscription#variableNames()}).</li>
 * </ul>
 * Refusals are 403 with a Norwegian message; a JSON body over 256 KB is refused (413) unread.
 */
@Component
public class EngineRequestGuard extends OncePerRequestFilter {

  private static final Set<String> VARIABLE_CONDITION_KEYS = Set.of("variables", "processVariables", "taskVariables",
      "caseInstanceVariables", "variableValues", "variableNamesIgnoreCase", "variableValuesIgnoreCase",
      "outputVariables", "inputVariables");
  /** Flags that make an answer carry variable values beside what was asked for. */
  private static final Set<String> TASK_VARIABLES_IN_RETURN = Set.of("withVariablesInReturn",
      "withTaskVariablesInReturn", "withTaskLocalVariablesInReturn", "variablesInResultEnabled");
  private static final Set<String> VARIABLES_IN_RETURN = java.util.stream.Stream.concat(
      TASK_VARIABLES_IN_RETURN.stream(), Set.of("includeInputs", "includeOutputs").stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  private static final Pattern TASK_QUERY = Pattern.compile("^/(task(/count)?|filter/[^/]+/(list|count|singleResult))$");
  private static final Pattern VARIABLE_WRITE = Pattern.compile(
      "^/(process-instance/[^/]+/variables(/.*)?|execution/[^/]+/localVariables(/.*)?|process-instance/variables-async"
          + "|execution/[^/]+/(signal|messageSubscriptions/.+/trigger)"
          + "|process-definition/.+/(start|submit-form|restart|restart-async)|message|signal|condition"
          + "|external-task/(fetchAndLock|[^/]+/(complete|bpmnError|failure|extendLock|unlock|lock)))$");
  /** Reporting an avvik with the start form in the Tasklist: the one start a person may make. */
  private static final Pattern AVVIK_START = Pattern.compile(
      "^/process-definition/(key/quality-incident|quality-incident:[^/]+)/submit-form$");
  /** The fields of that start form ({@code forms/quality/quality-report-incident.form}): nothing else may be set. */
  static final Set<String> AVVIK_START_FIELDS = Set.of("incidentKind", "incidentHappenedOn", "incidentHappenedTime", "incidentCategory",
      "incidentConsequence", "incidentDescription", "incidentImmediateAction");
  private static final Pattern MODIFICATION = Pattern.compile(
      "^/(process-instance/[^/]+/modification(-async)?|migration/execute(Async)?)$");
  /**
   * Commands on a definition as a whole: definitions are shared by every municipality, so these act on
   * other municipalities' instances and history too.
   */
  private static final Pattern WHOLE_DEFINITION = Pattern.compile(
      "^/(process-definition|decision-definition|decision-requirements-definition|job-definition)(/.*)?$");
  private static final Pattern DECISION_EVALUATION = Pattern.compile("^/decision-definition/.+/evaluate$");
  private static final Set<String> DEFINITION_KEYS = Set.of("processDefinitionId", "processDefinitionKey",
      "jobDefinitionId", "processDefinitionTenantId");
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "DELETE", "PATCH");
  static final int MAX_BODY = 256 * 1024;

  private final ApplicationContext context;
  private final ObjectMapper json = new ObjectMapper();
  private volatile Map<String, Set<String>> workerTopics;

  EngineRequestGuard(ApplicationContext context) {
    this.context = context;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return EnginePaths.resource(EnginePaths.path(request)) == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Actor actor = Actor.current();
    CachedBodyRequest cached = new CachedBodyRequest(request, MAX_BODY);
    if (cached.tooLarge()) {
      answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "PayloadTooLarge",
          "Forespørselen er større enn " + MAX_BODY / 1024 + " KB og ble ikke lest.");
      return;
    }
    String refusal = actor.isMemberOf(CarepathGroups.ADMINISTRATORS) ? administratorRefusal(cached) : refusal(actor, cached);
    if (refusal != null) {
      answer(response, refusal.startsWith(BAD_REQUEST) ? HttpServletResponse.SC_BAD_REQUEST
          : HttpServletResponse.SC_FORBIDDEN, refusal.startsWith(BAD_REQUEST) ? "BadRequest" : "Forbidden",
          refusal.startsWith(BAD_REQUEST) ? refusal.substring(BAD_REQUEST.length()) : refusal);
      return;
    }
    chain.doFilter(cached, response);
  }

  private static final String BAD_REQUEST = "400:";

  /**
   * An administrator may do anything, but what she reads must reach the access log: answers that
   * carry variables beside what was asked for are not offered, and a fetchAndLock the engine would
   * fail on is refused here (its long-polled answer cannot be rewritten afterwards).
   */
  String administratorRefusal(CachedBodyRequest request) {
    String resource = EnginePaths.resource(EnginePaths.path(request));
    if (resource == null) {
      return null;
    }
    JsonNode body = request.json(json);
    if (hasTrue(body, TASK_VARIABLES_IN_RETURN) || hasTrueParameter(queryParameters(request), TASK_VARIABLES_IN_RETURN)) {
      return "Variabler i svaret tilbys ikke. Les variablene gjennom /variables, som blir logget.";
    }
    if (resource.equals("/external-task/fetchAndLock")) {
      JsonNode topics = body == null ? null : body.get("topics");
      if (topics == null || !topics.isArray() || topics.isEmpty() || body.path("workerId").asText("").isBlank()) {
        return BAD_REQUEST + "fetchAndLock trenger workerId og minst ett emne (topics).";
      }
    }
    return null;
  }

  private void answer(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(Map.of("type", type, "message", message)));
  }

  /** Why this request is refused, in Norwegian, or {@code null} to let it through. */
  String refusal(Actor actor, CachedBodyRequest request) throws IOException {
    String path = EnginePaths.path(request);
    String resource = EnginePaths.resource(path);
    if (resource == null) {
      return null;
    }
    JsonNode body = request.json(json);
    Map<String, List<String>> query = queryParameters(request);
    boolean worker = actor.isMemberOf(CarepathGroups.SYSTEM_WORKERS);
    boolean write = WRITE_METHODS.contains(request.getMethod());
    if (worker && resource.equals("/external-task/fetchAndLock")) {
      return workerFetchRefusal(body);
    }
    if (write && AVVIK_START.matcher(resource).matches()) {
      return avvikStartRefusal(body);
    }
    if (write && VARIABLE_WRITE.matcher(resource).matches() && !(worker && resource.startsWith("/external-task/"))) {
      return "Denne handlingen endrer en prosess eller dens opplysninger utenom en oppgave, og er forbeholdt"
          + " administrator. Prosesseiere reparerer med nye forsøk, løste insidenter og stans; trenger en reparasjon"
          + " en verdi, bruk nødtilgangen (POST /api/break-glass/...) med en begrunnelse.";
    }
    if (MODIFICATION.matcher(resource).matches() && hasNonEmpty(body, Set.of("variables"), false)) {
      return "En endring av prosessinstansen kan ikke sette variabler. Flytt instansen uten variabler.";
    }
    boolean cockpitPlugin = path.startsWith("/camunda/api/cockpit/");
    if (write && !cockpitPlugin && (WHOLE_DEFINITION.matcher(resource).matches()
        && !DECISION_EVALUATION.matcher(resource).matches()
        || !isQuery(resource) && (hasNonEmpty(body, DEFINITION_KEYS, false) || hasAny(query, DEFINITION_KEYS)))) {
      return "Handlingen gjelder en hel prosessdefinisjon, og definisjonene er felles for alle kommunene: den er"
          + " forbeholdt administrator. Reparer instansene i kommunen din hver for seg (eller med en liste av id-er).";
    }
    if (hasTrue(body, VARIABLES_IN_RETURN) || hasTrueParameter(query, VARIABLES_IN_RETURN)) {
      return "Variabler i svaret tilbys ikke her. Opplysningene i en oppgave leses gjennom oppgavens skjema.";
    }
    boolean taskQuery = TASK_QUERY.matcher(resource).matches() && actor.isMemberOfAny(AccessModel.PATIENT_TASK_WORKERS);
    // conditions are arrays of {name, operator, value}; a map of values (a form's variables) is no search
    if (!taskQuery && (hasAny(query, VARIABLE_CONDITION_KEYS) || hasNonEmpty(body, VARIABLE_CONDITION_KEYS, true))) {
      return "Søk på variabelverdier (for eksempel pasientens navn) er ikke tillatt her: det ville vise"
          + " pasientopplysninger rollen din ikke skal se. Søk på forretningsnøkkel (SAK-..., EP-...) i stedet.";
    }
    return null;
  }

  /** A list query ({@code POST /process-instance}, {@code /history/task/count}): reads, however they filter. */
  private static boolean isQuery(String resource) {
    return TASK_QUERY.matcher(resource).matches()
        || resource.matches("^/(history/)?[a-z-]+(/count)?$") && !resource.matches("^/(message|signal|condition)$");
  }

  private String workerFetchRefusal(JsonNode body) {
    Map<String, Set<String>> allowed = workerTopics();
    JsonNode topics = body == null ? null : body.get("topics");
    if (topics == null || !topics.isArray()) {
      return "fetchAndLock uten emner";
    }
    for (JsonNode topic : topics) {
      String name = topic.path("topicName").asText(null);
      Set<String> variables = allowed.get(name);
      if (variables == null) {
        return "Arbeiderkontoet henter ikke emnet " + name;
      }
      JsonNode asked = topic.get("variables");
      if (asked == null || asked.isNull() || !asked.isArray()) {
        return "Arbeiderkontoet må navngi variablene det henter for " + name;
      }
      for (JsonNode variable : asked) {
        if (!variables.contains(variable.asText())) {
          return "Arbeiderkontoet henter ikke variabelen " + variable.asText() + " for " + name;
        }
      }
      if (hasNonEmpty(topic, Set.of("processVariables"), false) || topic.path("localVariables").asBoolean(false)
          || topic.path("includeExtensionProperties").asBoolean(false)) {
        return "Arbeiderkontoet filtrerer ikke på variabler for " + name;
      }
    }
    return null;
  }

  /** Topic to variable names, from the workers' subscriptions in this application. */
  Map<String, Set<String>> workerTopics() {
    Map<String, Set<String>> topics = workerTopics;
    if (topics == null) {
      topics = new HashMap<>();
      for (Object bean : context.getBeansWithAnnotation(ExternalTaskSubscription.class).values()) {
        ExternalTaskSubscription subscription = AnnotationUtils.findAnnotation(bean.getClass(),
            ExternalTaskSubscription.class);
        if (subscription != null) {
          topics.put(subscription.topicName(), Set.of(subscription.variableNames()));
        }
      }
      workerTopics = Map.copyOf(topics);
    }
    return topics;
  }

  /**
   * The query string's parameters, names and values decoded as the REST API decodes them (so that
   * {@code %76ariables} is {@code variables}); from the query string only, since reading the request's
   * parameters would consume a multipart or form body.
   */
  static Map<String, List<String>> queryParameters(HttpServletRequest request) {
    String query = request.getQueryString();
    Map<String, List<String>> parameters = new HashMap<>();
    if (query == null || query.isBlank()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static boolean hasAny(Map<String, List<String>> query, Set<String> keys) {
    return keys.stream().anyMatch(key -> query.getOrDefault(key, List.of()).stream().anyMatch(value -> !value.isBlank()));
  }

  private static boolean hasTrueParameter(Map<String, List<String>> query, Set<String> keys) {
    return query.entrySet().stream().anyMatch(entry -> keys.stream().anyMatch(key -> key.equalsIgnoreCase(entry.getKey()))
        && entry.getValue().stream().anyMatch(value -> value.isEmpty() || value.equalsIgnoreCase("true")));
  }

  /** Whether any of these keys is {@code true} anywhere in the JSON. */
  static boolean hasTrue(JsonNode node, Set<String> keys) {
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (keys.contains(field.getKey()) && (field.getValue().asBoolean(false)
            || field.getValue().isTextual() && field.getValue().asText().equalsIgnoreCase("true"))) {
          return true;
        }
        if (hasTrue(field.getValue(), keys)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasTrue(element, keys)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether any of these keys holds a non-empty value anywhere in the JSON (or-queries included);
   * with {@code arraysOnly}, only a non-empty array counts.
   */
  static boolean hasNonEmpty(JsonNode node, Set<String> keys, boolean arraysOnly) {
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        boolean empty = value.isNull() || value.isEmpty() && value.isContainerNode()
            || value.isTextual() && value.asText().isBlank();
        if (keys.contains(field.getKey()) && !empty && (!arraysOnly || value.isArray())) {
          return true;
        }
        if (hasNonEmpty(value, keys, arraysOnly)) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasNonEmpty(element, keys, arraysOnly)) {
          return true;
        }
      }
    }
    return false;
  }

  static String path(HttpServletRequest request) {
    return EnginePaths.path(request);
  }

  /** A start of an avvik may carry its start form's fields and nothing else (no business key, no reference). */
  private static String avvikStartRefusal(JsonNode body) {
    if (body == null) {
      return null;
    }
    java.util.List<String> unknown = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (!field.equals("variables")) {
        unknown.add(field);
      }
    });
    body.path("variables").fieldNames().forEachRemaining(name -> {
      if (!AVVIK_START_FIELDS.contains(name)) {
        unknown.add(name);
      }
    });
    return unknown.isEmpty() ? null : BAD_REQUEST + "Et avvik meldes med feltene i skjemaet og ingenting annet ("
        + String.join(", ", unknown) + " er ikke et felt i skjemaet).";
  }
}
