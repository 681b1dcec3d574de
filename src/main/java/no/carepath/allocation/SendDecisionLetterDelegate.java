package no.carepath.allocation;

import java.util.Map;
import java.util.UUID;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendDecisionLetter: puts the decision letter in the outbox, in this step's transaction. The
 * outbox's worker delivers it to the letter-dispatch service; when the service has it, the case
 * becomes {@code LETTER_SENT} ({@link LetterDispatches}). A rejected or missing receipt gives the
 * allocation office a follow-up task.
 */
@Component
class SendDecisionLetterDelegate implements JavaDelegate {

  static final String KIND = "VEDTAKSBREV";

  private final CaseStore store;
  private final Outbox outbox;

  SendDecisionLetterDelegate(CaseStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = AllocationVariables.caseId(execution);
    UUID letterId = UUID.fromString((String) execution.getVariable(AllocationVariables.LETTER_ID));
    CaseStore.CaseRow caseRow = store.findCase(caseId).orElseThrow();
    outbox.send(new Outbox.Outgoing(Channel.DECISION_LETTER, KIND, caseRow.municipalityNumber(), caseRow.patientId(),
        caseId, "Vedtak i sak " + caseId, Map.of("documentId", letterId.toString()), no.carepath.security.CarepathGroups.ALLOCATION_OFFICE));
  }
}
