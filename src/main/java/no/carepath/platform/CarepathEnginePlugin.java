package no.carepath.platform;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine settings that have no Spring Boot property: Keycloak's administrators are Camunda admins;
 * history FULL without the Tasklist cards' copies ({@link CardCopiesHistory});
 * a refused task form is a 400 ({@link FormValidationFailures}); a model the Tasklist could not
 * serve is not deployed ({@link DeploymentGuard}); every task carries what its Tasklist card shows
 * ({@link TaskCards}); the decisions' FEEL expressions are parsed once ({@link ParsedOnceFeel}); the
 * authorization checks take a person's groups as given, without scanning every grant ({@link SignedInGroups}); a
 * refusal answered as not found (another municipality's, or none such) is one log line, not two stack traces
 * ({@link EngineRefusalLog}).
 */
@Component
class CarepathEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setAdminGroups(new ArrayList<>(List.of(CarepathGroups.ADMINISTRATORS)));
    List<HistoryLevel> historyLevels = configuration.getCustomHistoryLevels() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
    historyLevels.add(new CardCopiesHistory());
    configuration.setCustomHistoryLevels(historyLevels);
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(0, new FormValidationFailures.Unwrapping());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    List<BpmnParseListener> parseListeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    parseListeners.add(new DeploymentGuard());
    parseListeners.add(new TaskCards());
    configuration.setCustomPostBPMNParseListeners(parseListeners);
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (dmn.getFeelEngineFactory() == null) {
      dmn.setFeelEngineFactory(new ParsedOnceFeel.Factory(dmn));
    }
    configuration.setDmnEngineConfiguration(dmn);
    List<SessionFactory> sessionFactories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    sessionFactories.add(new SignedInGroups.Factory());
    configuration.setCustomSessionFactories(sessionFactories);
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      if (logback.getTurboFilterList().stream().noneMatch(FormValidationFailures.QuietLog.class::isInstance)) {
        logback.addTurboFilter(new FormValidationFailures.QuietLog());
      }
      if (logback.getTurboFilterList().stream().noneMatch(EngineRefusalLog.class::isInstance)) {
        logback.addTurboFilter(new EngineRefusalLog());
      }
    }
  }
}
