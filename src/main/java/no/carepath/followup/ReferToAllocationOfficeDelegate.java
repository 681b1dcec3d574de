package no.carepath.followup;

import static no.carepath.followup.FollowupVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Task_ReferToAllocationOffice: changed needs (endrede behov) go back to the allocation office as a
 * new case for a new needs assessment. Published as an event in the same transaction; the
 * allocation module opens the case.
 */
@Component
class ReferToAllocationOfficeDelegate implements JavaDelegate {

  private final EpisodeStore episodes;
  private final ApplicationEventPublisher events;

  ReferToAllocationOfficeDelegate(EpisodeStore episodes, ApplicationEventPublisher events) {
    this.episodes = episodes;
    this.events = events;
  }

  @Override
  public void execute(DelegateExecution execution) {
    EpisodeStore.EpisodeRow episode = episodes.get((String) execution.getVariable(EPISODE_ID));
    String description = "Endrede behov meldt fra digital hjemmeoppfølging (" + episode.episodeId() + "): "
        + execution.getVariable(CHANGED_NEEDS_TEXT);
    events.publishEvent(new FollowupService.ChangedNeedsReported(episode.episodeId(), episode.patientId(),
        episode.municipalityNumber(), description,
        episode.gpName() == null ? null : new FollowupService.Gp(episode.gpName(), episode.gpHprNumber(), episode.gpPractice())));
    episodes.addNote(episode.episodeId(), null, "system", "Carepath", "CHANGED_NEEDS_REFERRED",
        "Endrede behov er meldt til tildelingskontoret for ny kartlegging.");
  }
}
