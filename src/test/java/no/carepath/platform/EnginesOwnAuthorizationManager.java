package no.carepath.platform;

import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * For comparisons in tests and benchmarks: the engine's own {@code AuthorizationManager} in place of
 * Carepath's {@link SignedInGroups} while some work runs, then Carepath's again.
 */
public final class EnginesOwnAuthorizationManager {

  private EnginesOwnAuthorizationManager() {
  }

  public static <T> T during(ProcessEngine engine, Supplier<T> work) {
    Map<Class<?>, SessionFactory> factories =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories();
    SessionFactory ours = factories.get(AuthorizationManager.class);
    factories.put(AuthorizationManager.class, new GenericManagerFactory(AuthorizationManager.class));
    try {
      return work.get();
    } finally {
      factories.put(AuthorizationManager.class, ours);
    }
  }
}
