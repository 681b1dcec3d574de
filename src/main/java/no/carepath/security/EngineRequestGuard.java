package no.carepath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
import org.springframework.web.util.UriComponentsBuilder;

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

  private static final Pattern ENGINE_PATH = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(/.*)?$");
  private static final Pattern COCKPIT_PLUGIN_PATH = Pattern.compile("^/camunda/api/cockpit/plugin/[^/]+/[^/]+(/.*)?$");
  private static final Set<String> VARIABLE_CONDITION_KEYS = Set.of("variables", "processVariables", "taskVariables",
      "caseInstanceVariables", "variableValues", "variableNamesIgnoreCase", "variableValuesIgnoreCase",
      "outputVariables", "inputVariables");
  private static final Pattern TASK_QUERY = Pattern.compile("^/(task(/count)?|filter/[^/]+/(list|count|singleResult))$");
  private static final Pattern VARIABLE_WRITE = Pattern.compile(
      "^/(process-instance/[^/]+/variables(/.*)?|execution/[^/]+/localVariables(/.*)?|process-instance/variables-async"
          + "|process-definition/.+/(start|submit-form)|message|signal|condition"
          + "|external-task/(fetchAndLock|[^/]+/(complete|bpmnError|failure|extendLock|unlock|lock)))$");
  private static final Pattern MODIFICATION = Pattern.compile(
      "^/(process-instance/[^/]+/modification(-async)?|migration/execute(Async)?)$");
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
    String path = path(request);
    return !path.startsWith("/engine-rest") && !path.startsWith("/camunda/api/engine/")
        && !path.startsWith("/camunda/api/cockpit/plugin/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Actor actor = Actor.current();
    boolean fetchAndLock = path(request).endsWith("/external-task/fetchAndLock");
    if (actor.isMemberOf(CarepathGroups.ADMINISTRATORS) && !fetchAndLock) {
      chain.doFilter(request, response);
      return;
    }
    CachedBodyRequest cached = new CachedBodyRequest(request, MAX_BODY);
    if (fetchAndLock && actor.isMemberOf(CarepathGroups.ADMINISTRATORS)) {
      // its answer cannot pass EngineErrors (long polling), so a body it would fail on is refused here
      JsonNode topics = cached.json(json) == null ? null : cached.json(json).get("topics");
      if (topics == null || !topics.isArray() || topics.isEmpty() || cached.json(json).path("workerId").asText("").isBlank()) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(Map.of("type", "BadRequest",
            "message", "fetchAndLock trenger workerId og minst ett emne (topics).")));
        return;
      }
      chain.doFilter(cached, response);
      return;
    }
    if (cached.tooLarge()) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(json.writeValueAsString(Map.of("type", "PayloadTooLarge",
          "message", "Forespørselen er større enn " + MAX_BODY / 1024 + " KB og ble ikke lest.")));
      return;
    }
    String refusal = refusal(actor, cached);
    if (refusal != null) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(json.writeValueAsString(Map.of("type", "Forbidden", "message", refusal)));
      return;
    }
    chain.doFilter(cached, response);
  }

  /** Why this request is refused, in Norwegian, or {@code null} to let it through. */
  String refusal(Actor actor, CachedBodyRequest request) throws IOException {
    String path = path(request);
    Matcher engine = ENGINE_PATH.matcher(path);
    String resource;
    if (engine.matches()) {
      resource = engine.group(1) == null ? "/" : engine.group(1);
    } else {
      Matcher cockpit = COCKPIT_PLUGIN_PATH.matcher(path);
      resource = cockpit.matches() && cockpit.group(1) != null ? cockpit.group(1) : "/";
    }
    JsonNode body = request.json(json);
    boolean worker = actor.isMemberOf(CarepathGroups.SYSTEM_WORKERS);
    if (worker && resource.equals("/external-task/fetchAndLock")) {
      return workerFetchRefusal(body);
    }
    if (WRITE_METHODS.contains(request.getMethod()) && VARIABLE_WRITE.matcher(resource).matches()
        && !(worker && resource.startsWith("/external-task/"))) {
      return "Denne handlingen endrer en prosess eller dens opplysninger utenom en oppgave, og er forbeholdt"
          + " administrator. Prosesseiere reparerer med nye forsøk, løste insidenter og stans; trenger en reparasjon"
          + " en verdi, bruk nødtilgangen (POST /api/break-glass/...) med en begrunnelse.";
    }
    if (MODIFICATION.matcher(resource).matches() && hasNonEmpty(body, Set.of("variables"), false)) {
      return "En endring av prosessinstansen kan ikke sette variabler. Flytt instansen uten variabler.";
    }
    boolean taskQuery = TASK_QUERY.matcher(resource).matches()
        && actor.isMemberOfAny(AccessModel.TASK_WORKERS);
    // conditions are arrays of {name, operator, value}; a map of values (a form's variables) is no search
    if (!taskQuery && (hasVariableCondition(request) || hasNonEmpty(body, VARIABLE_CONDITION_KEYS, true))) {
      return "Søk på variabelverdier (for eksempel pasientens navn) er ikke tillatt her: det ville vise"
          + " pasientopplysninger rollen din ikke skal se. Søk på forretningsnøkkel (SAK-..., EP-...) i stedet.";
    }
    return null;
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

  /** From the query string only: reading parameters would consume a multipart or form body. */
  static boolean hasVariableCondition(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null || query.isBlank()) {
      return false;
    }
    var parameters = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
    for (String key : VARIABLE_CONDITION_KEYS) {
      if (parameters.getOrDefault(key, java.util.List.of()).stream().anyMatch(value -> value != null && !value.isBlank())) {
        return true;
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
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
