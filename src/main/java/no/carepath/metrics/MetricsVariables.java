package no.carepath.metrics;

/** The variables of {@code metrics-signal}: what the task shows, and what the team leader answers. */
final class MetricsVariables {

  /** The engine's tenant (MunicipalityTenants): the municipality whose leaders get the task. */
  static final String MUNICIPALITY = "municipalityNumber";
  static final String SIGNAL_INDICATOR = "signalIndicator";
  static final String SIGNAL_INDICATOR_ID = "signalIndicatorId";
  static final String SIGNAL_MUNICIPALITY = "signalMunicipality";
  static final String SIGNAL_RULE = "signalRule";
  static final String SIGNAL_CHART_URL = "signalChartUrl";
  static final String SIGNAL_DUE_DATE = "signalDueDate";
  static final String SIGNAL_ASSESSMENT = "signalAssessment";
  static final String SIGNAL_REASON = "signalReason";


  private MetricsVariables() {
  }
}
