package no.carepath.allocation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The allocation tables: case, assessment, decision, letter, case events. */
@Repository
class CaseStore {

  record CaseRow(String caseId, UUID patientId, String municipalityNumber, AllocationCases.Channel channel,
      CaseStatus status, Instant receivedAt, String summary) {
  }

  record DecisionRow(UUID id, String caseId, int round, String outcome, List<String> services, String scope,
      LocalDate startDate, String reason, String legalBasis, String recommendation, String appealOutcome,
      String decidedByName, Instant decidedAt) {
  }

  record LetterRow(UUID id, String caseId, UUID decisionId, Instant createdAt, byte[] pdf, String dispatchStatus,
      String dispatchId, Instant dispatchedAt) {
  }

  record EventRow(Instant occurredAt, String actorId, String kind, Map<String, Object> content) {
  }

  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  CaseStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  String nextCaseId(int year) {
    long number = jdbc.sql("select nextval('allocation_case_number')").query(Long.class).single();
    return String.format("SAK-%d-%06d", year, number);
  }

  void insertCase(CaseRow row) {
    jdbc.sql("""
            insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
            values (:caseId, :patientId, :municipality, :channel, :status, :receivedAt, :summary)
            """)
        .param("caseId", row.caseId()).param("patientId", row.patientId())
        .param("municipality", row.municipalityNumber()).param("channel", row.channel().name())
        .param("status", row.status().name()).param("receivedAt", Timestamp.from(row.receivedAt()))
        .param("summary", row.summary())
        .update();
  }

  void setGp(String caseId, AllocationCases.GpContact gp) {
    jdbc.sql("update allocation_case set gp = cast(:gp as jsonb) where case_id = :caseId")
        .param("gp", toJson(java.util.Map.of("name", gp.name(), "hprNumber", gp.hprNumber() == null ? "" : gp.hprNumber(),
            "practice", gp.practice() == null ? "" : gp.practice())))
        .param("caseId", caseId).update();
  }

  Optional<AllocationCases.GpContact> gp(String caseId) {
    return jdbc.sql("select gp->>'name', gp->>'hprNumber', gp->>'practice' from allocation_case where case_id = :caseId and gp is not null")
        .param("caseId", caseId)
        .query((row, n) -> new AllocationCases.GpContact(row.getString(1), blankToNull(row.getString(2)), blankToNull(row.getString(3))))
        .optional();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  void updateStatus(String caseId, CaseStatus status) {
    jdbc.sql("update allocation_case set status = :status, version = version + 1 where case_id = :caseId")
        .param("status", status.name()).param("caseId", caseId).update();
  }

  Optional<CaseRow> findCase(String caseId) {
    return jdbc.sql("select * from allocation_case where case_id = :caseId").param("caseId", caseId)
        .query(CaseStore::caseRow).optional();
  }

  List<CaseRow> listCases(Set<String> municipalities, int limit) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select * from allocation_case where municipality_number in (:municipalities)
            order by received_at desc limit :limit
            """)
        .param("municipalities", municipalities).param("limit", limit)
        .query(CaseStore::caseRow).list();
  }

  void addEvent(String caseId, Instant at, String actorId, String kind, Map<String, Object> content) {
    jdbc.sql("""
            insert into allocation_case_event (case_id, occurred_at, actor_id, kind, content)
            values (:caseId, :at, :actorId, :kind, cast(:content as jsonb))
            """)
        .param("caseId", caseId).param("at", Timestamp.from(at)).param("actorId", actorId).param("kind", kind)
        .param("content", toJson(content))
        .update();
  }

  List<EventRow> events(String caseId) {
    return jdbc.sql("select * from allocation_case_event where case_id = :caseId order by occurred_at, id")
        .param("caseId", caseId)
        .query((rs, n) -> new EventRow(rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_id"),
            rs.getString("kind"), fromJson(rs.getString("content"), OBJECT_MAP)))
        .list();
  }

  void insertAssessment(String caseId, int round, Map<String, Object> content, String actorId, Instant at) {
    jdbc.sql("""
            insert into allocation_assessment (id, case_id, round, content, assessed_by, assessed_at)
            values (:id, :caseId, :round, cast(:content as jsonb), :actorId, :at)
            on conflict (case_id, round) do update
               set content = excluded.content, assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at
            """)
        .param("id", UUID.randomUUID()).param("caseId", caseId).param("round", round)
        .param("content", toJson(content)).param("actorId", actorId).param("at", Timestamp.from(at))
        .update();
  }

  Optional<Map<String, Object>> latestAssessment(String caseId) {
    return jdbc.sql("select content from allocation_assessment where case_id = :caseId order by round desc limit 1")
        .param("caseId", caseId).query((rs, n) -> fromJson(rs.getString("content"), OBJECT_MAP)).optional();
  }

  UUID insertDecision(DecisionRow row, String decidedBy) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            insert into allocation_decision (id, case_id, round, outcome, services, scope, start_date, reason, legal_basis,
                recommendation, appeal_outcome, decided_by, decided_by_name, decided_at)
            values (:id, :caseId, :round, :outcome, cast(:services as jsonb), :scope, :startDate, :reason, :legalBasis,
                :recommendation, :appealOutcome, :decidedBy, :decidedByName, :decidedAt)
            """)
        .param("id", id).param("caseId", row.caseId()).param("round", row.round()).param("outcome", row.outcome())
        .param("services", toJson(row.services())).param("scope", row.scope()).param("startDate", row.startDate())
        .param("reason", row.reason()).param("legalBasis", row.legalBasis()).param("recommendation", row.recommendation())
        .param("appealOutcome", row.appealOutcome()).param("decidedBy", decidedBy)
        .param("decidedByName", row.decidedByName()).param("decidedAt", Timestamp.from(row.decidedAt()))
        .update();
    return id;
  }

  Optional<DecisionRow> findDecision(UUID id) {
    return jdbc.sql("select * from allocation_decision where id = :id").param("id", id)
        .query(this::decisionRow).optional();
  }

  Optional<DecisionRow> latestDecision(String caseId) {
    return jdbc.sql("select * from allocation_decision where case_id = :caseId order by round desc limit 1")
        .param("caseId", caseId).query(this::decisionRow).optional();
  }

  UUID insertLetter(String caseId, UUID decisionId, byte[] pdf, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            insert into allocation_letter (id, case_id, decision_id, created_at, pdf, sha256, dispatch_status)
            values (:id, :caseId, :decisionId, :at, :pdf, :sha256, 'PENDING')
            """)
        .param("id", id).param("caseId", caseId).param("decisionId", decisionId).param("at", Timestamp.from(at))
        .param("pdf", pdf).param("sha256", sha256(pdf))
        .update();
    return id;
  }

  boolean hasCase(UUID patientId, String municipalityNumber) {
    return jdbc.sql("select exists (select 1 from allocation_case where patient_id = :patientId and municipality_number = :m)")
        .param("patientId", patientId).param("m", municipalityNumber).query(Boolean.class).single();
  }

  Optional<LetterRow> findLetter(UUID id) {
    return jdbc.sql("select * from allocation_letter where id = :id").param("id", id).query(CaseStore::letterRow).optional();
  }

  Optional<LetterRow> latestLetter(String caseId) {
    return jdbc.sql("select * from allocation_letter where case_id = :caseId order by created_at desc limit 1")
        .param("caseId", caseId).query(CaseStore::letterRow).optional();
  }

  /** Idempotent: a retried dispatch that was already recorded keeps its first receipt. */
  boolean markLetterDispatched(UUID letterId, String dispatchId, Instant at) {
    return jdbc.sql("""
            update allocation_letter set dispatch_status = 'DISPATCHED', dispatch_id = :dispatchId, dispatched_at = :at
            where id = :id and dispatch_status = 'PENDING'
            """)
        .param("id", letterId).param("dispatchId", dispatchId).param("at", Timestamp.from(at))
        .update() == 1;
  }

  private static CaseRow caseRow(ResultSet rs, int n) throws SQLException {
    return new CaseRow(rs.getString("case_id"), rs.getObject("patient_id", UUID.class), rs.getString("municipality_number"),
        AllocationCases.Channel.valueOf(rs.getString("channel")), CaseStatus.valueOf(rs.getString("status")),
        rs.getTimestamp("received_at").toInstant(), rs.getString("summary"));
  }

  private DecisionRow decisionRow(ResultSet rs, int n) throws SQLException {
    return new DecisionRow(rs.getObject("id", UUID.class), rs.getString("case_id"), rs.getInt("round"),
        rs.getString("outcome"), fromJson(rs.getString("services"), STRING_LIST), rs.getString("scope"),
        rs.getObject("start_date", LocalDate.class), rs.getString("reason"), rs.getString("legal_basis"),
        rs.getString("recommendation"), rs.getString("appeal_outcome"), rs.getString("decided_by_name"),
        rs.getTimestamp("decided_at").toInstant());
  }

  private static LetterRow letterRow(ResultSet rs, int n) throws SQLException {
    Timestamp dispatchedAt = rs.getTimestamp("dispatched_at");
    return new LetterRow(rs.getObject("id", UUID.class), rs.getString("case_id"), rs.getObject("decision_id", UUID.class),
        rs.getTimestamp("created_at").toInstant(), rs.getBytes("pdf"), rs.getString("dispatch_status"),
        rs.getString("dispatch_id"), dispatchedAt == null ? null : dispatchedAt.toInstant());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T fromJson(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
