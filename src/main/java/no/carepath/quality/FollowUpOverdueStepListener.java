package no.carepath.quality;

import no.carepath.platform.SubmittedForm;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_FollowUpOverdueStep, on complete: the manager followed the overdue step up, with a note. */
@Component
class FollowUpOverdueStepListener implements TaskListener {

  private final Escalations escalations;

  FollowUpOverdueStepListener(Escalations escalations) {
    this.escalations = escalations;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    boolean done = form.flag(QualityVariables.FOLLOWED_UP, "Fulgt opp");
    String note = QualityDeadlines.noNationalId(form, form.requiredText(QualityVariables.FOLLOW_UP_NOTE, "Hva er gjort",
        Incidents.TEXT_LENGTH), "Hva er gjort");
    if (!done && form.valid()) {
      form.problem("Kryss av for «Fulgt opp» når du har fulgt opp avviket.");
    }
    form.throwIfInvalid();
    escalations.followedUp((String) task.getVariable(QualityVariables.ESCALATION_ID), note);
  }
}
