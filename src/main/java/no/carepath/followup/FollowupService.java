package no.carepath.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up episodes: the hand-over from the allocation office to the DHO nurses, and what a nurse
 * does to an episode outside a task (pause, resume, end). Every change that the process must know
 * of is correlated by the episode id (the business key).
 */
@Service
public class FollowupService {

  /** The patient's GP, as the referral named them. */
  public record Gp(String name, String hprNumber, String practice) {
  }

  /**
   * @param patientLabel name and birth date, shown to the nurse in the Tasklist
   * @param gp the GP named in the referral, or {@code null}; the nurse confirms it at start-up
   */
  public record EpisodeRequest(String caseId, UUID patientId, String municipalityNumber, UUID decisionId,
      String patientLabel, Gp gp) {
  }

  /**
   * Published when a nurse finds at an evaluation that the patient's needs have changed; the
   * allocation office opens a case for a new assessment.
   */
  public record ChangedNeedsReported(String episodeId, UUID patientId, String municipalityNumber, String description,
      Gp gp) {
  }

  private final JdbcClient jdbc;
  private final FollowupProcess process;
  private final EpisodeStore episodes;
  private final Clock clock;

  FollowupService(JdbcClient jdbc, FollowupProcess process, EpisodeStore episodes, Clock clock) {
    this.jdbc = jdbc;
    this.process = process;
    this.episodes = episodes;
    this.clock = clock;
  }

  /**
   * Creates the episode (status PLANNED) and starts {@code followup-episode}, or returns the
   * patient's open episode if there is one: a repeated hand-over never makes a second episode.
   */
  @Transactional
  public String startEpisode(EpisodeRequest request) {
    Optional<String> open = openEpisode(request.patientId());
    if (open.isPresent()) {
      return open.get();
    }
    long number = jdbc.sql("select nextval('followup_episode_number')").query(Long.class).single();
    String episodeId = String.format("EP-%d-%06d", Year.now(clock).getValue(), number);
    jdbc.sql("""
            insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id, created_at)
            values (:episodeId, :caseId, :patientId, :municipality, 'PLANNED', :decisionId, :createdAt)
            """)
        .param("episodeId", episodeId).param("caseId", request.caseId()).param("patientId", request.patientId())
        .param("municipality", request.municipalityNumber()).param("decisionId", request.decisionId())
        .param("createdAt", Timestamp.from(clock.instant()))
        .update();
    if (request.gp() != null) {
      episodes.setGp(episodeId, request.gp().name(), request.gp().hprNumber(), request.gp().practice());
    }
    process.start(episodeId, Map.of(
        FollowupVariables.EPISODE_ID, episodeId,
        FollowupVariables.CASE_ID, request.caseId(),
        FollowupVariables.MUNICIPALITY_NUMBER, request.municipalityNumber(),
        FollowupVariables.PATIENT_LABEL, request.patientLabel(),
        FollowupVariables.PATIENT_ID, request.patientId().toString(),
        FollowupVariables.EPISODE_URL, "/app/episodes/" + episodeId));
    return episodeId;
  }

  public Optional<String> openEpisode(UUID patientId) {
    return jdbc.sql("""
            select episode_id from followup_episode
            where patient_id = :patientId and status in ('PLANNED', 'ACTIVE', 'ON_HOLD')
            """)
        .param("patientId", patientId).query(String.class).optional();
  }

  public Optional<String> status(String episodeId) {
    return episodes.find(episodeId).map(EpisodeStore.EpisodeRow::status);
  }

  /** Pauses active follow-up until a date (travel, a stay elsewhere): no missed-reading alarms meanwhile. */
  @Transactional
  public void pause(String episodeId, LocalDate until, String reason) {
    EpisodeStore.EpisodeRow episode = accessible(episodeId);
    if (!"ACTIVE".equals(episode.status()) || !"FOLLOW_UP".equals(episode.phase())) {
      throw RequestRejectedException.conflict("Oppfølgingen kan bare settes på pause når den er aktiv og planen er"
          + " godkjent (status nå: " + episode.status() + ", fase: " + episode.phase() + ").");
    }
    if (until == null || !until.isAfter(LocalDate.now(clock))) {
      throw RequestRejectedException.invalid("until", "Oppgi en dato fram i tid for når pausen skal slutte.");
    }
    episodes.pause(episodeId, until, reason);
    episodes.addNote(episodeId, null, Actor.current().id(), Actor.current().displayName(), "PAUSED",
        "Oppfølgingen satt på pause til " + until + ": " + reason);
    process.correlate(episodeId, FollowupVariables.MESSAGE_PAUSE_REQUESTED);
  }

  @Transactional
  public void resume(String episodeId) {
    EpisodeStore.EpisodeRow episode = accessible(episodeId);
    if (!"ON_HOLD".equals(episode.status())) {
      throw RequestRejectedException.conflict("Oppfølgingen er ikke på pause (status nå: " + episode.status() + ").");
    }
    episodes.resume(episodeId);
    episodes.addNote(episodeId, null, Actor.current().id(), Actor.current().displayName(), "RESUMED",
        "Oppfølgingen er gjenopptatt.");
    if (process.isWaitingFor(episodeId, FollowupVariables.MESSAGE_RESUME_REQUESTED)) {
      process.correlate(episodeId, FollowupVariables.MESSAGE_RESUME_REQUESTED);
    }
  }

  /** The service is to end outside an evaluation (the patient died, moved, or does not want it). */
  @Transactional
  public void requestEnd(String episodeId, String reason) {
    EpisodeStore.EpisodeRow episode = accessible(episodeId);
    if (!process.isWaitingFor(episodeId, FollowupVariables.MESSAGE_END_REQUESTED)) {
      throw RequestRejectedException.conflict("Oppfølgingen kan ikke avsluttes herfra nå (fase: " + episode.phase()
          + "). Avslutt den fra evalueringen, eller vent til oppstarten er ferdig.");
    }
    episodes.addNote(episodeId, null, Actor.current().id(), Actor.current().displayName(), "END_REQUESTED", reason);
    process.correlate(episodeId, FollowupVariables.MESSAGE_END_REQUESTED);
  }

  private EpisodeStore.EpisodeRow accessible(String episodeId) {
    return episodes.find(episodeId).filter(row -> Actor.current().municipalities().contains(row.municipalityNumber()))
        .orElseThrow(() -> RequestRejectedException.notFound("Finner ingen episode " + episodeId
            + " i kommunene du har tilgang til."));
  }
}
