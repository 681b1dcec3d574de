package no.carepath.messaging;

import java.util.Optional;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.OutboundHttp;
import no.carepath.platform.WorkerRetries;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Task_DeliverMessage (topic {@code messaging-deliver-message}): delivers one outbox message to
 * its channel's endpoint with the message's idempotency key, so a retry after a lost answer never
 * sends it twice. Temporary failures are retried with exponential back-off; after the last retry,
 * or when the receiver refuses the message, the engine raises an incident for Cockpit (retry it
 * there when the cause is fixed). A transmission already delivered completes without sending again.
 */
@Component
@ExternalTaskSubscription(topicName = MessagingVariables.TOPIC_DELIVER_MESSAGE,
    variableNames = {MessagingVariables.MESSAGE_ID})
class DeliverMessageWorker implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(DeliverMessageWorker.class);

  private final Outbox outbox;
  private final PatientService patients;
  private final MessageFormats formats;
  private final WorkerRetries retries;

  DeliverMessageWorker(Outbox outbox, PatientService patients, MessageFormats formats, MessagingProperties properties) {
    this.outbox = outbox;
    this.patients = patients;
    this.formats = formats;
    this.retries = new WorkerRetries(properties.maxRetries(), properties.firstRetryDelay(), properties.maxRetryDelay());
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String messageId = task.getVariable(MessagingVariables.MESSAGE_ID);
    Optional<Outbox.Message> found = messageId == null ? Optional.empty() : outbox.find(messageId);
    if (found.isEmpty()) {
      retries.giveUp(task, service, "Meldingen finnes ikke i utboksen (messageId " + messageId + ")",
          "The process has no message to deliver; it was started without Outbox.send.");
      return;
    }
    Outbox.Message message = found.get();
    if (message.sentAt() != null) {
      service.complete(task);
      return;
    }
    try {
      // a notification to Helsetilsynet names no patient, so none is read
      Patient patient = message.patientId() == null ? null
          : patients.read(message.patientId(), null, "message-" + message.kind().toLowerCase());
      String remoteId = formats.deliver(message, patient);
      outbox.markSent(message.messageId(), message.transmission(), remoteId);
      service.complete(task);
    } catch (OutboundHttp.Refused e) {
      log.warn("Message {} ({}) refused by the receiver: {}", message.messageId(), message.channel(), e.getMessage());
      retries.giveUp(task, service, refusal(message.channel()), e.getMessage());
    } catch (OutboundHttp.Unavailable e) {
      log.info("Message {} ({}) not delivered yet ({}); {} retries left", message.idempotencyKey(), message.channel(),
          e.getMessage(), task.getRetries() == null ? retries.maxRetries() : task.getRetries() - 1);
      retries.retryLater(task, service, unavailable(message.channel()), e.getMessage());
    } catch (RuntimeException e) {
      // anything else (a database error after the receiver took the message, say) is retried too:
      // the same idempotency key makes a second delivery harmless, and the last retry is an incident
      log.error("Message {} ({}) failed unexpectedly: {}", message.idempotencyKey(), message.channel(),
          e.getClass().getName());
      retries.retryLater(task, service, "Uventet feil ved sending", e.toString());
    }
  }

  private static String refusal(Channel channel) {
    return switch (channel) {
      case GP_DIALOGUE -> "Meldingstjenesten avviste dialogmeldingen";
      case DECISION_LETTER -> "Forsendelsestjenesten avviste brevet";
      case HOSPITAL -> "Meldingstjenesten avviste meldingen til sykehuset";
      case MUNICIPAL_RECORD -> "Journalsystemet avviste journalnotatet";
      case HEALTH_SUPERVISION -> "Helsetilsynet avviste varselet";
    };
  }

  private static String unavailable(Channel channel) {
    return switch (channel) {
      case GP_DIALOGUE, HOSPITAL -> "Meldingstjenesten svarer ikke";
      case DECISION_LETTER -> "Forsendelsestjenesten svarer ikke";
      case MUNICIPAL_RECORD -> "Journalsystemet svarer ikke";
      case HEALTH_SUPERVISION -> "Helsetilsynets mottak svarer ikke";
    };
  }
}
