package no.carepath.messaging;

import java.time.Clock;
import java.util.Date;

import org.springframework.stereotype.Component;

/** Due dates of {@code messaging-outbound-message}, as {@code ${messagingDeadlines.x()}}. */
@Component("messagingDeadlines")
public class MessagingDeadlines {

  private final MessagingProperties properties;
  private final Clock clock;

  MessagingDeadlines(MessagingProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** A rejected or missing receipt is followed up within {@code carepath.messaging.follow-up-within}. */
  public Date followUp() {
    return Date.from(clock.instant().plus(properties.followUpWithin()));
  }
}
