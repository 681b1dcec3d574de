package no.carepath.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import no.carepath.security.Actor;
import no.carepath.security.Navigation;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout ({@code templates/layout.html}) needs on every page: {@code nav}, the menu of the
 * signed-in person, and {@code userName}, their name. Only for {@link CarepathPage} controllers;
 * {@link ErrorPages} does the same for the error pages.
 */
@ControllerAdvice(annotations = CarepathPage.class)
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
