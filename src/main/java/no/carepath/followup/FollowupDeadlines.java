package no.carepath.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;

import no.carepath.platform.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Due dates and timers of the follow-up processes, as {@code ${followupDeadlines.x()}}: each user
 * task's due date, and the boundary timers that use the same moment.
 */
@Component("followupDeadlines")
public class FollowupDeadlines {

  static final int GP_ANSWER_WORKING_DAYS = 5;
  private static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofDays(30);
  private static final LocalTime MORNING = LocalTime.of(8, 0);

  private final FollowupProperties properties;
  private final EpisodeStore episodes;
  private final PlanStore plans;
  private final Clock clock;

  FollowupDeadlines(FollowupProperties properties, EpisodeStore episodes, PlanStore plans, Clock clock) {
    this.properties = properties;
    this.episodes = episodes;
    this.plans = plans;
    this.clock = clock;
  }

  public Date startupPlanning() {
    return in(properties.startupPlanningDeadline());
  }

  /** The end of the planned day of the home visit, or the home-visit deadline if none was planned. */
  public Date homeVisit(Object plannedDate) {
    if (plannedDate instanceof String text && !text.isBlank()) {
      return endOfDay(LocalDate.parse(text.substring(0, 10)));
    }
    return in(properties.homeVisitDeadline());
  }

  public Date planEdit() {
    return in(properties.thresholdProposalDeadline());
  }

  /** Five Norwegian working days from now (dialogue-message rules: answer within 3-5 working days). */
  public Date gpAnswer() {
    return Date.from(WorkingDays.plusWorkingDays(ZonedDateTime.now(clock), GP_ANSWER_WORKING_DAYS).toInstant());
  }

  public Date reminder() {
    return in(Duration.ofDays(1));
  }

  public Date evaluation() {
    return in(properties.evaluationDeadline());
  }

  /** The next evaluation: the active plan's evaluation interval from now. */
  public Date nextEvaluation(String episodeId) {
    Duration interval = plans.active(episodeId).map(PlanStore.Plan::evaluationInterval).orElse(DEFAULT_EVALUATION_INTERVAL);
    return in(interval);
  }

  /** The morning of the day the pause was planned to end. */
  public Date pauseEnds(String episodeId) {
    LocalDate until = episodes.find(episodeId).map(EpisodeStore.EpisodeRow::pausedUntil).orElse(null);
    return until == null ? in(Duration.ofDays(14)) : Date.from(until.atTime(MORNING).atZone(clock.getZone()).toInstant());
  }

  public Date pauseCheck() {
    return in(Duration.ofDays(1));
  }

  public Date endService() {
    return in(Duration.ofDays(3));
  }

  public Date deviceReturn() {
    return in(Duration.ofDays(14));
  }

  /** Yellow: the same day, at the configured time, or at the end of the day when later. */
  public Date yellowDeviation() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    ZonedDateTime due = now.toLocalDate().atTime(properties.yellowDueTime()).atZone(clock.getZone());
    return Date.from((due.isAfter(now) ? due : now.toLocalDate().atTime(LocalTime.of(23, 59)).atZone(clock.getZone()))
        .toInstant());
  }

  /** Red: within the municipality's response time (30 minutes unless it has set its own). */
  public Date redDeviation(String municipalityNumber) {
    return in(properties.redResponseTime(municipalityNumber));
  }

  public Date unhandledFollowUp() {
    return in(properties.unhandledFollowUpDeadline());
  }

  public Date acuteFollowUp() {
    return in(properties.acuteFollowUpDeadline());
  }

  private Date in(Duration duration) {
    return Date.from(clock.instant().plus(duration));
  }

  private Date endOfDay(LocalDate date) {
    return Date.from(date.atTime(LocalTime.of(23, 59)).atZone(clock.getZone()).toInstant());
  }
}
