package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_RequestHealthInformation, on complete: what to ask the hospital (the text of the request), or
 * how the health information came another way.
 */
@Component
class RequestHealthInformationListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    form.throwIfInvalid();
  }
}
