package no.carepath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine's error answers in plain Norwegian, for {@code /engine-rest} and the webapps'
 * {@code /camunda/api}: no Java class names (the engine puts the exception's class in {@code type}
 * and often in the message), the right status (a task or instance that does not exist, or belongs
 * to another municipality, is 404, not 500; a concurrent change is 409), and nothing of the
 * engine's internals on a 500. A refused form keeps the server's own Norwegian message, which names
 * the field. The webapps get the English words they look for to clear a vanished task.
 */
@Component
public class EngineErrors extends OncePerRequestFilter {

  static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
  private static final Pattern NOT_FOUND = Pattern.compile(
      "(?i)(cannot find|can't find|could not find|not found|does not exist|doesn't exist|no matching|is null|"
          + "no task|no process instance|no execution|no deployment|belongs to no authenticated tenant|unknown"
          + "|\\bno \\w+(?: \\w+)? found)");
  /** How every refused task form begins ({@code SubmittedForm}): what the webapps must show as it is. */
  public static final String FORM_REFUSED = "Skjemaet er ikke sendt inn.";
  /** How a refusal by the competence register begins ({@code no.carepath.competence.CompetenceRefused}). */
  static final String COMPETENCE_REFUSED = "Kompetanse mangler:";
  /**
   * What the REST API answers 400 with when the task or definition asked for does not exist: its wrappers of the
   * engine's not-found checks, for forms and form variables. Answered as every other "not found": 404 in Norwegian,
   * so that a missing task and another municipality's look the same.
   */
  private static final Pattern NOT_FOUND_ON_BAD_REQUEST = Pattern.compile("(?i)^(cannot get form for task"
      + "|cannot get start form data for process definition|cannot find \\S+(?: \\S+)? with id"
      + "|no deployed \\S+(?: \\S+)? found|\\S+(?: \\S+)? with id \\S+ (?:does not|doesn't) exist"
      + "|(?:incident|job|task|execution|process instance|batch) is null$)");
  private static final Pattern SUSPENDED = Pattern.compile("(?i)is suspended");
  /**
   * What the engine refuses, often as a server error, although the request asked for something the process does not
   * allow: the request is wrong, not the server, and nothing was changed.
   */
  private static final List<Refusal> NOT_ALLOWED_BY_THE_PROCESS = List.of(
      new Refusal(Pattern.compile("ENGINE-13033 Propagation of bpmn error"), 400,
          "Prosessen har ingen håndtering av denne BPMN-feilen her. Ingenting er endret."),
      new Refusal(Pattern.compile("ENGINE-02043 .*no escalation handler was defined"), 400,
          "Prosessen har ingen håndtering av denne eskaleringen her. Ingenting er endret."),
      new Refusal(Pattern.compile("(?i)task cannot be deleted because is part of a running process"), 409,
          "Oppgaven hører til en prosess og kan ikke slettes; den avsluttes når den er utført."),
      new Refusal(Pattern.compile("ENGINE-03072 Cannot change tenantId"), 400,
          "En oppgave kan ikke flyttes til en annen kommune. Ingenting er endret."),
      new Refusal(Pattern.compile("ENGINE-13054 The number of job retries must be a non-negative"), 400,
          "Antall nye forsøk må være 0 eller flere. Ingenting er endret."),
      new Refusal(Pattern.compile("Cannot save standalone task"), 400,
          "Oppgaver utenfor en prosess kan ikke opprettes; oppgavene kommer fra prosessene."));

  private record Refusal(Pattern engineSays, int status, String message) {
  }
  /**
   * What the engine's error says when the database could not serve: the REST API has turned the
   * exception into JSON before this filter sees it, so its words are all there is.
   */
  static final Pattern DATABASE_UNAVAILABLE = Pattern.compile("(?i)Could not open JDBC Connection|Failed to obtain JDBC"
      + " Connection|Connection is not available, request timed out|Connection to \\S+ refused|terminating connection due to"
      + " administrator command|the database system is (?:starting up|shutting down|in recovery mode)|This connection has"
      + " been closed|I/O error occurred while sending to the backend|No space left on device|could not extend file");

  private static final Pattern FORM_WRAPPER = Pattern.compile(
      "^Cannot (submit task form|complete task|submit start form|instantiate process definition) [^:]*: ");

  private static final List<String> KEPT_ON_BAD_REQUEST = List.of("details", "validationReport");

  /** A rewritten error: status, neutral type, Norwegian message. */
  record Rewritten(int status, String type, String message) {
  }

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = EngineRequestGuard.path(request);
    // fetchAndLock long-polls: its answer is written after this filter returned (servlet async), so it
    // cannot be buffered here; the workers read its errors themselves
    return !path.startsWith("/engine-rest") && !path.startsWith("/camunda/api/") || path.endsWith("/fetchAndLock");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, cached);
    int status = cached.getStatus();
    byte[] body = cached.getContentAsByteArray();
    String contentType = cached.getContentType();
    if (status < 400 || body.length == 0 || contentType == null) {
      cached.copyBodyToResponse();
      return;
    }
    Rewritten rewritten;
    JsonNode error = null;
    if (contentType.startsWith("text/")) {
      // the JSON provider's own answer to a body it could not map (a value of the wrong type): plain text naming Java
      // classes
      rewritten = rewriteText(status);
    } else if (!contentType.contains("json")) {
      cached.copyBodyToResponse();
      return;
    } else {
      try {
        error = json.readTree(body);
      } catch (IOException e) {
        cached.copyBodyToResponse();
        return;
      }
      if (error == null || !error.isObject() || !error.has("type") && !error.has("message")) {
        cached.copyBodyToResponse();
        return;
      }
      boolean webapp = EngineRequestGuard.path(request).startsWith("/camunda/");
      rewritten = rewrite(status, error.path("type").asText(""), error.path("message").asText(""), webapp);
    }
    cached.resetBuffer();
    cached.setStatus(rewritten.status());
    if (rewritten.status() == 503) {
      cached.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER,
          String.valueOf(no.carepath.availability.Outage.RETRY_AFTER_SECONDS));
    }
    cached.setContentType(MediaType.APPLICATION_JSON_VALUE);
    cached.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("type", rewritten.type());
    answer.put("message", rewritten.message());
    answer.put("status", rewritten.status());
    if (rewritten.status() == 400 && error != null) {
      // what Modeler shows of a refused model (line, column, element) and Cockpit of a refused migration
      for (String kept : KEPT_ON_BAD_REQUEST) {
        if (error.has(kept)) {
          answer.put(kept, error.get(kept));
        }
      }
    }
    byte[] out = json.writeValueAsBytes(answer);
    cached.getOutputStream().write(out);
    cached.copyBodyToResponse();
  }

  /** An error answered as plain text (the JSON provider's, the servlet container's): its words are not passed on. */
  static Rewritten rewriteText(int status) {
    return switch (status) {
      case 400 -> new Rewritten(400, "BadRequest", "Forespørselen er ugyldig: innholdet kunne ikke leses (ugyldig JSON,"
          + " eller en verdi av feil type).");
      case 404 -> new Rewritten(404, "NotFound", "Det du ba om finnes ikke.");
      case 405 -> new Rewritten(405, "MethodNotAllowed", "Denne metoden kan ikke brukes her.");
      case 415 -> new Rewritten(415, "UnsupportedMediaType", "Innholdstypen støttes ikke her; send application/json.");
      default -> status >= 500
          ? new Rewritten(500, "ServerError", "Det oppstod en feil i prosessmotoren. Prøv igjen om litt; vedvarer"
              + " feilen, kontakt administrator.")
          : new Rewritten(status, "BadRequest", "Forespørselen er ugyldig.");
    };
  }

  static Rewritten rewrite(int status, String type, String rawMessage, boolean webapp) {
    // the REST API wraps a refused form in its own words: "Cannot submit task form <id>: <the server's message>"
    String message = FORM_WRAPPER.matcher(rawMessage).replaceFirst("");
    if (type.equals("FormFieldValidationException") || type.equals("ValidationFailed")
        || message.startsWith(FORM_REFUSED)) {
      return new Rewritten(400, "ValidationFailed", message);
    }
    if (message.contains(COMPETENCE_REFUSED)) {
      // the register refused a claim, assignment or completion: the message names the competence and the way out
      String refusal = message.substring(message.indexOf(COMPETENCE_REFUSED));
      // the engine may quote the listener's message ("... Message: '<message>'")
      return new Rewritten(403, "Forbidden", refusal.endsWith("'") ? refusal.substring(0, refusal.length() - 1) : refusal);
    }
    if (type.equals("Forbidden") || type.equals("PayloadTooLarge") || type.equals("NotFound")
        || type.equals("Conflict") || type.equals("BadRequest") || type.equals("ServerError")) {
      return new Rewritten(status, type, message);
    }
    if (status == 401) {
      return new Rewritten(401, "Unauthorized", "Du er ikke innlogget, eller innloggingen er utløpt. Logg inn på nytt.");
    }
    if (status == 403 || type.equals("AuthorizationException")) {
      return new Rewritten(403, "Forbidden", "Du har ikke tilgang til dette. Spør en administrator om du mener du"
          + " skal ha tilgang.");
    }
    if (type.equals("TaskAlreadyClaimedException")) {
      // two nurses took the same task at once, or one took a task from a list older than the other's claim
      return new Rewritten(409, "Conflict", "Oppgaven er allerede tatt av en annen. Last oppgavelisten på nytt.");
    }
    if (type.equals("OptimisticLockingException")) {
      return new Rewritten(409, "Conflict", "Noen andre endret dette samtidig. Last siden på nytt og prøv igjen.");
    }
    if (SUSPENDED.matcher(message).find()) {
      return new Rewritten(409, "Conflict", "Prosessen er midlertidig stanset, så dette kan ikke gjøres nå."
          + (webapp ? " (is suspended)" : ""));
    }
    if (status == 404 || status >= 500 && NOT_FOUND.matcher(message).find()
        || status == 400 && NOT_FOUND_ON_BAD_REQUEST.matcher(message).find()) {
      String lower = message.toLowerCase(Locale.ROOT);
      String what = lower.contains("task") ? "Oppgaven" : lower.contains("process instance") ? "Prosessinstansen"
          : lower.contains("deployment") ? "Utrullingen" : lower.contains("definition") ? "Definisjonen" : "Det du ba om";
      return new Rewritten(404, "NotFound", what + " finnes ikke, er avsluttet, eller hører til en annen kommune."
          + (webapp && lower.contains("task") ? " (No matching task)" : ""));
    }
    for (Refusal refusal : NOT_ALLOWED_BY_THE_PROCESS) {
      if (status >= 400 && refusal.engineSays().matcher(message).find()) {
        return new Rewritten(refusal.status(), refusal.status() == 409 ? "Conflict" : "BadRequest", refusal.message());
      }
    }
    if (status >= 500 && DATABASE_UNAVAILABLE.matcher(message).find()) {
      return new Rewritten(503, "ServiceUnavailable", no.carepath.availability.Outage.DATABASE.detail());
    }
    if (status >= 500) {
      return new Rewritten(500, "ServerError", "Det oppstod en feil i prosessmotoren. Prøv igjen om litt; vedvarer"
          + " feilen, kontakt administrator.");
    }
    String detail = CLASS_NAME.matcher(message).replaceAll("verdi").trim();
    return new Rewritten(status, status == 409 ? "Conflict" : "BadRequest",
        "Forespørselen er ugyldig" + (detail.isEmpty() ? "." : ": " + detail));
  }
}
