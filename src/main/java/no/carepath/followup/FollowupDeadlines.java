package no.carepath.followup;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Due dates of {@code followup-episode.bpmn}, as {@code ${followupDeadlines.x()}}. */
@Component("followupDeadlines")
public class FollowupDeadlines {

  private final Duration startupPlanning;
  private final Clock clock;

  FollowupDeadlines(@Value("${carepath.followup.startup-planning-deadline}") Duration startupPlanning, Clock clock) {
    this.startupPlanning = startupPlanning;
    this.clock = clock;
  }

  public Date startupPlanning() {
    return Date.from(clock.instant().plus(startupPlanning));
  }
}
