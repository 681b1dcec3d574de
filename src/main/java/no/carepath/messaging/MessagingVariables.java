package no.carepath.messaging;

/** The variable contract of {@code messaging-outbound-message.bpmn}. */
final class MessagingVariables {

  static final String TOPIC_DELIVER_MESSAGE = "messaging-deliver-message";
  static final String MESSAGE_RECEIPT_RECEIVED = "messaging-receipt-received";

  // set at the start (the business key is the message id)
  static final String MESSAGE_ID = "messageId";
  static final String CHANNEL = "channel";
  static final String RESPONSIBLE_GROUP = "responsibleGroup";
  static final String MESSAGE_HEADLINE = "messageHeadline";
  static final String MESSAGE_REFERENCE = "messageReference";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  /** Carepath's internal patient id: who the message is about, for the access log. */
  static final String PATIENT_ID = "patientId";
  static final String PATIENT_LABEL = "patientLabel";
  static final String RECEIPT_TIMEOUT = "receiptTimeout";

  // set by the receipt, or when none came
  static final String RECEIPT_STATUS = "receiptStatus";
  static final String RECEIPT_TEXT = "receiptText";
  static final String MESSAGE_PROBLEM = "messageProblem";

  // Task_FollowUpMessage and Task_FollowUpLetter (form messaging-follow-up-message)
  static final String FOLLOW_UP_OUTCOME = "messageFollowUpOutcome";
  static final String FOLLOW_UP_NOTE = "messageFollowUpNote";

  static final String GROUP_ALLOCATION_OFFICE = "allocation-office";

  private MessagingVariables() {
  }
}
