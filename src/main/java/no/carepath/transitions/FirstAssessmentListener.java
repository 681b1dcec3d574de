package no.carepath.transitions;

import static no.carepath.transitions.TransitionsVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  static final Map<String, String> CHECKLIST = new LinkedHashMap<>(Map.of(
      CHECK_MEDICATION, "Legemiddellisten er gjennomgått",
      CHECK_FUNCTION, "Funksjonsnivået er vurdert",
      CHECK_DEVICES, "Utstyret virker, og pasienten måler igjen",
      CHECK_RELATIVES, "Pårørende er informert",
      CHECK_SUMMARY, "Epikrisen er lest"));

  private final HospitalStayFollowup followup;

  FirstAssessmentListener(HospitalStayFollowup followup) {
    this.followup = followup;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    List<String> notDone = new ArrayList<>();
    CHECKLIST.forEach((point, label) -> {
      if (!form.flag(point)) {
        notDone.add(label);
      }
    });
    if (!notDone.isEmpty()) {
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
