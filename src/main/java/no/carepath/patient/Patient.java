package no.carepath.patient;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A patient as Carepath knows them. The national ID number is here for letters and messages that
 * must identify the person; screens and process variables use {@link #label()}.
 */
public record Patient(UUID id, NationalIdentityNumber nationalId, String givenName, String familyName,
    LocalDate birthDate, String municipalityNumber) {

  private static final DateTimeFormatter NORWEGIAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  public String fullName() {
    return givenName + " " + familyName;
  }

  /** Name and birth date, what a nurse or case worker needs to recognise the patient in a list. */
  public String label() {
    return fullName() + ", f. " + NORWEGIAN_DATE.format(birthDate);
  }
}
