package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a receiving system does after taking a message: it sends an application receipt
 * (applikasjonskvittering) to Carepath's {@code POST /api/messages/receipts}, after a delay, with
 * its client-credentials token. The mode can be switched to reject every message, or to send no
 * receipt at all, to show the follow-up tasks.
 */
final class ReceiptSender implements AutoCloseable {

  enum Mode { OK, REJECTED, NONE }

  private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);

  private final URI receipts;
  private final ClientCredentials credentials;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService scheduler;
  private volatile Mode mode = Mode.OK;
  private volatile Duration delay;

  ReceiptSender(String carepathBaseUrl, ClientCredentials credentials, Duration delay, String name) {
    this.receipts = URI.create(carepathBaseUrl + "/api/messages/receipts");
    this.credentials = credentials;
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
        ? Map.of("messageId", messageKey, "status", "OK", "receivedAt", Instant.now().toString())
        : Map.of("messageId", messageKey, "status", "REJECTED", "text", rejection, "receivedAt", Instant.now().toString());
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(receipts).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").header("Authorization", credentials.bearer())
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(receipt))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 300) {
          return;
        }
        log.warn("Carepath refused the receipt of {}: {} {}", messageKey, response.statusCode(), response.body());
        if (response.statusCode() < 500) {
          return;
        }
      } catch (IOException e) {
        log.debug("Could not send the receipt of {} to Carepath: {}", messageKey, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(1000L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
