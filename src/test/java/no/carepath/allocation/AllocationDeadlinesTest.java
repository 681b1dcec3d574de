package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The due dates and timers of allocation-case.bpmn, on a fixed clock in Europe/Oslo. */
class AllocationDeadlinesTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 11, 23, 10, 0);

  /** The defaults of application.yaml: assessment P7D, decision P5D, 15:30, appeal P21D + P7D, P7D, P1D. */
  private static AllocationProperties properties(LocalTime sameDayCutoff, Duration appealWindow, Duration grace) {
    return new AllocationProperties(Duration.ofDays(7), Duration.ofDays(5), sameDayCutoff, appealWindow, grace,
        Duration.ofDays(7), Duration.ofDays(1));
  }

  private static AllocationDeadlines at(LocalDateTime osloTime) {
    return at(osloTime.atZone(OSLO));
  }

  private static AllocationDeadlines at(ZonedDateTime now) {
    return new AllocationDeadlines(properties(LocalTime.of(15, 30), Duration.ofDays(21), Duration.ofDays(7)),
        Clock.fixed(now.toInstant(), OSLO));
  }

  private static LocalDateTime inOslo(Date date) {
    return LocalDateTime.ofInstant(date.toInstant(), OSLO);
  }

  @Test
  void theNeedsAssessmentIsDueSevenDaysLater() {
    assertThat(inOslo(at(MONDAY_10).assessment())).isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 0));
  }

  @Test
  void theDecisionIsDueFiveDaysLater() {
    assertThat(inOslo(at(MONDAY_10).decision())).isEqualTo(LocalDateTime.of(2026, 11, 28, 10, 0));
  }

  @Test
  void theTeamLeaderFollowsUpOverdueWorkWithinADayAndAnUnansweredHospitalWithinAnHour() {
    AllocationDeadlines deadlines = at(MONDAY_10);

    assertThat(inOslo(deadlines.followUp())).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
    assertThat(inOslo(deadlines.urgentFollowUp())).isEqualTo(LocalDateTime.of(2026, 11, 23, 11, 0));
  }

  @Test
  void aKeptDecisionIsForwardedToTheCountyGovernorWithinSevenDays() {
    assertThat(inOslo(at(MONDAY_10).countyGovernorForward())).isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 0));
  }

  @Test
  void theAppealWindowTimerIsTheLegalWindowPlusTheRegistrationGraceAsAnIsoDuration() {
    String window = at(MONDAY_10).appealWindow();

    assertThat(window).isEqualTo("PT672H");
    assertThat(Duration.parse(window)).isEqualTo(Duration.ofDays(28));
  }

  @Test
  void theAppealWindowFollowsTheConfiguredWindowAndGrace() {
    AllocationDeadlines deadlines = new AllocationDeadlines(properties(LocalTime.of(15, 30), Duration.ofDays(42),
        Duration.ofDays(3)), Clock.fixed(MONDAY_10.atZone(OSLO).toInstant(), OSLO));

    assertThat(Duration.parse(deadlines.appealWindow())).isEqualTo(Duration.ofDays(45));
  }

  @ParameterizedTest(name = "a notice at {0} is due at {1}")
  @CsvSource({"00:05, 15:30", "10:00, 15:30", "15:29:59, 15:30", "15:30, 23:59", "15:31, 23:59", "21:00, 23:59"})
  void aHospitalNoticeIsDueAtTheCutoffOrAtTheEndOfTheDayWhenItArrivesLater(LocalTime arrival, LocalTime due) {
    Date sameDay = at(LocalDate.of(2026, 11, 23).atTime(arrival)).sameDay();

    assertThat(inOslo(sameDay)).isEqualTo(LocalDate.of(2026, 11, 23).atTime(due));
  }

  @Test
  void theCutoffIsOsloTimeNotUtc() {
    // 14:00 UTC is 15:00 in Oslo in winter: before the cut-off.
    Date sameDay = at(ZonedDateTime.of(2026, 11, 23, 14, 0, 0, 0, ZoneId.of("UTC"))).sameDay();

    assertThat(sameDay.toInstant()).isEqualTo(ZonedDateTime.of(2026, 11, 23, 14, 30, 0, 0, ZoneId.of("UTC")).toInstant());
  }

  @Test
  void theCutoffIsConfigurable() {
    AllocationDeadlines deadlines = new AllocationDeadlines(properties(LocalTime.of(12, 0), Duration.ofDays(21),
        Duration.ofDays(7)), Clock.fixed(MONDAY_10.atZone(OSLO).toInstant(), OSLO));

    assertThat(inOslo(deadlines.sameDay())).isEqualTo(LocalDateTime.of(2026, 11, 23, 12, 0));
  }

  @Test
  void onTheNightSummerTimeBeginsANoticeIsDueAtHalfPastThreeSummerTime() {
    // 29 March 2026, 01:30 CET (UTC+1); at 02:00 the clocks go to 03:00 CEST (UTC+2).
    ZonedDateTime beforeTheChange = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, OSLO);
    assertThat(beforeTheChange.getOffset().getTotalSeconds()).isEqualTo(3600);

    Date sameDay = at(beforeTheChange).sameDay();

    assertThat(sameDay.toInstant()).isEqualTo(ZonedDateTime.of(2026, 3, 29, 13, 30, 0, 0, ZoneId.of("UTC")).toInstant());
    assertThat(inOslo(sameDay)).isEqualTo(LocalDateTime.of(2026, 3, 29, 15, 30));
  }

  @Test
  void onTheNightSummerTimeEndsANoticeIsDueAtHalfPastThreeWinterTime() {
    // 25 October 2026, 02:30 CEST (UTC+2), the first of the two 02:30s; at 03:00 the clocks go back to 02:00 CET.
    ZonedDateTime beforeTheChange = ZonedDateTime.of(2026, 10, 25, 0, 30, 0, 0, ZoneId.of("UTC")).withZoneSameInstant(OSLO);
    assertThat(beforeTheChange.toLocalTime()).isEqualTo(LocalTime.of(2, 30));
    assertThat(beforeTheChange.getOffset().getTotalSeconds()).isEqualTo(7200);

    Date sameDay = at(beforeTheChange).sameDay();

    assertThat(sameDay.toInstant()).isEqualTo(ZonedDateTime.of(2026, 10, 25, 14, 30, 0, 0, ZoneId.of("UTC")).toInstant());
    assertThat(inOslo(sameDay)).isEqualTo(LocalDateTime.of(2026, 10, 25, 15, 30));
  }

  @Test
  void aLateNoticeOnTheDaySummerTimeBeginsIsDueAtTheEndOfThatDay() {
    Date sameDay = at(LocalDateTime.of(2026, 3, 29, 16, 0)).sameDay();

    assertThat(inOslo(sameDay)).isEqualTo(LocalDateTime.of(2026, 3, 29, 23, 59));
    assertThat(sameDay.toInstant()).isEqualTo(ZonedDateTime.of(2026, 3, 29, 21, 59, 0, 0, ZoneId.of("UTC")).toInstant());
  }

  @Test
  void deadlinesInDaysCountElapsedHoursSoTheirClockTimeMovesAcrossASummerTimeChange() {
    // Wednesday 25 March 2026 10:00 CET; seven days of 24 hours later it is 11:00 CEST.
    AllocationDeadlines deadlines = at(LocalDateTime.of(2026, 3, 25, 10, 0));

    assertThat(inOslo(deadlines.assessment())).isEqualTo(LocalDateTime.of(2026, 4, 1, 11, 0));
    assertThat(Duration.between(ZonedDateTime.of(2026, 3, 25, 10, 0, 0, 0, OSLO).toInstant(),
        deadlines.assessment().toInstant())).isEqualTo(Duration.ofHours(7 * 24));
    assertThat(inOslo(deadlines.followUp())).isEqualTo(LocalDateTime.of(2026, 3, 26, 10, 0));
  }

  @Test
  void deadlinesInDaysCountElapsedHoursSoTheirClockTimeMovesAcrossAWinterTimeChange() {
    // Tuesday 20 October 2026 10:00 CEST; five days of 24 hours later it is 09:00 CET.
    AllocationDeadlines deadlines = at(LocalDateTime.of(2026, 10, 20, 10, 0));

    assertThat(inOslo(deadlines.decision())).isEqualTo(LocalDateTime.of(2026, 10, 25, 9, 0));
    assertThat(inOslo(deadlines.assessment())).isEqualTo(LocalDateTime.of(2026, 10, 27, 9, 0));
  }

  @Test
  void todayIsTheDateInOsloNotInUtc() {
    // 23:30 UTC on 23 November is 00:30 on 24 November in Oslo.
    AllocationDeadlines deadlines = at(ZonedDateTime.of(2026, 11, 23, 23, 30, 0, 0, ZoneId.of("UTC")));

    assertThat(deadlines.today()).isEqualTo(LocalDate.of(2026, 11, 24));
  }
}
