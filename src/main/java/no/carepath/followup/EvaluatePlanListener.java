package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_EvaluatePlan, on complete: the evaluation with the patient and what happens next. */
@Component
class EvaluatePlanListener implements TaskListener {

  private final EpisodeStore episodes;

  EvaluatePlanListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String evaluation = form.text(EVALUATION_TEXT);
    String attainment = form.choice(GOAL_ATTAINMENT);
    String outcome = form.choice(EVALUATION_OUTCOME);
    String changedNeeds = form.text(CHANGED_NEEDS_TEXT);
    form.throwIfInvalid();
    Actor actor = Actor.current();
    episodes.addNote((String) task.getVariable(EPISODE_ID), null, actor.id(), actor.displayName(), "EVALUATED",
        "Evaluering (" + switch (attainment) {
          case "REACHED" -> "målene er nådd";
          case "PARTLY" -> "målene er delvis nådd";
          default -> "målene er ikke nådd";
        } + "): " + evaluation + (changedNeeds == null ? "" : "\nEndrede behov: " + changedNeeds));
  }
}
