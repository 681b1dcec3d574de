package no.carepath.followup;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code carepath.followup.*}: deadlines of digital home follow-up, the municipality's default
 * thresholds (which apply until a patient's own plan is approved), response times for deviations,
 * and where the home-monitoring platform is.
 *
 * @param redResponseTime how soon a red deviation must be handled, unless the municipality has its own
 * @param redResponseTimeByMunicipality municipality number to response time
 * @param yellowDueTime a yellow deviation is due the same day at this time (or at the end of the
 *     day when it comes later)
 * @param missedReadingGrace a reading is missed when none came in the plan's interval plus this
 */
@Validated
@ConfigurationProperties("carepath.followup")
public record FollowupProperties(
    @NotNull Duration startupPlanningDeadline,
    @NotNull Duration homeVisitDeadline,
    @NotNull Duration trialPeriod,
    @NotNull Duration thresholdProposalDeadline,
    @NotNull Duration evaluationDeadline,
    @NotNull Duration redResponseTime,
    Map<String, Duration> redResponseTimeByMunicipality,
    @NotNull LocalTime yellowDueTime,
    @NotNull Duration unhandledFollowUpDeadline,
    @NotNull Duration acuteFollowUpDeadline,
    @NotNull Duration missedReadingGrace,
    @NotNull Duration missedReadingCheckInterval,
    @NotNull Duration news2Window,
    @NotNull Map<VitalSign, Bounds> defaultThresholds,
    @Valid @NotNull MonitoringPlatform monitoringPlatform) {

  /** Bounds of one sign in configuration (see {@link Thresholds} for their meaning). */
  public record Bounds(Double redBelow, Double yellowBelow, Double yellowAbove, Double redAbove) {
  }

  /** The home-monitoring platform's FHIR API, where patients are registered for measuring. */
  public record MonitoringPlatform(
      @NotNull URI url,
      @NotNull Duration connectTimeout,
      @NotNull Duration readTimeout,
      int maxRetries,
      @NotNull Duration firstRetryDelay,
      @NotNull Duration maxRetryDelay) {
  }

  public List<Thresholds> defaults() {
    List<Thresholds> defaults = new ArrayList<>();
    defaultThresholds.forEach((sign, bounds) -> defaults.add(
        new Thresholds(sign, bounds.redBelow(), bounds.yellowBelow(), bounds.yellowAbove(), bounds.redAbove())));
    return defaults;
  }

  public Duration redResponseTime(String municipalityNumber) {
    return redResponseTimeByMunicipality == null ? redResponseTime
        : redResponseTimeByMunicipality.getOrDefault(municipalityNumber, redResponseTime);
  }
}
