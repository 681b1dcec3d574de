package no.carepath.messaging;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code carepath.messaging.*}: the endpoint of each channel, how often the worker retries, how
 * long to wait for an application receipt, and how soon a rejected or missing one must be followed up.
 */
@Validated
@ConfigurationProperties("carepath.messaging")
public record MessagingProperties(
    @NotNull Duration receiptTimeout,
    @NotNull Duration followUpWithin,
    int maxRetries,
    @NotNull Duration firstRetryDelay,
    @NotNull Duration maxRetryDelay,
    @Valid @NotNull Endpoint gpDialogue,
    @Valid @NotNull Endpoint decisionLetter,
    @Valid @NotNull Endpoint hospital,
    @Valid @NotNull Endpoint municipalRecord,
    @Valid @NotNull Endpoint healthSupervision) {

  /** An HTTP endpoint of an outside system. */
  public record Endpoint(@NotNull URI url, @NotNull Duration connectTimeout, @NotNull Duration readTimeout) {
  }

  public Endpoint endpoint(Channel channel) {
    return switch (channel) {
      case GP_DIALOGUE -> gpDialogue;
      case DECISION_LETTER -> decisionLetter;
      case HOSPITAL -> hospital;
      case MUNICIPAL_RECORD -> municipalRecord;
      case HEALTH_SUPERVISION -> healthSupervision;
    };
  }
}
