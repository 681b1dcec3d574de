package no.carepath.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

/**
 * {@code Cache-Control: no-store} on every response that can hold patient data (Carepath's API and
 * pages, FHIR, the engine's API for the webapps and for tokens), even where the webapps set a
 * weaker header of their own. Static files of the webapps may still be cached.
 */
final class NoStore implements HeaderWriter {

  private static final String[] DATA_PATHS = {"/api", "/app", "/fhir", "/engine-rest", "/camunda/api", "/error"};

  @Override
  public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
    if (holdsData(request.getRequestURI().substring(request.getContextPath().length()))) {
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("Pragma", "no-cache");
      response.setHeader("Expires", "0");
    }
  }

  static boolean holdsData(String path) {
    for (String prefix : DATA_PATHS) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }
}
