package no.carepath.allocation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.security.Municipalities;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_NotifyGpOfServices: when services were granted and the patient's GP is known, the GP gets
 * an orientering om tjenestetilbud (a dialogue message that needs no answer) through the outbox.
 * A rejection, or a case without a known GP, sends nothing.
 */
@Component
class NotifyGpOfServicesDelegate implements JavaDelegate {

  static final String KIND = "ORIENTERING_TJENESTETILBUD";

  private final CaseStore store;
  private final Outbox outbox;
  private final Municipalities municipalities;

  NotifyGpOfServicesDelegate(CaseStore store, Outbox outbox, Municipalities municipalities) {
    this.store = store;
    this.outbox = outbox;
    this.municipalities = municipalities;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = AllocationVariables.caseId(execution);
    CaseStore.DecisionRow decision = store.findDecision(UUID.fromString((String) execution.getVariable(
        AllocationVariables.DECISION_ID))).orElseThrow();
    AllocationCases.GpContact gp = store.gp(caseId).orElse(null);
    if (!DecideServiceListener.GRANTED.equals(decision.outcome()) || gp == null) {
      return;
    }
    CaseStore.CaseRow caseRow = store.findCase(caseId).orElseThrow();
    String services = decision.services().stream().map(DecideServiceListener.SERVICES::get)
        .collect(Collectors.joining(", "));
    String text = municipalities.nameOrNumber(caseRow.municipalityNumber()) + " kommune har innvilget pasienten: "
        + services + (decision.startDate() == null ? "" : ", fra " + decision.startDate())
        + (decision.scope() == null || decision.scope().isBlank() ? "." : ". Omfang: " + decision.scope() + ".")
        + "\n\nTildelingskontoret er kontakt for vedtaket (sak " + caseId + ").";
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("gpName", gp.name());
    payload.put("gpHprNumber", gp.hprNumber() == null || gp.hprNumber().isBlank() ? null : gp.hprNumber());
    payload.put("answerExpected", false);
    payload.put("text", text);
    payload.put("senderService", "Tildelingskontoret (saksbehandler pleie og omsorg)");
    outbox.send(new Outbox.Outgoing(Channel.GP_DIALOGUE, KIND, caseRow.municipalityNumber(), caseRow.patientId(), caseId,
        "Orientering om tjenestetilbud", payload, no.carepath.security.CarepathGroups.ALLOCATION_OFFICE));
  }
}
