package no.carepath.escalation;

import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.patient.Patient;
import no.carepath.platform.OutboundHttp;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * HTTP client of the municipality's message service for dialogue messages (helsefaglig dialog
 * v1.1, sent on over the health network): {@code POST {url}/dialogmeldinger} with the message id as
 * idempotency key, so a retry after a lost answer never sends the message twice. The service
 * answers with its application receipt id (kvittering).
 */
@Component
class DialogueClient {

  record Receipt(String receiptId) {
  }

  private final RestClient http;

  DialogueClient(EscalationProperties properties, RestClient.Builder builder) {
    EscalationProperties.GpDialogue settings = properties.gpDialogue();
    this.http = OutboundHttp.client(builder, settings.url().toString(), settings.connectTimeout(), settings.readTimeout());
  }

  Receipt send(GpDialogue.Message message, Patient patient, String municipalityName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgId", message.dialogueId());
    body.put("type", switch (message.kind()) {
      case INFORMATION -> "ORIENTERING";
      case REMINDER -> "PURRING";
      default -> "FORESPORSEL";
    });
    body.put("answerExpected", message.answerMessage() != null);
    body.put("sender", Map.of("municipalityNumber", message.municipalityNumber(), "municipality", municipalityName,
        "service", "Digital hjemmeoppfølging (sykepleietjeneste)"));
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("name", message.gpName());
    recipient.put("hprNumber", message.gpHprNumber());
    body.put("recipient", recipient);
    body.put("patient", Map.of("nationalId", patient.nationalId().value(), "name", patient.fullName(),
        "birthDate", patient.birthDate().toString()));
    body.put("subject", message.subject());
    body.put("text", message.text());
    Map<?, ?> answer = OutboundHttp.call("The message service", () -> http.post().uri("/dialogmeldinger")
        .header("Idempotency-Key", message.dialogueId()).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().body(Map.class));
    Object receipt = answer == null ? null : answer.get("receiptId");
    if (receipt == null) {
      throw new OutboundHttp.Unavailable("The message service answered without a receipt id", null);
    }
    return new Receipt(receipt.toString());
  }
}
