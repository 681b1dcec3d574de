package no.carepath.platform;

import java.util.ArrayList;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * The engine of the process tests: in memory, no job executor (tests run jobs with
 * {@code execute(job())}), JSON variables like production, beans from {@code Mocks.register},
 * and process-test coverage. Only process tests use it; integration tests run on PostgreSQL.
 */
public final class ProcessTestEngine {

  private ProcessTestEngine() {
  }

  public static ProcessEngineConfiguration configuration() {
    ProcessEngineConfigurationImpl configuration = new ProcessCoverageInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:process-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setDefaultSerializationFormat("application/json");
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setCmmnEnabled(false);
    configuration.setProcessEngineName("process-test-" + UUID.randomUUID());
    if (configuration.getProcessEnginePlugins() == null) {
      configuration.setProcessEnginePlugins(new ArrayList<>());
    }
    configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    return configuration;
  }
}
