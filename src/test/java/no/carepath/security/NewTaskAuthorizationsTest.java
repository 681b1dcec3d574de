package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.DbIdGenerator;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@link NewTaskAuthorizations} is used only where a new task's id cannot have grants yet: random UUID ids
 * and no standalone tasks; otherwise {@link IdentityPlugin} gives the engine its own provider back.
 */
class NewTaskAuthorizationsTest {

  @Test
  void onlyWithRandomIdsAndWithoutStandaloneTasks() {
    assertThat(NewTaskAuthorizations.safeWith(configuration(new StrongUuidGenerator(), false))).isTrue();
    assertThat(NewTaskAuthorizations.safeWith(configuration(new StrongUuidGenerator(), true))).isFalse();
    assertThat(NewTaskAuthorizations.safeWith(configuration(new DbIdGenerator(), false))).isFalse();
    assertThat(NewTaskAuthorizations.safeWith(configuration(null, false))).isFalse();
  }

  @Test
  void thePluginGivesTheEngineItsOwnProviderBackWhereItIsNotSafe() {
    StandaloneProcessEngineConfiguration unsafe = configuration(new DbIdGenerator(), false);
    unsafe.setResourceAuthorizationProvider(new NewTaskAuthorizations());
    StandaloneProcessEngineConfiguration safe = configuration(new StrongUuidGenerator(), false);
    safe.setResourceAuthorizationProvider(new NewTaskAuthorizations());
    IdentityPlugin plugin = new IdentityPlugin(null, null, null);

    plugin.postInit(unsafe);
    plugin.postInit(safe);

    assertThat(unsafe.getResourceAuthorizationProvider()).isNotInstanceOf(NewTaskAuthorizations.class);
    assertThat(safe.getResourceAuthorizationProvider()).isInstanceOf(NewTaskAuthorizations.class);
  }

  private static StandaloneProcessEngineConfiguration configuration(
      org.camunda.bpm.engine.impl.cfg.IdGenerator ids, boolean standaloneTasks) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setIdGenerator(ids);
    configuration.setStandaloneTasksEnabled(standaloneTasks);
    return configuration;
  }
}
