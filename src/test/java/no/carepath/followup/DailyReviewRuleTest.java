package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import no.carepath.followup.DailyReviewRule.Facts;
import no.carepath.followup.DailyReviewRule.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Who goes on the daily review list of green patients: green readings in the window, no open
 * deviation, not on an open list, and nobody has looked within the interval; the first reason not
 * to list a patient is the one given.
 */
class DailyReviewRuleTest {

  private static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final Instant ENROLLED = NOW.minus(Duration.ofDays(40));

  private static Facts facts(Instant lastNote, Instant lastReviewed, boolean openDeviation, boolean onOpenList,
      int readings, int notGreen) {
    return new Facts("EP-2026-000001", UUID.randomUUID(), ENROLLED, lastNote, lastReviewed, openDeviation, onOpenList,
        readings, notGreen, readings == 0 ? null : NOW.minus(Duration.ofHours(2)));
  }

  private static Facts green(Instant lastNote, Instant lastReviewed) {
    return facts(lastNote, lastReviewed, false, false, 14, 0);
  }

  @Test
  void aGreenPatientNobodyHasLookedAtForLongerThanTheIntervalIsListed() {
    assertThat(DailyReviewRule.judge(green(NOW.minus(Duration.ofDays(8)), null), NOW, WEEK)).isEqualTo(Verdict.ON_LIST);
    // exactly the interval ago is not within it
    assertThat(DailyReviewRule.judge(green(NOW.minus(WEEK), null), NOW, WEEK)).isEqualTo(Verdict.ON_LIST);
  }

  @Test
  void aNoteOrAConfirmationOnAnEarlierListWithinTheIntervalKeepsThePatientOff() {
    assertThat(DailyReviewRule.judge(green(NOW.minus(Duration.ofDays(3)), null), NOW, WEEK))
        .isEqualTo(Verdict.LOOKED_AT_RECENTLY);
    assertThat(DailyReviewRule.judge(green(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))), NOW, WEEK))
        .isEqualTo(Verdict.LOOKED_AT_RECENTLY);
  }

  @Test
  void enrolmentIsTheFirstLook() {
    Facts justEnrolled = new Facts("EP-2026-000002", UUID.randomUUID(), NOW.minus(Duration.ofDays(2)), null, null,
        false, false, 4, 0, NOW);
    assertThat(DailyReviewRule.judge(justEnrolled, NOW, WEEK)).isEqualTo(Verdict.LOOKED_AT_RECENTLY);
    assertThat(justEnrolled.lastLookedAt()).isEqualTo(NOW.minus(Duration.ofDays(2)));
  }

  @Test
  void anOpenDeviationOfAnyKindKeepsThePatientOffTheNursesHaveThatTask() {
    assertThat(DailyReviewRule.judge(facts(null, null, true, false, 14, 0), NOW, WEEK))
        .isEqualTo(Verdict.OPEN_DEVIATION);
  }

  @Test
  void aPatientOnAnEarlierListStillOpenIsNotListedTwice() {
    assertThat(DailyReviewRule.judge(facts(null, null, false, true, 14, 0), NOW, WEEK)).isEqualTo(Verdict.ON_OPEN_LIST);
  }

  @Test
  void noReadingsInTheWindowIsAMissedMeasurementNotGreen() {
    assertThat(DailyReviewRule.judge(facts(null, null, false, false, 0, 0), NOW, WEEK)).isEqualTo(Verdict.NO_READINGS);
  }

  @Test
  void oneYellowOrRedReadingInTheWindowIsNotAllGreen() {
    assertThat(DailyReviewRule.judge(facts(null, null, false, false, 14, 1), NOW, WEEK))
        .isEqualTo(Verdict.NOT_ALL_GREEN);
  }
}
