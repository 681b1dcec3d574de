package no.carepath.transitions;

import jakarta.validation.Valid;
import no.carepath.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/hospital/messages}: only the hospital integration's client-credentials token
 * (group {@code system-hospital}) gets here. 202 for a new message, 200 with {@code duplicate: true}
 * for one received before; 400 with the fields at fault, and nothing stored, for bad input.
 */
@RestController
@RequestMapping("/api/hospital")
class HospitalMessageController {

  private final HospitalMessages messages;

  HospitalMessageController(HospitalMessages messages) {
    this.messages = messages;
  }

  @PostMapping("/messages")
  ResponseEntity<HospitalMessage.Receipt> receive(@Valid @RequestBody HospitalMessage message) {
    HospitalMessage.Receipt receipt = messages.receive(message, Actor.current());
    return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(receipt);
  }
}
