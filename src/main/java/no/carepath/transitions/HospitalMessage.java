package no.carepath.transitions;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.carepath.platform.PlainText;

/**
 * {@code POST /api/hospital/messages}: a message from the hospital about a patient, shaped after
 * the content of the Norwegian logistics messages (pasientlogistikk: innlagt, utskrivningsklar,
 * avmelding, utskrevet) and PLO messages (helseopplysninger, utskrivningsrapport/epikrise). Unknown
 * fields are refused. See README "Hospital API".
 */
record HospitalMessage(
    @NotBlank(message = "messageId (sykehusets meldingsid) mangler.") @Size(max = 64, message = "messageId kan ha høyst 64 tegn.") String messageId,
    @NotNull(message = "type mangler: ADMITTED, HEALTH_INFORMATION, READY_FOR_DISCHARGE, READY_FOR_DISCHARGE_WITHDRAWN, DISCHARGED eller DISCHARGE_SUMMARY.") Type type,
    OffsetDateTime sentAt,
    @NotBlank(message = "Kommunenummer mangler.") @Pattern(regexp = "\\d{4}", message = "Kommunenummeret må være fire sifre, for eksempel 1804.") String municipalityNumber,
    @Valid @NotNull(message = "Opplysninger om sykehuset (hospital) mangler.") Hospital hospital,
    @Valid @NotNull(message = "Opplysninger om oppholdet (stay) mangler.") Stay stay,
    @Valid @NotNull(message = "Opplysninger om pasienten mangler.") PatientData patient,
    OffsetDateTime readyForDischargeAt,
    OffsetDateTime dischargedAt,
    @Size(max = 20000, message = "Teksten kan ha høyst 20000 tegn.") String text,
    @Size(max = 200, message = "Forfatter kan ha høyst 200 tegn.") String author) {

  enum Type { ADMITTED, HEALTH_INFORMATION, READY_FOR_DISCHARGE, READY_FOR_DISCHARGE_WITHDRAWN, DISCHARGED, DISCHARGE_SUMMARY }

  record Hospital(
      @NotBlank(message = "Sykehusets navn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Navn kan ha høyst 200 tegn.") String name,
      @NotBlank(message = "Sykehusets organisasjonsnummer mangler.") @Pattern(regexp = "\\d{9}", message = "Organisasjonsnummeret må være ni sifre.") String organisationNumber,
      @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 200, message = "Avdeling kan ha høyst 200 tegn.") String department) {
  }

  record Stay(
      @NotBlank(message = "stay.stayId (sykehusets id for oppholdet) mangler.") @Size(max = 64, message = "stay.stayId kan ha høyst 64 tegn.") String stayId,
      OffsetDateTime admittedAt,
      LocalDate plannedDischargeDate) {
  }

  record PatientData(
      @NotBlank(message = "Fødselsnummer eller D-nummer mangler.") String nationalId,
      @NotBlank(message = "Fornavn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 100, message = "Fornavn kan ha høyst 100 tegn.") String givenName,
      @NotBlank(message = "Etternavn mangler.") @Pattern(regexp = PlainText.NAME, message = PlainText.NAME_MESSAGE) @Size(max = 100, message = "Etternavn kan ha høyst 100 tegn.") String familyName) {
  }

  /** The answer: the municipality's id of the stay, and whether this message was seen before. */
  record Receipt(String messageId, String stayId, boolean duplicate, boolean outOfOrder) {
  }
}
