package no.carepath.followup;

import java.util.List;
import java.util.Map;

import no.carepath.followup.triage.VitalSign;

/**
 * The variable contracts of the follow-up processes ({@code followup-episode},
 * {@code followup-plan-revision}, {@code followup-deviation}, {@code followup-daily-review}) and their forms. Variables hold
 * references and what the person doing a task must see; readings and national ID numbers never.
 */
final class FollowupVariables {

  static final String EPISODE_PROCESS = "followup-episode";
  static final String DEVIATION_PROCESS = "followup-deviation";
  static final String PLAN_REVISION_PROCESS = "followup-plan-revision";
  static final String MESSAGE_EPISODE_REQUESTED = "followup-episode-requested";
  static final String MESSAGE_PAUSE_REQUESTED = "followup-pause-requested";
  static final String MESSAGE_RESUME_REQUESTED = "followup-resume-requested";
  static final String MESSAGE_END_REQUESTED = "followup-end-requested";
  static final String MESSAGE_DEVIATION_DETECTED = "followup-deviation-detected";
  static final String MESSAGE_DEVIATION_RAISED = "followup-deviation-raised";
  static final String MESSAGE_PLAN_ANSWER = "followup-plan-answer";
  static final String TOPIC_REGISTER = "followup-register-on-monitoring-platform";
  static final String TOPIC_DEREGISTER = "followup-deregister-from-monitoring-platform";
  /** The dialogue message to the GP that the next send task delivers. */
  static final String DIALOGUE_ID = "dialogueId";

  // every follow-up process
  static final String EPISODE_ID = "episodeId";
  static final String CASE_ID = "caseId";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  static final String PATIENT_LABEL = "patientLabel";
  static final String PATIENT_ID = "patientId";
  static final String GP_NAME = "gpName";
  static final String GP_HPR_NUMBER = "gpHprNumber";
  static final String EPISODE_URL = "episodeUrl";

  // Task_PlanStartup (form followup-plan-startup)
  static final String HOME_VISIT_DATE = "homeVisitDate";
  static final String DEVICES_PLANNED = "devicesPlanned";
  static final String RELATIVES_INFORMED = "relativesInformed";
  static final String STARTUP_NOTES = "startupNotes";
  static final String INSULIN_TREATED = "insulinTreated";
  static final String GP_PRACTICE = "gpPractice";

  /** Devices that can be handed out, and the signs each one measures. */
  static final Map<String, List<VitalSign>> DEVICE_SIGNS = Map.of(
      "BLODTRYKKSMALER", List.of(VitalSign.SYSTOLIC_BP, VitalSign.DIASTOLIC_BP, VitalSign.PULSE),
      "PULSOKSYMETER", List.of(VitalSign.SPO2, VitalSign.PULSE),
      "VEKT", List.of(VitalSign.WEIGHT),
      "TERMOMETER", List.of(VitalSign.TEMPERATURE),
      "BLODSUKKERMALER", List.of(VitalSign.GLUCOSE),
      "NETTBRETT", List.of());

  // Task_ConductHomeVisit (form followup-conduct-home-visit)
  static final String HOME_VISIT_DONE_DATE = "homeVisitDoneDate";
  static final String DEVICES_HANDED_OUT = "devicesHandedOut";
  static final String DEVICE_SERIAL_NUMBERS = "deviceSerialNumbers";
  static final String TRAINING_GIVEN = "trainingGiven";
  static final String CONSENT_CONFIRMED = "consentConfirmed";
  static final String RELATIVES_INFORMED_AT_VISIT = "relativesInformedAtVisit";
  static final String SPO2_SCALE2 = "spo2Scale2";
  static final String HOME_VISIT_NOTES = "homeVisitNotes";
  static final String TRIAL_ENDS_AT = "trialEndsAt";

  // followup-plan-revision (form followup-edit-plan)
  static final String PLAN_REASON = "planReason";
  static final String PLAN_REASON_TEXT = "planReasonText";
  static final String PLAN_ID = "planId";
  static final String PLAN_VERSION = "planVersion";
  static final String PLAN_APPROVED = "planApproved";
  static final String GP_ANSWER = "gpAnswer";
  static final String GP_ANSWER_FROM = "gpAnswerFrom";
  static final String PLAN_CONTEXT = "planContext";
  /** Task-local: how many alarms the thresholds the form opened with would have raised (Markdown). */
  static final String ALARM_PREVIEW = "alarmPreview";
  /** Task-local: {@link ThresholdPreviews#fingerprint} of those thresholds. */
  static final String ALARM_PREVIEW_FOR = "alarmPreviewFor";
  static final String WHAT_MATTERS = "whatMatters";
  static final String GOAL = "goal";
  static final String SUB_GOALS = "subGoals";
  static final String INTERVENTIONS = "interventions";
  static final String PLAN_EVALUATION = "planEvaluation";
  static final String CHANGED_NEEDS = "changedNeeds";
  static final String MEASURED_SIGNS = "measuredSigns";
  static final String READINGS_PER_DAY = "readingsPerDay";
  static final String EVALUATION_INTERVAL_DAYS = "evaluationIntervalDays";
  static final String PLAN_CHANGE_REASON = "planChangeReason";
  /** Signs whose thresholds the plan sets, with their form-field prefix ({@code spo2RedBelow}, ...). */
  static final Map<VitalSign, String> PLAN_SIGNS = Map.of(
      VitalSign.SYSTOLIC_BP, "systolicBp", VitalSign.DIASTOLIC_BP, "diastolicBp", VitalSign.PULSE, "pulse",
      VitalSign.SPO2, "spo2", VitalSign.TEMPERATURE, "temperature", VitalSign.WEIGHT, "weight",
      VitalSign.GLUCOSE, "glucose", VitalSign.RESPIRATORY_RATE, "respiratoryRate");
  static final List<String> BOUNDS = List.of("RedBelow", "YellowBelow", "YellowAbove", "RedAbove");
  /** Every threshold field of the plan form ({@code spo2RedBelow} ...), with its sign. */
  static final Map<String, VitalSign> THRESHOLD_FIELDS = thresholdFields();
  static final String PLAN_REMINDER_OUTCOME = "planReminderOutcome";
  static final String PLAN_REMINDER_NOTE = "planReminderNote";

  // Task_EvaluatePlan (form followup-evaluate-plan)
  static final String EVALUATION_TEXT = "evaluationText";
  static final String GOAL_ATTAINMENT = "goalAttainment";
  static final String EVALUATION_OUTCOME = "evaluationOutcome";
  static final String CHANGED_NEEDS_TEXT = "changedNeedsText";

  // pause, Task_CheckPausedPatient (form followup-check-paused-patient)
  static final String PAUSE_OUTCOME = "pauseOutcome";
  static final String PAUSE_NOTE = "pauseNote";

  // Task_EndService, Task_CollectDevices
  static final String END_REASON = "endReason";
  static final String FINAL_SUMMARY = "finalSummary";
  static final String DEVICES_TO_COLLECT = "devicesToCollect";
  static final String DEVICES_RETURNED = "devicesReturned";
  static final String DEVICE_RETURN_NOTE = "deviceReturnNote";

  // followup-deviation (form followup-handle-deviation and the team leader's and acute follow-up)
  static final String DEVIATION_ID = "deviationId";
  static final String DEVIATION_COLOUR = "deviationColour";
  static final String DEVIATION_KIND = "deviationKind";
  static final String DEVIATION_SUMMARY = "deviationSummary";
  static final String DEVIATION_HEADLINE = "deviationHeadline";
  static final String READINGS_CHART_URL = "readingsChartUrl";
  static final String DEVIATION_OUTCOME = "deviationOutcome";
  static final String DEVIATION_NOTE = "deviationNote";
  static final String GP_URGENT = "gpUrgent";
  static final String GP_QUESTION = "gpQuestion";
  static final String ACUTE_SERVICE = "acuteService";
  static final String UNHANDLED_ACTION = "unhandledAction";
  static final String ACUTE_FOLLOW_UP_OUTCOME = "acuteFollowUpOutcome";
  static final String ACUTE_FOLLOW_UP_NOTE = "acuteFollowUpNote";

  // followup-daily-review (form followup-daily-review): a team's list, no single patient
  static final String DAILY_REVIEW_PROCESS = "followup-daily-review";
  static final String DAILY_REVIEW_ID = "dailyReviewId";
  static final String DAILY_REVIEW_DUE_DATE = "dailyReviewDueDate";
  static final String DAILY_REVIEW_PATIENT_COUNT = "dailyReviewPatientCount";
  /** The card's «Pasient» column for a list: «5 pasienter» ({@code TaskCards}). */
  static final String PATIENT_LIST_LABEL = "patientListLabel";
  /** Task-local: the patients on the list, as the checklists' options ({@code [{label, value: episodeId}]}). */
  static final String REVIEW_CANDIDATES = "reviewCandidates";
  static final String REVIEWED_FINE = "reviewedFine";
  static final String REVIEWED_ACTION = "reviewedAction";
  static final String REVIEW_NOTE = "reviewNote";

  static List<String> signNames(List<VitalSign> signs) {
    return signs.stream().map(Enum::name).toList();
  }

  private static Map<String, VitalSign> thresholdFields() {
    Map<String, VitalSign> fields = new java.util.LinkedHashMap<>();
    PLAN_SIGNS.forEach((sign, prefix) -> BOUNDS.forEach(bound -> fields.put(prefix + bound, sign)));
    return java.util.Collections.unmodifiableMap(fields);
  }

  private FollowupVariables() {
  }
}
