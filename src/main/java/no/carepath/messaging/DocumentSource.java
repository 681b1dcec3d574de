package no.carepath.messaging;

import java.util.Optional;

/**
 * A module that sends a document (a PDF) names it in the message's payload ({@code documentId}) and
 * gives it to the worker through this interface, so the document is stored once, where it belongs.
 */
public interface DocumentSource {

  record Document(String filename, String mimeType, byte[] content) {
  }

  /** Whether this source holds the documents of {@code kind} messages (e.g. {@code VEDTAKSBREV}). */
  boolean serves(String kind);

  Optional<Document> document(String documentId);
}
