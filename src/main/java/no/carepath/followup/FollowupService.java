package no.carepath.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Year;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Follow-up episodes: the hand-over from the allocation office to the DHO nurses. */
@Service
public class FollowupService {

  /**
   * @param patientLabel name and birth date, shown to the nurse in the Tasklist
   */
  public record EpisodeRequest(String caseId, UUID patientId, String municipalityNumber, UUID decisionId,
      String patientLabel) {
  }

  private final JdbcClient jdbc;
  private final FollowupProcess process;
  private final Clock clock;

  FollowupService(JdbcClient jdbc, FollowupProcess process, Clock clock) {
    this.jdbc = jdbc;
    this.process = process;
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
    process.start(episodeId, Map.of(
        FollowupVariables.EPISODE_ID, episodeId,
        FollowupVariables.CASE_ID, request.caseId(),
        FollowupVariables.MUNICIPALITY_NUMBER, request.municipalityNumber(),
        FollowupVariables.PATIENT_LABEL, request.patientLabel()));
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
    return jdbc.sql("select status from followup_episode where episode_id = :episodeId")
        .param("episodeId", episodeId).query(String.class).optional();
  }

  void recordEvent(String episodeId, String actorId, String kind, String contentJson) {
    jdbc.sql("""
            insert into followup_episode_event (episode_id, occurred_at, actor_id, kind, content)
            values (:episodeId, :at, :actorId, :kind, cast(:content as jsonb))
            """)
        .param("episodeId", episodeId).param("at", Timestamp.from(clock.instant())).param("actorId", actorId)
        .param("kind", kind).param("content", contentJson)
        .update();
  }
}
