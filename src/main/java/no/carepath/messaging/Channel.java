package no.carepath.messaging;

/** Where a message goes; each channel has its own endpoint and wire format (see {@code MessageFormats}). */
public enum Channel {
  /** Dialogue messages (helsefaglig dialog) to the patient's GP, through the municipality's message service. */
  GP_DIALOGUE,
  /** Letters to the patient through the letter-dispatch service (SvarUt-like). */
  DECISION_LETTER,
  /** PLO messages to the hospital (innleggelsesrapport), through the message service. */
  HOSPITAL,
  /** Journal notes to the municipal electronic patient record (EPJ). */
  MUNICIPAL_RECORD,
  /**
   * Notifications of serious events (varsel om alvorlig hendelse) to Helsetilsynet («Én vei inn»):
   * about an avvik, never a patient.
   */
  HEALTH_SUPERVISION;

  /** Whether messages on this channel are about a patient (and must name one); false only for Helsetilsynet. */
  public boolean carriesPatient() {
    return this != HEALTH_SUPERVISION;
  }
}
