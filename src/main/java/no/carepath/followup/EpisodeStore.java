package no.carepath.followup;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import no.carepath.followup.triage.VitalSign;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code followup_episode} and what hangs off it (devices, notes). */
@Repository
class EpisodeStore {

  record EpisodeRow(String episodeId, String caseId, UUID patientId, String municipalityNumber, String status,
      String phase, Integer monitoringKey, Instant enrolledAt, Instant trialEndsAt, List<VitalSign> measuredSigns,
      Duration readingInterval, int thresholdsVersion, boolean spo2Scale2, String gpName, String gpHprNumber,
      String gpPractice, Instant pausedAt, LocalDate pausedUntil, String pauseReason, String endReason,
      Instant endedAt, Instant createdAt) {

    boolean enrolled() {
      return monitoringKey != null;
    }
  }

  record Device(UUID id, String kind, String serialNumber, Instant handedOutAt, Instant returnedAt) {
  }

  private static final String COLUMNS = """
      episode_id, case_id, patient_id, municipality_number, status, phase, monitoring_key, enrolled_at, trial_ends_at,
      measured_signs, extract(epoch from reading_interval)::bigint as reading_interval_seconds, thresholds_version,
      spo2_scale2, gp_name, gp_hpr_number, gp_practice, paused_at, paused_until, pause_reason, end_reason, ended_at,
      created_at
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  /** Published in the transaction that writes a note; journal-worthy notes go on to the municipal record. */
  record NoteAdded(String episodeId, String authorName, String kind, String text) {
  }

  private final org.springframework.context.ApplicationEventPublisher events;

  EpisodeStore(JdbcClient jdbc, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  Optional<EpisodeRow> find(String episodeId) {
    return jdbc.sql("select " + COLUMNS + " from followup_episode where episode_id = :id").param("id", episodeId)
        .query((row, n) -> map(row)).optional();
  }

  EpisodeRow get(String episodeId) {
    return find(episodeId).orElseThrow(() -> new IllegalStateException("No episode " + episodeId));
  }

  /**
   * The active, measuring episodes of which at least one measured sign has been silent since {@code due =
   * now - reading interval - grace}: enrolled before {@code due}, and no reading of that sign measured at or
   * after it. Exactly the episodes {@code MissedReadings.check(episode)} may find a missed sign in (whether
   * it was alarmed already is for that check), found in one statement with the readings' index instead of
   * one transaction per enrolled patient.
   */
  List<EpisodeRow> activeAndSilent(Instant now, Duration grace) {
    return jdbc.sql("select " + COLUMNS + """
             from followup_episode e
            where e.status = 'ACTIVE' and e.phase in ('TRIAL', 'FOLLOW_UP') and e.monitoring_key is not null
              and cardinality(e.measured_signs) > 0
              and e.enrolled_at < cast(:now as timestamptz) - e.reading_interval - make_interval(secs => :grace)
              and exists (
                select 1 from unnest(e.measured_signs) as measured(sign)
                 where not exists (
                   select 1 from followup_reading r
                    where r.monitoring_key = e.monitoring_key and r.sign = measured.sign
                      and r.measured_at >= cast(:now as timestamptz) - e.reading_interval - make_interval(secs => :grace)))
            """)
        .param("now", Timestamp.from(now)).param("grace", (double) grace.toSeconds())
        .query((row, n) -> map(row)).list();
  }

  void setGp(String episodeId, String name, String hprNumber, String practice) {
    jdbc.sql("update followup_episode set gp_name = :name, gp_hpr_number = :hpr, gp_practice = :practice where episode_id = :id")
        .param("name", name).param("hpr", hprNumber).param("practice", practice).param("id", episodeId).update();
  }

  /** Whether the patient uses insulin: a red deviation then requires diabetes follow-up (competence). */
  void setInsulinTreated(String episodeId, boolean insulin) {
    jdbc.sql("update followup_episode set insulin_treated = :insulin where episode_id = :id")
        .param("insulin", insulin).param("id", episodeId).update();
  }

  boolean insulinTreated(String episodeId) {
    return jdbc.sql("select insulin_treated from followup_episode where episode_id = :id").param("id", episodeId)
        .query(Boolean.class).optional().orElse(false);
  }

  /**
   * The home visit is done: the patient measures from now on. Gives the episode its monitoring key
   * (once), the signs from the devices, and the end of the trial period.
   */
  void enroll(String episodeId, List<VitalSign> signs, boolean spo2Scale2, Instant trialEndsAt) {
    jdbc.sql("""
            update followup_episode set status = 'ACTIVE', phase = 'TRIAL',
              monitoring_key = coalesce(monitoring_key, nextval('followup_monitoring_key')),
              enrolled_at = coalesce(enrolled_at, :now), trial_ends_at = :trialEnds,
              measured_signs = cast(:signs as smallint[]), spo2_scale2 = :scale2,
              thresholds_version = thresholds_version + 1
            where episode_id = :id
            """)
        .param("now", Timestamp.from(clock.instant())).param("trialEnds", Timestamp.from(trialEndsAt))
        .param("signs", signLiteral(signs)).param("scale2", spo2Scale2).param("id", episodeId).update();
  }

  void addDevice(String episodeId, String kind, String serialNumber) {
    jdbc.sql("""
            insert into followup_device (id, episode_id, kind, serial_number, handed_out_at)
            values (:id, :episodeId, :kind, :serial, :now)
            """)
        .param("id", UUID.randomUUID()).param("episodeId", episodeId).param("kind", kind).param("serial", serialNumber)
        .param("now", Timestamp.from(clock.instant())).update();
  }

  List<Device> devices(String episodeId) {
    return jdbc.sql("select * from followup_device where episode_id = :id order by handed_out_at, kind")
        .param("id", episodeId)
        .query((row, n) -> new Device(row.getObject("id", UUID.class), row.getString("kind"), row.getString("serial_number"),
            row.getTimestamp("handed_out_at").toInstant(),
            row.getTimestamp("returned_at") == null ? null : row.getTimestamp("returned_at").toInstant()))
        .list();
  }

  void markDevicesReturned(String episodeId, List<UUID> deviceIds) {
    if (deviceIds.isEmpty()) {
      return;
    }
    jdbc.sql("update followup_device set returned_at = :now where episode_id = :episodeId and id in (:ids) and returned_at is null")
        .param("now", Timestamp.from(clock.instant())).param("episodeId", episodeId).param("ids", deviceIds).update();
  }

  /** A new plan version applies: its signs and interval, and new thresholds for every reader. */
  void applyPlan(String episodeId, List<VitalSign> signs, Duration readingInterval) {
    jdbc.sql("""
            update followup_episode set phase = 'FOLLOW_UP', measured_signs = cast(:signs as smallint[]),
              reading_interval = make_interval(secs => :seconds), thresholds_version = thresholds_version + 1
            where episode_id = :id
            """)
        .param("signs", signLiteral(signs)).param("seconds", readingInterval.toSeconds()).param("id", episodeId).update();
  }

  void pause(String episodeId, LocalDate until, String reason) {
    jdbc.sql("""
            update followup_episode set status = 'ON_HOLD', paused_at = :now, paused_until = :until, pause_reason = :reason
            where episode_id = :id
            """)
        .param("now", Timestamp.from(clock.instant())).param("until", until).param("reason", reason)
        .param("id", episodeId).update();
  }

  void resume(String episodeId) {
    jdbc.sql("""
            update followup_episode set status = 'ACTIVE', paused_at = null, paused_until = null, pause_reason = null
            where episode_id = :id and status = 'ON_HOLD'
            """)
        .param("id", episodeId).update();
  }

  void startEnding(String episodeId, String reason) {
    jdbc.sql("update followup_episode set phase = 'ENDING', end_reason = :reason where episode_id = :id")
        .param("reason", reason).param("id", episodeId).update();
  }

  void finish(String episodeId) {
    jdbc.sql("update followup_episode set status = 'FINISHED', phase = 'ENDED', ended_at = :now where episode_id = :id")
        .param("now", Timestamp.from(clock.instant())).param("id", episodeId).update();
  }

  void addNote(String episodeId, String deviationId, String authorId, String authorName, String kind, String text) {
    jdbc.sql("""
            insert into followup_episode_note (episode_id, deviation_id, occurred_at, author_id, author_name, kind, text)
            values (:episodeId, :deviationId, :now, :authorId, :authorName, :kind, :text)
            """)
        .param("episodeId", episodeId).param("deviationId", deviationId).param("now", Timestamp.from(clock.instant()))
        .param("authorId", authorId).param("authorName", authorName).param("kind", kind).param("text", text).update();
    events.publishEvent(new NoteAdded(episodeId, authorName, kind, text));
  }

  record Note(Instant occurredAt, String authorName, String kind, String text, String deviationId) {
  }

  List<Note> notes(String episodeId) {
    return jdbc.sql("select * from followup_episode_note where episode_id = :id order by occurred_at desc limit 100")
        .param("id", episodeId)
        .query((row, n) -> new Note(row.getTimestamp("occurred_at").toInstant(), row.getString("author_name"),
            row.getString("kind"), row.getString("text"), row.getString("deviation_id")))
        .list();
  }

  static String signLiteral(List<VitalSign> signs) {
    return signs.stream().map(sign -> Integer.toString(sign.code())).distinct()
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static EpisodeRow map(ResultSet row) throws SQLException {
    return new EpisodeRow(row.getString("episode_id"), row.getString("case_id"), row.getObject("patient_id", UUID.class),
        row.getString("municipality_number"), row.getString("status"), row.getString("phase"),
        (Integer) row.getObject("monitoring_key"), instant(row, "enrolled_at"), instant(row, "trial_ends_at"),
        signs(row.getArray("measured_signs")), Duration.ofSeconds(row.getLong("reading_interval_seconds")),
        row.getInt("thresholds_version"), row.getBoolean("spo2_scale2"), row.getString("gp_name"),
        row.getString("gp_hpr_number"), row.getString("gp_practice"), instant(row, "paused_at"),
        row.getObject("paused_until", LocalDate.class), row.getString("pause_reason"), row.getString("end_reason"),
        instant(row, "ended_at"), instant(row, "created_at"));
  }

  static List<VitalSign> signs(Array array) throws SQLException {
    List<VitalSign> signs = new ArrayList<>();
    if (array != null) {
      for (Object code : (Object[]) array.getArray()) {
        signs.add(VitalSign.ofStoredCode(((Number) code).intValue()));
      }
    }
    return signs;
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
