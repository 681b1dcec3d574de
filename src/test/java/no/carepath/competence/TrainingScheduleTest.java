package no.carepath.competence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which holdings the daily schedule starts a training for: those whose last valid day is from today
 * to 60 days ahead, both included, that have no training for that day and no open training at all;
 * never one that has ended, or ends later; and a start another node won is no start.
 */
class TrainingScheduleTest {

  /** 1 March 2027, 00:30 in Oslo (still 28 February in UTC): the day is Oslo's. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-02-28T23:30:00Z"), Trainings.OSLO);
  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  private final CompetenceRegister register = mock(CompetenceRegister.class);
  private final Trainings trainings = mock(Trainings.class);
  private final Set<Trainings.Key> started = new HashSet<>();

  private static CompetenceRegister.Holding endingIn(int days, String user) {
    return new CompetenceRegister.Holding(user, "1804", "dho-red-triage", Level.INDEPENDENT, TODAY.minusYears(1),
        TODAY.plusDays(days), "marte.dahl", Instant.EPOCH);
  }

  @BeforeEach
  void setUp() {
    when(trainings.notice()).thenReturn(Period.ofDays(60));
    when(trainings.started(TODAY.plusDays(60))).thenReturn(started);
    when(trainings.start(any())).thenAnswer(call -> Optional.of("KOMP-" + call.<CompetenceRegister.Holding>getArgument(0)
        .userId()));
  }

  private List<String> run(CompetenceRegister.Holding... holdings) {
    when(register.expiring(TODAY.plusDays(60))).thenReturn(List.of(holdings));
    return new TrainingSchedule(register, trainings, CLOCK).startDue();
  }

  @Test
  void holdingsEndingWithinSixtyDaysGetATrainingAndLaterOnesDoNot() {
    assertThat(run(endingIn(0, "today"), endingIn(59, "in59"), endingIn(60, "in60"), endingIn(61, "in61")))
        .containsExactly("KOMP-today", "KOMP-in59", "KOMP-in60");
    verify(trainings, never()).start(endingIn(61, "in61"));
  }

  @Test
  void aHoldingThatHasEndedGetsNoTraining() {
    assertThat(run(endingIn(-1, "yesterday"))).isEmpty();
    verify(trainings, never()).start(any());
  }

  @Test
  void aHoldingWithATrainingForItsEndGetsNoSecond() {
    started.add(Trainings.Key.of(endingIn(40, "jonas.lie")));
    assertThat(run(endingIn(40, "jonas.lie"), endingIn(40, "nora.lund"))).containsExactly("KOMP-nora.lund");
  }

  @Test
  void aCompetenceWithAnOpenTrainingGetsNoSecondWhenItsEndIsMoved() {
    // the team leader moved the end from day 40 to day 20 while the holder's task was open
    Trainings.Key earlier = Trainings.Key.of(endingIn(40, "jonas.lie"));
    started.add(earlier);
    started.add(earlier.open());
    assertThat(run(endingIn(20, "jonas.lie"))).isEmpty();
  }

  @Test
  void aTrainingAnsweredForTheOldEndLetsTheNewEndHaveItsOwn() {
    // answered (not open) for the old end; the holding was renewed and now ends within the notice again
    started.add(Trainings.Key.of(endingIn(-300, "jonas.lie")));
    assertThat(run(endingIn(50, "jonas.lie"))).containsExactly("KOMP-jonas.lie");
  }

  @Test
  void aStartAnotherNodeWonIsNoStart() {
    when(trainings.start(endingIn(30, "jonas.lie"))).thenReturn(Optional.empty());
    assertThat(run(endingIn(30, "jonas.lie"), endingIn(30, "nora.lund"))).containsExactly("KOMP-nora.lund");
  }

  @Test
  void oneHoldingThatCannotStartDoesNotStopTheOthers() {
    when(trainings.start(endingIn(30, "jonas.lie"))).thenThrow(new IllegalStateException("engine down"));
    assertThat(run(endingIn(30, "jonas.lie"), endingIn(30, "nora.lund"))).containsExactly("KOMP-nora.lund");
  }
}
