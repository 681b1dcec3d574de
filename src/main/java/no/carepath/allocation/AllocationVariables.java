package no.carepath.allocation;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variable contract of {@code allocation-case.bpmn}, its forms and its decision table. Process
 * variables hold references and what the person doing a task must see (name and birth date,
 * referral summary), never the national ID number.
 */
final class AllocationVariables {

  static final String PROCESS_KEY = "allocation-case";
  static final String MESSAGE_APPLICATION = "allocation-application-received";
  static final String MESSAGE_GP_REFERRAL = "allocation-gp-referral-received";
  static final String MESSAGE_HOSPITAL_NOTICE = "allocation-hospital-notice-received";
  static final String MESSAGE_APPEAL = "allocation-appeal-received";
  static final String MESSAGE_CHANGED_NEEDS = "allocation-changed-needs-received";

  // set when the case opens
  static final String CASE_ID = "caseId";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  /** Carepath's internal patient id (never the national ID number): who the case is about, for the access log. */
  static final String PATIENT_ID = "patientId";
  static final String CHANNEL = "channel";
  static final String PATIENT_LABEL = "patientLabel";
  static final String REFERRAL_SUMMARY = "referralSummary";
  static final String READY_FOR_DISCHARGE = "readyForDischarge";
  static final String ASSESSMENT_ROUND = "assessmentRound";
  static final String APPEAL_UNDER_REVIEW = "appealUnderReview";

  // Task_AnswerHospitalNotice (form allocation-answer-hospital-notice)
  static final String HOSPITAL_ANSWER = "hospitalAnswer";
  static final String PLANNED_RECEPTION_DATE = "plannedReceptionDate";
  static final String ANSWER_CHANNEL = "answerChannel";

  // Task_AssessNeeds (form allocation-assess-needs); three of them are inputs of allocation-eligibility.dmn
  static final String WHAT_MATTERS_TO_YOU = "whatMattersToYou";
  static final String PRIMARY_CONDITION = "primaryCondition";
  static final String OTHER_CONDITIONS = "otherConditions";
  // the IPLOS items, each a score 1-5
  static final String FUNCTION_HOUSEWORK = "functionHousework";
  static final String FUNCTION_PERSONAL_HYGIENE = "functionPersonalHygiene";
  static final String FUNCTION_DRESSING = "functionDressing";
  static final String FUNCTION_EATING = "functionEating";
  static final String FUNCTION_MOBILITY_INDOORS = "functionMobilityIndoors";
  static final String FUNCTION_MOBILITY_OUTDOORS = "functionMobilityOutdoors";
  static final String FUNCTION_OWN_HEALTH = "functionOwnHealth";
  static final String FUNCTION_MEMORY = "functionMemory";
  static final List<String> FUNCTION_ITEMS = List.of(FUNCTION_HOUSEWORK, FUNCTION_PERSONAL_HYGIENE, FUNCTION_DRESSING,
      FUNCTION_EATING, FUNCTION_MOBILITY_INDOORS, FUNCTION_MOBILITY_OUTDOORS, FUNCTION_OWN_HEALTH, FUNCTION_MEMORY);
  static final String LIVING_SITUATION = "livingSituation";
  static final String RELATIVES = "relatives";
  static final String RELATIVES_INVOLVED = "relativesInvolved";
  static final String DEVICE_ABILITY = "deviceAbility";
  static final String CONSENT_DIGITAL_FOLLOW_UP = "consentDigitalFollowUp";
  static final String CONSENT_INFORMATION_SHARING = "consentInformationSharing";
  static final String ASSESSMENT_NOTES = "assessmentNotes";

  // Task_RecommendService (allocation-eligibility.dmn outputs)
  static final String RECOMMENDATION = "recommendation";
  static final String RECOMMENDATION_TEXT = "recommendationText";

  // Task_DecideService (form allocation-decide-service)
  static final String APPEAL_OUTCOME = "appealOutcome";
  static final String DECISION_OUTCOME = "decisionOutcome";
  static final String GRANTED_SERVICES = "grantedServices";
  static final String SERVICE_SCOPE = "serviceScope";
  static final String SERVICE_START_DATE = "serviceStartDate";
  static final String DECISION_REASON = "decisionReason";
  static final String LEGAL_BASIS = "legalBasis";
  static final String DECISION_ID = "decisionId";
  static final String FOLLOWUP_GRANTED = "followupGranted";

  // Task_CreateDecisionLetter, Task_HandOverToFollowup
  static final String LETTER_ID = "letterId";
  static final String EPISODE_ID = "episodeId";

  // Task_FollowUpOverdue* (form allocation-follow-up-overdue)
  static final String OVERDUE_ACTION = "overdueAction";
  static final String OVERDUE_NOTE = "overdueNote";

  // Task_ForwardToCountyGovernor (form allocation-forward-to-county-governor)
  static final String COUNTY_GOVERNOR_SENT_DATE = "countyGovernorSentDate";
  static final String COUNTY_GOVERNOR_REFERENCE = "countyGovernorReference";
  static final String FORWARD_NOTE = "forwardNote";

  private AllocationVariables() {
  }

  static String caseId(VariableScope scope) {
    return (String) scope.getVariable(CASE_ID);
  }

  static int assessmentRound(VariableScope scope) {
    Object round = scope.getVariable(ASSESSMENT_ROUND);
    return round instanceof Number number ? number.intValue() : 1;
  }

  static boolean appealUnderReview(VariableScope scope) {
    return Boolean.TRUE.equals(scope.getVariable(APPEAL_UNDER_REVIEW));
  }
}
