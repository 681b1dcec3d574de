package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of a serious avvik's notification to Helsetilsynet, recorded on the incident in the
 * transaction that records it in the outbox: when Helsetilsynet took it, with its id for the
 * notification, and the application receipt. The incident's process does not wait for it: the
 * analysis goes on, and a rejected or missing receipt is the message process's follow-up task for
 * the team leaders.
 */
@Component
class OnwardReceipts {

  private final JdbcClient jdbc;
  private final Clock clock;

  OnwardReceipts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @EventListener
  void sent(Outbox.Sent sent) {
    if (sent.channel() == Channel.HEALTH_SUPERVISION) {
      jdbc.sql("""
          update quality_incident set onward_sent_at = :at, onward_receipt_id = :remote
          where onward_message_id = :message""")
          .param("at", Timestamp.from(sent.sentAt())).param("remote", sent.remoteId())
          .param("message", sent.messageId()).update();
    }
  }

  @EventListener
  void receipt(Outbox.ReceiptRecorded receipt) {
    if (receipt.channel() == Channel.HEALTH_SUPERVISION) {
      boolean taken = !"REJECTED".equals(receipt.status());
      jdbc.sql("""
          update quality_incident set onward_receipt_status = :status,
            reported_onwards_at = case when :taken then :at else reported_onwards_at end
          where onward_message_id = :message""")
          .param("status", receipt.status()).param("taken", taken).param("at", Timestamp.from(clock.instant()))
          .param("message", receipt.messageId()).update();
    }
  }
}
