package no.carepath.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import no.carepath.patient.PatientService;
import no.carepath.security.Actor;
import no.carepath.security.ProcessPatients;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily review list of green patients, one per municipality and day (process
 * {@code followup-daily-review}, tables {@code followup_daily_review*}): who is on it
 * ({@link DailyReviewRule}), and who looked at each patient when the nurse completes it. A
 * municipality's list is its home-follow-up nurses' (the process's tenant is the municipality, its
 * task's candidate group the nurses).
 */
@Service
class DailyReviews {

  /** A patient on a list, with what the nurse sees and, once confirmed, the look. */
  record Listed(String episodeId, UUID patientId, int readings, Instant lastReadingAt, Instant lastLookedAt,
      String outcome, String lookedBy, Instant lookedAt) {
  }

  record Review(String reviewId, String municipality, LocalDate date, String status, String processInstanceId,
      Integer patientCount, String note, String completedBy, Instant completedAt) {
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final ProcessPatients processPatients;
  private final PatientService patients;
  private final EpisodeStore episodes;
  private final DailyReviewProperties properties;
  private final Clock clock;

  DailyReviews(JdbcClient jdbc, RuntimeService runtime, ProcessPatients processPatients, PatientService patients,
      EpisodeStore episodes, DailyReviewProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.processPatients = processPatients;
    this.patients = patients;
    this.episodes = episodes;
    this.properties = properties;
    this.clock = clock;
  }

  /** The business key of a municipality's list of a day: {@code GJ-2026-03-14-1804}. */
  static String reference(String municipality, LocalDate day) {
    return "GJ-" + day + "-" + municipality;
  }

  /**
   * Starts the municipality's review of the day, unless it has one: then nothing (empty). Safe on
   * several nodes at once: the row's unique key decides (a second insert waits for the first to
   * commit and then does nothing), and the process starts in the same transaction.
   */
  @Transactional
  Optional<String> start(String municipality, LocalDate day) {
    String reviewId = reference(municipality, day);
    int inserted = jdbc.sql("""
            insert into followup_daily_review (review_id, municipality_number, review_date, status, started_at)
            values (:id, :municipality, :day, 'STARTED', :now)
            on conflict do nothing
            """)
        .param("id", reviewId).param("municipality", municipality).param("day", day)
        .param("now", Timestamp.from(clock.instant())).update();
    if (inserted == 0) {
      return Optional.empty();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(FollowupVariables.MUNICIPALITY_NUMBER, municipality);
    variables.put(FollowupVariables.DAILY_REVIEW_ID, reviewId);
    variables.put(FollowupVariables.DAILY_REVIEW_DUE_DATE, dueDate());
    String instance = runtime.createProcessInstanceByKey(FollowupVariables.DAILY_REVIEW_PROCESS).businessKey(reviewId)
        .setVariables(variables).execute().getId();
    jdbc.sql("update followup_daily_review set process_instance_id = :instance where review_id = :id")
        .param("instance", instance).param("id", reviewId).update();
    return Optional.of(reviewId);
  }

  /** Today at the due time, or at the end of the day when that has passed. */
  Date dueDate() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    ZonedDateTime due = now.toLocalDate().atTime(properties.dueTime()).atZone(clock.getZone());
    return Date.from((due.isAfter(now) ? due : now.toLocalDate().atTime(LocalTime.of(23, 59)).atZone(clock.getZone()))
        .toInstant());
  }

  /**
   * Draws the day's list in the engine's transaction (Task_FindGreenPatients): the patients the rule
   * puts on it, stored with the readings that made them green, and named to the access log's
   * mapping of the instance, so every read of the task is logged for each patient on it.
   *
   * @return how many patients are on the list
   */
  int drawList(String reviewId, String processInstanceId) {
    Review review = find(reviewId).orElseThrow(() -> new IllegalStateException("No daily review " + reviewId));
    Instant now = clock.instant();
    List<DailyReviewRule.Facts> listed = new ArrayList<>();
    for (DailyReviewRule.Facts facts : facts(review.municipality(), reviewId, now)) {
      if (DailyReviewRule.judge(facts, now, properties.interval()) == DailyReviewRule.Verdict.ON_LIST) {
        listed.add(facts);
      }
    }
    for (DailyReviewRule.Facts facts : listed) {
      jdbc.sql("""
              insert into followup_daily_review_patient (review_id, episode_id, readings, last_reading_at, last_looked_at)
              values (:review, :episode, :readings, :lastReading, :lastLooked)
              """)
          .param("review", reviewId).param("episode", facts.episodeId()).param("readings", facts.readings())
          .param("lastReading", Timestamp.from(facts.lastReadingAt()))
          .param("lastLooked", facts.lastLookedAt() == null ? null : Timestamp.from(facts.lastLookedAt())).update();
    }
    jdbc.sql("update followup_daily_review set patient_count = :count, status = :status where review_id = :id")
        .param("count", listed.size()).param("status", listed.isEmpty() ? "EMPTY" : "OPEN").param("id", reviewId)
        .update();
    processPatients.recordListed(processInstanceId, listed.stream().map(DailyReviewRule.Facts::patientId).toList());
    return listed.size();
  }

  /** What the rule needs about every episode in active follow-up in the municipality, as of now. */
  List<DailyReviewRule.Facts> facts(String municipality, String reviewId, Instant now) {
    return jdbc.sql("""
            select e.episode_id, e.patient_id, e.enrolled_at,
              (select max(n.occurred_at) from followup_episode_note n
                where n.episode_id = e.episode_id and n.author_id <> :system and n.kind in (:lookKinds)) as last_note_at,
              (select max(l.looked_at) from followup_daily_review_patient l
                where l.episode_id = e.episode_id and l.looked_at is not null) as last_reviewed_at,
              exists (select 1 from followup_deviation d where d.episode_id = e.episode_id and d.status = 'OPEN')
                as open_deviation,
              exists (select 1 from followup_daily_review_patient l join followup_daily_review r using (review_id)
                where l.episode_id = e.episode_id and r.status = 'OPEN' and r.review_id <> :review) as on_open_list,
              w.readings, w.not_green, w.last_reading_at
            from followup_episode e
            cross join lateral (
              select count(*) as readings, count(*) filter (where r.interpretation <> 0) as not_green,
                max(r.measured_at) as last_reading_at
              from followup_reading r
              where r.monitoring_key = e.monitoring_key and r.measured_at > :since and r.measured_at <= :now) w
            where e.municipality_number = :municipality and e.status = 'ACTIVE' and e.phase in ('TRIAL', 'FOLLOW_UP')
              and e.monitoring_key is not null
            order by e.episode_id
            """)
        .param("system", Actor.SYSTEM.id()).param("lookKinds", List.copyOf(JournalNotes.TITLES.keySet()))
        .param("review", reviewId).param("since", Timestamp.from(now.minus(properties.interval())))
        .param("now", Timestamp.from(now)).param("municipality", municipality)
        .query((row, n) -> new DailyReviewRule.Facts(row.getString("episode_id"), row.getObject("patient_id", UUID.class),
            instant(row, "enrolled_at"), instant(row, "last_note_at"), instant(row, "last_reviewed_at"),
            row.getBoolean("open_deviation"), row.getBoolean("on_open_list"), row.getInt("readings"),
            row.getInt("not_green"), instant(row, "last_reading_at")))
        .list();
  }

  Optional<Review> find(String reviewId) {
    return jdbc.sql("select * from followup_daily_review where review_id = :id").param("id", reviewId)
        .query((row, n) -> new Review(row.getString("review_id"), row.getString("municipality_number"),
            row.getObject("review_date", LocalDate.class), row.getString("status"),
            row.getString("process_instance_id"), (Integer) row.getObject("patient_count"), row.getString("note"),
            row.getString("completed_by"), instant(row, "completed_at")))
        .optional();
  }

  /** The patients on a list, in the order drawn. */
  List<Listed> list(String reviewId) {
    return jdbc.sql("""
            select l.*, e.patient_id from followup_daily_review_patient l join followup_episode e using (episode_id)
            where l.review_id = :id order by l.episode_id
            """)
        .param("id", reviewId)
        .query((row, n) -> new Listed(row.getString("episode_id"), row.getObject("patient_id", UUID.class),
            row.getInt("readings"), instant(row, "last_reading_at"), instant(row, "last_looked_at"),
            row.getString("outcome"), row.getString("looked_by"), instant(row, "looked_at")))
        .list();
  }

  /** Name and birth date of a listed patient, for the checklist (no national ID). */
  String label(UUID patientId) {
    return patients.label(patientId);
  }

  /**
   * The nurse completed the list: each patient ticked was looked at by her, now, either with nothing
   * to do ({@code fine}) or with something to follow up ({@code action}); a note on the episode says so
   * (not the list's note, which may name other patients). Patients not ticked stay unlooked and come
   * back on a later list once the interval has passed.
   */
  void confirm(String reviewId, List<String> fine, List<String> action, String note, Actor actor) {
    Timestamp now = Timestamp.from(clock.instant());
    Map<String, String> outcomes = new HashMap<>();
    fine.forEach(episodeId -> outcomes.put(episodeId, "FINE"));
    action.forEach(episodeId -> outcomes.put(episodeId, "ACTION"));
    outcomes.forEach((episodeId, outcome) -> {
      int updated = jdbc.sql("""
              update followup_daily_review_patient set outcome = :outcome, looked_by = :actor, looked_at = :now
              where review_id = :review and episode_id = :episode and looked_at is null
              """)
          .param("outcome", outcome).param("actor", actor.id()).param("now", now).param("review", reviewId)
          .param("episode", episodeId).update();
      if (updated == 1) {
        episodes.addNote(episodeId, null, actor.id(), actor.displayName(), "DAILY_REVIEWED", "FINE".equals(outcome)
            ? "Sett på i daglig gjennomgang (" + reviewId + "): alle målinger grønne, ingen tiltak."
            : "Sett på i daglig gjennomgang (" + reviewId + "): trenger oppfølging.");
      }
    });
    jdbc.sql("""
            update followup_daily_review set status = 'DONE', note = :note, completed_by = :actor, completed_at = :now
            where review_id = :id
            """)
        .param("note", note).param("actor", actor.id()).param("now", now).param("id", reviewId).update();
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
