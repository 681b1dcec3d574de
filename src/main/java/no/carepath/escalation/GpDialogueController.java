package no.carepath.escalation;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.carepath.platform.PlainText;
import no.carepath.security.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/gp/dialogue-answers}: the municipality's message service delivers a GP's answer
 * (svar på forespørsel) to a dialogue message Carepath sent. Only the message service's
 * client-credentials token (group {@code system-messaging}) gets here. 200 with
 * {@code duplicate: true} for an answer already received.
 */
@RestController
@RequestMapping("/api/gp")
class GpDialogueController {

  record From(@Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Navn kan ha høyst 200 tegn.") String name,
      @Pattern(regexp = "\\d{7,9}", message = "HPR-nummer må være 7 til 9 sifre.") String hprNumber) {
  }

  record AnswerRequest(
      @NotBlank(message = "inReplyTo (id-en til meldingen det svares på) mangler.") @Size(max = 20, message = "inReplyTo kan ha høyst 20 tegn.") String inReplyTo,
      @NotBlank(message = "Svarteksten mangler.") @Size(max = 8000, message = "Svarteksten kan ha høyst 8000 tegn.") String text,
      Boolean approved,
      @Valid From from,
      Instant answeredAt) {
  }

  record AnswerReceipt(String inReplyTo, boolean duplicate) {
  }

  private final GpDialogue dialogue;

  GpDialogueController(GpDialogue dialogue) {
    this.dialogue = dialogue;
  }

  @PostMapping("/dialogue-answers")
  ResponseEntity<AnswerReceipt> answer(@Valid @RequestBody AnswerRequest request) {
    boolean first = dialogue.recordAnswer(new GpDialogue.Answer(request.inReplyTo().strip(), request.text().strip(),
        request.approved(), request.from() == null ? null : request.from().name(),
        request.from() == null ? null : request.from().hprNumber(), request.answeredAt()), Actor.current().municipalities());
    return ResponseEntity.ok(new AnswerReceipt(request.inReplyTo(), !first));
  }
}
