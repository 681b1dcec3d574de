package no.carepath.followup;

import org.springframework.stereotype.Component;

/** What a task's competence requirement asks about a patient in follow-up (by episode). */
@Component
class CareConditions implements no.carepath.competence.PatientFacts {

  private final EpisodeStore episodes;

  CareConditions(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  /** Whether the patient of this episode uses insulin (recorded when the start-up was planned); false without one. */
  @Override
  public boolean insulinTreated(String episodeId) {
    return episodeId != null && episodes.insulinTreated(episodeId);
  }
}
