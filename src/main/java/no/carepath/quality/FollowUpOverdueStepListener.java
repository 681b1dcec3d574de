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
    // the form requires the tick: a manager completes this only when it is followed up
    form.flag(QualityVariables.FOLLOWED_UP);
    String note = QualityDeadlines.noNationalId(form, QualityVariables.FOLLOW_UP_NOTE);
    form.throwIfInvalid();
    escalations.followedUp((String) task.getVariable(QualityVariables.ESCALATION_ID), note);
  }
}
