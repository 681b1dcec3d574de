package no.carepath.escalation;

/** The variable contract of {@code escalation-gp-consultation.bpmn} and of dialogue messages. */
final class EscalationVariables {

  static final String MESSAGE_GP_ANSWER = "escalation-gp-answer";

  // in from the caller
  static final String EPISODE_ID = "episodeId";
  static final String DEVIATION_ID = "deviationId";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  static final String PATIENT_ID = "patientId";
  static final String PATIENT_LABEL = "patientLabel";
  static final String GP_NAME = "gpName";
  static final String GP_HPR_NUMBER = "gpHprNumber";
  static final String GP_URGENT = "gpUrgent";
  static final String GP_QUESTION = "gpQuestion";
  static final String DEVIATION_SUMMARY = "deviationSummary";

  /** The dialogue message the worker sends next (set by the start listener of the send task). */
  static final String DIALOGUE_ID = "dialogueId";
  static final String GP_ANSWER = "gpAnswer";
  static final String GP_ANSWER_FROM = "gpAnswerFrom";
  static final String GP_ANSWER_APPROVED = "planApproved";

  // Task_PhoneGp (form escalation-phone-gp)
  static final String PHONE_CONTACT = "phoneContact";
  static final String PHONE_REACHED = "phoneReached";
  static final String PHONE_OUTCOME = "phoneOutcome";

  // Task_FollowUpGpAnswer (form escalation-follow-up-gp-answer)
  static final String GP_ANSWER_FOLLOW_UP = "gpAnswerFollowUp";

  // Task_RemindGp (form escalation-remind-gp)
  static final String GP_REMINDER_OUTCOME = "gpReminderOutcome";
  static final String GP_REMINDER_NOTE = "gpReminderNote";

  private EscalationVariables() {
  }
}
