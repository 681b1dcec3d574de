package no.carepath.availability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Outermost filter: an error that means the database or the identity provider is unavailable
 * ({@link Outage}) becomes 503 with {@code Retry-After}, in the format the caller reads: a FHIR
 * OperationOutcome under {@code /fhir}, the engine's error JSON under {@code /engine-rest} and
 * {@code /camunda/api}, problem JSON under {@code /api} and {@code /actuator}, else the Norwegian page
 * {@code error/503} (rendered without the layout, whose menu would need the database).
 *
 * <p>Outside the security chains and the session filter, so a failure in either is answered too.
 * The log gets one line per kind of outage and half minute, with the kinds of exception and the
 * SQLState only (a database error quotes statements and values); the counter
 * {@code carepath.outage.responses} counts every answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class OutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(OutageFilter.class);

  private final ITemplateEngine templates;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final OutageLog said;

  public OutageFilter(ITemplateEngine templates, MeterRegistry meters, Clock clock) {
    this.templates = templates;
    this.meters = meters;
    this.clock = clock;
    this.said = new OutageLog(clock);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      Outage outage = Outage.of(e).orElse(null);
      if (outage == null || response.isCommitted()) {
        throw e;
      }
      logOnce(outage, e);
      answer(request, response, outage);
    }
  }

  /** Writes the 503 for {@code outage} in the caller's format. */
  public void answer(HttpServletRequest request, HttpServletResponse response, Outage outage) throws IOException {
    meters.counter("carepath.outage.responses", "kind", outage.name().toLowerCase(Locale.ROOT)).increment();
    response.reset();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Outage.RETRY_AFTER_SECONDS));
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/fhir") || path.startsWith("/fhir/")) {
      response.setContentType("application/fhir+json;charset=UTF-8");
      Map<String, Object> issue = new LinkedHashMap<>();
      issue.put("severity", "error");
      issue.put("code", "transient");
      issue.put("diagnostics", outage.detail());
      Map<String, Object> outcome = new LinkedHashMap<>();
      outcome.put("resourceType", "OperationOutcome");
      outcome.put("issue", List.of(issue));
      json.writeValue(response.getOutputStream(), outcome);
    } else if (path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/")) {
      response.setContentType("application/json;charset=UTF-8");
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", "ServiceUnavailable");
      error.put("message", outage.detail());
      error.put("status", 503);
      json.writeValue(response.getOutputStream(), error);
    } else if (path.startsWith("/api/") || path.startsWith("/actuator/") || acceptsJsonOnly(request)) {
      response.setContentType("application/problem+json;charset=UTF-8");
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", "Midlertidig utilgjengelig");
      problem.put("status", 503);
      problem.put("detail", outage.detail());
      json.writeValue(response.getOutputStream(), problem);
    } else {
      response.setContentType("text/html;charset=UTF-8");
      WebContext page = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
          .buildExchange(request, response), Locale.forLanguageTag("nb-NO"));
      page.setVariable("reason", outage.reason());
      page.setVariable("retryAfter", Outage.RETRY_AFTER_SECONDS);
      page.setVariable("identity", outage == Outage.IDENTITY);
      response.getOutputStream().write(templates.process("error/503", page).getBytes(StandardCharsets.UTF_8));
    }
    response.flushBuffer();
  }

  private static boolean acceptsJsonOnly(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("json") && !accept.contains("html");
  }

  private void logOnce(Outage outage, Throwable e) {
    if (said.due(outage)) {
      log.warn("Answering 503 with Retry-After: {} is unavailable ({}); said at most every {} s", outage,
          OutageLog.kinds(e), OutageLog.INTERVAL.toSeconds());
    }
  }

}
