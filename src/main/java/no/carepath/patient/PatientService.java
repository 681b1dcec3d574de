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

  /** Where a name came from when it differed from the stored one. */
  public enum NameSource { REFERRAL, HOSPITAL }

  /** A name a message gave for a known patient that differs from the stored name. */
  public record NameReport(String givenName, String familyName, NameSource source, String reference,
      java.time.Instant reportedAt) {
    public String fullName() {
      return givenName + " " + familyName;
    }
  }

  /**
   * The patient with this national ID number, registered now if new. A known patient keeps the stored
   * name: a message is no authority on a person's name (the population register is), and a typing
   * error in one referral must not rename the patient everywhere. A different name is kept as a
   * {@link NameReport} with its source and time, for the case worker to see. The municipality follows
   * the newest message (the patient may have moved).
   *
   * @param reference the sender's reference of the message (for the name report)
   */
  @Transactional
  public Patient register(NationalIdentityNumber nationalId, String givenName, String familyName, String municipalityNumber,
      NameSource source, String reference) {
    // two first messages about a new patient at once: the second insert waits for the first to
    // commit, then updates the row it made
    Patient stored = jdbc.sql("""
            insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
            values (:id, :nationalId, :given, :family, :birthDate, :municipality, :createdAt)
            on conflict (national_id) do update set municipality_number = excluded.municipality_number
            returning id, given_name, family_name
            """)
        .param("id", UUID.randomUUID()).param("nationalId", nationalId.value()).param("given", givenName)
        .param("family", familyName).param("birthDate", nationalId.birthDate()).param("municipality", municipalityNumber)
        .param("createdAt", Timestamp.from(clock.instant()))
        .query((row, number) -> new Patient(row.getObject("id", UUID.class), nationalId, row.getString("given_name"),
            row.getString("family_name"), nationalId.birthDate(), municipalityNumber))
        .single();
    if (!stored.givenName().equals(givenName) || !stored.familyName().equals(familyName)) {
      jdbc.sql("""
              insert into patient_name_report (patient_id, given_name, family_name, source, reference, reported_at)
              values (:patientId, :given, :family, :source, :reference, :at)
              """)
          .param("patientId", stored.id()).param("given", givenName).param("family", familyName)
          .param("source", source.name()).param("reference", reference == null || reference.isBlank() ? "-" : reference)
          .param("at", Timestamp.from(clock.instant()))
          .update();
    }
    return stored;
  }

  /** Names messages gave for this patient that differ from the stored one, newest first. */
  public java.util.List<NameReport> nameReports(UUID patientId) {
    return jdbc.sql("""
            select given_name, family_name, source, reference, reported_at from patient_name_report
            where patient_id = :patientId order by reported_at desc limit 20
            """)
        .param("patientId", patientId)
        .query((row, number) -> new NameReport(row.getString("given_name"), row.getString("family_name"),
            NameSource.valueOf(row.getString("source")), row.getString("reference"),
            row.getTimestamp("reported_at").toInstant()))
        .list();
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
