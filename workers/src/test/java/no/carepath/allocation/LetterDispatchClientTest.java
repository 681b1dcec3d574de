package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import no.carepath.allocation.LetterDispatchClient.DispatchRefused;
import no.carepath.allocation.LetterDispatchClient.DispatchUnavailable;
import no.carepath.allocation.LetterDispatchClient.Receipt;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.RestClient;

/**
 * The letter-dispatch client against a small HTTP server on 127.0.0.1 that answers what each test
 * tells it to and keeps the requests it received.
 */
class LetterDispatchClientTest {

  private static final LocalDate BIRTH_DATE = LocalDate.of(1941, 3, 12);
  private static final Patient ASTRID = new Patient(UUID.randomUUID(), NationalIdentityNumber.synthetic(BIRTH_DATE, 100),
      "Astrid", "Hansen", BIRTH_DATE, "1804");
  private static final byte[] PDF = "%PDF-1.7 vedtaksbrev".getBytes(StandardCharsets.US_ASCII);

  private record Received(String method, String path, String contentType, JsonNode body) {
  }

  private final ObjectMapper json = new ObjectMapper();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private HttpServer server;
  private volatile int status = 202;
  private volatile String answer = "{\"dispatchId\":\"FORS-1\",\"status\":\"ACCEPTED\"}";
  private volatile boolean slow;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/letter-dispatch/", exchange -> {
      try (exchange) {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"), json.readTree(exchange.getRequestBody())));
        if (slow) {
          releaseSlowAnswers.await(10, TimeUnit.SECONDS);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(serverThreads);
    server.start();
  }

  @AfterEach
  void stopServer() {
    releaseSlowAnswers.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private static LetterDispatchClient client(URI url, Duration readTimeout) {
    AllocationProperties properties = new AllocationProperties(Duration.ofDays(7), Duration.ofDays(5),
        LocalTime.of(15, 30), Duration.ofDays(21), Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(1),
        new AllocationProperties.LetterDispatch(url, Duration.ofSeconds(2), readTimeout, 5, Duration.ofSeconds(30),
            Duration.ofMinutes(30)));
    return new LetterDispatchClient(properties, RestClient.builder());
  }

  private LetterDispatchClient client() {
    return client(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/letter-dispatch"),
        Duration.ofSeconds(5));
  }

  private static CaseStore.LetterRow letter() {
    return new CaseStore.LetterRow(UUID.randomUUID(), "SAK-2026-000042", UUID.randomUUID(),
        Instant.parse("2026-11-23T09:00:00Z"), PDF, "PENDING", null, null);
  }

  private Receipt send(CaseStore.LetterRow letter) {
    return client().send(letter, ASTRID, "Vedtak i sak SAK-2026-000042", "1804");
  }

  @Test
  void anAcceptedLetterGivesTheDispatchIdAsReceipt() {
    assertThat(send(letter())).isEqualTo(new Receipt("FORS-1"));
    assertThat(received).hasSize(1);
  }

  @Test
  void theLetterIsPostedAsJsonWithItsIdAsIdempotencyKeyAndThePdfInBase64() {
    CaseStore.LetterRow letter = letter();

    send(letter);

    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/letter-dispatch/forsendelser");
    assertThat(request.contentType()).startsWith("application/json");
    JsonNode body = request.body();
    assertThat(body.path("idempotencyKey").asText()).isEqualTo(letter.id().toString());
    assertThat(body.path("caseId").asText()).isEqualTo("SAK-2026-000042");
    assertThat(body.path("municipalityNumber").asText()).isEqualTo("1804");
    assertThat(body.path("title").asText()).isEqualTo("Vedtak i sak SAK-2026-000042");
    assertThat(body.path("recipient").path("nationalId").asText()).isEqualTo(ASTRID.nationalId().value());
    assertThat(body.path("recipient").path("name").asText()).isEqualTo("Astrid Hansen");
    assertThat(body.path("document").path("filename").asText()).isEqualTo("vedtak-SAK-2026-000042.pdf");
    assertThat(body.path("document").path("mimeType").asText()).isEqualTo("application/pdf");
    assertThat(Base64.getDecoder().decode(body.path("document").path("contentBase64").asText())).isEqualTo(PDF);
  }

  @Test
  void sendingTheSameLetterAgainCarriesTheSameIdempotencyKeyAndAnotherLetterAnother() {
    CaseStore.LetterRow letter = letter();

    send(letter);
    send(letter);
    send(letter());

    List<String> keys = received.stream().map(request -> request.body().path("idempotencyKey").asText()).toList();
    assertThat(keys).hasSize(3);
    assertThat(keys.get(0)).isEqualTo(letter.id().toString()).isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
  }

  @Test
  void aResendTheServiceRecognisesIsAReceiptToo() {
    status = 200;
    answer = "{\"dispatchId\":\"FORS-7\",\"status\":\"ACCEPTED\"}";

    assertThat(send(letter())).isEqualTo(new Receipt("FORS-7"));
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 500, 502, 504, 408, 429})
  void aTemporaryErrorMeansTryAgainLater(int temporary) {
    status = temporary;
    answer = "{\"message\":\"Forsendelsestjenesten er midlertidig utilgjengelig.\"}";

    assertThatThrownBy(() -> send(letter())).isInstanceOf(DispatchUnavailable.class)
        .hasMessage("Letter-dispatch service answered HTTP " + temporary
            + ": {\"message\":\"Forsendelsestjenesten er midlertidig utilgjengelig.\"}");
    assertThat(received).as("the client itself does not retry").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422})
  void aRefusalMeansSendingAgainWillNotHelp(int refusal) {
    status = refusal;
    answer = "{\"message\":\"Mangler idempotencyKey.\"}";

    assertThatThrownBy(() -> send(letter())).isInstanceOf(DispatchRefused.class)
        .hasMessage("Letter-dispatch service answered HTTP " + refusal + ": {\"message\":\"Mangler idempotencyKey.\"}");
    assertThat(received).hasSize(1);
  }

  @Test
  void aLongErrorAnswerIsCutInTheMessage() {
    status = 400;
    answer = "{\"message\":\"" + "ø".repeat(1000) + "\"}";

    assertThatThrownBy(() -> send(letter())).isInstanceOf(DispatchRefused.class)
        .hasMessage("Letter-dispatch service answered HTTP 400: " + answer.substring(0, 300) + "…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"status\":\"ACCEPTED\"}", "{\"dispatchId\":null}"})
  void anAnswerWithoutADispatchIdIsNotTakenAsDelivered(String withoutId) {
    answer = withoutId;

    assertThatThrownBy(() -> send(letter())).isInstanceOf(DispatchUnavailable.class)
        .hasMessage("The letter-dispatch service answered without a dispatch id");
  }

  @Test
  void aServiceThatIsNotListeningMeansTryAgainLater() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    LetterDispatchClient client = client(URI.create("http://127.0.0.1:" + closedPort + "/letter-dispatch"),
        Duration.ofSeconds(5));

    assertThatThrownBy(() -> client.send(letter(), ASTRID, "Vedtak i sak SAK-2026-000042", "1804"))
        .isInstanceOf(DispatchUnavailable.class).hasMessageStartingWith("Letter-dispatch service not reachable: ");
  }

  @Test
  void aServiceThatDoesNotAnswerWithinTheReadTimeoutMeansTryAgainLater() {
    slow = true;
    LetterDispatchClient client = client(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/letter-dispatch"), Duration.ofMillis(300));

    assertThatThrownBy(() -> client.send(letter(), ASTRID, "Vedtak i sak SAK-2026-000042", "1804"))
        .isInstanceOf(DispatchUnavailable.class).hasMessageStartingWith("Letter-dispatch service not reachable: ");
    assertThat(received).hasSize(1);
  }
}
