package no.carepath.followup;

import org.springframework.stereotype.Component;

/** What other modules may ask about a patient in follow-up, by episode, without reading the episode. */
@Component
public class CareConditions {

  private final EpisodeStore episodes;

  CareConditions(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  /** Whether the patient of this episode uses insulin (recorded when the start-up was planned); false without one. */
  public boolean insulinTreated(String episodeId) {
    return episodeId != null && episodes.insulinTreated(episodeId);
  }
}
