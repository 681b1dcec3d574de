package no.carepath.allocation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;

import org.springframework.stereotype.Component;

/**
 * Due dates and timer dates of {@code allocation-case.bpmn}, as {@code ${allocationDeadlines.x()}}.
 * Each user task's due date and its boundary timer use the same method, so the team leader is
 * told exactly when the task becomes overdue.
 */
@Component("allocationDeadlines")
public class AllocationDeadlines {

  private static final Duration URGENT_FOLLOW_UP = Duration.ofHours(1);

  private final AllocationProperties properties;
  private final Clock clock;

  AllocationDeadlines(AllocationProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  public Date assessment() {
    return after(properties.assessmentDeadline());
  }

  public Date decision() {
    return after(properties.decisionDeadline());
  }

  /**
   * A hospital's ready-for-discharge notice is answered the same day: by the cut-off time
   * (default 15:30), or, for a notice that arrives later, by the end of the day.
   */
  public Date sameDay() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    ZonedDateTime cutoff = now.with(properties.sameDayCutoff());
    ZonedDateTime due = now.isBefore(cutoff) ? cutoff : now.with(LocalTime.of(23, 59));
    return Date.from(due.toInstant());
  }

  public Date followUp() {
    return after(properties.overdueFollowUpDeadline());
  }

  public Date urgentFollowUp() {
    return after(URGENT_FOLLOW_UP);
  }

  public Date countyGovernorForward() {
    return after(properties.countyGovernorForwardDeadline());
  }

  /**
   * ISO-8601 duration of the appeal-window timer, counted from when the letter was sent: the legal
   * window plus a grace period, so an appeal that arrived in time by post can still be registered
   * some days later. Whether an appeal is in time is judged by its received date
   * ({@link AllocationCases#registerAppeal}).
   */
  public String appealWindow() {
    return properties.appealWindow().plus(properties.appealRegistrationGrace()).toString();
  }

  LocalDate today() {
    return LocalDate.now(clock);
  }

  private Date after(Duration duration) {
    return Date.from(clock.instant().plus(duration));
  }
}
