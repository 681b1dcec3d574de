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
 * Task_SendHealthInformationRequest: the municipality asks the hospital for health information about
 * the stay (a PLO request, forespørsel), through the outbox; the answer comes back as a
 * {@code HEALTH_INFORMATION} message.
 */
@Component
class SendHealthInformationRequestDelegate implements JavaDelegate {

  static final String KIND = "FORESPORSEL_HELSEOPPLYSNINGER";

  private final StayStore stays;
  private final Outbox outbox;

  SendHealthInformationRequestDelegate(StayStore stays, Outbox outbox) {
    this.stays = stays;
    this.outbox = outbox;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(STAY_ID)).orElseThrow();
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("hospitalStayId", stay.hospitalStayRef());
    content.put("request", "Forespørsel om helseopplysninger");
    content.put("question", execution.getVariable(HEALTH_REQUEST_TEXT));
    ToHospital.send(outbox, stay, KIND, "Forespørsel om helseopplysninger", SendReadyAnswerDelegate.ALLOCATION_OFFICE_SENDER,
        CarepathGroups.ALLOCATION_OFFICE, content);
  }
}
