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
    String evaluation = form.requiredText(EVALUATION_TEXT, "Evaluering", 4000);
    String attainment = form.requiredChoice(GOAL_ATTAINMENT, "Er målene nådd", GOAL_ATTAINMENTS);
    String outcome = form.requiredChoice(EVALUATION_OUTCOME, "Hva nå", EVALUATION_OUTCOMES);
    String changedNeeds = "CHANGED_NEEDS".equals(outcome)
        ? form.requiredText(CHANGED_NEEDS_TEXT, "Endrede behov", 2000)
        : form.optionalText(CHANGED_NEEDS_TEXT, "Endrede behov", 2000);
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
