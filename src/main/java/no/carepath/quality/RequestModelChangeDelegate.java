package no.carepath.quality;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RequestModelChange: the cause analysis found the model itself wrong (a wrong routing, a
 * missing step); the process owners get a change request in its own process, with the reference,
 * the process, the activity and the leader's text only.
 */
@Component
class RequestModelChangeDelegate implements JavaDelegate {

  private final ChangeRequests changeRequests;

  RequestModelChangeDelegate(ChangeRequests changeRequests) {
    this.changeRequests = changeRequests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    changeRequests.request((String) execution.getVariable(QualityVariables.INCIDENT_ID),
        (String) execution.getVariable(QualityVariables.INCIDENT_REFERENCE),
        (String) execution.getVariable(QualityVariables.MUNICIPALITY),
        (String) execution.getVariable(QualityVariables.MODEL_CHANGE_PROCESS),
        blankToNull(execution.getVariable(QualityVariables.MODEL_CHANGE_ACTIVITY)),
        ((String) execution.getVariable(QualityVariables.MODEL_CHANGE_DESCRIPTION)).strip());
  }

  private static String blankToNull(Object value) {
    return value instanceof String text && !text.isBlank() ? text.strip() : null;
  }
}
