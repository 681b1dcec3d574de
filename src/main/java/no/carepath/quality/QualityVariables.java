package no.carepath.quality;

/**
 * The variables of {@code quality-incident} (what the leader's task shows, and what the leader answers) and of
 * {@code quality-annual-review}.
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
