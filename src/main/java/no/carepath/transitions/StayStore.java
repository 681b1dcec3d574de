package no.carepath.transitions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code transitions_stay} and {@code transitions_hospital_message}. */
@Repository
class StayStore {

  enum Status { ADMITTED, READY_FOR_DISCHARGE, DISCHARGED, CLOSED }

  record Stay(String stayId, String municipalityNumber, String hospitalOrgNumber, String hospitalName, String department,
      String hospitalStayRef, UUID patientId, boolean patientKnown, String episodeId, Status status, Instant admittedAt,
      LocalDate plannedDischargeDate, Instant readyAt, Instant readyAnsweredAt, Instant readyWithdrawnAt,
      Instant dischargedAt, Integer daysWaiting, Instant summaryAt, String summaryAuthor, String summaryText,
      String healthInformation, Instant createdAt, Instant closedAt) {

    /** What the process does next: a ready-for-discharge not yet answered is {@code READY_FOR_DISCHARGE}. */
    String processStatus() {
      if (dischargedAt != null) {
        return "DISCHARGED";
      }
      return readyAt != null && readyAnsweredAt == null ? "READY_FOR_DISCHARGE" : "ADMITTED";
    }
  }

  record MessageRow(String messageId, String type, Instant sentAt, Instant receivedAt, boolean outOfOrder) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  StayStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The stay of a message already received, if this message id was seen before. */
  Optional<String> stayOfMessage(String hospitalOrgNumber, String messageId) {
    return jdbc.sql("select stay_id from transitions_hospital_message where hospital_org_number = :org and message_id = :id")
        .param("org", hospitalOrgNumber).param("id", messageId).query(String.class).optional();
  }

  /**
   * Creates the stay unless the hospital's stay is known already (then empty: a concurrent first
   * message waits here until the other one commits).
   */
  Optional<String> insertIfNew(String municipalityNumber, String hospitalOrgNumber, String hospitalName, String department,
      String hospitalStayRef, UUID patientId, boolean patientKnown, String episodeId) {
    String stayId = String.format("OPPH-%d-%06d", Year.now(clock).getValue(),
        jdbc.sql("select nextval('transitions_stay_number')").query(Long.class).single());
    return jdbc.sql("""
            insert into transitions_stay (stay_id, municipality_number, hospital_org_number, hospital_name, department,
              hospital_stay_ref, patient_id, patient_known, episode_id, status, created_at)
            values (:id, :municipality, :org, :name, :department, :ref, :patientId, :known, :episodeId, 'ADMITTED', :now)
            on conflict (hospital_org_number, hospital_stay_ref) do nothing
            returning stay_id
            """)
        .param("id", stayId).param("municipality", municipalityNumber).param("org", hospitalOrgNumber)
        .param("name", hospitalName).param("department", department).param("ref", hospitalStayRef)
        .param("patientId", patientId).param("known", patientKnown).param("episodeId", episodeId)
        .param("now", Timestamp.from(clock.instant()))
        .query(String.class).optional();
  }

  Optional<Stay> lockByHospitalRef(String hospitalOrgNumber, String hospitalStayRef) {
    return jdbc.sql("select * from transitions_stay where hospital_org_number = :org and hospital_stay_ref = :ref for update")
        .param("org", hospitalOrgNumber).param("ref", hospitalStayRef).query(StayStore::stay).optional();
  }

  /** The stay, locked: a message about it waits until the process has read it and reached its next wait. */
  Stay lock(String stayId) {
    return jdbc.sql("select * from transitions_stay where stay_id = :id for update").param("id", stayId)
        .query(StayStore::stay).single();
  }

  Optional<Stay> find(String stayId) {
    return jdbc.sql("select * from transitions_stay where stay_id = :id").param("id", stayId).query(StayStore::stay)
        .optional();
  }

  List<Stay> open(Collection<String> municipalities) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select * from transitions_stay where municipality_number in (:m) and status <> 'CLOSED'
            order by (status = 'READY_FOR_DISCHARGE') desc, ready_at nulls last, created_at desc limit 500
            """)
        .param("m", municipalities).query(StayStore::stay).list();
  }

  List<Stay> closedRecently(Collection<String> municipalities, Instant since) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select * from transitions_stay where municipality_number in (:m) and status = 'CLOSED' and closed_at >= :since
            order by closed_at desc limit 200
            """)
        .param("m", municipalities).param("since", Timestamp.from(since)).query(StayStore::stay).list();
  }

  List<MessageRow> messages(String stayId) {
    return jdbc.sql("select * from transitions_hospital_message where stay_id = :id order by received_at, message_id")
        .param("id", stayId)
        .query((row, n) -> new MessageRow(row.getString("message_id"), row.getString("type"), instant(row, "sent_at"),
            instant(row, "received_at"), row.getBoolean("out_of_order")))
        .list();
  }

  void insertMessage(String hospitalOrgNumber, String messageId, String stayId, String type, Instant sentAt,
      String receivedBy, boolean outOfOrder) {
    jdbc.sql("""
            insert into transitions_hospital_message (hospital_org_number, message_id, stay_id, type, sent_at, received_at,
              received_by, out_of_order)
            values (:org, :id, :stayId, :type, :sentAt, :now, :by, :outOfOrder)
            """)
        .param("org", hospitalOrgNumber).param("id", messageId).param("stayId", stayId).param("type", type)
        .param("sentAt", sentAt == null ? null : Timestamp.from(sentAt)).param("now", Timestamp.from(clock.instant()))
        .param("by", receivedBy).param("outOfOrder", outOfOrder).update();
  }

  void admitted(String stayId, Instant admittedAt, LocalDate plannedDischargeDate, String department) {
    jdbc.sql("""
            update transitions_stay set admitted_at = coalesce(:at, admitted_at),
              planned_discharge_date = coalesce(:planned, planned_discharge_date), department = coalesce(:department, department)
            where stay_id = :id
            """)
        .param("at", admittedAt == null ? null : Timestamp.from(admittedAt)).param("planned", plannedDischargeDate)
        .param("department", department).param("id", stayId).update();
  }

  void healthInformation(String stayId, String text) {
    jdbc.sql("""
            update transitions_stay set health_information = left(coalesce(health_information || E'\\n\\n', '') || :text, 20000)
            where stay_id = :id
            """)
        .param("text", text).param("id", stayId).update();
  }

  void readyForDischarge(String stayId, Instant readyAt) {
    jdbc.sql("""
            update transitions_stay set ready_at = :at, ready_answered_at = null, ready_withdrawn_at = null,
              status = 'READY_FOR_DISCHARGE'
            where stay_id = :id and discharged_at is null and status <> 'CLOSED'
            """)
        .param("at", Timestamp.from(readyAt)).param("id", stayId).update();
  }

  /**
   * A ready-for-discharge that came after the discharge still counts for the days waiting.
   *
   * @return whether it was the first: the days are counted once
   */
  boolean lateReadyForDischarge(String stayId, Instant readyAt, int daysWaiting) {
    return jdbc.sql("update transitions_stay set ready_at = :at, days_waiting = :days where stay_id = :id and ready_at is null")
        .param("at", Timestamp.from(readyAt)).param("days", daysWaiting).param("id", stayId).update() == 1;
  }

  void readyWithdrawn(String stayId) {
    jdbc.sql("""
            update transitions_stay set ready_at = null, ready_answered_at = null, ready_withdrawn_at = :now,
              status = 'ADMITTED'
            where stay_id = :id and discharged_at is null and status <> 'CLOSED'
            """)
        .param("now", Timestamp.from(clock.instant())).param("id", stayId).update();
  }

  void readyAnswered(String stayId) {
    jdbc.sql("update transitions_stay set ready_answered_at = :now where stay_id = :id")
        .param("now", Timestamp.from(clock.instant())).param("id", stayId).update();
  }

  void discharged(String stayId, Instant dischargedAt, Integer daysWaiting) {
    jdbc.sql("""
            update transitions_stay set discharged_at = :at, days_waiting = :days,
              status = case when status = 'CLOSED' then status else 'DISCHARGED' end
            where stay_id = :id
            """)
        .param("at", Timestamp.from(dischargedAt)).param("days", daysWaiting).param("id", stayId).update();
  }

  /** The hospital said so when asked; no message came: counted as a discharge the municipality was not told of. */
  void dischargedWithoutMessage(String stayId, Instant dischargedAt, Integer daysWaiting) {
    jdbc.sql("""
            update transitions_stay set discharged_at = :at, days_waiting = :days, discharge_notified = false,
              status = case when status = 'CLOSED' then status else 'DISCHARGED' end
            where stay_id = :id and discharged_at is null
            """)
        .param("at", Timestamp.from(dischargedAt)).param("days", daysWaiting).param("id", stayId).update();
  }

  void dischargeSummary(String stayId, String author, String text) {
    jdbc.sql("""
            update transitions_stay set summary_at = :now, summary_author = :author, summary_text = :text
            where stay_id = :id
            """)
        .param("now", Timestamp.from(clock.instant())).param("author", author).param("text", text).param("id", stayId)
        .update();
  }

  void close(String stayId) {
    jdbc.sql("update transitions_stay set status = 'CLOSED', closed_at = :now where stay_id = :id")
        .param("now", Timestamp.from(clock.instant())).param("id", stayId).update();
  }

  /** For the metrics: patients reported ready and not discharged, and the days they have waited, per municipality. */
  List<Object[]> readyNow() {
    return jdbc.sql("""
            select municipality_number, count(*) as patients,
              coalesce(sum(greatest(0, current_date - (ready_at at time zone 'Europe/Oslo')::date)), 0) as days
            from transitions_stay where status = 'READY_FOR_DISCHARGE' group by municipality_number
            """)
        .query((row, n) -> new Object[] {row.getString(1), row.getLong(2), row.getLong(3)}).list();
  }

  /** When the hospital last sent anything about the stay (its creation, if nothing is stored). */
  Instant lastMessageAt(String stayId) {
    return jdbc.sql("""
            select coalesce((select max(received_at) from transitions_hospital_message where stay_id = :id),
              (select created_at from transitions_stay where stay_id = :id))
            """)
        .param("id", stayId).query((row, n) -> row.getTimestamp(1).toInstant()).single();
  }

  /** When the messages of the stays begun since {@code since} came, for {@link MessageTimeliness}. */
  List<MessageTimeliness.StayTimes> times(Collection<String> municipalities, Instant since) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select s.municipality_number, s.created_at, s.admitted_at, s.discharged_at, s.summary_at, s.discharge_notified,
              s.closed_at,
              min(m.received_at) filter (where m.type = 'ADMITTED') as admission_notice_at,
              min(m.received_at) filter (where m.type = 'HEALTH_INFORMATION') as health_information_at
            from transitions_stay s left join transitions_hospital_message m on m.stay_id = s.stay_id
            where s.municipality_number in (:m) and s.created_at >= :since
            group by s.stay_id
            """)
        .param("m", municipalities).param("since", Timestamp.from(since))
        .query((row, n) -> new MessageTimeliness.StayTimes(row.getString("municipality_number"), instant(row, "created_at"),
            instant(row, "admitted_at"), instant(row, "admission_notice_at"), instant(row, "health_information_at"),
            instant(row, "discharged_at"), row.getBoolean("discharge_notified"), instant(row, "summary_at"),
            instant(row, "closed_at")))
        .list();
  }

  private static Stay stay(ResultSet row, int number) throws SQLException {
    return new Stay(row.getString("stay_id"), row.getString("municipality_number"), row.getString("hospital_org_number"),
        row.getString("hospital_name"), row.getString("department"), row.getString("hospital_stay_ref"),
        row.getObject("patient_id", UUID.class), row.getBoolean("patient_known"), row.getString("episode_id"),
        Status.valueOf(row.getString("status")), instant(row, "admitted_at"),
        row.getObject("planned_discharge_date", LocalDate.class), instant(row, "ready_at"),
        instant(row, "ready_answered_at"), instant(row, "ready_withdrawn_at"), instant(row, "discharged_at"),
        (Integer) row.getObject("days_waiting"), instant(row, "summary_at"), row.getString("summary_author"),
        row.getString("summary_text"), row.getString("health_information"), instant(row, "created_at"),
        instant(row, "closed_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
