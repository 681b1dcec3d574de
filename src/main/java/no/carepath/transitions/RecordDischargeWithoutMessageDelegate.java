package no.carepath.transitions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordDischargeWithoutMessage: the hospital says the patient went home, but never sent the
 * message. The discharge is recorded on the day the hospital gave, marked as not notified (managers count those), and the
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
    // the day the hospital gave, at noon (never later than now, never before the patient was ready or admitted)
    Object day = execution.getVariable(TransitionsVariables.STAY_CHECK_DISCHARGED_ON);
    Instant at = clock.instant();
    if (day != null) {
      Instant noon = LocalDate.parse(day.toString().substring(0, 10)).atTime(LocalTime.NOON).atZone(clock.getZone())
          .toInstant();
      at = noon.isBefore(at) ? noon : at;
    }
    for (Instant earliest : new Instant[] {stay.readyAt(), stay.admittedAt()}) {
      if (earliest != null && at.isBefore(earliest)) {
        at = earliest;
      }
    }
    Integer days = stay.readyAt() == null ? null : DaysWaiting.between(stay.readyAt(), at, clock.getZone());
    stays.dischargedWithoutMessage(stay.stayId(), at, days);
    if (days != null) {
      DaysWaiting.countAfterCommit(meters, stay.municipalityNumber(), days);
    }
  }
}
