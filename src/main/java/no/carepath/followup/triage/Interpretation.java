package no.carepath.followup.triage;

/**
 * The result of triaging one value, as FHIR {@code Observation.interpretation} codes
 * (v3-ObservationInterpretation): N normal, L/H outside the yellow bounds, LL/HH outside the red.
 */
public enum Interpretation {
  NORMAL("N", "Normal", Colour.GREEN),
  LOW("L", "Lav", Colour.YELLOW),
  HIGH("H", "Høy", Colour.YELLOW),
  CRITICAL_LOW("LL", "Kritisk lav", Colour.RED),
  CRITICAL_HIGH("HH", "Kritisk høy", Colour.RED);

  public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

  private final String code;
  private final String label;
  private final Colour colour;

  Interpretation(String code, String label, Colour colour) {
    this.code = code;
    this.label = label;
    this.colour = colour;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public Colour colour() {
    return colour;
  }
}
