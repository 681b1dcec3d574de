package no.carepath.transitions;

import java.util.Map;

/** The variable contract of {@code transitions-hospital-stay.bpmn} and its forms. */
final class TransitionsVariables {

  static final String PROCESS_KEY = "transitions-hospital-stay";
  static final String MESSAGE_STAY_STARTED = "transitions-stay-started";
  static final String MESSAGE_READY = "transitions-ready-for-discharge";
  static final String MESSAGE_READY_WITHDRAWN = "transitions-ready-withdrawn";
  static final String MESSAGE_DISCHARGED = "transitions-discharged";
  static final String MESSAGE_SUMMARY = "transitions-discharge-summary";
  static final String MESSAGE_HEALTH_INFORMATION = "transitions-health-information";

  // set at the start (business key: the stay id)
  static final String STAY_ID = "stayId";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  static final String PATIENT_ID = "patientId";
  static final String PATIENT_LABEL = "patientLabel";
  static final String PATIENT_KNOWN = "patientKnown";
  static final String EPISODE_ID = "episodeId";
  static final String HOSPITAL_NAME = "hospitalName";
  static final String DISCHARGED_AT_START = "dischargedAtStart";
  static final String STAY_URL = "stayUrl";
  static final String STAY_SUMMARY = "staySummary";

  // read from the stay by the process
  static final String STAY_STATUS = "stayStatus";
  static final String SUMMARY_RECEIVED = "summaryReceived";
  static final String CASE_ID = "caseId";
  static final String HEALTH_INFORMATION_MISSING = "healthInformationMissing";
  static final String STAY_SILENT = "staySilent";

  // Task_IdentifyPatient (form transitions-identify-patient)
  static final String IDENTIFY_OUTCOME = "identifyOutcome";
  static final String IDENTIFY_NOTE = "identifyNote";

  // Task_AnswerReadyForDischarge (form transitions-answer-ready-for-discharge)
  static final String READY_ASSESSMENT = "readyAssessment";
  static final String READY_OUTCOME = "readyOutcome";
  static final Map<String, String> READY_OUTCOMES = Map.of(
      "RECEIVE_HOME", "Kommunen kan ta imot pasienten; tjenestene fortsetter som før",
      "OFFER_SERVICES", "Kommunen tilbyr tjenester etter utskrivning",
      "NEW_ASSESSMENT", "Behovet må kartlegges på nytt av tildelingskontoret");
  static final String READY_OFFER = "readyOffer";
  static final String READY_ASSESSMENT_VISIT = "readyAssessmentVisit";

  // Task_FirstAssessment (form transitions-first-assessment)
  static final String CHECK_MEDICATION = "checkMedication";
  static final String CHECK_FUNCTION = "checkFunction";
  static final String CHECK_DEVICES = "checkDevices";
  static final String CHECK_RELATIVES = "checkRelatives";
  static final String CHECK_SUMMARY = "checkSummary";
  static final String FIRST_ASSESSMENT_NOTE = "firstAssessmentNote";
  static final String PLAN_REVIEW = "planReview";

  // Task_ChaseSummary (form transitions-chase-summary)
  static final String SUMMARY_CHASE_OUTCOME = "summaryChaseOutcome";
  static final String SUMMARY_CHASE_NOTE = "summaryChaseNote";

  // Task_CheckStayStatus (form transitions-check-stay-status)
  static final String STAY_CHECK_OUTCOME = "stayCheckOutcome";
  static final String STAY_CHECK_NOTE = "stayCheckNote";
  static final String STAY_CHECK_DISCHARGED_ON = "stayCheckDischargedOn";

  // Task_RequestHealthInformation (form transitions-request-health-information)
  static final String HEALTH_REQUEST_OUTCOME = "healthInformationRequestOutcome";
  static final String HEALTH_REQUEST_TEXT = "healthInformationRequestText";

  private TransitionsVariables() {
  }
}
