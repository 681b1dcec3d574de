package no.carepath.platform;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import no.carepath.security.Actor;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error pages a browser gets from Spring Boot's error controller, in the shared layout:
 * {@code error/403}, {@code error/404}, {@code error/500} (every 5xx) and {@code error} for the rest.
 * Replaces Boot's default resolver, so that the page can show the menu of whoever is signed in
 * ({@link PageLayout} does not apply to the error controller). The model holds the status and the
 * path, never a message, exception or stack trace ({@code server.error.*} in application.yaml).
 */
@Component
class ErrorPages implements ErrorViewResolver {

  private final PageLayout layout;

  ErrorPages(PageLayout layout) {
    this.layout = layout;
  }

  @Override
  public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
    Map<String, Object> page = new HashMap<>(model);
    Actor actor = Actor.current();
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String text && text.startsWith(request.getContextPath())
        ? text.substring(request.getContextPath().length()) : "";
    page.put("nav", layout.nav(actor, path));
    page.put("userName", PageLayout.userName(actor));
    return new ModelAndView(view(status), page, status);
  }

  static String view(HttpStatus status) {
    if (status == HttpStatus.FORBIDDEN) {
      return "error/403";
    }
    if (status == HttpStatus.NOT_FOUND) {
      return "error/404";
    }
    return status.is5xxServerError() ? "error/500" : "error";
  }
}
