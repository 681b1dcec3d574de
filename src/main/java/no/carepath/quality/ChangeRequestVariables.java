package no.carepath.quality;

/** The variables of {@code quality-change-request}: the process owners see only these (no patient). */
final class ChangeRequestVariables {

  static final String MUNICIPALITY = QualityVariables.MUNICIPALITY;
  static final String CHANGE_REQUEST_ID = "changeRequestId";
  static final String INCIDENT_REFERENCE = QualityVariables.INCIDENT_REFERENCE;
  static final String PROCESS_KEY = "changeProcessKey";
  static final String PROCESS_NAME = "changeProcessName";
  static final String ACTIVITY = "changeActivity";
  static final String DESCRIPTION = "changeDescription";
  static final String ASSESS_DUE_DATE = "assessDueDate";
  static final String OUTCOME = "changeOutcome";
  static final String OUTCOME_REASON = "changeOutcomeReason";

  private ChangeRequestVariables() {
  }
}
