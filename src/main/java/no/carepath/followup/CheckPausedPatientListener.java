package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_CheckPausedPatient, on complete: follow-up resumes, or it ends. */
@Component
class CheckPausedPatientListener implements TaskListener {

  private final EpisodeStore episodes;

  CheckPausedPatientListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String outcome = form.choice(PAUSE_OUTCOME);
    String note = form.text(PAUSE_NOTE);
    form.throwIfInvalid();
    String episodeId = (String) task.getVariable(EPISODE_ID);
    if ("RESUME".equals(outcome)) {
      episodes.resume(episodeId);
    }
    Actor actor = Actor.current();
    episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "PAUSE_ENDED",
        ("RESUME".equals(outcome) ? "Pausen er over; oppfølgingen fortsetter. " : "Pausen er over; oppfølgingen avsluttes. ")
            + note);
  }
}
