package no.carepath.competence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The competence rule on its own ({@link TaskCompetence#judge}), exhaustively over what one holding can
 * be for each required competence: none, expired, not yet valid, under training, independent,
 * supervising; with and without a supervisor and an override.
 */
class CompetenceRuleTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

  enum State { NONE, EXPIRED, NOT_YET, TRAINING, INDEPENDENT, SUPERVISOR }

  private static CompetenceRegister.Holding holding(String user, String code, State state) {
    return switch (state) {
      case NONE -> null;
      case EXPIRED -> new CompetenceRegister.Holding(user, "1804", code, Level.INDEPENDENT, TODAY.minusYears(2),
          TODAY.minusDays(1), "marte.dahl", null);
      case NOT_YET -> new CompetenceRegister.Holding(user, "1804", code, Level.INDEPENDENT, TODAY.plusDays(1), null,
          "marte.dahl", null);
      case TRAINING -> new CompetenceRegister.Holding(user, "1804", code, Level.UNDER_TRAINING, TODAY.minusDays(10),
          TODAY.plusDays(100), "marte.dahl", null);
      case INDEPENDENT -> new CompetenceRegister.Holding(user, "1804", code, Level.INDEPENDENT, TODAY.minusDays(10),
          TODAY, "marte.dahl", null);
      case SUPERVISOR -> new CompetenceRegister.Holding(user, "1804", code, Level.SUPERVISOR, TODAY.minusDays(10), null,
          "marte.dahl", null);
    };
  }

  private static TaskCompetence.Verdict judge(State red, State diabetes, State supervisorRed, State supervisorDiabetes,
      boolean withSupervisor, boolean override) {
    List<CompetenceRegister.Holding> nurse = new ArrayList<>();
    List<CompetenceRegister.Holding> mentor = new ArrayList<>();
    add(nurse, holding("nora", "dho-red-triage", red));
    add(nurse, holding("nora", "diabetes-followup", diabetes));
    add(mentor, holding("mari", "dho-red-triage", supervisorRed));
    add(mentor, holding("mari", "diabetes-followup", supervisorDiabetes));
    Map<String, List<CompetenceRegister.Holding>> people = Map.of("nora", nurse, "mari", mentor);
    return TaskCompetence.judge(List.of("dho-red-triage", "diabetes-followup"), TODAY, people::get, "nora",
        withSupervisor ? "mari" : null, override, "task-1", true);
  }

  private static void add(List<CompetenceRegister.Holding> list, CompetenceRegister.Holding holding) {
    if (holding != null) {
      list.add(holding);
    }
  }

  @Test
  void everyCombinationFollowsTheRule() {
    int cases = 0;
    for (State red : State.values()) {
      for (State diabetes : State.values()) {
        for (State mentorRed : State.values()) {
          for (State mentorDiabetes : State.values()) {
            for (boolean withSupervisor : List.of(false, true)) {
              for (boolean override : List.of(false, true)) {
                TaskCompetence.Verdict verdict = judge(red, diabetes, mentorRed, mentorDiabetes, withSupervisor, override);
                boolean independent = independent(red) && independent(diabetes);
                boolean heldOrTraining = (independent(red) || red == State.TRAINING)
                    && (independent(diabetes) || diabetes == State.TRAINING);
                boolean supervised = withSupervisor && heldOrTraining
                    && (red != State.TRAINING || mentorRed == State.SUPERVISOR)
                    && (diabetes != State.TRAINING || mentorDiabetes == State.SUPERVISOR);
                boolean expected = independent || override || supervised;
                assertThat(verdict.allowed()).as("%s %s %s %s sup=%s override=%s", red, diabetes, mentorRed,
                    mentorDiabetes, withSupervisor, override).isEqualTo(expected);
                if (!verdict.allowed()) {
                  assertThat(verdict.problem()).contains("/app/tasks/task-1/competence");
                  if (red == State.NONE || red == State.EXPIRED || red == State.NOT_YET) {
                    assertThat(verdict.problem()).contains("«Triage av røde avvik (DHO)»");
                  }
                }
                if (verdict.allowed() && !independent && !override) {
                  assertThat(verdict.supervisor()).isEqualTo("mari");
                  assertThat(verdict.lowestLevel()).isEqualTo("UNDER_TRAINING");
                }
                assertThat(verdict.override()).isEqualTo(override && !independent);
                cases++;
              }
            }
          }
        }
      }
    }
    assertThat(cases).isEqualTo(6 * 6 * 6 * 6 * 4);
  }

  private static boolean independent(State state) {
    return state == State.INDEPENDENT || state == State.SUPERVISOR;
  }

  @Test
  void theMessageNamesWhatIsMissingAndWhatExpired() {
    TaskCompetence.Verdict verdict = judge(State.EXPIRED, State.NONE, State.NONE, State.NONE, false, false);
    assertThat(verdict.problem()).startsWith("Oppgaven krever «Diabetesoppfølging», som du ikke har i kompetanseregisteret;"
        + " og «Triage av røde avvik (DHO)», der din godkjenning er utløpt eller ikke gyldig ennå.");
    TaskCompetence.Verdict other = TaskCompetence.judge(List.of("wound-care"), TODAY, user -> List.of(), "jonas.lie",
        null, false, "t", false);
    assertThat(other.problem()).contains("som jonas.lie ikke har");
    assertThat(other.summary()).isEqualTo("Oppgaven krever «Sårbehandling», som jonas.lie ikke har i kompetanseregisteret.");
  }

  @Test
  void aTraineeCannotSuperviseHerself() {
    List<CompetenceRegister.Holding> nora = List.of(new CompetenceRegister.Holding("nora", "1804", "wound-care",
        Level.UNDER_TRAINING, TODAY.minusDays(1), null, "x", null));
    assertThat(TaskCompetence.judge(List.of("wound-care"), TODAY, user -> nora, "nora", "nora", false, "t", true).allowed())
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(Level.class)
  void theLowestLevelIsRecorded(Level level) {
    List<CompetenceRegister.Holding> held = List.of(
        new CompetenceRegister.Holding("a", "1804", "wound-care", Level.SUPERVISOR, TODAY, null, "x", null),
        new CompetenceRegister.Holding("a", "1804", "copd-followup", level, TODAY, null, "x", null));
    TaskCompetence.Verdict verdict = TaskCompetence.judge(List.of("wound-care", "copd-followup"), TODAY, user -> held, "a",
        null, false, "t", true);
    assertThat(verdict.allowed()).isEqualTo(level.independent());
    if (level.independent()) {
      assertThat(verdict.lowestLevel()).isEqualTo(level.name());
    }
  }
}
