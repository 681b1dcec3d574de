package no.carepath.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the outage tests (a database restarted, a full disk) share: the answer a client gets, and the load's end. */
final class Outages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Outages() {
  }

  /** A 503 a client can act on: {@code Retry-After}, an OperationOutcome {@code transient}, no class name or trace. */
  static void assertTransient(String body, String retryAfter, String... alsoNotIn) throws IOException {
    assertThat(retryAfter).as("Retry-After").isNotBlank();
    JsonNode outcome = JSON.readTree(body);
    assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(outcome.path("issue").get(0).path("code").asText()).isEqualTo("transient");
    assertThat(body).doesNotContain("Exception", "org.", "java.");
    for (String text : alsoNotIn) {
      assertThat(body).doesNotContain(text);
    }
  }

  /** Ends the clients' load and waits for each client (an error of one fails the test). */
  static void stop(AtomicBoolean running, List<Future<?>> load) throws Exception {
    running.set(false);
    for (Future<?> client : load) {
      client.get();
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
