package no.carepath.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.carepath.platform.RequestRejectedException;
import no.carepath.platform.RequestRejectedException.FieldProblem;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
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
  private final Clock clock;

  ReceiptController(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @PostMapping("/receipts")
  ResponseEntity<ReceiptAnswer> receipt(@jakarta.validation.Valid @RequestBody ReceiptRequest request) {
    if (request.receivedAt() != null && request.receivedAt().isAfter(clock.instant().plus(Duration.ofMinutes(10)))) {
      throw RequestRejectedException.invalid(List.of(
          new FieldProblem("receivedAt",
              "Tidspunktet kan ikke være fram i tid (" + request.receivedAt() + ").")));
    }
    Actor actor = Actor.current();
    // the message service confirms every channel it carries; the hospital only what was sent to it
    Set<Channel> channels = actor.isMemberOf(CarepathGroups.SYSTEM_MESSAGING)
        ? EnumSet.allOf(Channel.class) : EnumSet.of(Channel.HOSPITAL);
    boolean first = outbox.recordReceipt(new Outbox.Receipt(request.messageId().strip(), request.status(),
        request.text() == null ? null : request.text().strip(), request.receivedAt()), actor.municipalities(), channels);
    return ResponseEntity.ok(new ReceiptAnswer(request.messageId(), !first));
  }
}
