package no.carepath.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * The clinical-safety figures of a simulated day (issue 13 §7), computed from what the database and
 * the engine's history hold, never from what the simulation meant to do: every deviation opened in
 * the day ({@code followup_deviation}), the {@code followup-deviation} process instances and their
 * tasks ({@code act_hi_procinst}, {@code act_hi_taskinst}), the readings linked to each deviation, and
 * the competence module's task events ({@code competence_task_event}). {@link #load} reads them;
 * {@link #compute} is plain Java, so that {@code SafetyFiguresTest} can check each figure's rules.
 */
final class SafetyFigures {

  static final String YELLOW_TASK = "Task_HandleYellowDeviation";
  static final String RED_TASK = "Task_HandleRedDeviation";
  static final String UNHANDLED_TASK = "Task_FollowUpUnhandledDeviation";

  /** One deviation: its final colour, and what it rests on (stored readings, or the signs not measured). */
  record Deviation(String id, String episodeId, String kind, String colour, Instant openedAt, Instant closedAt,
      int storedReadings, int missedSigns) {
  }

  /**
   * One task of a {@code followup-deviation} process instance, from the history.
   *
   * @param assignee the last one
   * @param firstAssigned when someone was first given the task (claimed or assigned), or null
   */
  record Task(String id, String processInstanceId, String deviationId, String key, Instant created, Instant ended,
      Instant due, boolean completed, String assignee, Instant firstAssigned) {
  }

  /** A row of {@code competence_task_event}. */
  record CompetenceEvent(String taskId, String kind, Boolean qualified) {
  }

  /** The simulation's own record of a completed task that required competence. */
  record Completion(String taskId, String user, String required, boolean qualified) {
  }

  /** Everything the figures are computed from. */
  record Facts(Instant from, Instant to, int patientDays, List<Deviation> deviations, Map<String, Integer> processes,
      List<Task> tasks, List<CompetenceEvent> competenceEvents) {
  }

  /** A red deviation's fate. */
  enum RedOutcome { HANDLED_IN_TIME, ESCALATED, WITHIN_RESPONSE_TIME_AT_END, NEITHER }

  /**
   * @param redOutcomes per red deviation
   * @param escalationDelays per escalated red deviation: from the red task's due date to the team leader's task
   * @param deviationsWithoutTask deviation ids without a nurse task in the history
   * @param tasksWithoutReading nurse task ids whose deviation rests on no stored reading (nor, for a missed
   *     measurement, on the signs missed)
   * @param duplicateTasks deviation ids with more than one process instance or overlapping nurse tasks
   * @param unqualified completed tasks that required a competence the person did not hold, overrides left out
   * @param overridden completed unqualified under a team leader's override
   * @param competenceSource where the competence figures come from
   */
  record Result(int deviations, Map<String, Integer> byKindAndColour, Map<String, RedOutcome> redOutcomes,
      List<Duration> escalationDelays, int redStaleClaimsEscalated, List<String> deviationsWithoutTask,
      List<String> tasksWithoutReading, List<String> duplicateTasks, int nurseTasks, int teamLeaderTasks,
      int tasksRequiringCompetence, int unqualified, int overridden, int refusals, String competenceSource,
      int patientDays, Map<String, Integer> yellowOutcomes, int redInTimeWithTeamLeaderTask) {

    long red(RedOutcome outcome) {
      return redOutcomes.values().stream().filter(outcome::equals).count();
    }

    /** Handled in time or escalated, of the red deviations whose response time ended in the run. */
    double redSafeShare() {
      long decided = redOutcomes.size() - red(RedOutcome.WITHIN_RESPONSE_TIME_AT_END);
      return decided == 0 ? 1.0 : (red(RedOutcome.HANDLED_IN_TIME) + red(RedOutcome.ESCALATED)) / (double) decided;
    }

    double alarmsPerPatientDay() {
      return patientDays == 0 ? 0 : deviations / (double) patientDays;
    }

    Duration maxEscalationDelay() {
      return escalationDelays.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>();
      long red = redOutcomes.size();
      long decided = red - red(RedOutcome.WITHIN_RESPONSE_TIME_AT_END);
      lines.add("| figure | value | goal |");
      lines.add("|---|---|---|");
      lines.add("| red deviations handled within their response time or escalated | " + percent(redSafeShare()) + " ("
          + (red(RedOutcome.HANDLED_IN_TIME) + red(RedOutcome.ESCALATED)) + " of " + decided + ") | 100 % |");
      lines.add("| deviations without a task | " + deviationsWithoutTask.size() + " of " + deviations + " | 0 |");
      lines.add("| tasks without a stored reading | " + tasksWithoutReading.size() + " of " + nurseTasks + " | 0 |");
      lines.add("| duplicate tasks per deviation episode | " + duplicateTasks.size() + " | 0 |");
      lines.add("| tasks completed without the required competence | " + unqualified + " of " + tasksRequiringCompetence
          + " requiring competence (overrides apart: " + overridden + ") | 0 |");
      lines.add("| alarms (deviations opened) per patient-day | " + String.format(Locale.ROOT, "%.3f", alarmsPerPatientDay())
          + " (" + deviations + " in " + patientDays + " patient-days) | - |");
      lines.add("");
      lines.add("Red deviations: " + red + "; handled by a nurse within the response time " + red(RedOutcome.HANDLED_IN_TIME)
          + "; escalated to the team leader " + red(RedOutcome.ESCALATED) + " (of them taken by a nurse but not assessed"
          + " in time: " + redStaleClaimsEscalated + "; the team leader's task at most "
          + maxEscalationDelay().toSeconds() + " s after the due time); still within the response time when the run ended "
          + red(RedOutcome.WITHIN_RESPONSE_TIME_AT_END) + "; neither handled in time nor escalated "
          + red(RedOutcome.NEITHER) + "; handled in time and yet a team leader's task (completed in the minute the timer"
          + " fired): " + redInTimeWithTeamLeaderTask + ".");
      lines.add("Yellow deviations (due the same day): " + yellowOutcomes + ".");
      lines.add("Deviations by kind and colour: " + byKindAndColour + "; nurse tasks " + nurseTasks + ", team leader tasks "
          + teamLeaderTasks + ".");
      lines.add("Competence: " + competenceSource + "; refusals counted by the simulated staff: " + refusals + ".");
      if (!deviationsWithoutTask.isEmpty()) {
        lines.add("Deviations without a task: " + first(deviationsWithoutTask));
      }
      if (!tasksWithoutReading.isEmpty()) {
        lines.add("Tasks without a stored reading: " + first(tasksWithoutReading));
      }
      if (!duplicateTasks.isEmpty()) {
        lines.add("Deviations with duplicate tasks: " + first(duplicateTasks));
      }
      List<String> neither = redOutcomes.entrySet().stream().filter(e -> e.getValue() == RedOutcome.NEITHER)
          .map(Map.Entry::getKey).toList();
      if (!neither.isEmpty()) {
        lines.add("Red deviations neither handled in time nor escalated: " + first(neither));
      }
      return lines;
    }

    private static String first(List<String> ids) {
      return ids.stream().limit(20).collect(Collectors.joining(", ")) + (ids.size() > 20 ? ", ..." : "");
    }

    private static String percent(double share) {
      return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
  }

  private SafetyFigures() {
  }

  /**
   * @param completions the simulation's bookkeeping, used only when {@code competence_task_event} has no
   *     COMPLETED rows
   */
  static Result compute(Facts facts, List<Completion> completions, int refusals) {
    Map<String, List<Task>> tasksByDeviation = facts.tasks().stream()
        .collect(Collectors.groupingBy(Task::deviationId, LinkedHashMap::new, Collectors.toList()));
    Map<String, Integer> byKindAndColour = new java.util.TreeMap<>();
    Map<String, RedOutcome> redOutcomes = new LinkedHashMap<>();
    List<Duration> escalationDelays = new ArrayList<>();
    Map<String, Integer> yellowOutcomes = new java.util.TreeMap<>();
    List<String> withoutTask = new ArrayList<>();
    List<String> withoutReading = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    int staleEscalated = 0;
    int redInTimeWithTeamLeaderTask = 0;
    int nurseTasks = 0;
    int teamLeaderTasks = 0;
    Set<String> inDay = new HashSet<>();
    for (Deviation deviation : facts.deviations()) {
      inDay.add(deviation.id());
      byKindAndColour.merge(deviation.kind() + " " + deviation.colour(), 1, Integer::sum);
      List<Task> tasks = tasksByDeviation.getOrDefault(deviation.id(), List.of());
      List<Task> nurse = tasks.stream().filter(task -> task.key().equals(YELLOW_TASK) || task.key().equals(RED_TASK))
          .sorted(Comparator.comparing(Task::created)).toList();
      List<Task> leader = tasks.stream().filter(task -> task.key().equals(UNHANDLED_TASK)).toList();
      nurseTasks += nurse.size();
      teamLeaderTasks += leader.size();
      if (nurse.isEmpty()) {
        withoutTask.add(deviation.id());
      }
      boolean restsOnSomething = deviation.storedReadings() > 0 || deviation.kind().equals("MISSED")
          && deviation.missedSigns() > 0;
      if (!restsOnSomething) {
        nurse.forEach(task -> withoutReading.add(task.id() + " (" + deviation.id() + ")"));
      }
      if (facts.processes().getOrDefault(deviation.id(), 0) > 1 || overlap(nurse)) {
        duplicates.add(deviation.id());
      }
      if (deviation.colour().equals("RED")) {
        Task redTask = nurse.stream().filter(task -> task.key().equals(RED_TASK)).findFirst().orElse(null);
        RedOutcome outcome;
        if (redTask == null) {
          outcome = RedOutcome.NEITHER;
        } else if (redTask.completed() && redTask.due() != null && !redTask.ended().isAfter(redTask.due())) {
          outcome = RedOutcome.HANDLED_IN_TIME;
          redInTimeWithTeamLeaderTask += leader.isEmpty() ? 0 : 1;
        } else {
          Task escalation = leader.stream().filter(task -> !task.created().isBefore(redTask.created()))
              .min(Comparator.comparing(Task::created)).orElse(null);
          if (escalation != null) {
            outcome = RedOutcome.ESCALATED;
            escalationDelays.add(Duration.between(redTask.due(), escalation.created()));
            if (redTask.firstAssigned() != null && !redTask.firstAssigned().isAfter(redTask.due())) {
              staleEscalated++;
            }
          } else if (redTask.ended() == null && redTask.due() != null && redTask.due().isAfter(facts.to())) {
            outcome = RedOutcome.WITHIN_RESPONSE_TIME_AT_END;
          } else {
            outcome = RedOutcome.NEITHER;
          }
        }
        redOutcomes.put(deviation.id(), outcome);
      } else {
        Task yellowTask = nurse.stream().filter(task -> task.key().equals(YELLOW_TASK)).findFirst().orElse(null);
        String outcome;
        if (yellowTask == null) {
          outcome = "no task";
        } else if (yellowTask.completed()) {
          outcome = yellowTask.due() == null || !yellowTask.ended().isAfter(yellowTask.due()) ? "handled by the due time"
              : leader.isEmpty() ? "handled after the due time (taken before it)"
              : "handled after the due time, after the team leader's task";
        } else if (!leader.isEmpty()) {
          outcome = "not taken by the due time, team leader's task";
        } else if (yellowTask.ended() == null) {
          outcome = yellowTask.assignee() != null ? "taken, open at the end" : "not taken, open at the end";
        } else {
          outcome = "ended without a nurse's outcome";
        }
        yellowOutcomes.merge(outcome, 1, Integer::sum);
      }
    }

    Set<String> overrides = facts.competenceEvents().stream().filter(event -> event.kind().equals("OVERRIDE"))
        .map(CompetenceEvent::taskId).collect(Collectors.toSet());
    List<CompetenceEvent> completed = facts.competenceEvents().stream()
        .filter(event -> event.kind().equals("COMPLETED")).toList();
    int requiring;
    int unqualified;
    int overridden;
    String source;
    int refused = refusals;
    if (!completed.isEmpty()) {
      requiring = completed.size();
      unqualified = (int) completed.stream().filter(event -> Boolean.FALSE.equals(event.qualified())
          && !overrides.contains(event.taskId())).count();
      overridden = (int) completed.stream().filter(event -> Boolean.FALSE.equals(event.qualified())
          && overrides.contains(event.taskId())).count();
      long refusedRows = facts.competenceEvents().stream().filter(event -> event.kind().equals("REFUSED")).count();
      source = "from competence_task_event (" + completed.size() + " COMPLETED, " + overrides.size() + " OVERRIDE, "
          + refusedRows + " REFUSED rows)";
    } else {
      requiring = completions.size();
      unqualified = (int) completions.stream().filter(completion -> !completion.qualified()).count();
      overridden = 0;
      source = "from the simulation's own bookkeeping: competence_task_event has no COMPLETED rows (the competence"
          + " module does not record them on this build); " + completions.size()
          + " completed tasks carried requiredCompetences";
    }
    return new Result(facts.deviations().size(), byKindAndColour, redOutcomes, escalationDelays, staleEscalated,
        withoutTask, withoutReading, duplicates, nurseTasks, teamLeaderTasks, requiring, unqualified, overridden, refused,
        source, facts.patientDays(), yellowOutcomes, redInTimeWithTeamLeaderTask);
  }

  /** Two nurse tasks of one deviation open at the same moment (a yellow task raised to red ends as the red begins). */
  private static boolean overlap(List<Task> sortedByCreation) {
    for (int i = 1; i < sortedByCreation.size(); i++) {
      Task before = sortedByCreation.get(i - 1);
      if (before.ended() == null || before.ended().isAfter(sortedByCreation.get(i).created())) {
        return true;
      }
    }
    return false;
  }

  /** Reads the facts of the deviations opened in {@code [from, to)}, and of their processes, at {@code end}. */
  static Facts load(DataSource dataSource, Instant from, Instant to, Instant end, int patientDays) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      List<Deviation> deviations = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement("""
          select d.deviation_id, d.episode_id, d.kind, d.colour, d.opened_at, d.closed_at,
            (select count(*) from followup_deviation_reading l join followup_reading r on r.id = l.reading_id
              where l.deviation_id = d.deviation_id) as stored,
            coalesce(cardinality(d.missed_signs), 0) as missed
          from followup_deviation d where d.opened_at >= ? and d.opened_at < ? order by d.opened_at
          """)) {
        statement.setTimestamp(1, Timestamp.from(from));
        statement.setTimestamp(2, Timestamp.from(to));
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            deviations.add(new Deviation(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), row.getInt(7), row.getInt(8)));
          }
        }
      }
      Map<String, Integer> processes = new HashMap<>();
      List<Task> tasks = new ArrayList<>();
      // engine history: timestamps without time zone in the JVM's zone, read back in the same JVM
      try (PreparedStatement statement = connection.prepareStatement("""
          select p.business_key_, count(*) from act_hi_procinst p
          where p.proc_def_key_ = 'followup-deviation' and p.business_key_ in
            (select deviation_id from followup_deviation where opened_at >= ? and opened_at < ?)
          group by p.business_key_
          """)) {
        statement.setTimestamp(1, Timestamp.from(from));
        statement.setTimestamp(2, Timestamp.from(to));
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            processes.put(row.getString(1), row.getInt(2));
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement("""
          select t.id_, t.proc_inst_id_, p.business_key_, t.task_def_key_, t.start_time_, t.end_time_, t.due_date_,
            t.delete_reason_, t.assignee_,
            (select min(l.timestamp_) from act_hi_identitylink l where l.task_id_ = t.id_ and l.type_ = 'assignee'
              and l.operation_type_ = 'add') as first_assigned
          from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_
          where p.proc_def_key_ = 'followup-deviation' and p.business_key_ in
            (select deviation_id from followup_deviation where opened_at >= ? and opened_at < ?)
          """)) {
        statement.setTimestamp(1, Timestamp.from(from));
        statement.setTimestamp(2, Timestamp.from(to));
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            tasks.add(new Task(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), instant(row.getTimestamp(7)),
                "completed".equals(row.getString(8)), row.getString(9), instant(row.getTimestamp(10))));
          }
        }
      }
      List<CompetenceEvent> events = new ArrayList<>();
      try (PreparedStatement statement = connection.prepareStatement(
          "select task_id, kind, qualified from competence_task_event where at >= ? and at <= ?")) {
        statement.setTimestamp(1, Timestamp.from(from));
        statement.setTimestamp(2, Timestamp.from(end));
        try (ResultSet row = statement.executeQuery()) {
          while (row.next()) {
            Boolean qualified = row.getBoolean(3);
            events.add(new CompetenceEvent(row.getString(1), row.getString(2), row.wasNull() ? null : qualified));
          }
        }
      }
      return new Facts(from, end, patientDays, deviations, processes, tasks, events);
    }
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
