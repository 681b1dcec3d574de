package no.carepath.platform;

import java.util.ArrayList;
import java.util.List;

import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/** Engine settings that have no Spring Boot property: Keycloak's administrators are Camunda admins. */
@Component
class CarepathEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setAdminGroups(new ArrayList<>(List.of(CarepathGroups.ADMINISTRATORS)));
  }
}
