package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_EndService, on complete: why the service ends and the final summary for the GP. From now on
 * no readings are expected: no missed-reading alarms; readings that still come are stored and triaged.
 */
@Component
class EndServiceListener implements TaskListener {

  private final EpisodeStore episodes;

  EndServiceListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String reason = form.choice(END_REASON);
    String summary = form.text(FINAL_SUMMARY);
    form.throwIfInvalid();
    String episodeId = (String) task.getVariable(EPISODE_ID);
    episodes.startEnding(episodeId, reason);
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "SERVICE_ENDING",
        "Tjenesten avsluttes (" + label(reason) + "). Sluttoppsummering: " + summary);
    task.getExecution().setVariable(END_REASON, reason);
    task.getExecution().setVariable(FINAL_SUMMARY, summary);
  }

  static String label(String reason) {
    return switch (reason) {
      case "GOALS_MET" -> "målene er nådd";
      case "PATIENT_WISH" -> "pasientens ønske";
      case "MOVED" -> "pasienten har flyttet";
      case "DIED" -> "pasienten er død";
      case "OTHER_SERVICE" -> "over til annen tjeneste";
      default -> reason;
    };
  }
}
