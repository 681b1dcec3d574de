package no.carepath.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 for the token-protected APIs and the webapps' API, with a body a person can act on (RFC 9457 problem
 * JSON, with the detail also as {@code message}, which the webapps show).
 */
final class ProblemResponses {

  private ProblemResponses() {
  }

  static AuthenticationEntryPoint unauthorized() {
    BearerTokenAuthenticationEntryPoint headers = new BearerTokenAuthenticationEntryPoint();
    return (request, response, exception) -> {
      headers.commence(request, response, exception);
      write(request, response, HttpStatus.UNAUTHORIZED, "Ikke autentisert",
          "Forespørselen mangler et gyldig tilgangstoken. Hent et token fra Keycloak (realm carepath) og send det"
              + " som 'Authorization: Bearer <token>'. Et utløpt token må fornyes.");
    };
  }

  static AccessDeniedHandler forbidden() {
    BearerTokenAccessDeniedHandler headers = new BearerTokenAccessDeniedHandler();
    return (request, response, exception) -> {
      headers.handle(request, response, exception);
      write(request, response, HttpStatus.FORBIDDEN, "Ingen tilgang",
          "Du er innlogget, men rollen din gir ikke tilgang til dette. Spør en administrator om du mener du skal ha tilgang.");
    };
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
      String detail) throws IOException {
    if (request.getRequestURI().startsWith(request.getContextPath() + "/fhir")) {
      response.setStatus(status.value());
      response.setContentType("application/fhir+json;charset=UTF-8");
      // FHIR clients expect an OperationOutcome
      response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
          + (status == HttpStatus.UNAUTHORIZED ? "login" : "forbidden") + "\",\"diagnostics\":\""
          + (title + ": " + detail).replace("\"", "\\\"") + "\"}]}");
      return;
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // "message" too (an extension member): what the Camunda webapps show of an error answer; without it they show the
    // whole body
    String escaped = detail.replace("\"", "\\\"");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
        + ",\"detail\":\"" + escaped + "\",\"message\":\"" + escaped + "\"}");
  }
}
