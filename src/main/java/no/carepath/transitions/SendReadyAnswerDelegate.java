package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_SendReadyAnswer: the municipality's answer to a patient reported ready for discharge (can
 * the patient come home, and with which services) goes to the hospital through the outbox. The
 * hospital must not promise services the municipality has not decided on.
 */
@Component
class SendReadyAnswerDelegate implements JavaDelegate {

  static final String KIND = "SVAR_UTSKRIVNINGSKLAR";

  private final StayStore stays;
  private final Outbox outbox;

  SendReadyAnswerDelegate(StayStore stays, Outbox outbox) {
    this.stays = stays;
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(STAY_ID)).orElseThrow();
    String outcome = (String) execution.getVariable(READY_OUTCOME);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("hospitalStayId", stay.hospitalStayRef());
    content.put("answer", READY_OUTCOMES.get(outcome));
    content.put("assessment", execution.getVariable(READY_ASSESSMENT));
    content.put("offer", execution.getVariable(READY_OFFER));
    content.put("assessmentVisit", Boolean.TRUE.equals(execution.getVariable(READY_ASSESSMENT_VISIT)));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("hospitalName", stay.hospitalName());
    payload.put("hospitalOrganisation", stay.hospitalOrgNumber());
    payload.put("senderService", "Tildelingskontoret (saksbehandler pleie og omsorg)");
    payload.put("content", content);
    outbox.send(new Outbox.Outgoing(Channel.HOSPITAL, KIND, stay.municipalityNumber(), stay.patientId(), stay.stayId(),
        "Svar på melding om utskrivningsklar pasient", payload, CarepathGroups.ALLOCATION_OFFICE));
  }
}
