package no.carepath.quality;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_AssessChangeRequest, on complete: the process owners accept the change, reject it with a
 * reason, or answer that it is already done; the answer is stored and shown on the avvik.
 */
@Component
class AssessChangeRequestListener implements TaskListener {

  private final ChangeRequests changeRequests;

  AssessChangeRequestListener(ChangeRequests changeRequests) {
    this.changeRequests = changeRequests;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(QualityVariables.CHANGE_OUTCOME);
    String reason = QualityDeadlines.noNationalId(form, QualityVariables.CHANGE_OUTCOME_REASON);
    if ("REJECTED".equals(outcome)) {
      form.require(QualityVariables.CHANGE_OUTCOME_REASON, "når endringsønsket avvises");
    }
    form.throwIfInvalid();
    changeRequests.assessed((String) task.getVariable(QualityVariables.CHANGE_REQUEST_ID),
        (String) task.getVariable(QualityVariables.INCIDENT_REFERENCE), outcome, reason);
  }
}
