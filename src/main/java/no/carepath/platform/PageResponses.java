package no.carepath.platform;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** Answers the page controllers share: the redirect after a form was carried out, and "not found". */
public final class PageResponses {

  private PageResponses() {
  }

  /** 303 to this path after a POST, so that reloading the page does not send the form again. */
  public static ModelAndView seeOther(String path) {
    RedirectView redirect = new RedirectView(path, true);
    redirect.setStatusCode(HttpStatus.SEE_OTHER);
    redirect.setExposeModelAttributes(false);
    redirect.setExpandUriTemplateVariables(false);
    return new ModelAndView(redirect);
  }

  /**
   * 404 with {@code templates/not-found.html}: what was not found, and the way back.
   *
   * @param title the page title
   * @param heading the page's heading
   * @param message the sentence that explains it
   */
  public static ModelAndView notFound(String title, String heading, String message, String backHref, String backLabel) {
    return new ModelAndView("not-found", Map.of("title", title, "heading", heading, "message", message,
        "backHref", backHref, "backLabel", backLabel), HttpStatus.NOT_FOUND);
  }
}
