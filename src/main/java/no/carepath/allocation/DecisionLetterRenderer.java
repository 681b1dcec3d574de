package no.carepath.allocation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import no.carepath.platform.Documents;
import org.springframework.stereotype.Component;

/**
 * Renders the decision letter through {@link Documents} from
 * {@code templates/documents/decision-letter.html}, which holds the wording and the layout (a
 * municipality adapts the letter there). The letter is PDF/A-2u with an embedded font, so a name is
 * printed as it is written, Sámi letters included.
 */
@Component
class DecisionLetterRenderer {

  static final String TEMPLATE = "documents/decision-letter";

  /**
   * What goes into one letter, as the template shows it. {@code services}, {@code scope} and
   * {@code startDate} are shown only when {@code granted}; {@code appeal} adds that the case was
   * reconsidered after an appeal.
   */
  record Letter(String title, String municipalityName, String recipientName, String recipientNationalId,
      String caseId, String letterDate, String signerName, String channelText, String receivedDate,
      boolean granted, boolean appeal, List<String> services, String scope, String startDate, String reason,
      String legalBasis, String appealWindow) {

    Letter {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(municipalityName, "municipalityName");
      Objects.requireNonNull(recipientName, "recipientName");
      Objects.requireNonNull(recipientNationalId, "recipientNationalId");
      Objects.requireNonNull(caseId, "caseId");
      Objects.requireNonNull(letterDate, "letterDate");
      Objects.requireNonNull(signerName, "signerName");
      Objects.requireNonNull(channelText, "channelText");
      Objects.requireNonNull(receivedDate, "receivedDate");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(legalBasis, "legalBasis");
      Objects.requireNonNull(appealWindow, "appealWindow");
      services = List.copyOf(services);
      if (granted && (services.isEmpty() || scope == null || startDate == null)) {
        throw new IllegalArgumentException("A letter that grants services needs the services, their scope and start date");
      }
    }
  }

  private final Documents documents;

  DecisionLetterRenderer(Documents documents) {
    this.documents = documents;
  }

  byte[] render(Letter letter) {
    return documents.pdf(TEMPLATE, Map.of("letter", letter));
  }
}
