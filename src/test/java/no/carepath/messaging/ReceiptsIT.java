package no.carepath.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /api/messages/receipts}: receipts for unknown messages, with a bad status or from
 * the wrong client are refused with a reason and change nothing; a receipt already recorded is
 * acknowledged as a duplicate.
 */
class ReceiptsIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);

  @Autowired
  private JdbcClient jdbc;

  @Autowired
  private Outbox outbox;

  @Autowired
  private PatientService patients;

  @Autowired
  private TransactionTemplate transaction;

  @Test
  void badReceiptsAreRefusedAndARepeatedOneIsADuplicate() {
    Api.Response unknown = api.postJson("/api/messages/receipts", api.messagingToken(),
        Map.of("messageId", "MSG-2026-999999", "status", "OK"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("Finner ingen melding").doesNotContain("Exception");

    Api.Response badStatus = api.postJson("/api/messages/receipts", api.messagingToken(),
        Map.of("messageId", "MSG-2026-000001", "status", "MAYBE"));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.body()).contains("OK, OK_WITH_ERRORS eller REJECTED");

    assertThat(api.postJson("/api/messages/receipts", api.monitoringToken(),
        Map.of("messageId", "MSG-2026-000001", "status", "OK")).status()).isEqualTo(403);
    assertThat(api.postJson("/api/messages/receipts", null, Map.of("messageId", "MSG-2026-000001", "status", "OK"))
        .status()).isEqualTo(401);

    // a journal note to the record system, acknowledged by its receipt a few seconds after delivery
    int before = PLATFORM.municipalRecord().received().size();
    String acknowledged = transaction.execute(status -> {
      Patient patient = patients.register(NationalIdentityNumber.parse(Referrals.syntheticNationalId()), "Test", "Pasient",
          "1804", no.carepath.patient.PatientService.NameSource.REFERRAL, "TEST");
      return outbox.send(new Outbox.Outgoing(Channel.MUNICIPAL_RECORD, "JOURNALNOTAT", "1804", patient.id(), "EP-TEST",
          "Journalnotat", Map.of("text", "Samtale med pasienten.", "author", "Jonas Lie"), "home-follow-up-nurses"));
    });
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> jdbc.sql("select status from messaging_outbox where message_id = :id").param("id", acknowledged)
            .query(String.class).single(), "ACKNOWLEDGED"::equals);
    assertThat(PLATFORM.municipalRecord().received()).hasSize(before + 1);
    assertThat(PLATFORM.municipalRecord().received().get(before).path("text").asText()).isEqualTo("Samtale med pasienten.");
    assertThat(api.postJson("/api/messages/receipts", api.hospitalToken(), Map.of("messageId", acknowledged,
        "status", "REJECTED")).status()).as("the hospital confirms only what was sent to it").isEqualTo(404);
    Api.Response future = api.postJson("/api/messages/receipts", api.messagingToken(), Map.of("messageId", acknowledged,
        "status", "OK", "receivedAt", "2099-01-01T00:00:00Z"));
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.body()).contains("fram i tid");
    Api.Response again = api.postJson("/api/messages/receipts", api.messagingToken(),
        Map.of("messageId", acknowledged, "status", "REJECTED", "text", "Sent avvisning"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    assertThat(jdbc.sql("select status from messaging_outbox where message_id = :id").param("id", acknowledged)
        .query(String.class).single()).isEqualTo("ACKNOWLEDGED");
  }
}
