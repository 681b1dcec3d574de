package no.carepath.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import no.carepath.followup.readings.Deviations;
import no.carepath.followup.triage.Colour;
import no.carepath.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code followup_deviation}, as the processes and pages see it (opening is {@link Deviations}'). */
@Repository
class DeviationStore {

  record DeviationRow(String deviationId, String episodeId, String kind, Colour colour, Colour signalledColour,
      String status, String summary, int readingCount, Instant openedAt, Instant raisedAt, Instant signalledAt,
      Instant closedAt, String outcome, String outcomeNote, String handledBy, int signalAttempts) {
  }

  private final JdbcClient jdbc;
  private final Deviations deviations;
  private final Clock clock;

  DeviationStore(JdbcClient jdbc, Deviations deviations, Clock clock) {
    this.jdbc = jdbc;
    this.deviations = deviations;
    this.clock = clock;
  }

  Optional<DeviationRow> find(String deviationId) {
    return jdbc.sql("select * from followup_deviation where deviation_id = :id").param("id", deviationId)
        .query((row, n) -> map(row)).optional();
  }

  /** Locks an open deviation whose colour the engine does not have yet; empty if another node has it. */
  Optional<DeviationRow> lockUnsignalled(String deviationId) {
    return jdbc.sql("""
            select * from followup_deviation
            where deviation_id = :id and status = 'OPEN' and signalled_colour is distinct from colour
            for update skip locked
            """)
        .param("id", deviationId).query((row, n) -> map(row)).optional();
  }

  /**
   * Locks up to {@code limit} open deviations whose colour the engine does not have yet, the oldest
   * first, skipping those another thread or node holds and those in {@code except} (in back-off).
   */
  List<DeviationRow> lockUnsignalled(int limit, String[] except) {
    return jdbc.sql("""
            select * from followup_deviation
            where status = 'OPEN' and signalled_colour is distinct from colour
              and deviation_id <> all(cast(:except as text[]))
            order by opened_at limit :limit
            for update skip locked
            """)
        .param("except", except).param("limit", limit).query((row, n) -> map(row)).list();
  }

  List<String> unsignalled(int limit) {
    return jdbc.sql("""
            select deviation_id from followup_deviation
            where status = 'OPEN' and signalled_colour is distinct from colour
            order by opened_at limit :limit
            """)
        .param("limit", limit).query(String.class).list();
  }

  void markSignalled(String deviationId, Colour colour) {
    jdbc.sql("""
            update followup_deviation set signalled_colour = :colour, signalled_at = :now, signal_attempts = 0,
              signal_error = null
            where deviation_id = :id
            """)
        .param("colour", colour.name()).param("now", Timestamp.from(clock.instant())).param("id", deviationId).update();
  }

  /** Marks each of the rows signalled with the colour it was locked with. */
  void markSignalled(List<DeviationRow> rows) {
    String[] ids = rows.stream().map(DeviationRow::deviationId).toArray(String[]::new);
    String[] colours = rows.stream().map(row -> row.colour().name()).toArray(String[]::new);
    jdbc.sql("""
            update followup_deviation d set signalled_colour = s.colour, signalled_at = :now, signal_attempts = 0,
              signal_error = null
            from unnest(cast(:ids as text[]), cast(:colours as text[])) as s(id, colour)
            where d.deviation_id = s.id
            """)
        .param("ids", ids).param("colours", colours).param("now", Timestamp.from(clock.instant())).update();
  }

  void recordSignalFailure(String deviationId, String error) {
    jdbc.sql("""
            update followup_deviation set signal_attempts = signal_attempts + 1, signal_error = :error
            where deviation_id = :id
            """)
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error).param("id", deviationId).update();
  }

  long countUnsignalled() {
    return jdbc.sql("select count(*) from followup_deviation where status = 'OPEN' and signalled_colour is distinct from colour")
        .query(Long.class).single();
  }

  /**
   * The nurse has handled the deviation: it closes. A red reading that came while the nurse handled
   * the yellow task, and that the engine had not yet raised, is not lost: it opens a new red deviation.
   */
  void close(String deviationId, String outcome, String note, Actor actor) {
    Optional<DeviationRow> closed = jdbc.sql("""
            update followup_deviation set status = 'CLOSED', closed_at = :now, outcome = :outcome, outcome_note = :note,
              handled_by = :actor
            where deviation_id = :id and status = 'OPEN'
            returning *
            """)
        .param("now", Timestamp.from(clock.instant())).param("outcome", outcome).param("note", note)
        .param("actor", actor.id()).param("id", deviationId).query((row, n) -> map(row)).optional();
    closed.filter(row -> row.signalledColour() != null && row.colour().compareTo(row.signalledColour()) > 0)
        .ifPresent(row -> deviations.recordOther(row.episodeId(), "READING", row.colour(),
            "Forverring som kom mens det gule avviket " + row.deviationId() + " ble avsluttet: " + row.summary(), null));
  }

  List<DeviationRow> ofEpisode(String episodeId, int limit) {
    return jdbc.sql("select * from followup_deviation where episode_id = :id order by opened_at desc limit :limit")
        .param("id", episodeId).param("limit", limit).query((row, n) -> map(row)).list();
  }

  /** When the newest missed-reading deviation of the episode opened, if any. */
  /**
   * Holds the episode's missed-measurement check until the transaction ends: on two nodes the sweeps
   * run at the same time, and the second must see the first's alarm, not raise its own beside it.
   */
  void lockMissedCheck(String episodeId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext('followup_missed_reading'), hashtext(:id))")
        .param("id", episodeId).query((row, n) -> 1).list();
  }

  Optional<Instant> lastMissedAlarm(String episodeId) {
    return jdbc.sql("select max(opened_at) from followup_deviation where episode_id = :id and kind = 'MISSED'")
        .param("id", episodeId).query(Timestamp.class).list().stream().filter(java.util.Objects::nonNull)
        .findFirst().map(Timestamp::toInstant);
  }

  private static DeviationRow map(java.sql.ResultSet row) throws java.sql.SQLException {
    return new DeviationRow(row.getString("deviation_id"), row.getString("episode_id"), row.getString("kind"),
        Colour.valueOf(row.getString("colour")),
        row.getString("signalled_colour") == null ? null : Colour.valueOf(row.getString("signalled_colour")),
        row.getString("status"), row.getString("summary"), row.getInt("reading_count"), instant(row, "opened_at"),
        instant(row, "raised_at"), instant(row, "signalled_at"), instant(row, "closed_at"), row.getString("outcome"),
        row.getString("outcome_note"), row.getString("handled_by"), row.getInt("signal_attempts"));
  }

  private static Instant instant(java.sql.ResultSet row, String column) throws java.sql.SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
