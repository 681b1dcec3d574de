package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_FollowUpUnhandledDeviation, on complete: what the team leader did so the deviation is handled. */
@Component
class FollowUpUnhandledDeviationListener implements TaskListener {

  private final EpisodeStore episodes;

  FollowUpUnhandledDeviationListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String action = form.text(UNHANDLED_ACTION);
    form.throwIfInvalid();
    Actor actor = Actor.current();
    episodes.addNote((String) task.getVariable(EPISODE_ID), (String) task.getVariable(DEVIATION_ID), actor.id(),
        actor.displayName(), "UNHANDLED_FOLLOWED_UP", "Teamleder fulgte opp avvik som ikke var tatt: " + action);
  }
}
