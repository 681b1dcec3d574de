package no.carepath.followup.readings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import no.carepath.followup.triage.Interpretation;
import no.carepath.followup.triage.VitalSign;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Table {@code followup_reading} (with {@code followup_reading_sent} for the value and unit as sent,
 * when a reading came in another unit than the canonical one): compact rows, written in one statement per request (arrays
 * unnested by PostgreSQL), idempotent on the reading id (through {@code followup_reading_id}, whose key is the id
 * alone: the readings table is partitioned by time, see V19). Only the caller's transaction commits them.
 */
@Repository
public class ReadingStore {

  private static final Interpretation[] INTERPRETATIONS = Interpretation.values();
  private final JdbcTemplate jdbc;

  ReadingStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What one insert found: the ids it inserted (a reading already there is not), and which of the
   * ids asked about besides were there before.
   */
  public record Inserted(Set<UUID> inserted, Set<UUID> present) {
  }

  /** Inserts the readings that are new; returns the ids that were inserted (a resend is not). */
  public Set<UUID> insertNew(List<StoredReading> readings) {
    return insertNew(readings, List.of()).inserted();
  }

  /**
   * Inserts the readings that are new and, in the same statement (one round trip), says which of
   * {@code alsoLookFor} were already stored: the readings of the same identifiers under other signs.
   */
  public Inserted insertNew(List<StoredReading> readings, Collection<UUID> alsoLookFor) {
    if (readings.isEmpty()) {
      return new Inserted(Set.of(), Set.of());
    }
    int n = readings.size();
    String[] ids = new String[n];
    Integer[] keys = new Integer[n];
    Short[] signs = new Short[n];
    Short[] interpretations = new Short[n];
    String[] values = new String[n];
    String[] sentValues = new String[n];
    String[] sentUnits = new String[n];
    String[] measured = new String[n];
    String[] received = new String[n];
    for (int i = 0; i < n; i++) {
      StoredReading reading = readings.get(i);
      ids[i] = reading.id().toString();
      keys[i] = reading.monitoringKey();
      signs[i] = (short) reading.sign().code();
      interpretations[i] = (short) reading.interpretation().ordinal();
      values[i] = reading.exact().toPlainString();
      sentValues[i] = reading.sentValue() == null ? null : reading.sentValue().toPlainString();
      sentUnits[i] = reading.sentUnit();
      measured[i] = reading.measuredAt().toString();
      received[i] = reading.receivedAt().toString();
    }
    String[] others = alsoLookFor.stream().map(UUID::toString).toArray(String[]::new);
    return jdbc.execute((Connection connection) -> {
      // the lookup reads the snapshot from before the insert: it never sees this statement's rows
      try (PreparedStatement statement = connection.prepareStatement("""
          with present as (select id from followup_reading_id where id = any(?::uuid[])),
          candidate as (
            select * from unnest(?::uuid[], ?::int[], ?::smallint[], ?::smallint[], ?::numeric[], ?::timestamptz[],
              ?::timestamptz[], ?::numeric[], ?::text[])
              as c(id, monitoring_key, sign, interpretation, value, measured_at, received_at, sent_value, sent_unit)),
          fresh as (
            -- the id alone is unique here, whatever partition the reading's time falls in (V19)
            insert into followup_reading_id (id) select id from candidate
            on conflict (id) do nothing
            returning id),
          inserted as (
            insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
            select c.id, c.monitoring_key, c.sign, c.interpretation, c.value, c.measured_at, c.received_at
            from candidate c join fresh f on f.id = c.id
            on conflict (id, measured_at) do nothing
            returning id),
          sent as (
            insert into followup_reading_sent (id, sent_value, sent_unit)
            select c.id, c.sent_value, c.sent_unit from candidate c join inserted i on i.id = c.id
            where c.sent_unit is not null)
          select true, id from inserted union all select false, id from present
          """)) {
        statement.setArray(1, connection.createArrayOf("text", others));
        statement.setArray(2, connection.createArrayOf("text", ids));
        statement.setArray(3, connection.createArrayOf("int4", keys));
        statement.setArray(4, connection.createArrayOf("int2", signs));
        statement.setArray(5, connection.createArrayOf("int2", interpretations));
        statement.setArray(6, connection.createArrayOf("text", values));
        statement.setArray(7, connection.createArrayOf("text", measured));
        statement.setArray(8, connection.createArrayOf("text", received));
        statement.setArray(9, connection.createArrayOf("text", sentValues));
        statement.setArray(10, connection.createArrayOf("text", sentUnits));
        Set<UUID> inserted = new HashSet<>();
        Set<UUID> present = new HashSet<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            (rows.getBoolean(1) ? inserted : present).add(rows.getObject(2, UUID.class));
          }
        }
        return new Inserted(inserted, present);
      }
    });
  }

  /** Deletes readings this transaction inserted for an entry that turned out to conflict. */
  public void delete(Collection<UUID> ids) {
    if (!ids.isEmpty()) {
      jdbc.execute((Connection connection) -> {
        try (PreparedStatement statement = connection.prepareStatement(
            "with gone as (delete from followup_reading_id where id = any(?::uuid[]) returning id)"
                + " delete from followup_reading where id in (select id from gone)")) {
          // followup_reading_sent goes with the id (on delete cascade)
          statement.setArray(1, connection.createArrayOf("text", ids.stream().map(UUID::toString).toArray()));
          return statement.executeUpdate();
        }
      });
    }
  }

  /** Readings by id (for answering a resend with what was stored the first time). */
  public Map<UUID, StoredReading> findByIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return jdbc.execute((Connection connection) -> {
      try (PreparedStatement statement = connection.prepareStatement(
          "select r.*, s.sent_value, s.sent_unit from followup_reading r left join followup_reading_sent s on s.id = r.id"
              + " where r.id = any(?::uuid[])")) {
        statement.setArray(1, connection.createArrayOf("text", ids.stream().map(UUID::toString).toArray()));
        List<StoredReading> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            found.add(map(rows));
          }
        }
        return found.stream().collect(Collectors.toMap(StoredReading::id, reading -> reading));
      }
    });
  }

  /** The readings of one patient measured since {@code since}, oldest first. */
  public List<StoredReading> since(int monitoringKey, Instant since) {
    return jdbc.query("""
            select r.*, s.sent_value, s.sent_unit from followup_reading r
            left join followup_reading_sent s on s.id = r.id
            where r.monitoring_key = ? and r.measured_at >= ?
            order by r.measured_at, r.sign
            """, (rows, number) -> map(rows), monitoringKey, Timestamp.from(since));
  }

  /** The newest reading of each sign measured since {@code since}. */
  public Map<VitalSign, StoredReading> latestPerSign(int monitoringKey, Instant since) {
    return jdbc.query("""
            select distinct on (r.sign) r.*, s.sent_value, s.sent_unit from followup_reading r
            left join followup_reading_sent s on s.id = r.id
            where r.monitoring_key = ? and r.measured_at >= ?
            order by r.sign, r.measured_at desc
            """, (rows, number) -> map(rows), monitoringKey, Timestamp.from(since))
        .stream().collect(Collectors.toMap(StoredReading::sign, reading -> reading));
  }

  private static StoredReading map(ResultSet rows) throws SQLException {
    return new StoredReading(rows.getObject("id", UUID.class), rows.getInt("monitoring_key"),
        VitalSign.ofStoredCode(rows.getShort("sign")), INTERPRETATIONS[rows.getShort("interpretation")],
        rows.getBigDecimal("value"), rows.getBigDecimal("sent_value"), rows.getString("sent_unit"),
        rows.getTimestamp("measured_at").toInstant(), rows.getTimestamp("received_at").toInstant());
  }
}
