package no.carepath.quality;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * StartEvent_IncidentReported, on start: an avvik reported with the start form in the Tasklist
 * («Meld avvik» under «Start prosess») is checked like one from the page and stored, and the instance
 * gets its reference as business key. Started by {@link Incidents#report} (the pages), the row is
 * already there: nothing to do. The start form's fields are the only variables such a start may carry
 * ({@code EngineRequestGuard}).
 */
@Component
class ReportedInTasklistListener implements ExecutionListener {

  private final Incidents incidents;

  ReportedInTasklistListener(Incidents incidents) {
    this.incidents = incidents;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable(QualityVariables.INCIDENT_ID) != null) {
      return;
    }
    incidents.reportStartedInTasklist(execution, Actor.current());
  }
}
