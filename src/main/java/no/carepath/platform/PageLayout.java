package no.carepath.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import no.carepath.security.Actor;
import no.carepath.security.Navigation;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout ({@code templates/layout.html}) needs on every page: {@code nav}, the menu of the
 * signed-in person, and {@code userName}, their name; and an unexpected error as the Norwegian error
 * page (before {@link ApiExceptionHandler}, which answers the API's errors as problem JSON). Only for
 * {@link CarepathPage} controllers; {@link ErrorPages} does the same for the error pages.
 */
@ControllerAdvice(annotations = CarepathPage.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class PageLayout {

  private final Navigation navigation;

  PageLayout(Navigation navigation) {
    this.navigation = navigation;
  }

  @ModelAttribute("nav")
  List<Navigation.Item> nav(HttpServletRequest request) {
    return nav(Actor.current(), request.getRequestURI().substring(request.getContextPath().length()));
  }

  @ModelAttribute("userName")
  String userName() {
    return userName(Actor.current());
  }

  /**
   * An unexpected error on a page: the Norwegian error page in the layout, with a reference to find
   * it in the log (logged without the values a database error would quote).
   */
  @org.springframework.web.bind.annotation.ExceptionHandler(Exception.class)
  org.springframework.web.servlet.ModelAndView unexpected(Exception e, HttpServletRequest request) throws Exception {
    // the database or Keycloak is down: the 503 page (availability.OutageFilter); the layout's menu would need them
    no.carepath.availability.Outage.rethrowIfOutage(e);
    org.springframework.web.servlet.ModelAndView page;
    if (e instanceof RequestRejectedException rejected) {
      page = new org.springframework.web.servlet.ModelAndView(rejected.status().value() == 404 ? "error/404" : "error");
      page.setStatus(rejected.status());
      page.addObject("status", rejected.status().value());
      page.addObject("message", rejected.getMessage());
    } else if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException
        || e instanceof org.springframework.web.bind.MissingServletRequestParameterException) {
      // a filter or parameter in the address that is not what the page takes
      String name = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch
          ? mismatch.getName() : ((org.springframework.web.bind.MissingServletRequestParameterException) e)
          .getParameterName();
      page = new org.springframework.web.servlet.ModelAndView("error");
      page.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST);
      page.addObject("status", 400);
      page.addObject("message", "Verdien av «" + name + "» i adressen kan ikke brukes. Velg på nytt i skjemaet.");
    } else {
      page = new org.springframework.web.servlet.ModelAndView("error/500");
      page.setStatus(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR);
      page.addObject("reference", ApiExceptionHandler.logUnexpected(e));
    }
    page.addObject("nav", nav(request));
    page.addObject("userName", userName());
    return page;
  }

  /** The menu of this person, with the entry of {@code path} marked; none when nobody is signed in. */
  List<Navigation.Item> nav(Actor actor, String path) {
    return signedIn(actor) ? navigation.itemsFor(actor, path) : List.of();
  }

  /** The person's name, or {@code null} when nobody is signed in. */
  static String userName(Actor actor) {
    return signedIn(actor) ? actor.displayName() : null;
  }

  private static boolean signedIn(Actor actor) {
    return !Actor.SYSTEM.equals(actor);
  }
}
