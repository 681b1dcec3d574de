package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.EPISODE_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** EndEvent_EpisodeEnded, on start: the episode is FINISHED; a new granted decision may start a new one. */
@Component
class EpisodeEndedListener implements ExecutionListener {

  private final EpisodeStore episodes;

  EpisodeEndedListener(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String episodeId = (String) execution.getVariable(EPISODE_ID);
    episodes.finish(episodeId);
    episodes.addNote(episodeId, null, "system", "Carepath", "EPISODE_ENDED", "Oppfølgingen er avsluttet.");
  }
}
