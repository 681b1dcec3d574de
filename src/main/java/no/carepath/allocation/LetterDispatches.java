package no.carepath.allocation;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.messaging.DocumentSource;
import no.carepath.messaging.Outbox;
import no.carepath.security.Actor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The decision letters' side of the outbox: gives the worker the letter's PDF, and when the
 * letter-dispatch service has taken a letter, records it on the letter and the case
 * ({@code LETTER_SENT}) in the same transaction.
 */
@Component
class LetterDispatches implements DocumentSource {

  private final CaseStore store;
  private final Outbox outbox;

  LetterDispatches(CaseStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  public boolean serves(String kind) {
    return SendDecisionLetterDelegate.KIND.equals(kind);
  }

  @Override
  public Optional<Document> document(String documentId) {
    return store.findLetter(UUID.fromString(documentId))
        .map(letter -> new Document("vedtak-" + letter.caseId() + ".pdf", "application/pdf", letter.pdf()));
  }

  @EventListener
  void on(Outbox.Sent sent) {
    if (!SendDecisionLetterDelegate.KIND.equals(sent.kind())) {
      return;
    }
    String letterId = outbox.find(sent.messageId()).map(message -> message.text("documentId")).orElseThrow();
    if (store.markLetterDispatched(UUID.fromString(letterId), sent.remoteId(), sent.sentAt())) {
      store.addEvent(sent.reference(), sent.sentAt(), Actor.current().id(), "LETTER_DISPATCHED",
          Map.of("dispatchId", sent.remoteId(), "messageId", sent.messageId()));
      store.updateStatus(sent.reference(), CaseStatus.LETTER_SENT);
    }
  }
}
