package no.carepath.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Who goes on a team's daily review list of green patients (issue 13 §6: green patients are not
 * forgotten). A patient in active follow-up (enrolled, measuring, not paused, not ending) of the
 * municipality is listed when all of these hold, checked in this order:
 * <ol>
 *   <li>no open deviation of any kind (yellow, red, NEWS2, missed reading): a nurse has that task already;</li>
 *   <li>not on an earlier day's list that is still open: the overdue task has them, no second copy;</li>
 *   <li>at least one reading in the review window (the interval before now): a patient with none is a
 *       missed measurement, which {@link MissedReadings} raises as a deviation of its own, not green;</li>
 *   <li>every reading in the window is green (interpretation N);</li>
 *   <li>nobody has looked at the patient within the interval. A look is a clinical note a person wrote
 *       on the episode (the kinds that go to the journal, {@link JournalNotes#TITLES}: the home visit, a
 *       deviation handled, contact with the GP, an evaluation, a new plan ...), or a confirmation on an
 *       earlier daily list; enrolment counts as the first look.</li>
 * </ol>
 * The review interval is {@code carepath.followup.daily-review.interval} (7 days): the plan has no
 * field for it; its evaluation interval (7 to 180 days) is the formal evaluation with the patient,
 * which has its own task, and would make the list add nothing.
 */
final class DailyReviewRule {

  /** Why a patient is, or is not, on the list. */
  enum Verdict {
    ON_LIST, OPEN_DEVIATION, ON_OPEN_LIST, NO_READINGS, NOT_ALL_GREEN, LOOKED_AT_RECENTLY
  }

  /**
   * What the rule needs about one episode, as of now.
   *
   * @param lastNoteAt the newest clinical note a person wrote, or {@code null}
   * @param lastReviewedAt the newest confirmation on a daily list, or {@code null}
   * @param readings readings in the window
   * @param notGreen readings in the window that were not green
   * @param lastReadingAt the newest reading in the window, or {@code null}
   */
  record Facts(String episodeId, UUID patientId, Instant enrolledAt, Instant lastNoteAt, Instant lastReviewedAt,
      boolean openDeviation, boolean onOpenList, int readings, int notGreen, Instant lastReadingAt) {

    /** When someone last looked at the patient: a note, a daily list, or the enrolment. */
    Instant lastLookedAt() {
      return Stream.of(enrolledAt, lastNoteAt, lastReviewedAt).filter(java.util.Objects::nonNull)
          .max(Instant::compareTo).orElse(null);
    }
  }

  private DailyReviewRule() {
  }

  static Verdict judge(Facts facts, Instant now, Duration interval) {
    if (facts.openDeviation()) {
      return Verdict.OPEN_DEVIATION;
    }
    if (facts.onOpenList()) {
      return Verdict.ON_OPEN_LIST;
    }
    if (facts.readings() == 0) {
      return Verdict.NO_READINGS;
    }
    if (facts.notGreen() > 0) {
      return Verdict.NOT_ALL_GREEN;
    }
    Instant looked = facts.lastLookedAt();
    if (looked != null && looked.isAfter(now.minus(interval))) {
      return Verdict.LOOKED_AT_RECENTLY;
    }
    return Verdict.ON_LIST;
  }
}
