package no.carepath.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a simulated outside system posts JSON to Carepath (a GP's answer, a receipt): with its
 * client-credentials token, up to five attempts with a growing pause while Carepath does not
 * answer or answers 5xx; a 4xx is logged and not repeated.
 */
final class CarepathPoster {

  private static final Logger log = LoggerFactory.getLogger(CarepathPoster.class);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final ClientCredentials credentials;

  CarepathPoster(URI target, ClientCredentials credentials) {
    this.target = target;
    this.credentials = credentials;
  }

  /** Posts {@code body}; {@code what} names it in the log. Returns when Carepath took it, refused it, or after five tries. */
  void post(byte[] body, String what) {
    for (int attempt = 1; attempt <= 5; attempt++) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").header("Authorization", credentials.bearer())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 300) {
          return;
        }
        log.warn("Carepath refused {}: {} {}", what, response.statusCode(), response.body());
        if (response.statusCode() < 500) {
          return;
        }
      } catch (IOException e) {
        log.debug("Could not send {} to Carepath: {}", what, e.getMessage());
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
}
