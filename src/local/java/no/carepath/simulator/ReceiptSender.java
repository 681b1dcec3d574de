package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a receiving system does after taking a message: it sends an application receipt
 * (applikasjonskvittering) to Carepath's {@code POST /api/messages/receipts}, after a delay, with
 * its client-credentials token. The mode can be switched to reject every message, or to send no
 * receipt at all, to show the follow-up tasks.
 */
final class ReceiptSender implements AutoCloseable {

  enum Mode { OK, REJECTED, NONE }


  private final CarepathPoster poster;
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService scheduler;
  private volatile Mode mode = Mode.OK;
  private volatile Duration delay;
  private final Supplier<Instant> now;

  ReceiptSender(String carepathBaseUrl, ClientCredentials credentials, Duration delay, String name,
      Supplier<Instant> now) {
    this.now = now;
    this.poster = new CarepathPoster(URI.create(carepathBaseUrl + "/api/messages/receipts"), credentials);
    this.delay = delay;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, name + "-receipts");
      thread.setDaemon(true);
      return thread;
    });
  }

  Mode mode() {
    return mode;
  }

  void setMode(Mode mode) {
    this.mode = mode;
  }

  Duration delay() {
    return delay;
  }

  void setDelay(Duration delay) {
    this.delay = delay;
  }

  /** Sends the receipt of the message with this idempotency key later, as the mode says. */
  void later(String messageKey, String rejection) {
    Mode now = mode;
    if (now == Mode.NONE) {
      return;
    }
    scheduler.schedule(() -> send(messageKey, now, rejection), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void send(String messageKey, Mode mode, String rejection) {
    Map<String, Object> receipt = mode == Mode.OK
        ? Map.of("messageId", messageKey, "status", "OK", "receivedAt", now.get().toString())
        : Map.of("messageId", messageKey, "status", "REJECTED", "text", rejection, "receivedAt", now.get().toString());
    try {
      poster.post(json.writeValueAsBytes(receipt), "the receipt of " + messageKey);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
