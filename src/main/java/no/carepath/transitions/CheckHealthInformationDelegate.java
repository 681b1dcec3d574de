package no.carepath.transitions;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CheckHealthInformation: health information is missing if the hospital has sent none and the
 * patient is still in hospital (after discharge, the discharge summary is what counts).
 */
@Component
class CheckHealthInformationDelegate implements JavaDelegate {

  private final StayStore stays;

  CheckHealthInformationDelegate(StayStore stays) {
    this.stays = stays;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.lock((String) execution.getVariable(TransitionsVariables.STAY_ID));
    boolean inHospital = stay.status() == StayStore.Status.ADMITTED || stay.status() == StayStore.Status.READY_FOR_DISCHARGE;
    execution.setVariable(TransitionsVariables.HEALTH_INFORMATION_MISSING, inHospital && stay.healthInformation() == null);
  }
}
