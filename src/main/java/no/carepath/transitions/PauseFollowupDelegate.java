package no.carepath.transitions;

import no.carepath.followup.HospitalStayFollowup;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PauseFollowup: the patient is in hospital; digital home follow-up pauses (no missed-measurement alarms). */
@Component
class PauseFollowupDelegate implements JavaDelegate {

  private final StayStore stays;
  private final HospitalStayFollowup followup;

  PauseFollowupDelegate(StayStore stays, HospitalStayFollowup followup) {
    this.stays = stays;
    this.followup = followup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(TransitionsVariables.STAY_ID)).orElseThrow();
    followup.admitted(stay.episodeId(), stay.hospitalName(), stay.plannedDischargeDate());
  }
}
