package no.carepath.quality;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code quality-escalation.bpmn}: the managers follow an overdue step up with a note,
 * or the step is done first and their task ends by itself. The task's variables hold the avvik's
 * reference, category, step and days overdue, and nothing that names a patient.
 */
@Deployment(resources = {"processes/quality/quality-escalation.bpmn", "forms/quality/quality-follow-up-overdue-step.form"})
class QualityEscalationProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  private static final Date DUE = Date.from(Instant.parse("2026-12-17T08:00:00Z"));
  private static final String KEY = "UH-2026-000001/Task_AnalyseCause";

  private final Escalations escalations = mock(Escalations.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("followUpOverdueStepListener", new FollowUpOverdueStepListener(escalations));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, "1804");
    variables.put(QualityVariables.ESCALATION_ID, "5d0c2d35-8c3e-4f7e-9b4e-0a6d9f1c2b3a");
    variables.put(QualityVariables.INCIDENT_REFERENCE, "UH-2026-000001");
    variables.put(QualityVariables.ESCALATION_CATEGORY, "Legemidler");
    variables.put(QualityVariables.OVERDUE_STEP, "Task_AnalyseCause");
    variables.put(QualityVariables.OVERDUE_STEP_NAME, "Finn årsaken til avviket");
    variables.put(QualityVariables.OVERDUE_STEP_DUE_DATE, DUE);
    variables.put(QualityVariables.OVERDUE_STEP_DUE_TEXT, "17. desember 2026 kl. 09:00");
    variables.put(QualityVariables.DAYS_OVERDUE, 0);
    variables.put(QualityVariables.FOLLOW_UP_DUE_DATE, DUE);
    return runtimeService().startProcessInstanceByKey(Escalations.PROCESS, KEY, variables);
  }

  @Test
  void theManagersFollowUpAnOverdueStepWithANote() {
    ProcessInstance instance = start();

    assertThat(instance).isWaitingAt("Task_FollowUpOverdueStep");
    assertThat(task()).hasCandidateGroup("managers").hasName("Følg opp avvik på overtid").hasDueDate(DUE);
    Map<String, Object> seen = taskService().getVariables(task().getId());
    Assertions.assertThat(seen.keySet()).noneMatch(name -> name.toLowerCase().contains("patient"));
    Assertions.assertThat(seen.values()).map(String::valueOf)
        .noneMatch(value -> Pattern.compile("(?<!\\d)\\d{11}(?!\\d)").matcher(value).find());
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.FOLLOWED_UP, false,
        QualityVariables.FOLLOW_UP_NOTE, "Pasient 12034100160.")))
        .hasMessageContaining("fødselsnummer");
    Assertions.assertThatThrownBy(() -> complete(task(), Map.of(QualityVariables.FOLLOWED_UP, false,
        QualityVariables.FOLLOW_UP_NOTE, "Snakket med teamlederen.")))
        .hasMessageContaining("Fulgt opp");
    verify(escalations, never()).followedUp(anyString(), anyString());

    complete(task(), Map.of(QualityVariables.FOLLOWED_UP, true,
        QualityVariables.FOLLOW_UP_NOTE, "Snakket med teamlederen; ny frist fredag."));

    assertThat(instance).isEnded().hasPassed("EndEvent_FollowedUp");
    verify(escalations).followedUp("5d0c2d35-8c3e-4f7e-9b4e-0a6d9f1c2b3a", "Snakket med teamlederen; ny frist fredag.");
  }

  @Test
  void theTaskEndsByItselfWhenTheStepIsDoneFirst() {
    ProcessInstance instance = start();

    runtimeService().createMessageCorrelation(Escalations.STEP_DONE).processInstanceBusinessKey(KEY).correlateAll();

    assertThat(instance).isEnded().hasPassed("EndEvent_StepDoneMeanwhile").hasNotPassed("EndEvent_FollowedUp");
    verify(escalations, never()).followedUp(anyString(), anyString());
  }
}
