package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;

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
  static final String ALLOCATION_OFFICE_SENDER = "Tildelingskontoret (saksbehandler pleie og omsorg)";

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
    ToHospital.send(outbox, stay, KIND, "Svar på melding om utskrivningsklar pasient", ALLOCATION_OFFICE_SENDER,
        CarepathGroups.ALLOCATION_OFFICE, content);
  }
}
