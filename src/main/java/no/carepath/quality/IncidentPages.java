package no.carepath.quality;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import no.carepath.platform.CarepathPage;
import no.carepath.security.Actor;
import no.carepath.security.Municipalities;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /app/incidents/new}: report an avvik (an unwanted event or a near miss) in a few fields;
 * with {@code ?task=} from that task, or {@code ?from=case:...}, {@code episode:...}, {@code stay:...}
 * from that page, which then gives the municipality, where in the pathway, and the patient reference. {@code POST /app/incidents} stores it and starts its handling; a report
 * with problems comes back with every problem and what was typed, and nothing is stored.
 */
@Controller
@CarepathPage
@RequestMapping("/app/incidents")
class IncidentPages {

  record Option(String value, String label) {
  }

  private final Incidents incidents;
  private final Municipalities municipalities;
  private final Clock clock;

  IncidentPages(Incidents incidents, Municipalities municipalities, Clock clock) {
    this.incidents = incidents;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  @GetMapping(path = "/new", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView form(@RequestParam(required = false) String task, @RequestParam(required = false) String from) {
    // ?from=case:SAK-2026-000123 (or episode:, stay:) from a page; ?task= from a task
    task = task == null ? from : task;
    Actor actor = Actor.current();
    Optional<Incidents.TaskContext> context = incidents.taskContext(task, actor);
    String now = LocalDateTime.now(clock.withZone(Incidents.OSLO)).truncatedTo(ChronoUnit.MINUTES).toString();
    ModelAndView page = page(actor, context, new Incidents.Report(null, now, null, null, null, null, false, null,
        context.map(Incidents.TaskContext::taskId).orElse(null)), List.of(), HttpStatus.OK);
    if (task != null && context.isEmpty()) {
      page.addObject("notice", task.contains(":")
          ? "Saken, forløpet eller oppholdet finnes ikke, eller du har ikke tilgang til det. Du kan melde avviket uten det."
          : "Oppgaven finnes ikke, er ferdig, eller er ikke din. Du kan melde avviket uten oppgave.");
    }
    return page;
  }

  @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView report(@RequestParam(required = false) String kind, @RequestParam(required = false) String happenedAt,
      @RequestParam(required = false) String category, @RequestParam(required = false) String consequence,
      @RequestParam(required = false) String description, @RequestParam(required = false) String immediateAction,
      @RequestParam(defaultValue = "false") boolean anonymous, @RequestParam(required = false) String municipality,
      @RequestParam(required = false) String task) {
    Actor actor = Actor.current();
    Incidents.Report report = new Incidents.Report(kind, happenedAt, category, consequence, description,
        immediateAction, anonymous, municipality, task);
    try {
      Incidents.Reported reported = incidents.report(report, actor);
      return new ModelAndView("quality/reported", Map.of("reference", reported.reference(), "municipality",
          municipalities.nameOrNumber(reported.municipality()), "anonymous", anonymous));
    } catch (Incidents.InvalidReport invalid) {
      return page(actor, incidents.taskContext(task, actor), report, invalid.problems(), HttpStatus.BAD_REQUEST);
    }
  }

  private ModelAndView page(Actor actor, Optional<Incidents.TaskContext> context, Incidents.Report report,
      List<String> problems, HttpStatus status) {
    ModelAndView page = new ModelAndView("quality/report", status);
    page.addObject("report", report);
    page.addObject("problems", problems);
    page.addObject("context", context.orElse(null));
    page.addObject("kinds", options(IncidentWords.KINDS));
    page.addObject("categories", options(IncidentWords.CATEGORIES));
    page.addObject("consequences", options(IncidentWords.CONSEQUENCES));
    page.addObject("municipalities", actor.municipalities().stream().sorted()
        .map(number -> new Option(number, municipalities.nameOrNumber(number))).toList());
    page.addObject("anonymousAllowed", context.map(found -> incidents.anonymousAllowed(found.municipality()))
        .orElse(actor.municipalities().stream().anyMatch(incidents::anonymousAllowed)));
    return page;
  }

  private static List<Option> options(Map<String, String> words) {
    return words.entrySet().stream().map(entry -> new Option(entry.getKey(), entry.getValue())).toList();
  }
}
