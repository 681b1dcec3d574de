package no.carepath.transitions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Whether the hospital's messages came in time, for the managers' duty to evaluate and correct:
 * the admission notice within 24 hours of the admission (and the stays the municipality was never
 * told of), health information within {@code carepath.transitions.health-information-within}, and
 * the discharge summary on the day of discharge, with the delay in hours when it was late. Counts
 * only, never a patient.
 *
 * @param admissionNotice notices received within 24 hours, of those whose admission time the hospital gave
 * @param admissionsNotNotified stays the municipality first heard of through another message than the admission notice
 * @param healthInformation health information in time, of stays where it came or is overdue while the patient was in
 * @param dischargeSummary summaries received on the discharge day, of discharges whose day has passed or whose summary came
 * @param dischargesNotNotified discharges the municipality learned of only by asking the hospital
 * @param summariesMissing discharged stays without a summary yet
 * @param averageSummaryDelayHours hours from discharge to summary, averaged over the summaries received (null if none)
 */
record MessageTimeliness(Measure admissionNotice, int admissionsNotNotified, Measure healthInformation,
    Measure dischargeSummary, int dischargesNotNotified, int summariesMissing, Double averageSummaryDelayHours) {

  static final Duration ADMISSION_NOTICE_WITHIN = Duration.ofHours(24);

  /** {@code onTime} of {@code expected}. */
  record Measure(int onTime, int expected) {

    /** Whole percent, or null when nothing was expected. */
    Integer percent() {
      return expected == 0 ? null : Math.round(100f * onTime / expected);
    }
  }

  /** When each thing happened in one stay; null if it has not. */
  record StayTimes(String municipalityNumber, Instant createdAt, Instant admittedAt, Instant admissionNoticeAt,
      Instant healthInformationAt, Instant dischargedAt, boolean dischargeNotified, Instant summaryAt, Instant closedAt) {
  }

  static MessageTimeliness of(List<StayTimes> stays, Duration healthInformationWithin, Instant now, ZoneId zone) {
    int noticesOnTime = 0;
    int noticesExpected = 0;
    int notNotified = 0;
    int healthOnTime = 0;
    int healthExpected = 0;
    int summariesOnTime = 0;
    int summariesExpected = 0;
    int missing = 0;
    int dischargesNotNotified = 0;
    long delaySeconds = 0;
    int summariesReceived = 0;
    for (StayTimes stay : stays) {
      if (stay.admissionNoticeAt() == null) {
        notNotified++;
      } else if (stay.admittedAt() != null) {
        noticesExpected++;
        if (!stay.admissionNoticeAt().isAfter(stay.admittedAt().plus(ADMISSION_NOTICE_WITHIN))) {
          noticesOnTime++;
        }
      }
      Instant healthDue = (stay.admittedAt() != null ? stay.admittedAt() : stay.createdAt()).plus(healthInformationWithin);
      if (stay.healthInformationAt() != null) {
        healthExpected++;
        if (!stay.healthInformationAt().isAfter(healthDue)) {
          healthOnTime++;
        }
      } else if (healthDue.isBefore(now) && (stay.dischargedAt() == null || stay.dischargedAt().isAfter(healthDue))
          && (stay.closedAt() == null || stay.closedAt().isAfter(healthDue))) {
        healthExpected++;
      }
      if (stay.dischargedAt() != null && !stay.dischargeNotified()) {
        dischargesNotNotified++;
      }
      if (stay.dischargedAt() != null) {
        var dischargeDay = stay.dischargedAt().atZone(zone).toLocalDate();
        if (stay.summaryAt() != null) {
          summariesExpected++;
          summariesReceived++;
          if (!stay.summaryAt().atZone(zone).toLocalDate().isAfter(dischargeDay)) {
            summariesOnTime++;
          }
          delaySeconds += Math.max(0, Duration.between(stay.dischargedAt(), stay.summaryAt()).toSeconds());
        } else {
          missing++;
          if (dischargeDay.isBefore(now.atZone(zone).toLocalDate())) {
            summariesExpected++;
          }
        }
      }
    }
    return new MessageTimeliness(new Measure(noticesOnTime, noticesExpected), notNotified,
        new Measure(healthOnTime, healthExpected), new Measure(summariesOnTime, summariesExpected), dischargesNotNotified,
        missing,
        summariesReceived == 0 ? null : delaySeconds / 3600.0 / summariesReceived);
  }
}
