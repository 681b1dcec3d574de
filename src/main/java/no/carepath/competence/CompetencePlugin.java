package no.carepath.competence;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Puts {@link CompetenceTasks} into the engine's model parser. */
@Component
class CompetencePlugin extends AbstractProcessEnginePlugin {

  private final TaskCompetence competence;

  CompetencePlugin(@Lazy TaskCompetence competence) {
    this.competence = competence;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new CompetenceTasks(competence));
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
