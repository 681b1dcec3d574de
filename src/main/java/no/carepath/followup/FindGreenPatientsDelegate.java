package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_FindGreenPatients: draws the team's list of the day ({@link DailyReviewRule}) and says how many
 * are on it; the gateway after it ends the day's review without a task when nobody is.
 */
@Component
class FindGreenPatientsDelegate implements JavaDelegate {

  private final DailyReviews reviews;

  FindGreenPatientsDelegate(DailyReviews reviews) {
    this.reviews = reviews;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int count = reviews.drawList((String) execution.getVariable(DAILY_REVIEW_ID), execution.getProcessInstanceId());
    execution.setVariable(DAILY_REVIEW_PATIENT_COUNT, count);
    execution.setVariable(PATIENT_LIST_LABEL, count == 1 ? "1 pasient" : count + " pasienter");
  }
}
