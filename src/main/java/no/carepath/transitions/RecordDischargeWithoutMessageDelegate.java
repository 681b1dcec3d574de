package no.carepath.transitions;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordDischargeWithoutMessage: the hospital says the patient went home, but never sent the
 * message. The discharge is recorded now, marked as not notified (managers count those), and the
 * days waiting after ready-for-discharge are counted as for a notified discharge.
 */
@Component
class RecordDischargeWithoutMessageDelegate implements JavaDelegate {

  private final StayStore stays;
  private final MeterRegistry meters;
  private final Clock clock;

  RecordDischargeWithoutMessageDelegate(StayStore stays, MeterRegistry meters, Clock clock) {
    this.stays = stays;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    StayStore.Stay stay = stays.lock((String) execution.getVariable(TransitionsVariables.STAY_ID));
    if (stay.dischargedAt() != null) {
      return;
    }
    Instant now = clock.instant();
    Integer days = stay.readyAt() == null ? null : DaysWaiting.between(stay.readyAt(), now, clock.getZone());
    stays.dischargedWithoutMessage(stay.stayId(), now, days);
    if (days != null) {
      DaysWaiting.countAfterCommit(meters, stay.municipalityNumber(), days);
    }
  }
}
