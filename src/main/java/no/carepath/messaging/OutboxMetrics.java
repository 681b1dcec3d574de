package no.carepath.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code carepath_messages{status}}: how many messages are in each state of the outbox (pending,
 * sent without receipt, rejected, without receipt in time, ...), refreshed every 30 seconds. A
 * growing {@code PENDING} count means an endpoint is down; {@code REJECTED} and {@code NO_RECEIPT}
 * each have a follow-up task.
 */
@Component
class OutboxMetrics {

  private final Outbox outbox;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  OutboxMetrics(Outbox outbox, MeterRegistry meters) {
    this.outbox = outbox;
    for (Outbox.Status status : Outbox.Status.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(status.name(), count);
      Gauge.builder("carepath.messages", count, AtomicLong::get).tag("status", status.name())
          .description("Messages in the outbox by status").register(meters);
    }
  }

  @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT5S")
  void refresh() {
    outbox.countByStatus().forEach((status, count) -> counts.computeIfAbsent(status, s -> new AtomicLong()).set(count));
  }
}
