package no.carepath.followup;

import no.carepath.escalation.GpDialogue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Contacts with the GP, recorded by the escalation module, become notes on the episode. */
@Component
class GpContactNotes {

  private final EpisodeStore episodes;

  GpContactNotes(EpisodeStore episodes) {
    this.episodes = episodes;
  }

  @EventListener
  void on(GpDialogue.GpContactRecorded contact) {
    episodes.addNote(contact.episodeId(), contact.deviationId(), contact.actorId(), contact.actorName(), contact.kind(),
        contact.text());
  }
}
