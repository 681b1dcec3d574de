package no.carepath.allocation;

import java.time.Clock;
import java.util.Map;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** On the case's end events: final decision, or the appeal now with the county governor. */
@Component
class CloseCaseListener implements ExecutionListener {

  static final String END_FORWARDED = "EndEvent_ForwardedToCountyGovernor";

  private final CaseStore store;
  private final Clock clock;

  CloseCaseListener(CaseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String caseId = AllocationVariables.caseId(execution);
    CaseStatus status = END_FORWARDED.equals(execution.getCurrentActivityId()) ? CaseStatus.AT_COUNTY_GOVERNOR : CaseStatus.FINAL;
    store.updateStatus(caseId, status);
    store.addEvent(caseId, clock.instant(), Actor.current().id(), "CASE_CLOSED", Map.of("status", status.name()));
  }
}
