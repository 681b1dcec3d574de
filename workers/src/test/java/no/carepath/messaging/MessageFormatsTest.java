package no.carepath.messaging;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.security.Municipalities;
import no.carepath.platform.OutboundHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.RestClient;

/**
 * The wire formats of the outbox's channels against a small HTTP server on 127.0.0.1 that answers
 * what each test tells it to and keeps the requests it received.
 */
class MessageFormatsTest {

  private static final LocalDate BIRTH_DATE = LocalDate.of(1941, 3, 12);
  private static final Patient ASTRID = new Patient(UUID.randomUUID(), NationalIdentityNumber.synthetic(BIRTH_DATE, 100),
      "Astrid", "Hansen", BIRTH_DATE, "1804");
  private static final byte[] PDF = "%PDF-1.7 vedtaksbrev".getBytes(StandardCharsets.US_ASCII);
  private static final String LETTER_ID = UUID.randomUUID().toString();

  private record Received(String method, String path, String contentType, String idempotencyKey, JsonNode body) {
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
    server.createContext("/", exchange -> {
      try (exchange) {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            json.readTree(exchange.getRequestBody())));
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

  private MessageFormats formats(String base, Duration readTimeout) {
    MessagingProperties properties = new MessagingProperties(Duration.ofHours(4), Duration.ofHours(4), 5,
        Duration.ofSeconds(30), Duration.ofMinutes(30), endpoint(base + "/gp", readTimeout),
        endpoint(base + "/letter-dispatch", readTimeout), endpoint(base + "/hospital", readTimeout),
        endpoint(base + "/record", readTimeout), endpoint(base + "/helsetilsynet", readTimeout));
    Municipalities municipalities = new Municipalities();
    municipalities.getMunicipalities().put("1804", "Bodø");
    DocumentSource letters = new DocumentSource() {
      @Override
      public boolean serves(String kind) {
        return "VEDTAKSBREV".equals(kind);
      }

      @Override
      public Optional<Document> document(String documentId) {
        return LETTER_ID.equals(documentId) ? Optional.of(new Document("vedtak-SAK-2026-000042.pdf", "application/pdf", PDF))
            : Optional.empty();
      }
    };
    return new MessageFormats(properties, RestClient.builder(), List.of(letters), municipalities);
  }

  private static MessagingProperties.Endpoint endpoint(String url, Duration readTimeout) {
    return new MessagingProperties.Endpoint(URI.create(url), Duration.ofSeconds(2), readTimeout);
  }

  private MessageFormats formats() {
    return formats("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
  }

  private static Outbox.Message message(Channel channel, String kind, int transmission, Map<String, Object> payload) {
    return new Outbox.Message("MSG-2026-000042", channel, kind, "1804", ASTRID.id(), "SAK-2026-000042",
        "Vedtak i sak SAK-2026-000042", payload, "allocation-office", Outbox.Status.PENDING, transmission,
        Instant.parse("2026-11-23T09:00:00Z"), null, null, null, null, null, null, null, null);
  }

  private static Outbox.Message letter(int transmission) {
    return message(Channel.DECISION_LETTER, "VEDTAKSBREV", transmission, Map.of("documentId", LETTER_ID));
  }

  private String send(Outbox.Message message) {
    return formats().deliver(message, ASTRID);
  }

  // ---- the decision letter ----

  @Test
  void anAcceptedLetterGivesTheDispatchIdAsTheReceiversId() {
    assertThat(send(letter(1))).isEqualTo("FORS-1");
    assertThat(received).hasSize(1);
  }

  @Test
  void theLetterIsPostedAsJsonWithTheIdempotencyKeyAndThePdfInBase64() {
    send(letter(1));

    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/letter-dispatch/forsendelser");
    assertThat(request.contentType()).startsWith("application/json");
    assertThat(request.idempotencyKey()).isEqualTo("MSG-2026-000042");
    JsonNode body = request.body();
    assertThat(body.path("idempotencyKey").asText()).isEqualTo("MSG-2026-000042");
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
  void aRetryCarriesTheSameIdempotencyKeyAndADeliberateResendANewOne() {
    send(letter(1));
    send(letter(1));
    send(letter(2));

    assertThat(received).extracting(Received::idempotencyKey)
        .containsExactly("MSG-2026-000042", "MSG-2026-000042", "MSG-2026-000042-2");
  }

  @Test
  void aResendTheServiceRecognisesIsAnAnswerToo() {
    status = 200;
    answer = "{\"dispatchId\":\"FORS-7\",\"status\":\"ACCEPTED\"}";

    assertThat(send(letter(1))).isEqualTo("FORS-7");
  }

  @Test
  void aLetterWhoseDocumentIsGoneIsRefusedWithoutSending() {
    Outbox.Message message = message(Channel.DECISION_LETTER, "VEDTAKSBREV", 1,
        Map.of("documentId", UUID.randomUUID().toString()));

    assertThatThrownBy(() -> send(message)).isInstanceOf(OutboundHttp.Refused.class).hasMessageContaining("finnes ikke");
    assertThat(received).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {503, 500, 502, 504, 408, 429})
  void aTemporaryErrorMeansTryAgainLater(int temporary) {
    status = temporary;
    answer = "{\"message\":\"Forsendelsestjenesten er midlertidig utilgjengelig.\"}";

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Unavailable.class)
        .hasMessage("The letter-dispatch service answered HTTP " + temporary
            + ": {\"message\":\"Forsendelsestjenesten er midlertidig utilgjengelig.\"}");
    assertThat(received).as("the client itself does not retry").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 413, 422})
  void aRefusalMeansSendingAgainWillNotHelp(int refusal) {
    status = refusal;
    answer = "{\"message\":\"Mangler idempotencyKey.\"}";

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Refused.class)
        .hasMessage("The letter-dispatch service answered HTTP " + refusal + ": {\"message\":\"Mangler idempotencyKey.\"}");
    assertThat(received).hasSize(1);
  }

  @Test
  void anAnswerThatCannotBeReadMeansTryAgainUnderTheSameKey() {
    answer = "<html>Takk!</html>";

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Unavailable.class)
        .hasMessageStartingWith("The letter-dispatch service gave an answer that could not be read");
  }

  @Test
  void aNationalIdEchoedInAnErrorNeverReachesTheLogOrTheIncident() {
    status = 422;
    answer = "{\"message\":\"Ukjent pasient " + ASTRID.nationalId().value() + "\"}";

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Refused.class)
        .hasMessageContaining("Ukjent pasient ***********").hasMessageNotContaining(ASTRID.nationalId().value());
  }

  @Test
  void aLongErrorAnswerIsCutInTheMessage() {
    status = 400;
    answer = "{\"message\":\"" + "ø".repeat(1000) + "\"}";

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Refused.class)
        .hasMessage("The letter-dispatch service answered HTTP 400: " + answer.substring(0, 300) + "…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"status\":\"ACCEPTED\"}", "{\"dispatchId\":null}"})
  void anAnswerWithoutAnIdIsNotTakenAsDelivered(String withoutId) {
    answer = withoutId;

    assertThatThrownBy(() -> send(letter(1))).isInstanceOf(OutboundHttp.Unavailable.class)
        .hasMessage("The letter-dispatch service answered without an id for the message");
  }

  @Test
  void aServiceThatIsNotListeningMeansTryAgainLater() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    MessageFormats formats = formats("http://127.0.0.1:" + closedPort, Duration.ofSeconds(5));

    assertThatThrownBy(() -> formats.deliver(letter(1), ASTRID))
        .isInstanceOf(OutboundHttp.Unavailable.class).hasMessageStartingWith("The letter-dispatch service not reachable: ");
  }

  @Test
  void aServiceThatDoesNotAnswerWithinTheReadTimeoutMeansTryAgainLater() {
    slow = true;
    MessageFormats formats = formats("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofMillis(300));

    assertThatThrownBy(() -> formats.deliver(letter(1), ASTRID))
        .isInstanceOf(OutboundHttp.Unavailable.class).hasMessageStartingWith("The letter-dispatch service not reachable: ");
    assertThat(received).hasSize(1);
  }

  // ---- the other channels ----

  @Test
  void aDialogueMessageGoesToTheGpWithThePatientAndTheDialogueItBelongsTo() {
    answer = "{\"receiptId\":\"APPREC-1\"}";
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("dialogueId", "DLG-2026-000011");
    payload.put("gpName", "Marit Solheim");
    payload.put("gpHprNumber", "1234567");
    payload.put("answerExpected", true);
    payload.put("text", "Skal vi øke vanndrivende?");
    payload.put("senderService", "Digital hjemmeoppfølging (sykepleietjeneste)");

    assertThat(send(message(Channel.GP_DIALOGUE, "FORESPORSEL", 1, payload))).isEqualTo("APPREC-1");

    Received request = received.get(0);
    assertThat(request.path()).isEqualTo("/gp/dialogmeldinger");
    JsonNode body = request.body();
    assertThat(body.path("msgId").asText()).isEqualTo("MSG-2026-000042");
    assertThat(body.path("dialogueId").asText()).isEqualTo("DLG-2026-000011");
    assertThat(body.path("type").asText()).isEqualTo("FORESPORSEL");
    assertThat(body.path("answerExpected").asBoolean()).isTrue();
    assertThat(body.path("recipient").path("hprNumber").asText()).isEqualTo("1234567");
    assertThat(body.path("patient").path("nationalId").asText()).isEqualTo(ASTRID.nationalId().value());
    assertThat(body.path("patient").path("birthDate").asText()).isEqualTo("1941-03-12");
    assertThat(body.path("sender").path("municipality").asText()).isEqualTo("Bodø");
    assertThat(body.path("sender").path("service").asText()).startsWith("Digital hjemmeoppfølging");
    assertThat(body.path("text").asText()).isEqualTo("Skal vi øke vanndrivende?");
  }

  @Test
  void aDialogueMessageWithoutAGpIsRefusedWithoutSending() {
    Outbox.Message message = message(Channel.GP_DIALOGUE, "ORIENTERING", 1, Map.of("text", "Avsluttet."));

    assertThatThrownBy(() -> send(message)).isInstanceOf(OutboundHttp.Refused.class)
        .hasMessageContaining("ingen fastlege");
    assertThat(received).isEmpty();
  }

  @Test
  void anAdmissionReportGoesToTheHospitalsPloReception() {
    answer = "{\"id\":\"HF-PLO-1\"}";
    Map<String, Object> payload = Map.of("hospitalName", "Nordlandssykehuset", "hospitalOrganisation", "983974880",
        "content", Map.of("situation", "Innlagt med tung pust."));

    assertThat(send(message(Channel.HOSPITAL, "INNLEGGELSESRAPPORT", 1, payload))).isEqualTo("HF-PLO-1");

    JsonNode body = received.get(0).body();
    assertThat(received.get(0).path()).isEqualTo("/hospital/plo-meldinger");
    assertThat(body.path("type").asText()).isEqualTo("INNLEGGELSESRAPPORT");
    assertThat(body.path("recipient").path("name").asText()).isEqualTo("Nordlandssykehuset");
    assertThat(body.path("content").path("situation").asText()).isEqualTo("Innlagt med tung pust.");
  }

  @Test
  void aJournalNoteGoesToTheRecordSystem() {
    answer = "{\"documentId\":\"EPJ-DOK-1\"}";

    assertThat(send(message(Channel.MUNICIPAL_RECORD, "JOURNALNOTAT", 1,
        Map.of("text", "Rødt avvik vurdert.", "author", "Jonas Lie")))).isEqualTo("EPJ-DOK-1");

    JsonNode body = received.get(0).body();
    assertThat(received.get(0).path()).isEqualTo("/record/journalnotater");
    assertThat(body.path("reference").asText()).isEqualTo("SAK-2026-000042");
    assertThat(body.path("author").asText()).isEqualTo("Jonas Lie");
    assertThat(body.path("writtenAt").asText()).isEqualTo("2026-11-23T09:00:00Z");
  }

  @Test
  void aNotificationOfASeriousEventGoesToHelsetilsynetWithTheAvvikAndNoPatient() {
    answer = "{\"id\":\"HTIL-1\"}";
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("incidentReference", "UH-2026-000007");
    payload.put("kind", "Uønsket hendelse");
    payload.put("category", "Legemidler");
    payload.put("consequence", "Svært alvorlig");
    payload.put("happenedAt", "2026-12-03T14:30");
    payload.put("text", "Feil dose insulin ga alvorlig hypoglykemi; innlagt.");
    payload.put("contactName", "Marte Dahl");
    payload.put("contactPhone", "75 55 50 00");
    Outbox.Message notification = new Outbox.Message("MSG-2026-000043", Channel.HEALTH_SUPERVISION,
        "VARSEL_ALVORLIG_HENDELSE", "1804", null, "UH-2026-000007", "Varsel om alvorlig hendelse UH-2026-000007",
        payload, "team-leaders", Outbox.Status.PENDING, 1, Instant.parse("2026-12-03T15:00:00Z"), null, null, null,
        null, null, null, null, null);

    // no patient to read: the worker gives none
    assertThat(formats().deliver(notification, null)).isEqualTo("HTIL-1");

    Received request = received.get(0);
    assertThat(request.path()).isEqualTo("/helsetilsynet/varsler");
    assertThat(request.idempotencyKey()).isEqualTo("MSG-2026-000043");
    JsonNode body = request.body();
    assertThat(body.path("type").asText()).isEqualTo("VARSEL_ALVORLIG_HENDELSE");
    assertThat(body.path("incidentReference").asText()).isEqualTo("UH-2026-000007");
    assertThat(body.path("consequence").asText()).isEqualTo("Svært alvorlig");
    assertThat(body.path("text").asText()).startsWith("Feil dose insulin");
    assertThat(body.path("contactName").asText()).isEqualTo("Marte Dahl");
    assertThat(body.path("sender").path("municipality").asText()).isEqualTo("Bodø");
    assertThat(body.has("patient")).isFalse();
    assertThat(body.toString()).doesNotContain(ASTRID.nationalId().value()).doesNotContain("Astrid")
        .doesNotContainPattern("(?<!\\d)\\d{11}(?!\\d)");
  }
}
