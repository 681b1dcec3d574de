package no.carepath.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Plugs {@link KnownUsersIdentityProvider} into the engine in place of Camunda's database users. */
@Component
class IdentityPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<KnownUsers> users;

  IdentityPlugin(ObjectProvider<KnownUsers> users) {
    this.users = users;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new KnownUsersIdentityProvider.Factory(users::getObject));
  }
}
