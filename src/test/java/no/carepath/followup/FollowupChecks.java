package no.carepath.followup;

import org.springframework.context.ApplicationContext;

/**
 * For the benchmarks, which live in another package: the follow-up module's periodic check, run when
 * the benchmark's simulated clock says it is due instead of by the scheduler's real-time interval.
 */
public final class FollowupChecks {

  private FollowupChecks() {
  }

  /** What {@code MissedReadings} does every {@code carepath.followup.missed-reading-check-interval}. */
  public static void checkMissedReadings(ApplicationContext context) {
    context.getBean(MissedReadings.class).check();
  }
}
