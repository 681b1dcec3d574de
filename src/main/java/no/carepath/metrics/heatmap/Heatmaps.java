package no.carepath.metrics.heatmap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import no.carepath.platform.RequestRejectedException;
import no.carepath.platform.RequestRejectedException.FieldProblem;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Municipalities;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/**
 * The heatmap of one process for the caller: checks the parameters (in Norwegian), limits the figures to
 * the caller's municipalities (administrators: every municipality served) and turns the query's rows
 * into the answer both {@link HeatmapController} and the Cockpit plugin give.
 */
@Service
class Heatmaps {

  static final Set<Integer> PERIODS = Set.of(30, 90, 365);
  /** What a BPMN process id may look like (an XML NCName, as Camunda Modeler writes them). */
  private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");
  private static final Pattern DEFINITION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** The answer: figures per activity, and what they cover. */
  record Heatmap(String process, String version, int days, Instant from, Instant to,
      List<Municipality> municipalities, List<Activity> activities) {
  }

  record Municipality(String number, String name) {
  }

  /**
   * One activity's figures; durations in seconds, {@code overdueShare} between 0 and 1 ({@code null} when no
   * instance of it had a due date).
   */
  record Activity(String activityId, String activityType, long passed, long waiting, Double medianSeconds,
      Double p90Seconds, long withDueDate, long overdue, Double overdueShare) {
  }

  private final HeatmapQuery query;
  private final RepositoryService repository;
  private final Municipalities municipalities;
  private final Clock clock;

  Heatmaps(HeatmapQuery query, RepositoryService repository, Municipalities municipalities, Clock clock) {
    this.query = query;
    this.repository = repository;
    this.municipalities = municipalities;
    this.clock = clock;
  }

  /**
   * @param process the process definition key
   * @param days 30, 90 or 365, as sent
   * @param version a process definition id of that key, or {@code null}/blank for all versions
   * @throws RequestRejectedException 400 naming what is wrong
   */
  Heatmap heatmap(String process, String days, String version, Actor actor) {
    List<FieldProblem> problems = new ArrayList<>();
    Integer period = period(days, problems);
    String key = process == null ? "" : process.strip();
    String definitionId = version == null || version.isBlank() ? null : version.strip();
    if (key.isEmpty()) {
      problems.add(new FieldProblem("process",
          "Oppgi prosessen med parameteren process, for eksempel process=followup-deviation."));
    } else if (!PROCESS_KEY.matcher(key).matches()
        || repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
      problems.add(new FieldProblem("process", "Det finnes ingen prosess med nøkkelen «" + shorten(key) + "»."));
    } else if (definitionId != null) {
      ProcessDefinition definition = DEFINITION_ID.matcher(definitionId).matches()
          ? repository.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult() : null;
      if (definition == null || !definition.getKey().equals(key)) {
        problems.add(new FieldProblem("version", "«" + shorten(definitionId) + "» er ikke en versjon av prosessen «"
            + key + "». Oppgi id-en til en av prosessens definisjoner, eller utelat version for alle versjoner."));
      }
    }
    if (!problems.isEmpty()) {
      throw RequestRejectedException.invalid(problems);
    }
    Collection<String> scope = actor.isMemberOf(CarepathGroups.ADMINISTRATORS)
        ? municipalities.getMunicipalities().keySet() : actor.municipalities();
    Instant now = clock.instant();
    Instant from = now.minus(Duration.ofDays(period));
    List<Activity> activities = query.rows(key, definitionId, from, now, scope).stream()
        .map(row -> new Activity(row.activityId(), row.activityType(), row.passed(), row.waiting(), row.medianSeconds(),
            row.p90Seconds(), row.withDueDate(), row.overdue(),
            row.withDueDate() == 0 ? null : (double) row.overdue() / row.withDueDate()))
        .toList();
    return new Heatmap(key, definitionId, period, from, now,
        scope.stream().sorted().map(number -> new Municipality(number, municipalities.nameOrNumber(number))).toList(),
        activities);
  }

  private static Integer period(String days, List<FieldProblem> problems) {
    String value = days == null ? "" : days.strip();
    if (value.matches("\\d{1,3}") && PERIODS.contains(Integer.parseInt(value))) {
      return Integer.parseInt(value);
    }
    problems.add(new FieldProblem("days", value.isEmpty()
        ? "Oppgi perioden med parameteren days: 30, 90 eller 365 (dager)."
        : "Perioden «" + shorten(value) + "» finnes ikke. Velg 30, 90 eller 365 (dager)."));
    return null;
  }

  /** A value from the request, echoed in a message: never more than 80 characters of it. */
  private static String shorten(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "…";
  }
}
