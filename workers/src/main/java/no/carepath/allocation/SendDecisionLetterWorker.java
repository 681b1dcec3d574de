package no.carepath.allocation;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.patient.Patient;
import no.carepath.patient.PatientService;
import no.carepath.platform.WorkerRetries;
import no.carepath.security.Actor;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Task_SendDecisionLetter (topic {@code allocation-send-decision-letter}): sends the letter to the
 * letter-dispatch service. Temporary failures are retried with exponential back-off; after the last
 * retry, or when the service refuses the letter, the engine raises an incident for Cockpit.
 */
@Component
@ExternalTaskSubscription(topicName = AllocationVariables.TOPIC_SEND_DECISION_LETTER,
    variableNames = {AllocationVariables.LETTER_ID, AllocationVariables.CASE_ID}, lockDuration = 60_000)
class SendDecisionLetterWorker implements ExternalTaskHandler {

  private static final Logger log = LoggerFactory.getLogger(SendDecisionLetterWorker.class);

  private final CaseStore store;
  private final PatientService patients;
  private final LetterDispatchClient dispatch;
  private final WorkerRetries retries;
  private final TransactionTemplate transaction;
  private final Clock clock;

  SendDecisionLetterWorker(CaseStore store, PatientService patients, LetterDispatchClient dispatch,
      AllocationProperties properties, TransactionTemplate transaction, Clock clock) {
    this.store = store;
    this.patients = patients;
    this.dispatch = dispatch;
    AllocationProperties.LetterDispatch settings = properties.letterDispatch();
    this.retries = new WorkerRetries(settings.maxRetries(), settings.firstRetryDelay(), settings.maxRetryDelay());
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    String letterId = task.getVariable(AllocationVariables.LETTER_ID);
    Optional<CaseStore.LetterRow> found = letterId == null ? Optional.empty() : store.findLetter(UUID.fromString(letterId));
    if (found.isEmpty()) {
      retries.giveUp(task, service, "Vedtaksbrevet finnes ikke (letterId " + letterId + ")",
          "The process has no letter to send; check Task_CreateDecisionLetter.");
      return;
    }
    CaseStore.LetterRow letter = found.get();
    if (letter.dispatchId() != null) {
      service.complete(task, Map.of("letterDispatchId", letter.dispatchId()));
      return;
    }
    try {
      CaseStore.CaseRow caseRow = store.findCase(letter.caseId()).orElseThrow();
      Patient recipient = patients.read(caseRow.patientId(), letter.caseId(), "decision-letter-dispatch");
      LetterDispatchClient.Receipt receipt = dispatch.send(letter, recipient, "Vedtak i sak " + letter.caseId(),
          caseRow.municipalityNumber());
      transaction.executeWithoutResult(status -> {
        if (store.markLetterDispatched(letter.id(), receipt.dispatchId(), clock.instant())) {
          store.addEvent(letter.caseId(), clock.instant(), Actor.current().id(), "LETTER_DISPATCHED",
              Map.of("dispatchId", receipt.dispatchId()));
          store.updateStatus(letter.caseId(), CaseStatus.LETTER_SENT);
        }
      });
      service.complete(task, Map.of("letterDispatchId", receipt.dispatchId()));
    } catch (LetterDispatchClient.DispatchRefused e) {
      log.warn("Decision letter of case {} refused by the dispatch service: {}", letter.caseId(), e.getMessage());
      retries.giveUp(task, service, "Forsendelsestjenesten avviste brevet", e.getMessage());
    } catch (LetterDispatchClient.DispatchUnavailable e) {
      log.info("Decision letter of case {} not sent yet ({}); {} retries left", letter.caseId(), e.getMessage(),
          task.getRetries() == null ? retries.maxRetries() : task.getRetries() - 1);
      retries.retryLater(task, service, "Forsendelsestjenesten svarer ikke", e.getMessage());
    }
  }
}
