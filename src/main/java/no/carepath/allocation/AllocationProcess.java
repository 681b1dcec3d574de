package no.carepath.allocation;

import static no.carepath.allocation.AllocationVariables.APPEAL_UNDER_REVIEW;
import static no.carepath.allocation.AllocationVariables.ASSESSMENT_ROUND;
import static no.carepath.allocation.AllocationVariables.MESSAGE_APPEAL;
import static no.carepath.allocation.AllocationVariables.MESSAGE_APPLICATION;
import static no.carepath.allocation.AllocationVariables.MESSAGE_GP_REFERRAL;
import static no.carepath.allocation.AllocationVariables.MESSAGE_HOSPITAL_NOTICE;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The engine side of a case: the only place the allocation module talks to {@link RuntimeService}. */
@Component
class AllocationProcess {

  private final RuntimeService runtime;

  AllocationProcess(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** Starts {@code allocation-case} through the message start event of the channel; business key = case id. */
  void start(AllocationCases.Channel channel, String caseId, Map<String, Object> variables) {
    String message = switch (channel) {
      case APPLICATION -> MESSAGE_APPLICATION;
      case GP_REFERRAL -> MESSAGE_GP_REFERRAL;
      case HOSPITAL_NOTICE -> MESSAGE_HOSPITAL_NOTICE;
      case CHANGED_NEEDS -> AllocationVariables.MESSAGE_CHANGED_NEEDS;
    };
    runtime.createMessageCorrelation(message)
        .processInstanceBusinessKey(caseId)
        .setVariables(variables)
        .correlateStartMessage();
  }

  boolean waitingForAppeal(String caseId) {
    return runtime.createExecutionQuery()
        .processInstanceBusinessKey(caseId)
        .messageEventSubscriptionName(MESSAGE_APPEAL)
        .count() > 0;
  }

  /** Re-opens the case for a new assessment; correlated by business key, never by a variable. */
  void correlateAppeal(String caseId, int newRound) {
    runtime.createMessageCorrelation(MESSAGE_APPEAL)
        .processInstanceBusinessKey(caseId)
        .setVariable(ASSESSMENT_ROUND, newRound)
        .setVariable(APPEAL_UNDER_REVIEW, true)
        .correlate();
  }
}
