package no.carepath.competence;

/** How far a person has come in a competence. Stored by name: never rename. */
public enum Level {
  UNDER_TRAINING("Under opplæring"),
  INDEPENDENT("Selvstendig"),
  SUPERVISOR("Kan veilede");

  private final String label;

  Level(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether this level may do the work alone. */
  public boolean independent() {
    return this != UNDER_TRAINING;
  }
}
