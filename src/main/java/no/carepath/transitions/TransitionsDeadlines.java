package no.carepath.transitions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;

import no.carepath.platform.WorkingDays;
import org.springframework.stereotype.Component;

/** Due dates and timers of {@code transitions-hospital-stay}, as {@code ${transitionsDeadlines.x()}}. */
@Component("transitionsDeadlines")
public class TransitionsDeadlines {

  private final TransitionsProperties properties;
  private final StayStore stays;
  private final Clock clock;

  TransitionsDeadlines(TransitionsProperties properties, StayStore stays, Clock clock) {
    this.properties = properties;
    this.stays = stays;
    this.clock = clock;
  }

  /**
   * The hospital is answered the same day (the municipality pays for every day the patient waits);
   * reported after the cut-off, by the end of the next working day's cut-off.
   */
  public Date sameDayAnswer() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    ZonedDateTime today = now.with(properties.sameDayCutoff());
    if (now.isBefore(today) && WorkingDays.isWorkingDay(now.toLocalDate())) {
      return Date.from(today.toInstant());
    }
    return Date.from(WorkingDays.plusWorkingDays(now, 1).with(properties.sameDayCutoff()).toInstant());
  }

  public Date firstAssessment() {
    return Date.from(clock.instant().plus(properties.firstAssessmentWithin()));
  }

  public Date identifyPatient() {
    return Date.from(clock.instant().plus(properties.identifyWithin()));
  }

  public Date chaseSummary() {
    return Date.from(clock.instant().plus(properties.chaseWithin()));
  }

  /**
   * {@code stay-silent-after} after the hospital's last message about the stay; if that has passed
   * (the allocation office just checked), that long from now.
   */
  public Date staySilent(String stayId) {
    Instant due = stays.lastMessageAt(stayId).plus(properties.staySilentAfter());
    Instant now = clock.instant();
    return Date.from(due.isAfter(now) ? due : now.plus(properties.staySilentAfter()));
  }

  public Date checkStayStatus() {
    return Date.from(clock.instant().plus(properties.checkStayWithin()));
  }

  public Date requestHealthInformation() {
    return Date.from(clock.instant().plus(properties.requestHealthInformationWithin()));
  }

  /**
   * Health information is due {@code health-information-within} after the admission (or after the
   * first message, if the hospital did not say when the patient was admitted); never in the past.
   */
  public Date healthInformationDue(String stayId) {
    Instant from = stays.find(stayId).map(stay -> stay.admittedAt() != null ? stay.admittedAt() : stay.createdAt())
        .orElse(clock.instant());
    Instant due = from.plus(properties.healthInformationWithin());
    Instant now = clock.instant();
    return Date.from(due.isAfter(now) ? due : now);
  }

  /**
   * The discharge summary is due {@code summary-due-after-discharge} after discharge; after a chase,
   * that long from now.
   */
  public Date summaryDue(String stayId) {
    Instant discharged = stays.find(stayId).map(StayStore.Stay::dischargedAt).orElse(null);
    Instant due = discharged == null ? null : discharged.plus(properties.summaryDueAfterDischarge());
    Instant now = clock.instant();
    return Date.from(due == null || !due.isAfter(now) ? now.plus(properties.summaryDueAfterDischarge()) : due);
  }
}
