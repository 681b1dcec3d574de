package no.carepath.patient;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import no.carepath.security.AccessLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The patient register of Carepath (table {@code patient}). */
@Service
public class PatientService {

  private final JdbcClient jdbc;
  private final AccessLog accessLog;
  private final Clock clock;

  PatientService(JdbcClient jdbc, AccessLog accessLog, Clock clock) {
    this.jdbc = jdbc;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  /**
   * The patient with this national ID number, registered now if new. Names and municipality are
   * updated to what the newest referral says.
   */
  @Transactional
  public Patient register(NationalIdentityNumber nationalId, String givenName, String familyName, String municipalityNumber) {
    // two first messages about a new patient at once: the second insert waits for the first to
    // commit, then updates the row it made
    UUID id = jdbc.sql("""
            insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
            values (:id, :nationalId, :given, :family, :birthDate, :municipality, :createdAt)
            on conflict (national_id) do update set given_name = excluded.given_name, family_name = excluded.family_name,
              municipality_number = excluded.municipality_number
            returning id
            """)
        .param("id", UUID.randomUUID()).param("nationalId", nationalId.value()).param("given", givenName)
        .param("family", familyName).param("birthDate", nationalId.birthDate()).param("municipality", municipalityNumber)
        .param("createdAt", Timestamp.from(clock.instant()))
        .query(UUID.class).single();
    return new Patient(id, nationalId, givenName, familyName, nationalId.birthDate(), municipalityNumber);
  }

  /** Name and birth date for lists and task variables; no national ID, so no access-log entry. */
  public String label(UUID id) {
    return jdbc.sql("select given_name, family_name, birth_date from patient where id = :id").param("id", id)
        .query((row, number) -> new Patient(id, null, row.getString("given_name"), row.getString("family_name"),
            row.getObject("birth_date", java.time.LocalDate.class), null).label())
        .single();
  }

  /**
   * Reads a patient for a purpose and writes who read it into the access log.
   *
   * @param caseId the case the read belongs to, or {@code null}
   * @param purpose what the data is read for, e.g. {@code case-view}
   */
  @Transactional
  public Patient read(UUID id, String caseId, String purpose) {
    Patient patient = jdbc.sql("""
            select id, national_id, given_name, family_name, birth_date, municipality_number from patient where id = :id
            """)
        .param("id", id)
        .query((row, number) -> new Patient(row.getObject("id", UUID.class),
            NationalIdentityNumber.parse(row.getString("national_id")), row.getString("given_name"),
            row.getString("family_name"), row.getObject("birth_date", java.time.LocalDate.class),
            row.getString("municipality_number")))
        .single();
    accessLog.recordRead(id, caseId, purpose);
    return patient;
  }

  /** A list view showed these patients' names: one access-log row each ({@code what}: e.g. {@code case-list}). */
  public void recordListRead(java.util.Collection<UUID> ids, String what) {
    accessLog.recordListRead(ids, what);
  }

  /**
   * The patient with this national ID number, if one of these municipalities has them; not
   * access-logged (the caller logs what it then shows).
   */
  public java.util.Optional<Patient> find(NationalIdentityNumber nationalId, java.util.Collection<String> municipalities) {
    if (municipalities.isEmpty()) {
      return java.util.Optional.empty();
    }
    return jdbc.sql("""
            select id, national_id, given_name, family_name, birth_date, municipality_number from patient
            where national_id = :nid and municipality_number in (:municipalities)
            """)
        .param("nid", nationalId.value()).param("municipalities", java.util.List.copyOf(municipalities))
        .query((row, number) -> new Patient(row.getObject("id", UUID.class),
            NationalIdentityNumber.parse(row.getString("national_id")), row.getString("given_name"),
            row.getString("family_name"), row.getObject("birth_date", java.time.LocalDate.class),
            row.getString("municipality_number")))
        .optional();
  }
}
