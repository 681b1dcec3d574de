package no.carepath.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code followup_plan}: the versions of a patient's self-management plan. A version waits
 * for the GP (AWAITING_GP), becomes ACTIVE when approved (the previous one SUPERSEDED), or is
 * REJECTED or WITHDRAWN. Nothing is deleted.
 */
@Repository
class PlanStore {

  /** The six fields of the egenbehandlingsplan, the schedule and the thresholds. */
  record Plan(UUID planId, String episodeId, int version, String status, String whatMatters, String goal,
      String subGoals, String interventions, String evaluation, String changedNeeds, List<VitalSign> measuredSigns,
      Duration readingInterval, Duration evaluationInterval, List<Thresholds> thresholds, String reason,
      String createdBy, Instant createdAt, String gpComment, Instant gpAnsweredAt, Instant activatedAt) {
  }

  private static final TypeReference<List<Thresholds>> THRESHOLDS = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  PlanStore(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** Stores a new version that waits for the GP; the version number is the next of the episode. */
  Plan createAwaitingGp(String episodeId, String whatMatters, String goal, String subGoals, String interventions,
      String evaluation, String changedNeeds, List<VitalSign> signs, Duration readingInterval,
      Duration evaluationInterval, List<Thresholds> thresholds, String reason, String createdBy) {
    UUID planId = UUID.randomUUID();
    int version = jdbc.sql("select coalesce(max(version), 0) + 1 from followup_plan where episode_id = :id")
        .param("id", episodeId).query(Integer.class).single();
    jdbc.sql("""
            insert into followup_plan (plan_id, episode_id, version, status, what_matters, goal, sub_goals, interventions,
              evaluation, changed_needs, measured_signs, reading_interval, evaluation_interval, thresholds, reason,
              created_by, created_at)
            values (:planId, :episodeId, :version, 'AWAITING_GP', :whatMatters, :goal, :subGoals, :interventions,
              :evaluation, :changedNeeds, cast(:signs as smallint[]), make_interval(secs => :readingSeconds),
              make_interval(secs => :evaluationSeconds), cast(:thresholds as jsonb), :reason, :createdBy, :now)
            """)
        .param("planId", planId).param("episodeId", episodeId).param("version", version)
        .param("whatMatters", whatMatters).param("goal", goal).param("subGoals", subGoals)
        .param("interventions", interventions).param("evaluation", evaluation).param("changedNeeds", changedNeeds)
        .param("signs", EpisodeStore.signLiteral(signs)).param("readingSeconds", readingInterval.toSeconds())
        .param("evaluationSeconds", evaluationInterval.toSeconds()).param("thresholds", write(thresholds))
        .param("reason", reason).param("createdBy", createdBy).param("now", Timestamp.from(clock.instant()))
        .update();
    return get(planId);
  }

  Optional<Plan> find(UUID planId) {
    return jdbc.sql(select() + " where plan_id = :id").param("id", planId).query((row, n) -> map(row)).optional();
  }

  Plan get(UUID planId) {
    return find(planId).orElseThrow(() -> new IllegalStateException("No plan " + planId));
  }

  Optional<Plan> active(String episodeId) {
    return jdbc.sql(select() + " where episode_id = :id and status = 'ACTIVE'").param("id", episodeId)
        .query((row, n) -> map(row)).optional();
  }

  Optional<Plan> awaitingGp(String episodeId) {
    return jdbc.sql(select() + " where episode_id = :id and status = 'AWAITING_GP'").param("id", episodeId)
        .query((row, n) -> map(row)).optional();
  }

  List<Plan> all(String episodeId) {
    return jdbc.sql(select() + " where episode_id = :id order by version desc").param("id", episodeId)
        .query((row, n) -> map(row)).list();
  }

  /** The version becomes the one in force; the previous active version is superseded. */
  void activate(UUID planId, String gpComment) {
    Plan plan = get(planId);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("update followup_plan set status = 'SUPERSEDED' where episode_id = :episodeId and status = 'ACTIVE'")
        .param("episodeId", plan.episodeId()).update();
    jdbc.sql("""
            update followup_plan set status = 'ACTIVE', activated_at = :now, gp_comment = coalesce(:comment, gp_comment),
              gp_answered_at = coalesce(gp_answered_at, :now)
            where plan_id = :id and status = 'AWAITING_GP'
            """)
        .param("now", now).param("comment", gpComment).param("id", planId).update();
  }

  void reject(UUID planId, String gpComment) {
    jdbc.sql("""
            update followup_plan set status = 'REJECTED', gp_comment = :comment, gp_answered_at = :now
            where plan_id = :id and status = 'AWAITING_GP'
            """)
        .param("comment", gpComment).param("now", Timestamp.from(clock.instant())).param("id", planId).update();
  }

  void withdraw(UUID planId) {
    jdbc.sql("update followup_plan set status = 'WITHDRAWN' where plan_id = :id and status = 'AWAITING_GP'")
        .param("id", planId).update();
  }

  private static String select() {
    return """
        select plan_id, episode_id, version, status, what_matters, goal, sub_goals, interventions, evaluation,
          changed_needs, measured_signs, extract(epoch from reading_interval)::bigint as reading_seconds,
          extract(epoch from evaluation_interval)::bigint as evaluation_seconds, thresholds::text as thresholds_json,
          reason, created_by, created_at, gp_comment, gp_answered_at, activated_at
        from followup_plan
        """;
  }

  private Plan map(ResultSet row) throws SQLException {
    return new Plan(row.getObject("plan_id", UUID.class), row.getString("episode_id"), row.getInt("version"),
        row.getString("status"), row.getString("what_matters"), row.getString("goal"), row.getString("sub_goals"),
        row.getString("interventions"), row.getString("evaluation"), row.getString("changed_needs"),
        EpisodeStore.signs(row.getArray("measured_signs")), Duration.ofSeconds(row.getLong("reading_seconds")),
        Duration.ofSeconds(row.getLong("evaluation_seconds")), read(row.getString("thresholds_json")),
        row.getString("reason"), row.getString("created_by"), row.getTimestamp("created_at").toInstant(),
        row.getString("gp_comment"),
        row.getTimestamp("gp_answered_at") == null ? null : row.getTimestamp("gp_answered_at").toInstant(),
        row.getTimestamp("activated_at") == null ? null : row.getTimestamp("activated_at").toInstant());
  }

  private String write(List<Thresholds> thresholds) {
    try {
      return json.writeValueAsString(thresholds);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Thresholds> read(String thresholdsJson) {
    try {
      return json.readValue(thresholdsJson, THRESHOLDS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored thresholds are not readable", e);
    }
  }
}
