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
    String outcome = form.requiredChoice(STAY_CHECK_OUTCOME, "Hva sa sykehuset", STAY_CHECK_OUTCOMES);
    form.requiredText(STAY_CHECK_NOTE, "Hvem snakket du med, og hva ble sagt", 2000);
    if ("DISCHARGED".equals(outcome)) {
      LocalDate day = form.requiredDate(STAY_CHECK_DISCHARGED_ON, "Utskrevet dato", null);
      if (day != null && day.isAfter(LocalDate.now(clock))) {
        form.problem("«Utskrevet dato» kan ikke være fram i tid.");
      }
    }
    form.throwIfInvalid();
  }
}
