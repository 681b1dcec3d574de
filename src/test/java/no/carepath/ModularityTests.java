package no.carepath;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature modules (intake, allocation, followup, patient, security, platform, simulator) only
 * use each other's public root-package types, and they form no cycle.
 */
class ModularityTests {

  private final ApplicationModules modules = ApplicationModules.of(CarepathApplication.class);

  @Test
  void modulesRespectTheirBoundariesAndHaveNoCycles() {
    modules.verify();
  }
}
