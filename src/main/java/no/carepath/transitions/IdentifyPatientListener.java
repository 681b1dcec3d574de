package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_IdentifyPatient, on complete: the allocation office decides what a message about a patient
 * the municipality did not know means: a new case, or not the municipality's patient (with why).
 */
@Component
class IdentifyPatientListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(IDENTIFY_OUTCOME);
    form.throwIfInvalid();
  }
}
