package no.carepath.platform;

import static java.util.Map.entry;

import java.util.Map;

import no.carepath.security.Municipalities;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /app}: where a person lands. Their name, role(s) and municipalities, and the pages of their
 * menu as cards, each with one line on what it is for. {@code /} leads here.
 */
@CarepathPage
@Controller
class StartPage {

  static final Map<String, String> ROLES = Map.ofEntries(
      entry(CarepathGroups.ALLOCATION_OFFICE, "Saksbehandler ved tildelingskontoret"),
      entry(CarepathGroups.HOME_FOLLOW_UP_NURSES, "Sykepleier, digital hjemmeoppfølging"),
      entry(CarepathGroups.TEAM_LEADERS, "Teamleder"),
      entry(CarepathGroups.PROCESS_OWNERS, "Prosesseier"),
      entry(CarepathGroups.MANAGERS, "Leder"),
      entry(CarepathGroups.ADMINISTRATORS, "Administrator"));

  private final Municipalities municipalities;

  StartPage(Municipalities municipalities) {
    this.municipalities = municipalities;
  }

  @GetMapping("/")
  String root() {
    return "redirect:/app";
  }

  @GetMapping(path = "/app", produces = MediaType.TEXT_HTML_VALUE)
  String start(Model model) {
    Actor actor = Actor.current();
    model.addAttribute("roles", CarepathGroups.ROLES.stream().filter(actor::isMemberOf).map(ROLES::get).toList());
    model.addAttribute("municipalities", actor.municipalities().stream().map(municipalities::nameOrNumber).toList());
    return "start";
  }
}
