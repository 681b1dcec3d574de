package no.carepath.transitions;

import no.carepath.followup.HospitalStayFollowup;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ResumeFollowup: the patient is home again; a hospital pause of digital home follow-up ends. */
@Component
class ResumeFollowupDelegate implements JavaDelegate {

  private final StayStore stays;
  private final HospitalStayFollowup followup;

  ResumeFollowupDelegate(StayStore stays, HospitalStayFollowup followup) {
    this.stays = stays;
    this.followup = followup;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.find((String) execution.getVariable(TransitionsVariables.STAY_ID)).orElseThrow();
    followup.discharged(stay.episodeId(), stay.hospitalName());
  }
}
