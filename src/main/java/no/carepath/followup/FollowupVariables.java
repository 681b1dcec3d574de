package no.carepath.followup;

import java.util.List;

/** The variable contract of {@code followup-episode.bpmn} and its forms. */
final class FollowupVariables {

  static final String PROCESS_KEY = "followup-episode";
  static final String MESSAGE_EPISODE_REQUESTED = "followup-episode-requested";

  static final String EPISODE_ID = "episodeId";
  static final String CASE_ID = "caseId";
  static final String MUNICIPALITY_NUMBER = "municipalityNumber";
  static final String PATIENT_LABEL = "patientLabel";

  // Task_PlanStartup (form followup-plan-startup)
  static final String HOME_VISIT_DATE = "homeVisitDate";
  static final String DEVICES_PLANNED = "devicesPlanned";
  static final List<String> DEVICES = List.of("BLODTRYKKSMALER", "PULSOKSYMETER", "VEKT", "TERMOMETER",
      "BLODSUKKERMALER", "NETTBRETT");
  static final String RELATIVES_INFORMED = "relativesInformed";
  static final String STARTUP_NOTES = "startupNotes";

  private FollowupVariables() {
  }
}
