package no.carepath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the Camunda webapps' CSRF token before Camunda's own filter does. Camunda's filter ends the
 * whole session when a change arrives without the right token, so one stale tab or a forged request
 * from another site would log a nurse out in the middle of her work; here such a request is refused
 * with 403 and a Norwegian message, and the session lives on. A request that passes this check
 * passes Camunda's too.
 */
final class WebappCsrfCheck extends OncePerRequestFilter {

  static final String SESSION_TOKEN = "CAMUNDA_CSRF_TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return SAFE.contains(request.getMethod()) || !path.startsWith("/camunda/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(SESSION_TOKEN);
    String given = request.getHeader(HEADER);
    if (expected instanceof String token && given != null && MessageDigest.isEqual(
        token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"Forespørselen ble avvist fordi sikkerhetsnøkkelen"
        + " (CSRF) manglet eller var utdatert. Last siden på nytt og prøv igjen. Du er fortsatt innlogget.\"}");
  }
}
