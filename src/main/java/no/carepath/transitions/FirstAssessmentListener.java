package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import java.util.List;

import no.carepath.followup.HospitalStayFollowup;
import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_FirstAssessment, on complete: the first assessment after discharge with its checklist
 * (medication list, function, devices, relatives, the discharge summary). Every point must be gone
 * through or said why not in the note; if the plan must change, a new plan version goes to the GP.
 */
@Component
class FirstAssessmentListener implements TaskListener {

  /** The checklist's points; their labels are the form's. */
  static final List<String> CHECKLIST = List.of(CHECK_MEDICATION, CHECK_FUNCTION, CHECK_DEVICES, CHECK_RELATIVES,
      CHECK_SUMMARY);

  private final HospitalStayFollowup followup;

  FirstAssessmentListener(HospitalStayFollowup followup) {
    this.followup = followup;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    if (!CHECKLIST.stream().allMatch(form::flag)) {
      form.require(FIRST_ASSESSMENT_NOTE, "når ikke alle punktene er gjennomgått: skriv hvorfor");
    }
    String note = form.text(FIRST_ASSESSMENT_NOTE);
    String review = form.choice(PLAN_REVIEW);
    form.throwIfInvalid();
    if ("REVISE_PLAN".equals(review)) {
      followup.revisePlanAfterDischarge((String) task.getVariable(EPISODE_ID),
          "Første vurdering etter utskrivning fra " + task.getVariable(HOSPITAL_NAME) + (note == null ? "." : ": " + note));
    }
  }
}
