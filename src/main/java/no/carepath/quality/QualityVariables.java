package no.carepath.quality;

/**
 * The variables of {@code quality-incident} (what the leader's task shows, and what the leader answers),
 * and of the separate {@code quality-change-request} and {@code quality-escalation}, whose tasks hold
 * only their own few variables and no patient; and of {@code quality-annual-review}.
 */
final class QualityVariables {

  /** The engine's tenant (MunicipalityTenants): the municipality whose leaders get the tasks. */
  static final String MUNICIPALITY = "municipalityNumber";
  static final String INCIDENT_ID = "incidentId";
  static final String INCIDENT_REFERENCE = "incidentReference";
  static final String INCIDENT_KIND = "incidentKind";
  static final String INCIDENT_CATEGORY = "incidentCategory";
  static final String INCIDENT_CONSEQUENCE = "incidentConsequence";
  static final String INCIDENT_DESCRIPTION = "incidentDescription";
  static final String INCIDENT_IMMEDIATE_ACTION = "incidentImmediateAction";
  static final String INCIDENT_WHERE = "incidentWhere";
  static final String CLASSIFY_DUE_DATE = "classifyDueDate";
  static final String CLASSIFICATION_NOTE = "classificationNote";
  static final String ANALYSE_DUE_DATE = "analyseDueDate";
  static final String CAUSE_CATEGORIES = "causeCategories";
  static final String CAUSE_DESCRIPTION = "causeDescription";
  static final String MEASURE_NEEDED = "measureNeeded";
  static final String CLOSE_REASON = "closeReason";
  static final String PLAN_DUE_DATE = "planDueDate";
  static final String MEASURE_HISTORY = "measureHistory";
  static final String MEASURE_ID = "measureId";
  static final String MEASURE_DESCRIPTION = "measureDescription";
  static final String MEASURE_OWNER = "measureOwner";
  static final String MEASURE_DUE_DATE = "measureDueDate";
  static final String MEASURE_INDICATOR = "measureIndicator";
  static final String MEASURE_INDICATOR_NAME = "measureIndicatorName";
  static final String EFFECT_CHECK_WEEKS = "effectCheckWeeks";
  static final String EFFECT_CHECK_DATE = "effectCheckDate";
  static final String EFFECT_DUE_DATE = "effectDueDate";
  static final String EFFECT_CHART_URL = "effectChartUrl";
  static final String EFFECT_WORKED = "effectWorked";
  static final String EFFECT_NOTE = "effectNote";

  // onward reporting of a serious avvik to Helsetilsynet (Task_ReportOnwards)
  static final String INCIDENT_HAPPENED_AT = "incidentHappenedAt";
  /** The Tasklist's start form asks for the day and the time of day apart (a form date field has no time). */
  static final String INCIDENT_HAPPENED_ON = "incidentHappenedOn";
  static final String INCIDENT_HAPPENED_TIME = "incidentHappenedTime";
  static final String ONWARD_REPORT_REQUIRED = "onwardReportRequired";
  static final String ONWARD_DUE_DATE = "onwardDueDate";
  static final String ONWARD_DEADLINE_TEXT = "onwardDeadlineText";
  static final String ONWARD_TEXT = "onwardText";
  static final String ONWARD_CONTACT_NAME = "onwardContactName";
  static final String ONWARD_CONTACT_PHONE = "onwardContactPhone";
  static final String ONWARD_MESSAGE_ID = "onwardMessageId";

  // a change request to the process owners, from the cause analysis
  static final String MODEL_CHANGE_REQUESTED = "modelChangeRequested";
  static final String MODEL_CHANGE_PROCESS = "modelChangeProcess";
  static final String MODEL_CHANGE_ACTIVITY = "modelChangeActivity";
  static final String MODEL_CHANGE_DESCRIPTION = "modelChangeDescription";
  /** What the leader sees of the change request on the incident: sent, or the process owners' answer. */
  static final String CHANGE_REQUEST_OUTCOME = "changeRequestOutcome";

  // quality-change-request: the process owners see only these
  static final String CHANGE_REQUEST_ID = "changeRequestId";
  static final String CHANGE_PROCESS_KEY = "changeProcessKey";
  static final String CHANGE_PROCESS_NAME = "changeProcessName";
  static final String CHANGE_ACTIVITY = "changeActivity";
  static final String CHANGE_DESCRIPTION = "changeDescription";
  static final String ASSESS_DUE_DATE = "assessDueDate";
  static final String CHANGE_OUTCOME = "changeOutcome";
  static final String CHANGE_OUTCOME_REASON = "changeOutcomeReason";

  // quality-escalation: the managers see only these (and the municipality and the reference)
  static final String MESSAGE_OVERDUE_STEP_DONE = "quality-overdue-step-done";
  static final String ESCALATION_ID = "escalationId";
  static final String ESCALATION_CATEGORY = "incidentCategoryName";
  static final String OVERDUE_STEP = "overdueStep";
  static final String OVERDUE_STEP_NAME = "overdueStepName";
  static final String OVERDUE_STEP_DUE_DATE = "overdueStepDueDate";
  static final String OVERDUE_STEP_DUE_TEXT = "overdueStepDueText";
  static final String DAYS_OVERDUE = "daysOverdue";
  static final String FOLLOW_UP_DUE_DATE = "followUpDueDate";
  static final String FOLLOWED_UP = "followedUp";
  static final String FOLLOW_UP_NOTE = "followUpNote";

  // quality-annual-review: which review, and for each measure of its action plan, what and by whom
  static final String REVIEW_ID = "reviewId";
  static final String REVIEW_REFERENCE = "reviewReference";
  static final String REVIEW_YEAR = "reviewYear";
  /** The review's page, where the managers judge the areas and sign. */
  static final String REVIEW_URL = "reviewUrl";
  static final String REVIEW_DUE_DATE = "reviewDueDate";
  /** The measures of the signed action plan: one follow-up task each. */
  static final String REVIEW_MEASURE_IDS = "reviewMeasureIds";
  static final String REVIEW_MEASURE_ID = "reviewMeasureId";
  static final String REVIEW_MEASURE_AREA = "reviewMeasureArea";
  static final String REVIEW_MEASURE_DESCRIPTION = "reviewMeasureDescription";
  static final String REVIEW_MEASURE_OWNER = "reviewMeasureOwner";
  static final String REVIEW_MEASURE_DUE_DATE = "reviewMeasureDueDate";
  static final String REVIEW_MEASURE_DUE_TEXT = "reviewMeasureDueText";
  static final String REVIEW_MEASURE_STATUS = "reviewMeasureStatus";
  static final String REVIEW_MEASURE_STATUS_NOTE = "reviewMeasureStatusNote";
  /** The managers' decision: completing Task_ConductReview with it signs the review. */
  static final String REVIEW_DECISION = "reviewDecision";

  private QualityVariables() {
  }
}
