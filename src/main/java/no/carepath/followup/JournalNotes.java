package no.carepath.followup;

import java.util.Map;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.security.CarepathGroups;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The clinical notes of digital home follow-up belong in the patient's journal (the municipal
 * EPJ), not only in Carepath: each one a nurse writes (home visit, a deviation assessed, contact
 * with the GP or legevakt, evaluation, a new plan, the end of the service) goes to the record
 * system as a journal note (journalnotat) through the outbox, in the same transaction as the note.
 */
@Component
class JournalNotes {

  static final String KIND = "JOURNALNOTAT";
  static final Map<String, String> TITLES = Map.ofEntries(
      Map.entry("HOME_VISIT_DONE", "Hjemmebesøk og opplæring i digital hjemmeoppfølging"),
      Map.entry("DEVIATION_HANDLED", "Vurdering av avvik i hjemmemålinger"),
      Map.entry("ACUTE_FOLLOWED_UP", "Oppfølging etter akutt hendelse"),
      Map.entry("UNHANDLED_FOLLOWED_UP", "Oppfølging av avvik som ikke ble tatt i tide"),
      Map.entry("PHONED_GP", "Telefon med fastlege eller legevakt"),
      Map.entry("GP_ANSWER_FOLLOWED_UP", "Oppfølging av svar fra fastlegen"),
      Map.entry("EVALUATED", "Evaluering av egenbehandlingsplanen"),
      Map.entry("PLAN_WRITTEN", "Ny versjon av egenbehandlingsplanen"),
      Map.entry("SERVICE_ENDING", "Avslutning av digital hjemmeoppfølging"));

  private final EpisodeStore episodes;
  private final Outbox outbox;

  JournalNotes(EpisodeStore episodes, Outbox outbox) {
    this.episodes = episodes;
    this.outbox = outbox;
  }

  @EventListener
  void on(EpisodeStore.NoteAdded note) {
    String title = TITLES.get(note.kind());
    if (title == null) {
      return;
    }
    EpisodeStore.EpisodeRow episode = episodes.get(note.episodeId());
    outbox.send(new Outbox.Outgoing(Channel.MUNICIPAL_RECORD, KIND, episode.municipalityNumber(), episode.patientId(),
        episode.episodeId(), title, Map.of("text", note.text(), "author", note.authorName() == null ? "Carepath"
            : note.authorName(), "service", "Digital hjemmeoppfølging"), CarepathGroups.HOME_FOLLOW_UP_NURSES));
  }
}
