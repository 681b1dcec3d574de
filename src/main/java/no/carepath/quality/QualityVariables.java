package no.carepath.quality;

/** The variables of {@code quality-incident}: what the leader's task shows, and what the leader answers. */
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

  private QualityVariables() {
  }
}
