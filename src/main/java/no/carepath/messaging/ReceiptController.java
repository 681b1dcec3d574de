package no.carepath.messaging;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.carepath.security.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/messages/receipts}: the application receipt (applikasjonskvittering) of a
 * message Carepath sent, from the message service, the letter-dispatch service, the hospital or
 * the record system. {@code messageId} is the idempotency key Carepath sent; 200 with
 * {@code duplicate: true} for a receipt already recorded or one for an earlier transmission.
 */
@RestController
@RequestMapping("/api/messages")
class ReceiptController {

  record ReceiptRequest(
      @NotBlank(message = "messageId (meldingsid-en Carepath sendte som Idempotency-Key) mangler.")
      @Size(max = 30, message = "messageId kan ha høyst 30 tegn.") String messageId,
      @NotBlank(message = "status mangler: OK, OK_WITH_ERRORS eller REJECTED.")
      @Pattern(regexp = "OK|OK_WITH_ERRORS|REJECTED", message = "status må være OK, OK_WITH_ERRORS eller REJECTED.") String status,
      @Size(max = 2000, message = "text kan ha høyst 2000 tegn.") String text,
      Instant receivedAt) {
  }

  record ReceiptAnswer(String messageId, boolean duplicate) {
  }

  private final Outbox outbox;

  ReceiptController(Outbox outbox) {
    this.outbox = outbox;
  }

  @PostMapping("/receipts")
  ResponseEntity<ReceiptAnswer> receipt(@jakarta.validation.Valid @RequestBody ReceiptRequest request) {
    boolean first = outbox.recordReceipt(new Outbox.Receipt(request.messageId().strip(), request.status(),
        request.text() == null ? null : request.text().strip(), request.receivedAt()), Actor.current().municipalities());
    return ResponseEntity.ok(new ReceiptAnswer(request.messageId(), !first));
  }
}
