package no.carepath.allocation;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code carepath.allocation.*}: deadlines of the allocation office and where letters are sent. */
@Validated
@ConfigurationProperties("carepath.allocation")
record AllocationProperties(
    @NotNull Duration assessmentDeadline,
    @NotNull Duration decisionDeadline,
    @NotNull LocalTime sameDayCutoff,
    @NotNull Duration appealWindow,
    @NotNull Duration appealRegistrationGrace,
    @NotNull Duration countyGovernorForwardDeadline,
    @NotNull Duration overdueFollowUpDeadline,
    @Valid @NotNull LetterDispatch letterDispatch) {

  /** The letter-dispatch service (SvarUt-like), reached by {@code SendDecisionLetterWorker}. */
  record LetterDispatch(
      @NotNull URI url,
      @NotNull Duration connectTimeout,
      @NotNull Duration readTimeout,
      int maxRetries,
      @NotNull Duration firstRetryDelay,
      @NotNull Duration maxRetryDelay) {
  }
}
