package no.carepath.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.patient.PatientService;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: {@link #send} writes a message and starts its {@code messaging-outbound-message}
 * process in the caller's transaction, so a process step and the message it sends commit together
 * or not at all. The rest records what happens to the message on its way: sent (with the
 * receiver's id), the application receipt, a deliberate resend, and how a person resolved a
 * rejected or missing receipt.
 */
@Service
public class Outbox {

  public enum Status { PENDING, SENT, ACKNOWLEDGED, REJECTED, NO_RECEIPT, RESOLVED }

  /**
   * A message to send.
   *
   * @param kind the message type on the wire, e.g. {@code FORESPORSEL}, {@code VEDTAKSBREV}
   * @param reference the case, episode, dialogue message, letter or hospital stay it belongs to
   * @param payload what the channel's format needs (text, recipient, ...), never the national ID
   * @param responsibleGroup the candidate group that follows up a rejected or missing receipt
   */
  public record Outgoing(Channel channel, String kind, String municipalityNumber, UUID patientId, String reference,
      String subject, Map<String, Object> payload, String responsibleGroup) {
  }

  public record Message(String messageId, Channel channel, String kind, String municipalityNumber, UUID patientId,
      String reference, String subject, Map<String, Object> payload, String responsibleGroup, Status status,
      int transmission, Instant createdAt, Instant sentAt, String remoteId, Instant receiptAt, String receiptStatus,
      String receiptText, Instant resolvedAt, String resolvedBy, String resolution) {

    /** The idempotency key of the current transmission: the message id, then {@code -2}, {@code -3} for resends. */
    public String idempotencyKey() {
      return transmission == 1 ? messageId : messageId + "-" + transmission;
    }

    public String text(String key) {
      Object value = payload.get(key);
      return value == null ? null : value.toString();
    }
  }

  /** What a person (or an API client) sees of a message: no payload, no patient. */
  public record Summary(String messageId, Channel channel, String kind, String subject, Status status, int transmission,
      Instant createdAt, Instant sentAt, Instant receiptAt, String receiptStatus, String receiptText, String resolution) {

    /** The status in Norwegian, for pages. */
    public String statusText() {
      return switch (status) {
        case PENDING -> transmission > 1 ? "Sendes på nytt" : "Venter på sending";
        case SENT -> "Sendt, venter på kvittering";
        case ACKNOWLEDGED -> "OK_WITH_ERRORS".equals(receiptStatus) ? "Mottatt (med merknader)" : "Mottatt og kvittert";
        case REJECTED -> "Avvist av mottakeren";
        case NO_RECEIPT -> "Ingen kvittering";
        case RESOLVED -> "Fulgt opp manuelt";
      };
    }
  }

  /** Published in the transaction that records that the receiver took a message. */
  public record Sent(String messageId, Channel channel, String kind, String reference, String remoteId, Instant sentAt) {
  }

  /** Published in the transaction that records a receipt. */
  public record ReceiptRecorded(String messageId, Channel channel, String kind, String reference, String status) {
  }

  /** An application receipt (kvittering) as the receiving system reports it. */
  public record Receipt(String messageKey, String status, String text, Instant receivedAt) {
  }

  public static final Set<String> RECEIPT_STATUSES = Set.of("OK", "OK_WITH_ERRORS", "REJECTED");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final OutboundMessageProcess process;
  private final PatientService patients;
  private final MessagingProperties properties;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;
  private final Clock clock;

  Outbox(JdbcClient jdbc, OutboundMessageProcess process, PatientService patients, MessagingProperties properties,
      ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.process = process;
    this.patients = patients;
    this.properties = properties;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  /** What the follow-up task's card and form show as the patient of a message about none. */
  static final String NO_PATIENT_LABEL = "Ingen pasient i meldingen";

  /**
   * Writes the message and starts its delivery process, in the caller's transaction; returns the
   * message id. A channel that carries a patient needs one; Helsetilsynet's must have none.
   */
  @Transactional
  public String send(Outgoing outgoing) {
    if (outgoing.channel().carriesPatient() != (outgoing.patientId() != null)) {
      throw new IllegalArgumentException(outgoing.channel() + (outgoing.channel().carriesPatient()
          ? " messages name their patient" : " messages must not name a patient"));
    }
    String messageId = String.format("MSG-%d-%06d", Year.now(clock).getValue(),
        jdbc.sql("select nextval('messaging_outbox_number')").query(Long.class).single());
    jdbc.sql("""
            insert into messaging_outbox (message_id, channel, kind, municipality_number, patient_id, reference, subject,
              payload, responsible_group, status, transmission, created_by, created_at)
            values (:id, :channel, :kind, :municipality, :patientId, :reference, :subject, cast(:payload as jsonb),
              :group, 'PENDING', 1, :createdBy, :now)
            """)
        .param("id", messageId).param("channel", outgoing.channel().name()).param("kind", outgoing.kind())
        .param("municipality", outgoing.municipalityNumber()).param("patientId", outgoing.patientId())
        .param("reference", outgoing.reference()).param("subject", outgoing.subject())
        .param("payload", write(outgoing.payload())).param("group", outgoing.responsibleGroup())
        .param("createdBy", Actor.current().id()).param("now", Timestamp.from(clock.instant()))
        .update();
    Map<String, Object> variables = new HashMap<>();
    variables.put(MessagingVariables.MESSAGE_ID, messageId);
    variables.put(MessagingVariables.CHANNEL, outgoing.channel().name());
    variables.put(MessagingVariables.RESPONSIBLE_GROUP, outgoing.responsibleGroup());
    variables.put(MessagingVariables.MESSAGE_HEADLINE, outgoing.subject());
    variables.put(MessagingVariables.MESSAGE_REFERENCE, outgoing.reference());
    variables.put(MessagingVariables.MUNICIPALITY_NUMBER, outgoing.municipalityNumber());
    if (outgoing.patientId() != null) {
      variables.put(MessagingVariables.PATIENT_ID, outgoing.patientId().toString());
      variables.put(MessagingVariables.PATIENT_LABEL, patients.label(outgoing.patientId()));
    } else {
      variables.put(MessagingVariables.PATIENT_LABEL, NO_PATIENT_LABEL);
    }
    variables.put(MessagingVariables.RECEIPT_TIMEOUT, properties.receiptTimeout().toString());
    process.start(messageId, variables);
    return messageId;
  }

  public Optional<Message> find(String messageId) {
    return jdbc.sql("select * from messaging_outbox where message_id = :id").param("id", messageId)
        .query(this::row).optional();
  }

  /** The messages of a case, episode or stay, newest first. */
  public List<Message> ofReferences(java.util.Collection<String> references) {
    if (references.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from messaging_outbox where reference in (:refs) order by created_at desc, message_id desc")
        .param("refs", references).query(this::row).list();
  }

  /** The messages of a case, episode or stay, newest first, as people see them. */
  public List<Summary> summaries(java.util.Collection<String> references) {
    return ofReferences(references).stream().map(m -> new Summary(m.messageId(), m.channel(), m.kind(), m.subject(),
        m.status(), m.transmission(), m.createdAt(), m.sentAt(), m.receiptAt(), m.receiptStatus(), m.receiptText(),
        m.resolution())).toList();
  }

  /** Counts per status, for the metrics. */
  Map<String, Long> countByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status.name(), 0L);
    }
    jdbc.sql("select status, count(*) as n from messaging_outbox group by status")
        .query((row, n) -> counts.put(row.getString("status"), row.getLong("n"))).list();
    return counts;
  }

  /**
   * The receiver took transmission {@code transmission}; a repeated call (a retry after a lost
   * answer) changes nothing.
   *
   * @return {@code true} when this call recorded it
   */
  @Transactional
  public boolean markSent(String messageId, int transmission, String remoteId) {
    Instant now = clock.instant();
    int updated = jdbc.sql("""
            update messaging_outbox set status = case when status = 'PENDING' then 'SENT' else status end,
              sent_at = :now, remote_id = :remote
            where message_id = :id and transmission = :transmission and sent_at is null
            """)
        .param("now", Timestamp.from(now)).param("remote", remoteId).param("id", messageId)
        .param("transmission", transmission).update();
    if (updated == 1) {
      Message message = find(messageId).orElseThrow();
      events.publishEvent(new Sent(messageId, message.channel(), message.kind(), message.reference(), remoteId, now));
    }
    return updated == 1;
  }

  /**
   * Records the receiver's application receipt and wakes the message's process. A receipt for an
   * earlier transmission, or a repeated one, is acknowledged and ignored.
   *
   * @return {@code true} when this receipt was recorded
   */
  @Transactional
  public boolean recordReceipt(Receipt receipt, Set<String> municipalities, Set<Channel> channels) {
    String key = receipt.messageKey();
    int dash = key.indexOf('-', "MSG-2026-000001".length());
    String messageId = dash < 0 ? key : key.substring(0, dash);
    int transmission = 1;
    if (dash >= 0) {
      try {
        transmission = Integer.parseInt(key.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw unknown(key);
      }
    }
    Message message = jdbc.sql("select message_id from messaging_outbox where message_id = :id for update")
        .param("id", messageId).query(String.class).optional().flatMap(this::find)
        .filter(found -> municipalities.contains(found.municipalityNumber()) && channels.contains(found.channel()))
        .orElseThrow(() -> unknown(key));
    if (message.transmission() != transmission || message.receiptAt() != null || message.status() == Status.RESOLVED) {
      return false;
    }
    Status status = "REJECTED".equals(receipt.status()) ? Status.REJECTED : Status.ACKNOWLEDGED;
    Instant at = receipt.receivedAt() == null ? clock.instant() : receipt.receivedAt();
    jdbc.sql("""
            update messaging_outbox set status = :status, receipt_at = :at, receipt_status = :receiptStatus,
              receipt_text = :text
            where message_id = :id
            """)
        .param("status", status.name()).param("at", Timestamp.from(at)).param("receiptStatus", receipt.status())
        .param("text", receipt.text()).param("id", messageId).update();
    process.receiptReceived(messageId, receipt.status(), receipt.text());
    events.publishEvent(new ReceiptRecorded(messageId, message.channel(), message.kind(), message.reference(),
        receipt.status()));
    return true;
  }

  /**
   * Whether the receipt of the current transmission is in, with the message locked: a receipt that
   * arrives while the delivery is being completed waits for this transaction, then finds the
   * process waiting for it; one that came earlier is seen here.
   */
  @Transactional
  public Optional<String> lockedReceiptStatus(String messageId) {
    return jdbc.sql("select receipt_status from messaging_outbox where message_id = :id for update")
        .param("id", messageId).query((row, n) -> Optional.ofNullable(row.getString("receipt_status"))).single();
  }

  /** No receipt came in time (the process's timer). */
  @Transactional
  public void recordNoReceipt(String messageId) {
    jdbc.sql("update messaging_outbox set status = 'NO_RECEIPT' where message_id = :id and status in ('PENDING', 'SENT')")
        .param("id", messageId).update();
  }

  /** A person decided to send the message again: a new transmission with its own idempotency key. */
  @Transactional
  public void prepareResend(String messageId) {
    jdbc.sql("""
            update messaging_outbox set status = 'PENDING', transmission = transmission + 1, sent_at = null,
              remote_id = null, receipt_at = null, receipt_status = null, receipt_text = null
            where message_id = :id
            """)
        .param("id", messageId).update();
  }

  /** A person followed up a rejected or missing receipt some other way. */
  @Transactional
  public void resolve(String messageId, String resolution) {
    Actor actor = Actor.current();
    jdbc.sql("""
            update messaging_outbox set status = 'RESOLVED', resolved_at = :now, resolved_by = :by, resolution = :text
            where message_id = :id
            """)
        .param("now", Timestamp.from(clock.instant())).param("by", actor.id()).param("text", resolution)
        .param("id", messageId).update();
  }

  private static RequestRejectedException unknown(String key) {
    return RequestRejectedException.notFound("Finner ingen melding med id «" + key + "» i kommunene du sender for."
        + " messageId må være meldingsid-en Carepath sendte (Idempotency-Key).");
  }

  private String write(Map<String, Object> payload) {
    try {
      return json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not JSON", e);
    }
  }

  private Message row(ResultSet row, int number) throws SQLException {
    Map<String, Object> payload;
    try {
      payload = json.readValue(row.getString("payload"), MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload of " + row.getString("message_id"), e);
    }
    return new Message(row.getString("message_id"), Channel.valueOf(row.getString("channel")), row.getString("kind"),
        row.getString("municipality_number"), row.getObject("patient_id", UUID.class), row.getString("reference"),
        row.getString("subject"), payload, row.getString("responsible_group"), Status.valueOf(row.getString("status")),
        row.getInt("transmission"), instant(row, "created_at"), instant(row, "sent_at"), row.getString("remote_id"),
        instant(row, "receipt_at"), row.getString("receipt_status"), row.getString("receipt_text"),
        instant(row, "resolved_at"), row.getString("resolved_by"), row.getString("resolution"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
