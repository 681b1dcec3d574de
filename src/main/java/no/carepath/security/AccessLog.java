package no.carepath.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who read which patient's data, when and why: one row per read of patient data through
 * Carepath's own API and pages (table {@code security_access_log}). Reads through the Camunda
 * webapps are covered by the engine's user-operation log; process variables never hold the
 * national ID number.
 */
@Component
public class AccessLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  AccessLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * @param patientId the patient whose data was read
   * @param caseId the case the read belongs to, or {@code null}
   * @param purpose what was read, e.g. {@code case-view} or {@code decision-letter}
   */
  public void recordRead(UUID patientId, String caseId, String purpose) {
    Actor actor = Actor.current();
    jdbc.sql("""
            insert into security_access_log (occurred_at, actor_id, actor_roles, patient_id, case_id, purpose)
            values (:occurredAt, :actorId, :actorRoles, :patientId, :caseId, :purpose)
            """)
        .param("occurredAt", Timestamp.from(clock.instant()))
        .param("actorId", actor.id())
        .param("actorRoles", String.join(",", actor.roles()))
        .param("patientId", patientId)
        .param("caseId", caseId)
        .param("purpose", purpose)
        .update();
  }
}
