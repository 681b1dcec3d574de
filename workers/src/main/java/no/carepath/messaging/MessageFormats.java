package no.carepath.messaging;

import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.carepath.patient.Patient;
import no.carepath.security.Municipalities;
import no.carepath.platform.OutboundHttp;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The wire format of each channel: what the worker POSTs, where, and which field of the answer is
 * the receiver's id. Every request carries the transmission's idempotency key, both as the
 * {@code Idempotency-Key} header and in the body, and the patient as the receiver needs them
 * (national ID, name, birth date), read from the patient register at delivery.
 *
 * <ul>
 *   <li>GP_DIALOGUE: {@code POST {url}/dialogmeldinger} (helsefaglig dialog through the message service)</li>
 *   <li>DECISION_LETTER: {@code POST {url}/forsendelser} with the PDF (SvarUt-like letter dispatch)</li>
 *   <li>HOSPITAL: {@code POST {url}/plo-meldinger} (PLO messages such as the innleggelsesrapport)</li>
 *   <li>MUNICIPAL_RECORD: {@code POST {url}/journalnotater} (journal notes to the EPJ)</li>
 *   <li>HEALTH_SUPERVISION: {@code POST {url}/varsler} (a serious event to Helsetilsynet, «Én vei inn»): the
 *   avvik's reference and texts, the municipality and a contact; no patient, and nothing read from the register</li>
 * </ul>
 */
@Component
class MessageFormats {

  private static final List<String> REMOTE_ID_FIELDS = List.of("receiptId", "dispatchId", "documentId", "id");

  private final Map<Channel, RestClient> clients = new EnumMap<>(Channel.class);
  private final List<DocumentSource> documents;
  private final Municipalities municipalities;

  MessageFormats(MessagingProperties properties, RestClient.Builder builder, List<DocumentSource> documents,
      Municipalities municipalities) {
    for (Channel channel : Channel.values()) {
      MessagingProperties.Endpoint endpoint = properties.endpoint(channel);
      clients.put(channel, OutboundHttp.client(builder.clone(), endpoint.url().toString(), endpoint.connectTimeout(),
          endpoint.readTimeout()));
    }
    this.documents = documents;
    this.municipalities = municipalities;
  }

  /** Delivers the message; returns the receiver's id for it. */
  String deliver(Outbox.Message message, Patient patient) {
    String path = switch (message.channel()) {
      case GP_DIALOGUE -> "/dialogmeldinger";
      case DECISION_LETTER -> "/forsendelser";
      case HOSPITAL -> "/plo-meldinger";
      case MUNICIPAL_RECORD -> "/journalnotater";
      case HEALTH_SUPERVISION -> "/varsler";
    };
    Map<String, Object> body = switch (message.channel()) {
      case GP_DIALOGUE -> dialogue(message, patient);
      case DECISION_LETTER -> letter(message, patient);
      case HOSPITAL -> ploMessage(message, patient);
      case MUNICIPAL_RECORD -> journalNote(message, patient);
      case HEALTH_SUPERVISION -> seriousEventNotification(message);
    };
    String system = switch (message.channel()) {
      case GP_DIALOGUE, HOSPITAL -> "The message service";
      case DECISION_LETTER -> "The letter-dispatch service";
      case MUNICIPAL_RECORD -> "The record system";
      case HEALTH_SUPERVISION -> "Helsetilsynet's reception";
    };
    Map<?, ?> answer = OutboundHttp.call(system, () -> clients.get(message.channel()).post().uri(path)
        .header("Idempotency-Key", message.idempotencyKey()).contentType(MediaType.APPLICATION_JSON).body(body)
        .retrieve().body(Map.class));
    if (answer != null) {
      for (String field : REMOTE_ID_FIELDS) {
        if (answer.get(field) != null) {
          return answer.get(field).toString();
        }
      }
    }
    throw new OutboundHttp.Unavailable(system + " answered without an id for the message", null);
  }

  private Map<String, Object> dialogue(Outbox.Message message, Patient patient) {
    if (message.text("gpName") == null && message.text("gpHprNumber") == null) {
      throw new OutboundHttp.Refused("Pasienten har ingen fastlege registrert. Registrer fastlegen og prøv"
          + " oppgaven på nytt i Cockpit.");
    }
    Map<String, Object> body = header(message, patient);
    body.put("dialogueId", message.text("dialogueId"));
    body.put("answerExpected", Boolean.TRUE.equals(message.payload().get("answerExpected")));
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("name", message.text("gpName"));
    recipient.put("hprNumber", message.text("gpHprNumber"));
    body.put("recipient", recipient);
    body.put("subject", message.subject());
    body.put("text", message.text("text"));
    return body;
  }

  private Map<String, Object> letter(Outbox.Message message, Patient patient) {
    String documentId = message.text("documentId");
    DocumentSource.Document document = documents.stream().filter(source -> source.serves(message.kind()))
        .findFirst().flatMap(source -> source.document(documentId))
        .orElseThrow(() -> new OutboundHttp.Refused("Dokumentet " + documentId + " til melding " + message.messageId()
            + " finnes ikke."));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("idempotencyKey", message.idempotencyKey());
    body.put("caseId", message.reference());
    body.put("municipalityNumber", message.municipalityNumber());
    body.put("title", message.subject());
    body.put("recipient", Map.of("nationalId", patient.nationalId().value(), "name", patient.fullName()));
    body.put("document", Map.of("filename", document.filename(), "mimeType", document.mimeType(),
        "contentBase64", Base64.getEncoder().encodeToString(document.content())));
    return body;
  }

  private Map<String, Object> ploMessage(Outbox.Message message, Patient patient) {
    Map<String, Object> body = header(message, patient);
    body.put("recipient", Map.of("name", String.valueOf(message.text("hospitalName")),
        "organisation", String.valueOf(message.text("hospitalOrganisation"))));
    body.put("subject", message.subject());
    body.put("content", message.payload().get("content"));
    return body;
  }

  private Map<String, Object> journalNote(Outbox.Message message, Patient patient) {
    Map<String, Object> body = header(message, patient);
    body.put("reference", message.reference());
    body.put("title", message.subject());
    body.put("text", message.text("text"));
    body.put("author", message.text("author"));
    body.put("writtenAt", message.createdAt().toString());
    return body;
  }

  /** The payload's own fields, named; no patient field exists in this format. */
  static final List<String> NOTIFICATION_FIELDS = List.of("incidentReference", "kind", "category", "consequence",
      "happenedAt", "text", "contactName", "contactPhone");

  private Map<String, Object> seriousEventNotification(Outbox.Message message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgId", message.idempotencyKey());
    body.put("type", message.kind());
    body.put("sender", Map.of("municipalityNumber", message.municipalityNumber(),
        "municipality", municipalities.nameOrNumber(message.municipalityNumber()),
        "service", String.valueOf(message.payload().getOrDefault("senderService", "Helse og omsorg"))));
    body.put("subject", message.subject());
    for (String field : NOTIFICATION_FIELDS) {
      body.put(field, message.text(field));
    }
    return body;
  }

  private Map<String, Object> header(Outbox.Message message, Patient patient) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgId", message.idempotencyKey());
    body.put("type", message.kind());
    body.put("sender", Map.of("municipalityNumber", message.municipalityNumber(),
        "municipality", municipalities.nameOrNumber(message.municipalityNumber()),
        "service", String.valueOf(message.payload().getOrDefault("senderService", "Helse og omsorg"))));
    body.put("patient", Map.of("nationalId", patient.nationalId().value(), "name", patient.fullName(),
        "birthDate", patient.birthDate().toString()));
    return body;
  }
}
