package no.carepath.competence;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads each user task's competence requirement when a model is deployed. A new deployment that
 * names an unknown competence or condition is refused with the reason in Norwegian (the model tests
 * and Camunda Modeler see the same message). With a {@link TaskCompetence}, the tasks get listeners
 * that keep the requirement and check every assignment and completion; built in, so a task created
 * by a modification gets them too.
 */
public final class CompetenceTasks extends AbstractBpmnParseListener {

  private final TaskCompetence competence;

  /** Checks requirements only (the process tests' engine). */
  public static CompetenceTasks checking() {
    return new CompetenceTasks(null);
  }

  CompetenceTasks(TaskCompetence competence) {
    this.competence = competence;
  }

  @Override
  public void parseRootElement(Element root, List<ProcessDefinitionEntity> definitions) {
    if (definitions.isEmpty() || Context.getCommandContext() == null) {
      return;
    }
    DeploymentEntity deployment = Context.getCommandContext().getDbEntityManager()
        .selectById(DeploymentEntity.class, definitions.get(0).getDeploymentId());
    if (deployment != null && !deployment.isNew()) {
      // parsed again after a restart: it was checked when it was deployed
      return;
    }
    List<String> problems = new ArrayList<>();
    List<Element> offending = new ArrayList<>();
    for (Element process : root.elements("process")) {
      check(process, problems, offending);
    }
    if (!problems.isEmpty()) {
      throw new BpmnParseException("Modellen kan ikke tas i bruk: " + String.join(" ", problems), offending.get(0));
    }
  }

  private static void check(Element scope, List<String> problems, List<Element> offending) {
    for (Element element : scope.elements()) {
      if (element.getTagName().equals("userTask")) {
        int before = problems.size();
        Requirement.parse(element, problems);
        if (problems.size() > before) {
          offending.add(element);
        }
      }
      if (element.getTagName().equals("subProcess") || element.getTagName().equals("transaction")) {
        check(element, problems, offending);
      }
    }
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    Requirement requirement = Requirement.parse(element, new ArrayList<>());
    if (requirement.isEmpty()) {
      return;
    }
    if (competence != null && activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
      var definition = behavior.getTaskDefinition();
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, task -> competence.created(task, requirement));
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, competence::assigned);
      definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, competence::completing);
    }
  }
}
