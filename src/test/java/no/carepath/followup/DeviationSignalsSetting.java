package no.carepath.followup;

import org.springframework.context.ApplicationContext;

/** For benchmarks outside the package: how many deviations {@link DeviationSignals} gives the engine per transaction. */
public final class DeviationSignalsSetting {

  private DeviationSignalsSetting() {
  }

  public static void perTransaction(ApplicationContext context, int deviations) {
    context.getBean(DeviationSignals.class).perTransaction(deviations);
  }
}
