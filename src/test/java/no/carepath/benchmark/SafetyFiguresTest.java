package no.carepath.benchmark;

import static no.carepath.benchmark.SafetyFigures.RED_TASK;
import static no.carepath.benchmark.SafetyFigures.UNHANDLED_TASK;
import static no.carepath.benchmark.SafetyFigures.YELLOW_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.carepath.benchmark.SafetyFigures.CompetenceEvent;
import no.carepath.benchmark.SafetyFigures.Completion;
import no.carepath.benchmark.SafetyFigures.Deviation;
import no.carepath.benchmark.SafetyFigures.Facts;
import no.carepath.benchmark.SafetyFigures.RedOutcome;
import no.carepath.benchmark.SafetyFigures.Result;
import no.carepath.benchmark.SafetyFigures.Task;
import org.junit.jupiter.api.Test;

/** The rules of the simulated day's clinical-safety figures, on hand-made history. */
class SafetyFiguresTest {

  private static final Instant DAY = Instant.parse("2026-12-01T23:00:00Z");
  private static final Instant END = DAY.plus(Duration.ofHours(25));

  private final List<Deviation> deviations = new ArrayList<>();
  private final Map<String, Integer> processes = new HashMap<>();
  private final List<Task> tasks = new ArrayList<>();
  private final List<CompetenceEvent> events = new ArrayList<>();
  private int taskNumber;

  @Test
  void aRedDeviationCompletedBeforeItsDueTimeIsHandledInTime() {
    red("AVV-1", 60);
    task("AVV-1", RED_TASK, 60, 80, 90, true, "nurse");

    Result result = compute();

    assertThat(result.redOutcomes()).containsEntry("AVV-1", RedOutcome.HANDLED_IN_TIME);
    assertThat(result.redSafeShare()).isEqualTo(1.0);
  }

  @Test
  void aRedDeviationTakenButNotAssessedInTimeCountsAsEscalatedWhenTheTeamLeaderGotATask() {
    red("AVV-1", 60);
    task("AVV-1", RED_TASK, 60, 130, 90, true, "nurse");
    task("AVV-1", UNHANDLED_TASK, 90, 110, 120, true, "leader");

    Result result = compute();

    assertThat(result.redOutcomes()).containsEntry("AVV-1", RedOutcome.ESCALATED);
    assertThat(result.redStaleClaimsEscalated()).isEqualTo(1);
    assertThat(result.maxEscalationDelay()).isEqualTo(Duration.ZERO);
    assertThat(result.redSafeShare()).isEqualTo(1.0);
  }

  @Test
  void aRedTaskNobodyTookBeforeItsDueTimeIsNotCountedAsTakenWhenTheTeamLeaderAssignsItLater() {
    red("AVV-1", 60);
    tasks.add(new Task("t-red", "p-AVV-1", "AVV-1", RED_TASK, at(60), at(130), at(90), true, "nurse", at(100)));
    task("AVV-1", UNHANDLED_TASK, 90, 100, 120, true, "leader");

    Result result = compute();

    assertThat(result.redOutcomes()).containsEntry("AVV-1", RedOutcome.ESCALATED);
    assertThat(result.redStaleClaimsEscalated()).isZero();
  }

  @Test
  void aRedDeviationCompletedLateWithoutEscalationIsNeither() {
    red("AVV-1", 60);
    task("AVV-1", RED_TASK, 60, 130, 90, true, "nurse");
    red("AVV-2", 60);
    task("AVV-2", RED_TASK, 60, 70, 90, true, "nurse");

    Result result = compute();

    assertThat(result.redOutcomes()).containsEntry("AVV-1", RedOutcome.NEITHER);
    assertThat(result.redSafeShare()).isEqualTo(0.5);
  }

  @Test
  void aRedTaskStillWithinItsResponseTimeWhenTheRunEndsIsLeftOutOfTheShare() {
    red("AVV-1", 60);
    task("AVV-1", RED_TASK, 60, null, 25 * 60 + 10, false, null);

    Result result = compute();

    assertThat(result.redOutcomes()).containsEntry("AVV-1", RedOutcome.WITHIN_RESPONSE_TIME_AT_END);
    assertThat(result.redSafeShare()).isEqualTo(1.0);
  }

  @Test
  void aYellowDeviationNotTakenByItsDueTimeGoesToTheTeamLeader() {
    yellow("AVV-1", "READING", 1, 0);
    task("AVV-1", YELLOW_TASK, 0, null, 600, false, null);
    task("AVV-1", UNHANDLED_TASK, 600, 610, 630, true, "leader");
    yellow("AVV-2", "READING", 1, 0);
    task("AVV-2", YELLOW_TASK, 0, 100, 600, true, "nurse");

    Result result = compute();

    assertThat(result.yellowOutcomes()).containsEntry("not taken by the due time, team leader's task", 1)
        .containsEntry("handled by the due time", 1);
  }

  @Test
  void aDeviationWithoutANurseTaskIsCounted() {
    yellow("AVV-1", "READING", 1, 0);

    Result result = compute();

    assertThat(result.deviationsWithoutTask()).containsExactly("AVV-1");
    assertThat(result.redOutcomes()).isEmpty();
  }

  @Test
  void aTaskForAReadingDeviationWithNoStoredReadingIsCountedButAMissedMeasurementNeedsOnlyItsSigns() {
    yellow("AVV-1", "READING", 0, 0);
    task("AVV-1", YELLOW_TASK, 1, 2, 600, true, "nurse");
    yellow("AVV-2", "MISSED", 0, 2);
    task("AVV-2", YELLOW_TASK, 1, 2, 600, true, "nurse");

    Result result = compute();

    assertThat(result.tasksWithoutReading()).hasSize(1).first().asString().contains("AVV-1");
  }

  @Test
  void aYellowTaskRaisedToRedIsNotADuplicateButTwoOpenAtOnceOrTwoProcessesAre() {
    red("AVV-1", 10);
    task("AVV-1", YELLOW_TASK, 0, 10, 600, false, null);
    task("AVV-1", RED_TASK, 10, 20, 40, true, "nurse");
    red("AVV-2", 10);
    task("AVV-2", YELLOW_TASK, 0, 15, 600, false, null);
    task("AVV-2", RED_TASK, 10, 20, 40, true, "nurse");
    yellow("AVV-3", "READING", 1, 0);
    task("AVV-3", YELLOW_TASK, 0, 10, 600, true, "nurse");
    processes.put("AVV-3", 2);

    Result result = compute();

    assertThat(result.duplicateTasks()).containsExactly("AVV-2", "AVV-3");
  }

  @Test
  void competenceComesFromTheTaskEventsWhenThereAreCompletedRowsWithOverridesApart() {
    events.add(new CompetenceEvent("t1", "COMPLETED", true));
    events.add(new CompetenceEvent("t2", "COMPLETED", false));
    events.add(new CompetenceEvent("t3", "COMPLETED", false));
    events.add(new CompetenceEvent("t3", "OVERRIDE", null));

    Result result = SafetyFigures.compute(facts(), List.of(new Completion("t9", "nurse", "x", false)), 0);

    assertThat(result.tasksRequiringCompetence()).isEqualTo(3);
    assertThat(result.unqualified()).isEqualTo(1);
    assertThat(result.overridden()).isEqualTo(1);
    assertThat(result.competenceSource()).startsWith("from competence_task_event");
  }

  @Test
  void competenceComesFromTheSimulationsBookkeepingWhenTheModuleRecordedNothing() {
    Result result = SafetyFigures.compute(facts(), List.of(new Completion("t1", "nurse", "dho-red-triage", true),
        new Completion("t2", "trainee", "dho-red-triage", false)), 2);

    assertThat(result.tasksRequiringCompetence()).isEqualTo(2);
    assertThat(result.unqualified()).isEqualTo(1);
    assertThat(result.refusals()).isEqualTo(2);
    assertThat(result.competenceSource()).startsWith("from the simulation's own bookkeeping");
  }

  @Test
  void alarmsPerPatientDayAreTheDeviationsOpenedOverThePatientDays() {
    yellow("AVV-1", "READING", 1, 0);
    yellow("AVV-2", "MISSED", 0, 1);

    assertThat(compute().alarmsPerPatientDay()).isEqualTo(0.02);
  }

  private Result compute() {
    return SafetyFigures.compute(facts(), List.of(), 0);
  }

  private Facts facts() {
    return new Facts(DAY, END, 100, deviations, processes, tasks, events);
  }

  private void red(String id, int openedMinute) {
    deviations.add(new Deviation(id, "EP-1", "READING", "RED", at(openedMinute), null, 1, 0));
    processes.put(id, 1);
  }

  private void yellow(String id, String kind, int readings, int missedSigns) {
    deviations.add(new Deviation(id, "EP-1", kind, "YELLOW", at(0), null, readings, missedSigns));
    processes.put(id, 1);
  }

  private void task(String deviationId, String key, int created, Integer ended, int due, boolean completed,
      String assignee) {
    tasks.add(new Task("t" + ++taskNumber, "p-" + deviationId, deviationId, key, at(created),
        ended == null ? null : at(ended), at(due), completed, assignee, assignee == null ? null : at(created + 1)));
  }

  private static Instant at(int minute) {
    return DAY.plus(Duration.ofMinutes(minute));
  }
}
