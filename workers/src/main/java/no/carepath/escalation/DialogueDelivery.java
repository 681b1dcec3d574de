package no.carepath.escalation;

import java.util.Map;
import java.util.Optional;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.Municipalities;
import no.carepath.platform.OutboundHttp;
import no.carepath.platform.WorkerRetries;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every worker that sends a dialogue message to the GP does: deliver the message named by the
 * task's {@code dialogueId} to the message service. Temporary failures are retried with
 * exponential back-off; after the last retry, or when the service refuses the message, the engine
 * raises an incident for Cockpit. A message already delivered (a retry after a lost answer)
 * completes without sending again.
 */
@Component
public class DialogueDelivery {

  /** The variable the workers fetch. */
  public static final String DIALOGUE_ID = "dialogueId";
  private static final Logger log = LoggerFactory.getLogger(DialogueDelivery.class);

  private final GpDialogue dialogue;
  private final PatientService patients;
  private final DialogueClient client;
  private final Municipalities municipalities;
  private final WorkerRetries retries;

  DialogueDelivery(GpDialogue dialogue, PatientService patients, DialogueClient client, Municipalities municipalities,
      EscalationProperties properties) {
    this.dialogue = dialogue;
    this.patients = patients;
    this.client = client;
    this.municipalities = municipalities;
    EscalationProperties.GpDialogue settings = properties.gpDialogue();
    this.retries = new WorkerRetries(settings.maxRetries(), settings.firstRetryDelay(), settings.maxRetryDelay());
  }

  public void deliver(ExternalTask task, ExternalTaskService service) {
    String dialogueId = task.getVariable(DIALOGUE_ID);
    Optional<GpDialogue.Message> found = dialogueId == null ? Optional.empty() : dialogue.find(dialogueId);
    if (found.isEmpty()) {
      retries.giveUp(task, service, "Dialogmeldingen finnes ikke (dialogueId " + dialogueId + ")",
          "The process has no message to send; check the start listener of " + task.getActivityId() + ".");
      return;
    }
    GpDialogue.Message message = found.get();
    if (message.receiptId() != null) {
      service.complete(task, Map.of("dialogueReceiptId", message.receiptId()));
      return;
    }
    if (message.gpHprNumber() == null && message.gpName() == null) {
      retries.giveUp(task, service, "Pasienten har ingen fastlege registrert",
          "Register the GP on the episode (Task_PlanStartup) and retry the task in Cockpit.");
      return;
    }
    try {
      Patient patient = patients.read(message.patientId(), null, "gp-dialogue-message");
      DialogueClient.Receipt receipt = client.send(message, patient,
          municipalities.nameOrNumber(message.municipalityNumber()));
      dialogue.markSent(message.dialogueId(), receipt.receiptId());
      service.complete(task, Map.of("dialogueReceiptId", receipt.receiptId()));
    } catch (OutboundHttp.Refused e) {
      log.warn("Dialogue message {} refused by the message service: {}", message.dialogueId(), e.getMessage());
      retries.giveUp(task, service, "Meldingstjenesten avviste dialogmeldingen", e.getMessage());
    } catch (OutboundHttp.Unavailable e) {
      log.info("Dialogue message {} not sent yet ({}); {} retries left", message.dialogueId(), e.getMessage(),
          task.getRetries() == null ? retries.maxRetries() : task.getRetries() - 1);
      retries.retryLater(task, service, "Meldingstjenesten svarer ikke", e.getMessage());
    }
  }
}
