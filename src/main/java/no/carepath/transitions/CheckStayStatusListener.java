package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_CheckStayStatus, on complete: what the hospital said about a stay it has been silent about. */
@Component
class CheckStayStatusListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    form.requiredChoice(STAY_CHECK_OUTCOME, "Hva sa sykehuset", STAY_CHECK_OUTCOMES);
    form.requiredText(STAY_CHECK_NOTE, "Hvem snakket du med, og hva ble sagt", 2000);
    form.throwIfInvalid();
  }
}
