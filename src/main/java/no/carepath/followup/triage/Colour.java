package no.carepath.followup.triage;

/**
 * The traffic light of Norwegian digital home follow-up: green all is well, yellow beginning
 * deterioration (a nurse contacts the patient the same day), red acute deterioration (act now, by
 * the patient's plan). Ordered by severity.
 */
public enum Colour {
  GREEN("grønn"), YELLOW("gul"), RED("rød");

  private final String label;

  Colour(String label) {
    this.label = label;
  }

  /** Norwegian, lower case. */
  public String label() {
    return label;
  }

  public boolean isDeviation() {
    return this != GREEN;
  }

  public boolean atLeast(Colour other) {
    return compareTo(other) >= 0;
  }

  public static Colour max(Colour a, Colour b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
