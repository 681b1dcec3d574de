package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_FollowUpAcuteEvent, on complete: how the patient is after legevakt or 113. */
@Component
class FollowUpAcuteEventListener implements TaskListener {

  private final EpisodeStore episodes;

  FollowUpAcuteEventListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(ACUTE_FOLLOW_UP_OUTCOME);
    String note = form.text(ACUTE_FOLLOW_UP_NOTE);
    form.throwIfInvalid();
    Actor actor = Actor.current();
    episodes.addNote((String) task.getVariable(EPISODE_ID), (String) task.getVariable(DEVIATION_ID), actor.id(),
        actor.displayName(), "ACUTE_FOLLOWED_UP", switch (outcome) {
          case "AT_HOME" -> "Etter akutt hendelse: pasienten er hjemme. ";
          case "ADMITTED" -> "Etter akutt hendelse: pasienten er innlagt. ";
          default -> "Etter akutt hendelse: ";
        } + note);
  }
}
