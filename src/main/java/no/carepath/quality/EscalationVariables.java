package no.carepath.quality;

/** The variables of {@code quality-escalation}: the managers see only these (no patient). */
final class EscalationVariables {

  static final String MUNICIPALITY = QualityVariables.MUNICIPALITY;
  static final String ESCALATION_ID = "escalationId";
  static final String INCIDENT_REFERENCE = QualityVariables.INCIDENT_REFERENCE;
  static final String INCIDENT_CATEGORY = "incidentCategoryName";
  static final String STEP = "overdueStep";
  static final String STEP_NAME = "overdueStepName";
  static final String STEP_DUE_DATE = "overdueStepDueDate";
  static final String STEP_DUE_TEXT = "overdueStepDueText";
  static final String DAYS_OVERDUE = "daysOverdue";
  static final String FOLLOW_UP_DUE_DATE = "followUpDueDate";
  static final String FOLLOWED_UP = "followedUp";
  static final String NOTE = "followUpNote";

  private EscalationVariables() {
  }
}
