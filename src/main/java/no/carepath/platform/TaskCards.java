package no.carepath.platform;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What a Tasklist card shows: the patient, the case or episode, and (for deviations) the colour and
 * the readings in a few words. Copied into each user task as task-local variables when the task is
 * created, because those who may work a task may read its own variables (the engine grants
 * READ_VARIABLE on the task to its candidates) but not the process instance's: the Tasklist
 * filters' columns ({@code AccessProvisioning}) show these.
 */
final class TaskCards extends AbstractBpmnParseListener {

  static final String PATIENT = "cardPatient";
  static final String REFERENCE = "cardReference";
  static final String DEVIATION = "cardDeviation";

  /**
   * Where the card's reference comes from, the first present: a case, an episode, a stay, a message, an
   * indicator, an avvik, a team's daily review list.
   */
  static final List<String> REFERENCE_SOURCES = List.of("caseId", "episodeId", "stayId", "messageReference",
      "signalIndicator", "incidentReference", "dailyReviewId");
  /** Where the card's patient comes from, the first present: one patient, or a list of them («5 pasienter»). */
  static final List<String> PATIENT_SOURCES = List.of("patientLabel", "patientListLabel");

  static final TaskListener COPY = TaskCards::copy;

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
      // built in: a task created by a modification that skips custom listeners still gets its card
      behavior.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, COPY);
    }
  }

  static void copy(DelegateTask task) {
    for (String source : PATIENT_SOURCES) {
      Object patient = task.getVariable(source);
      if (patient != null) {
        task.setVariableLocal(PATIENT, patient);
        break;
      }
    }
    for (String source : REFERENCE_SOURCES) {
      Object reference = task.getVariable(source);
      if (reference instanceof String text && !text.isBlank()) {
        task.setVariableLocal(REFERENCE, text);
        break;
      }
    }
    Object deviation = task.getVariable("deviationHeadline");
    if (deviation != null) {
      task.setVariableLocal(DEVIATION, deviation);
    }
  }
}
