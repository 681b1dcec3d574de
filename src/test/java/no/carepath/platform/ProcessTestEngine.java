package no.carepath.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * The engine of the process tests: in memory, no job executor (tests run jobs with
 * {@code execute(job())}), JSON variables, the validation interceptor and deployment guard of
 * production, beans from {@code Mocks.register}, and process-test coverage. Only process tests use it; integration tests run on PostgreSQL.
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
    // as in production (CarepathEnginePlugin): refused forms surface as FormFieldValidationException,
    // and models are deployed only when the Tasklist can serve them
    configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>(List.of(new FormValidationFailures.Unwrapping())));
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(
        new DeploymentGuard("classpath*:processes/**/*.bpmn", "classpath*:stubs/**/*.bpmn"),
        // the models' competence requirements are checked as in production (not enforced: no register here)
        no.carepath.competence.CompetenceTasks.checking())));
    // as in production: the decisions' FEEL is parsed once
    org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration dmn = (org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration)
        org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    dmn.setFeelEngineFactory(new ParsedOnceFeel.Factory(dmn));
    configuration.setDmnEngineConfiguration(dmn);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
        && logback.getTurboFilterList().stream().noneMatch(FormValidationFailures.QuietLog.class::isInstance)) {
      logback.addTurboFilter(new FormValidationFailures.QuietLog());
    }
    return configuration;
  }
}
