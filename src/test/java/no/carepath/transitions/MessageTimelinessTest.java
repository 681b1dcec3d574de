package no.carepath.transitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which hospital messages count as in time, late, missing or not yet due. */
class MessageTimelinessTest {

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** Tuesday 1 December 2026, 13:00 in Oslo. */
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration THREE_DAYS = Duration.ofDays(3);

  private static Instant daysAgo(double days) {
    return NOW.minusSeconds((long) (days * 86_400));
  }

  @Test
  void anAdmissionNoticeIsInTimeWithin24HoursAndAStayWithoutOneWasNeverNotified() {
    Instant admitted = daysAgo(1);
    MessageTimeliness t = MessageTimeliness.of(List.of(
        stay(admitted, admitted.plus(Duration.ofHours(3)), null, null, null),
        stay(admitted, admitted.plus(Duration.ofHours(30)), null, null, null),
        stay(admitted, null, null, null, null),
        stay(null, daysAgo(0.5), null, null, null)), THREE_DAYS, NOW, OSLO);

    assertThat(t.admissionNotice()).isEqualTo(new MessageTimeliness.Measure(1, 2));
    assertThat(t.admissionNotice().percent()).isEqualTo(50);
    assertThat(t.admissionsNotNotified()).isEqualTo(1);
  }

  @Test
  void healthInformationCountsWhenItCameOrIsOverdueWhileThePatientIsIn() {
    MessageTimeliness t = MessageTimeliness.of(List.of(
        stay(daysAgo(5), daysAgo(5), daysAgo(3), null, null),
        stay(daysAgo(6), daysAgo(6), daysAgo(1), null, null),
        stay(daysAgo(4), daysAgo(4), null, null, null),
        stay(daysAgo(1), daysAgo(1), null, null, null),
        stay(daysAgo(10), daysAgo(10), null, daysAgo(9), daysAgo(9)),
        new MessageTimeliness.StayTimes("1804", daysAgo(8), daysAgo(8), daysAgo(8), null, null, true, null, daysAgo(7))),
        THREE_DAYS, NOW, OSLO);

    assertThat(t.healthInformation())
        .as("in time; late; overdue; not due yet; discharged before it was due; closed (not ours) before it was due")
        .isEqualTo(new MessageTimeliness.Measure(1, 3));
  }

  @Test
  void aDischargeSummaryIsInTimeOnTheDischargeDayAndItsDelayIsAveraged() {
    Instant dischargedYesterday = Instant.parse("2026-11-30T09:00:00Z");
    MessageTimeliness t = MessageTimeliness.of(List.of(
        stay(daysAgo(4), daysAgo(4), null, dischargedYesterday, dischargedYesterday.plus(Duration.ofHours(2))),
        stay(daysAgo(4), daysAgo(4), null, dischargedYesterday, dischargedYesterday.plus(Duration.ofHours(22))),
        stay(daysAgo(4), daysAgo(4), null, dischargedYesterday, null),
        stay(daysAgo(4), daysAgo(4), null, NOW.minus(Duration.ofHours(1)), null)), THREE_DAYS, NOW, OSLO);

    assertThat(t.dischargeSummary()).as("same day; next day; missing since yesterday; today, not late yet")
        .isEqualTo(new MessageTimeliness.Measure(1, 3));
    assertThat(t.summariesMissing()).isEqualTo(2);
    assertThat(t.averageSummaryDelayHours()).isEqualTo(12.0);
    assertThat(t.dischargesNotNotified()).isZero();
  }

  @Test
  void aDischargeLearnedOfByAskingIsCountedAsNotNotified() {
    Instant discharged = daysAgo(1);
    MessageTimeliness t = MessageTimeliness.of(List.of(
        new MessageTimeliness.StayTimes("1804", daysAgo(20), daysAgo(20), daysAgo(20), daysAgo(19), discharged, false, null, null),
        stay(daysAgo(3), daysAgo(3), null, discharged, discharged)), THREE_DAYS, NOW, OSLO);

    assertThat(t.dischargesNotNotified()).isEqualTo(1);
    assertThat(t.summariesMissing()).isEqualTo(1);
  }

  @Test
  void nothingExpectedIsNoPercentage() {
    MessageTimeliness t = MessageTimeliness.of(List.of(), THREE_DAYS, NOW, OSLO);

    assertThat(t.admissionNotice().percent()).isNull();
    assertThat(t.averageSummaryDelayHours()).isNull();
  }

  private static MessageTimeliness.StayTimes stay(Instant admittedAt, Instant noticeAt, Instant healthAt,
      Instant dischargedAt, Instant summaryAt) {
    Instant created = noticeAt != null ? noticeAt : admittedAt != null ? admittedAt : NOW;
    return new MessageTimeliness.StayTimes("1804", created, admittedAt, noticeAt, healthAt, dischargedAt, true, summaryAt, null);
  }
}
