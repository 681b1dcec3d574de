package no.carepath.intake;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.carepath.platform.PlainText;

/** The JSON contracts of {@code /api/intake}; unknown fields are refused. See README "Intake API". */
final class IntakeRequests {

  private IntakeRequests() {
  }

  record PatientData(
      @NotBlank(message = "Fødselsnummer eller D-nummer mangler.") String nationalId,
      @NotBlank(message = "Fornavn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 100, message = "Fornavn kan ha høyst 100 tegn.") String givenName,
      @NotBlank(message = "Etternavn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 100, message = "Etternavn kan ha høyst 100 tegn.") String familyName,
      @Size(max = 30, message = "Telefonnummer kan ha høyst 30 tegn.") String phone) {
  }

  enum ConsentGivenBy { PATIENT, POWER_OF_ATTORNEY, GUARDIAN }

  /** The patient's consent to the municipality assessing the need and obtaining information for it. */
  record Consent(
      @NotNull(message = "Oppgi om samtykke er gitt (true/false).") Boolean given,
      @NotNull(message = "Oppgi hvem som ga samtykket: PATIENT, POWER_OF_ATTORNEY eller GUARDIAN.") ConsentGivenBy givenBy,
      @NotNull(message = "Oppgi datoen samtykket ble gitt (ÅÅÅÅ-MM-DD).") LocalDate date) {
  }

  enum Relation { SELF, RELATIVE, GUARDIAN }

  record Applicant(
      @NotNull(message = "Oppgi hvem som søker: SELF, RELATIVE eller GUARDIAN.") Relation relation,
      @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Navn kan ha høyst 200 tegn.") String name,
      @Size(max = 30, message = "Telefonnummer kan ha høyst 30 tegn.") String phone) {
  }

  enum Service { DIGITAL_HOME_FOLLOW_UP, HOME_NURSING, PRACTICAL_ASSISTANCE, SAFETY_ALARM, OTHER }

  /** POST /api/intake/applications: a søknad from the patient, a relative or a guardian. */
  record Application(
      @Size(max = 100, message = "externalReference kan ha høyst 100 tegn.") String externalReference,
      @NotBlank(message = "Kommunenummer mangler.") String municipalityNumber,
      @Valid @NotNull(message = "Opplysninger om pasienten mangler.") PatientData patient,
      @Valid @NotNull(message = "Opplysninger om søkeren mangler.") Applicant applicant,
      @Size(max = 5, message = "Oppgi høyst fem tjenester.") List<@NotNull(message = "Tom tjeneste i listen.") Service> requestedServices,
      @NotBlank(message = "Beskriv behovet (description).") @Size(max = 4000, message = "Beskrivelsen kan ha høyst 4000 tegn.") String description,
      @Valid Consent consent) {
  }

  record Gp(
      @NotBlank(message = "Fastlegens navn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Navn kan ha høyst 200 tegn.") String name,
      @Pattern(regexp = "\\d{7,9}", message = "HPR-nummer må være 7 til 9 sifre.") String hprNumber,
      @Size(max = 200, message = "Legekontorets navn kan ha høyst 200 tegn.") String practice,
      @Size(max = 30, message = "Telefonnummer kan ha høyst 30 tegn.") String phone) {
  }

  enum CodeSystem { ICPC_2, ICD_10 }

  record Diagnosis(
      @NotNull(message = "Kodeverk mangler (ICPC_2 eller ICD_10).") CodeSystem system,
      @NotBlank(message = "Diagnosekode mangler.") @Size(max = 10, message = "Diagnosekode kan ha høyst 10 tegn.") String code,
      @Size(max = 200, message = "Diagnosetekst kan ha høyst 200 tegn.") String text) {
  }

  enum Urgency { ROUTINE, PRIORITY }

  /** POST /api/intake/gp-referrals: a henvisning from the patient's GP (fastlege). */
  record GpReferral(
      @NotBlank(message = "externalReference (meldingens id hos avsender) mangler.") @Size(max = 100, message = "externalReference kan ha høyst 100 tegn.") String externalReference,
      @NotBlank(message = "Kommunenummer mangler.") String municipalityNumber,
      @Valid @NotNull(message = "Opplysninger om pasienten mangler.") PatientData patient,
      @Valid @NotNull(message = "Opplysninger om fastlegen mangler.") Gp gp,
      @NotBlank(message = "Henvisningsgrunn (reason) mangler.") @Size(max = 4000, message = "Henvisningsgrunnen kan ha høyst 4000 tegn.") String reason,
      @Size(max = 10, message = "Oppgi høyst ti diagnoser.") List<@Valid @NotNull(message = "Tom diagnose i listen.") Diagnosis> diagnoses,
      Urgency urgency,
      @Valid Consent consent) {
  }

  record Hospital(
      @NotBlank(message = "Sykehusets navn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Navn kan ha høyst 200 tegn.") String name,
      @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Avdeling kan ha høyst 200 tegn.") String department,
      @Size(max = 30, message = "Telefonnummer kan ha høyst 30 tegn.") String contactPhone) {
  }

  /** POST /api/intake/hospital-notices: the hospital says a patient will need municipal services. */
  record HospitalNotice(
      @NotBlank(message = "externalReference (meldingens id hos avsender) mangler.") @Size(max = 100, message = "externalReference kan ha høyst 100 tegn.") String externalReference,
      @NotBlank(message = "Kommunenummer mangler.") String municipalityNumber,
      @Valid @NotNull(message = "Opplysninger om pasienten mangler.") PatientData patient,
      @Valid @NotNull(message = "Opplysninger om sykehuset mangler.") Hospital hospital,
      @NotNull(message = "Innleggelsesdato (admittedDate) mangler.") LocalDate admittedDate,
      LocalDate expectedDischargeDate,
      @NotNull(message = "Oppgi om pasienten er utskrivningsklar (readyForDischarge: true/false).") Boolean readyForDischarge,
      @NotBlank(message = "Beskriv pasientens situasjon og behov (summary).") @Size(max = 4000, message = "Sammendraget kan ha høyst 4000 tegn.") String summary) {
  }

  /** The answer: 201 for a new case, 200 with {@code duplicate: true} for a resend. */
  record Receipt(String caseId, String status, java.time.Instant receivedAt, boolean duplicate) {
  }
}
