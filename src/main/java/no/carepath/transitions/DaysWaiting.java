package no.carepath.transitions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The days the municipality pays for: from the day the patient was reported ready to the day of discharge. */
final class DaysWaiting {

  private DaysWaiting() {
  }

  static int between(Instant readyAt, Instant dischargedAt, ZoneId zone) {
    return (int) Math.max(0, ChronoUnit.DAYS.between(readyAt.atZone(zone).toLocalDate(),
        dischargedAt.atZone(zone).toLocalDate()));
  }

  /**
   * Adds the days to {@code carepath_hospital_days_waiting_after_ready_total} once the transaction
   * has committed, so a rolled-back attempt that is made again counts once.
   */
  static void countAfterCommit(MeterRegistry meters, String municipality, int days) {
    if (days <= 0) {
      return;
    }
    Runnable count = () -> meters.counter("carepath.hospital.days.waiting.after.ready", "municipality", municipality)
        .increment(days);
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }
}
