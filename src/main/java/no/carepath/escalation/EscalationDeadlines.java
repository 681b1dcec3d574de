package no.carepath.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Date;

import no.carepath.platform.WorkingDays;
import org.springframework.stereotype.Component;

/** Due dates and timers of {@code escalation-gp-consultation}, as {@code ${escalationDeadlines.x()}}. */
@Component("escalationDeadlines")
public class EscalationDeadlines {

  /** National rules for dialogue messages: the GP answers within 3-5 working days. */
  static final int GP_ANSWER_WORKING_DAYS = 5;
  private static final Duration PHONE = Duration.ofMinutes(15);
  private static final Duration FOLLOW_UP = Duration.ofDays(1);

  private final Clock clock;

  EscalationDeadlines(Clock clock) {
    this.clock = clock;
  }

  /** Urgent: phone within 15 minutes. */
  public Date phoneGp() {
    return Date.from(clock.instant().plus(PHONE));
  }

  public Date gpAnswer() {
    return Date.from(WorkingDays.plusWorkingDays(ZonedDateTime.now(clock), GP_ANSWER_WORKING_DAYS).toInstant());
  }

  public Date followUpAnswer() {
    return Date.from(clock.instant().plus(FOLLOW_UP));
  }

  public Date reminder() {
    return Date.from(clock.instant().plus(FOLLOW_UP));
  }
}
