package no.carepath.escalation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.platform.RequestRejectedException;
import no.carepath.security.CarepathGroups;
import no.carepath.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dialogue messages (helsefaglig dialog) with the patient's GP. A message is written in the same
 * transaction as the process step that needs it ({@link #prepare}), and goes out through the
 * outbox ({@link Outbox}), with retries, an incident when the message service stays down, and its
 * application receipt. The GP's answer arrives over REST and is correlated to the process
 * instance that waits for it, by the message id, never by a variable filter.
 */
@Service
public class GpDialogue {

  public enum Kind {
    /** Forespørsel: a question that needs an answer. */
    REQUEST,
    /** A new version of the self-management plan for the GP's approval. */
    PLAN_APPROVAL,
    /** Orientering: information that needs no answer (e.g. the final summary). */
    INFORMATION,
    /** Purring: a reminder of an unanswered message. */
    REMINDER
  }

  /**
   * @param processInstanceId the process instance that waits for the answer, or {@code null}
   * @param answerMessage the BPMN message to correlate with the answer, or {@code null} when none is expected
   */
  public record Request(UUID patientId, String episodeId, String municipalityNumber, Kind kind, String subject,
      String text, String gpName, String gpHprNumber, String processInstanceId, String answerMessage) {
  }

  public record Message(String dialogueId, UUID patientId, String episodeId, String municipalityNumber, Kind kind,
      String subject, String text, String gpName, String gpHprNumber, String processInstanceId, String answerMessage,
      String status, Instant createdAt, Instant sentAt, String receiptId, Instant answeredAt, String answerText,
      Boolean answerApproved, String answerFrom) {
  }

  /** An answer from the GP, as the message service delivers it. */
  public record Answer(String inReplyTo, String text, Boolean approved, String fromName, String fromHprNumber,
      Instant answeredAt) {
  }

  /** Published when a nurse records a contact with the GP or legevakt (phone, answer, reminder). */
  public record GpContactRecorded(String episodeId, String deviationId, String kind, String text, String actorId,
      String actorName) {
  }

  private final JdbcClient jdbc;
  private final DialogueProcess process;
  private final Outbox outbox;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  GpDialogue(JdbcClient jdbc, DialogueProcess process, Outbox outbox, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.process = process;
    this.outbox = outbox;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Writes the message (status PENDING) and puts it in the outbox, in the caller's transaction;
   * returns its id, which the GP's answer refers to.
   */
  public String prepare(Request request) {
    String dialogueId = String.format("DLG-%d-%06d", Year.now(clock).getValue(),
        jdbc.sql("select nextval('escalation_dialogue_number')").query(Long.class).single());
    jdbc.sql("""
            insert into escalation_dialogue (dialogue_id, episode_id, patient_id, municipality_number, kind, subject, text,
              gp_name, gp_hpr_number, process_instance_id, answer_message, status, created_by, created_at)
            values (:id, :episodeId, :patientId, :municipality, :kind, :subject, :text, :gpName, :gpHpr, :pi, :answer,
              'PENDING', :createdBy, :now)
            """)
        .param("id", dialogueId).param("episodeId", request.episodeId()).param("patientId", request.patientId())
        .param("municipality", request.municipalityNumber()).param("kind", request.kind().name())
        .param("subject", request.subject()).param("text", request.text()).param("gpName", request.gpName())
        .param("gpHpr", request.gpHprNumber()).param("pi", request.processInstanceId())
        .param("answer", request.answerMessage()).param("createdBy", Actor.current().id())
        .param("now", Timestamp.from(clock.instant()))
        .update();
    java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("dialogueId", dialogueId);
    payload.put("gpName", request.gpName());
    payload.put("gpHprNumber", request.gpHprNumber());
    payload.put("answerExpected", request.answerMessage() != null);
    payload.put("text", request.text());
    payload.put("senderService", "Digital hjemmeoppfølging (sykepleietjeneste)");
    outbox.send(new Outbox.Outgoing(Channel.GP_DIALOGUE, switch (request.kind()) {
      case INFORMATION -> "ORIENTERING";
      case REMINDER -> "PURRING";
      default -> "FORESPORSEL";
    }, request.municipalityNumber(), request.patientId(), request.episodeId(), request.subject(), payload,
        CarepathGroups.HOME_FOLLOW_UP_NURSES));
    return dialogueId;
  }

  /** The message service took a dialogue message: it is sent. */
  @EventListener
  void on(Outbox.Sent sent) {
    if (sent.channel() == Channel.GP_DIALOGUE) {
      outbox.find(sent.messageId()).map(message -> message.text("dialogueId"))
          .ifPresent(dialogueId -> markSent(dialogueId, sent.remoteId()));
    }
  }

  public Optional<Message> find(String dialogueId) {
    return jdbc.sql("select * from escalation_dialogue where dialogue_id = :id").param("id", dialogueId)
        .query((row, n) -> new Message(row.getString("dialogue_id"), row.getObject("patient_id", UUID.class),
            row.getString("episode_id"), row.getString("municipality_number"), Kind.valueOf(row.getString("kind")),
            row.getString("subject"), row.getString("text"), row.getString("gp_name"), row.getString("gp_hpr_number"),
            row.getString("process_instance_id"), row.getString("answer_message"), row.getString("status"),
            row.getTimestamp("created_at").toInstant(),
            row.getTimestamp("sent_at") == null ? null : row.getTimestamp("sent_at").toInstant(),
            row.getString("receipt_id"),
            row.getTimestamp("answered_at") == null ? null : row.getTimestamp("answered_at").toInstant(),
            row.getString("answer_text"), (Boolean) row.getObject("answer_approved"), row.getString("answer_from")))
        .optional();
  }

  public List<Message> ofEpisode(String episodeId) {
    return jdbc.sql("select dialogue_id from escalation_dialogue where episode_id = :id order by created_at desc")
        .param("id", episodeId).query(String.class).list().stream()
        .map(id -> find(id).orElseThrow()).toList();
  }

  /** The message service took the message (its receipt id); a repeated call changes nothing. */
  public void markSent(String dialogueId, String receiptId) {
    jdbc.sql("""
            update escalation_dialogue set status = 'SENT', sent_at = :now, receipt_id = :receipt
            where dialogue_id = :id and status = 'PENDING'
            """)
        .param("now", Timestamp.from(clock.instant())).param("receipt", receiptId).param("id", dialogueId).update();
  }

  /**
   * Records the GP's answer and wakes the process that waits for it. A repeated answer to the same
   * message is acknowledged and ignored.
   *
   * @return {@code true} when this was the first answer
   */
  @Transactional
  public boolean recordAnswer(Answer answer, java.util.Set<String> municipalities) {
    Message message = jdbc.sql("select dialogue_id from escalation_dialogue where dialogue_id = :id for update")
        .param("id", answer.inReplyTo()).query(String.class).optional().flatMap(this::find)
        .filter(found -> municipalities.contains(found.municipalityNumber()))
        .orElseThrow(() -> RequestRejectedException.notFound("Finner ingen dialogmelding med id «" + answer.inReplyTo()
            + "» i kommunene du sender for. inReplyTo må være meldingsid-en Carepath sendte."));
    if ("ANSWERED".equals(message.status())) {
      return false;
    }
    if (message.answerMessage() == null) {
      throw RequestRejectedException.conflict("Meldingen «" + message.dialogueId() + "» var en orientering og ventet"
          + " ikke svar. Send en ny forespørsel til kommunen om noe må følges opp.");
    }
    if (message.kind() == Kind.PLAN_APPROVAL && answer.approved() == null) {
      throw RequestRejectedException.invalid("approved", "Svaret på en plan må si om fastlegen godkjenner den"
          + " (approved: true eller false).");
    }
    String from = answer.fromName() == null ? message.gpName() : answer.fromName();
    jdbc.sql("""
            update escalation_dialogue set status = 'ANSWERED', answered_at = :at, answer_text = :text,
              answer_approved = :approved, answer_from = :from
            where dialogue_id = :id
            """)
        .param("at", Timestamp.from(answer.answeredAt() == null ? clock.instant() : answer.answeredAt()))
        .param("text", answer.text()).param("approved", answer.approved()).param("from", from)
        .param("id", message.dialogueId()).update();
    boolean awaited = message.processInstanceId() != null
        && process.answer(message.processInstanceId(), message.answerMessage(), answer.text(), from, answer.approved());
    if (!awaited) {
      // the nurse went on without it (phoned the GP, withdrew the plan): the answer still reaches the episode
      events.publishEvent(new GpContactRecorded(message.episodeId(), null, "LATE_GP_ANSWER",
          "Svar fra " + from + " på «" + message.subject() + "» kom etter at saken var fulgt opp på annen måte: "
              + answer.text(), "system", "Carepath"));
    }
    return true;
  }

  /** For the listeners of this module: a contact with the GP becomes a note on the episode. */
  void recordContact(String episodeId, String deviationId, String kind, String text) {
    Actor actor = Actor.current();
    events.publishEvent(new GpContactRecorded(episodeId, deviationId, kind, text, actor.id(), actor.displayName()));
  }
}
