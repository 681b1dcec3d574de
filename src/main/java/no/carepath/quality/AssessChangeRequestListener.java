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
    String outcome = form.requiredChoice(QualityVariables.CHANGE_OUTCOME, "Vurdering",
        IncidentWords.CHANGE_OUTCOMES.keySet());
    String reason = QualityDeadlines.noNationalId(form, form.optionalText(QualityVariables.CHANGE_OUTCOME_REASON,
        "Begrunnelse", Incidents.TEXT_LENGTH), "Begrunnelse");
    if ("REJECTED".equals(outcome) && reason == null && form.valid()) {
      form.problem("«Begrunnelse» må fylles ut når endringsønsket avvises.");
    }
    form.throwIfInvalid();
    changeRequests.assessed((String) task.getVariable(QualityVariables.CHANGE_REQUEST_ID),
        (String) task.getVariable(QualityVariables.INCIDENT_REFERENCE), outcome, reason);
  }
}
