package no.carepath.escalation;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code carepath.escalation.*}: where dialogue messages to GPs are sent, and how often to retry. */
@Validated
@ConfigurationProperties("carepath.escalation")
record EscalationProperties(@Valid @NotNull GpDialogue gpDialogue) {

  /** The municipality's message service for dialogue messages (helsefaglig dialog). */
  record GpDialogue(
      @NotNull URI url,
      @NotNull Duration connectTimeout,
      @NotNull Duration readTimeout,
      int maxRetries,
      @NotNull Duration firstRetryDelay,
      @NotNull Duration maxRetryDelay) {
  }
}
