package no.carepath.competence;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import no.carepath.platform.CarepathPage;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Municipalities;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The competence pages. {@code /app/competences}: the team leader's register of her team (matrix,
 * add, change, remove, the log). {@code /app/competences/overview}: coverage, gaps and what expires,
 * for team leaders and managers (no patient). {@code /app/tasks/{id}/competence}: one task's
 * requirement, whether the person holds it, who could take it, and the ways out: hand it on, take it
 * under supervision, or (team leader) assign the suggestion or override with a reason.
 */
@Controller
@CarepathPage
class CompetencePages {

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH:mm")
      .withZone(ZoneId.of("Europe/Oslo"));

  record Option(String value, String label) {
  }

  record LogRow(String at, String changedBy, String user, String competence, String change, String note) {
  }

  private final CompetenceRegister register;
  private final RegisterChanges changes;
  private final CompetenceOverview overview;
  private final TaskWork work;
  private final Municipalities municipalities;

  CompetencePages(CompetenceRegister register, RegisterChanges changes, CompetenceOverview overview, TaskWork work,
      Municipalities municipalities) {
    this.register = register;
    this.changes = changes;
    this.overview = overview;
    this.work = work;
    this.municipalities = municipalities;
  }

  // ---- the register

  @GetMapping(path = "/app/competences", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView registerPage(@RequestParam(required = false) String municipality) {
    return registerPage(chosen(municipality), List.of(), null, HttpStatus.OK, Map.of());
  }

  @PostMapping(path = "/app/competences/holdings", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView put(@RequestParam(required = false) String municipality, @RequestParam(required = false) String user,
      @RequestParam(required = false) String competence, @RequestParam(required = false) String level,
      @RequestParam(required = false) String validFrom, @RequestParam(required = false) String validUntil,
      @RequestParam(required = false) String note) {
    String chosen = chosen(municipality);
    try {
      CompetenceRegister.Holding holding = changes.put(Actor.current(), chosen, user, competence, level, validFrom,
          validUntil, note);
      return registerPage(chosen, List.of(), "Lagret: " + holding.userId() + " – " + holding.name() + " ("
          + holding.level().label().toLowerCase() + ").", HttpStatus.OK, Map.of());
    } catch (RegisterChanges.Invalid invalid) {
      return registerPage(chosen, invalid.problems(), null, HttpStatus.BAD_REQUEST, Map.of("user", text(user),
          "competence", text(competence), "level", text(level), "validFrom", text(validFrom), "validUntil",
          text(validUntil), "note", text(note)));
    }
  }

  @PostMapping(path = "/app/competences/holdings/remove", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView remove(@RequestParam(required = false) String municipality, @RequestParam(required = false) String user,
      @RequestParam(required = false) String competence, @RequestParam(required = false) String note) {
    String chosen = chosen(municipality);
    try {
      boolean removed = changes.remove(Actor.current(), chosen, user, competence, note);
      return registerPage(chosen, List.of(), removed ? "Fjernet: " + user + " – " + CompetenceCatalogue.name(competence) + "."
          : "Det var ingenting å fjerne.", HttpStatus.OK, Map.of());
    } catch (RegisterChanges.Invalid invalid) {
      return registerPage(chosen, invalid.problems(), null, HttpStatus.BAD_REQUEST, Map.of());
    }
  }

  private ModelAndView registerPage(String municipality, List<String> problems, String saved, HttpStatus status,
      Map<String, String> entered) {
    ModelAndView page = new ModelAndView("competence/register", status);
    page.addObject("municipality", municipality);
    page.addObject("municipalityName", municipalities.nameOrNumber(municipality));
    page.addObject("municipalities", mine().stream().map(number -> new Option(number, municipalities.nameOrNumber(number)))
        .toList());
    page.addObject("competences", CompetenceCatalogue.all());
    page.addObject("levels", java.util.Arrays.stream(Level.values()).map(level -> new Option(level.name(), level.label()))
        .toList());
    List<CompetenceOverview.Row> matrix = overview.matrix(municipality);
    page.addObject("matrix", matrix);
    page.addObject("people", matrix.stream().map(row -> new Option(row.userId(), row.name() + " (" + row.userId() + ")"))
        .toList());
    page.addObject("holdings", register.municipality(municipality));
    page.addObject("log", register.log(municipality, 30).stream().map(change -> new LogRow(DATE_TIME.format(change.at()),
        change.changedBy(), change.userId(), CompetenceCatalogue.name(change.code()), describe(change),
        change.note() == null ? "" : change.note())).toList());
    page.addObject("problems", problems);
    page.addObject("saved", saved);
    page.addObject("entered", entered);
    page.addObject("today", register.today().toString());
    return page;
  }

  private static String describe(CompetenceRegister.Change change) {
    String level = change.newLevel() == null ? "" : Level.valueOf(change.newLevel()).label().toLowerCase();
    return switch (change.change()) {
      case "ADDED" -> "Lagt til: " + level + (change.newValidUntil() == null ? "" : ", til " + change.newValidUntil());
      case "REMOVED" -> "Fjernet";
      default -> "Endret: " + (change.oldLevel() == null ? "" : Level.valueOf(change.oldLevel()).label().toLowerCase()
          + " → ") + level + (change.newValidUntil() == null ? "" : ", til " + change.newValidUntil());
    };
  }

  // ---- the overview

  @GetMapping(path = "/app/competences/overview", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView overviewPage(@RequestParam(required = false) String municipality) {
    String chosen = chosen(municipality);
    ModelAndView page = new ModelAndView("competence/overview");
    page.addObject("municipality", chosen);
    page.addObject("municipalityName", municipalities.nameOrNumber(chosen));
    page.addObject("municipalities", mine().stream().map(number -> new Option(number, municipalities.nameOrNumber(number)))
        .toList());
    page.addObject("coverage", overview.coverage(chosen));
    page.addObject("needs", overview.needs(chosen));
    page.addObject("expiring", overview.expiring(chosen));
    page.addObject("gapBelow", CompetenceOverview.GAP_BELOW);
    page.addObject("coverageDays", CompetenceOverview.COVERAGE_DAYS);
    page.addObject("neededDays", CompetenceOverview.NEEDED_DAYS);
    page.addObject("leader", Actor.current().isMemberOf(CarepathGroups.TEAM_LEADERS));
    return page;
  }

  // ---- one task

  @GetMapping(path = "/app/tasks/{id}/competence", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView taskPage(@PathVariable String id) {
    return taskPage(task(id), List.of(), null, HttpStatus.OK);
  }

  @PostMapping(path = "/app/tasks/{id}/hand-on", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView handOn(@PathVariable String id, @RequestParam(required = false) String to,
      @RequestParam(required = false) String note) {
    TaskWork.TaskView task = task(id);
    try {
      boolean leaders = to == null || to.isBlank() || to.equals("team-leaders");
      work.handOn(task, Actor.current(), leaders ? null : to, note);
      return done(task, leaders ? "Oppgaven er gitt videre til teamleder. Fristen og varslingen løper videre."
          : "Oppgaven er gitt videre til " + to + ". Fristen og varslingen løper videre.");
    } catch (TaskWork.Refusal | CompetenceRefused refusal) {
      return taskPage(task, List.of(refusal.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  @PostMapping(path = "/app/tasks/{id}/supervised", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView supervised(@PathVariable String id, @RequestParam(required = false) String supervisor) {
    TaskWork.TaskView task = task(id);
    try {
      work.takeSupervised(task, Actor.current(), supervisor);
      return done(task, "Du har tatt oppgaven under veiledning av " + supervisor + ". Åpne den i Tasklist.");
    } catch (TaskWork.Refusal | CompetenceRefused refusal) {
      return taskPage(task, List.of(refusal.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  @PostMapping(path = "/app/tasks/{id}/assign", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView assign(@PathVariable String id, @RequestParam(required = false) String user) {
    TaskWork.TaskView task = task(id);
    try {
      work.assign(task, Actor.current(), user);
      return done(task, "Oppgaven er tildelt " + user + ".");
    } catch (TaskWork.Refusal | CompetenceRefused refusal) {
      return taskPage(task, List.of(refusal.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  @PostMapping(path = "/app/tasks/{id}/override", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView override(@PathVariable String id, @RequestParam(required = false) String user,
      @RequestParam(required = false) String reason) {
    TaskWork.TaskView task = task(id);
    try {
      work.override(task, Actor.current(), user, reason);
      return done(task, "Oppgaven er tildelt " + user + " med overstyrt kompetansekrav. Begrunnelsen er logget.");
    } catch (TaskWork.Refusal | CompetenceRefused refusal) {
      return taskPage(task, List.of(refusal.getMessage()), null, HttpStatus.BAD_REQUEST);
    }
  }

  private ModelAndView done(TaskWork.TaskView task, String message) {
    return work.find(task.id(), Actor.current()).map(now -> taskPage(now, List.of(), message, HttpStatus.OK))
        .orElseGet(() -> {
          ModelAndView page = new ModelAndView("competence/task-done");
          page.addObject("message", message);
          return page;
        });
  }

  private ModelAndView taskPage(TaskWork.TaskView task, List<String> problems, String saved, HttpStatus status) {
    Actor actor = Actor.current();
    ModelAndView page = new ModelAndView("competence/task", status);
    page.addObject("task", task);
    page.addObject("due", task.due() == null ? "" : DATE_TIME.format(task.due()));
    TaskCompetence.Verdict mine = work.verdict(task, actor.id(), true);
    page.addObject("verdict", mine);
    page.addObject("candidates", work.candidates(task, work.reference(task.id())).stream()
        .filter(candidate -> !candidate.userId().equals(actor.id())).toList());
    page.addObject("supervisors", work.supervisors(task, actor.id()));
    page.addObject("leader", actor.isMemberOf(CarepathGroups.TEAM_LEADERS));
    page.addObject("team", overview.matrix(task.municipality()).stream()
        .map(row -> new Option(row.userId(), row.name() + " (" + row.userId() + ")")).toList());
    page.addObject("problems", problems);
    page.addObject("saved", saved);
    return page;
  }

  private TaskWork.TaskView task(String id) {
    return work.find(id, Actor.current()).orElseThrow(() -> RequestRejectedException.notFound(
        "Oppgaven finnes ikke, er ferdig, eller er ikke din å se."));
  }

  private String chosen(String municipality) {
    List<String> mine = mine();
    if (municipality == null || municipality.isBlank()) {
      if (mine.isEmpty()) {
        throw RequestRejectedException.notFound("Du hører ikke til noen kommune.");
      }
      return mine.get(0);
    }
    if (!mine.contains(municipality)) {
      throw RequestRejectedException.notFound("Kommunen finnes ikke, eller er ikke din.");
    }
    return municipality;
  }

  private static List<String> mine() {
    return new ArrayList<>(Actor.current().municipalities());
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
