package no.carepath.allocation;

/** Where a case stands, as shown to case workers and team leaders. */
public enum CaseStatus {
  RECEIVED("Mottatt"),
  HOSPITAL_ANSWERED("Sykehuset besvart"),
  ASSESSED("Kartlagt"),
  DECIDED("Vedtak fattet"),
  LETTER_SENT("Vedtaksbrev sendt"),
  APPEALED("Klage under behandling"),
  AT_COUNTY_GOVERNOR("Klage hos Statsforvalteren"),
  FINAL("Endelig vedtak");

  private final String label;

  CaseStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
