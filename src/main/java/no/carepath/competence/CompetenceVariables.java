package no.carepath.competence;

/**
 * The variables of {@code competence-training.bpmn} and the fields of its form
 * {@code competence-renew-training}. References and dates only: the holder's user id, the
 * competence's code and name, no patient.
 */
public final class CompetenceVariables {

  /** Start: the municipality whose register holds the holding (the instance's tenant). */
  public static final String MUNICIPALITY = "municipalityNumber";
  /** Start: the row of {@code competence_training} the instance reports to. */
  public static final String TRAINING_ID = "competenceTrainingId";
  /** Start: the holder, who gets the task. */
  public static final String USER = "competenceUser";
  /** Start: the competence's code in the catalogue. */
  public static final String CODE = "competenceCode";
  /** Start: the competence's Norwegian name, for the task and its form. */
  public static final String NAME = "competenceName";
  /** Start: the holding's level, in Norwegian. */
  public static final String LEVEL = "competenceLevel";
  /** Start: the holding's last valid day, as dd.MM.yyyy for the form. */
  public static final String VALID_UNTIL_TEXT = "competenceValidUntilText";
  /** Start: the task's due date (the last valid day, 16:00 in Oslo); the model's {@code camunda:dueDate}. */
  public static final String DUE_DATE = "competenceTrainingDueDate";

  /** Form: what became of the training. */
  public static final String OUTCOME = "competenceTrainingOutcome";
  /** Form: when the training was done (RENEWED) or is planned (PLANNED). */
  public static final String TRAINING_DATE = "competenceTrainingDate";
  /** Form: a note to the team leader. */
  public static final String NOTE = "competenceTrainingNote";

  private CompetenceVariables() {
  }
}
