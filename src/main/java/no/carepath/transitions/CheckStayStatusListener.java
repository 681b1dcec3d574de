package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import java.time.Clock;
import java.time.LocalDate;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_CheckStayStatus, on complete: what the hospital said about a stay it has been silent about;
 * for a discharge without a message, the day the patient went home (the days waiting and the
 * discharge summary's timeliness count from it).
 */
@Component
class CheckStayStatusListener implements TaskListener {

  private final Clock clock;

  CheckStayStatusListener(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    // the form asks for the day only when the hospital says the patient is discharged
    form.notInFuture(STAY_CHECK_DISCHARGED_ON, LocalDate.now(clock));
    form.throwIfInvalid();
  }
}
