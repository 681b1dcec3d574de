package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import no.carepath.competence.TaskCompetence;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's history level FULL without the Tasklist cards' copies: the copies exist for the
 * Tasklist (runtime) but write no history rows; everything else keeps FULL history (the variables'
 * instances and every update, the user-operation log), and the engine takes it for FULL.
 */
class CardCopiesHistoryTest {

  private ProcessEngine engine;

  @BeforeEach
  void buildEngine() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:card-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setProcessEngineName("card-history-" + UUID.randomUUID());
    configuration.setJobExecutorActivate(false);
    // as the Spring Boot starter sets camunda.bpm.history-level: full, and CarepathEnginePlugin adds the level
    configuration.setHistory("full");
    configuration.setCustomHistoryLevels(new ArrayList<>(List.of(new CardCopiesHistory())));
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(new TaskCards())));
    engine = configuration.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addModelInstance("card.bpmn", Bpmn.createExecutableProcess("card")
        .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Look").camundaCandidateGroups("nurses").endEvent().done())
        .deploy();
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void theCardsCopiesAreOnTheTaskButNotInTheHistoryAndEverythingElseIs() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel())
        .isInstanceOf(CardCopiesHistory.class).isEqualTo(HistoryLevel.HISTORY_LEVEL_FULL)
        .extracting(HistoryLevel::getId, HistoryLevel::getName).containsExactly(3, "full");

    String instance = engine.getRuntimeService().startProcessInstanceByKey("card", Map.of("patientLabel",
        "Astrid Hansen, f. 12.03.1941", "episodeId", "EP-2026-000007", "deviationHeadline", "Rødt avvik: Puls 140 /min"))
        .getId();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
    engine.getTaskService().setVariableLocal(task.getId(), TaskCompetence.CARD, "Krever: Rød triage");

    assertThat(engine.getTaskService().getVariablesLocal(task.getId())).containsOnlyKeys(TaskCards.PATIENT,
        TaskCards.REFERENCE, TaskCards.DEVIATION, TaskCompetence.CARD);
    var history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list())
        .extracting(variable -> variable.getName())
        .containsExactlyInAnyOrder("patientLabel", "episodeId", "deviationHeadline");
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
        .extracting(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName())
        .containsExactlyInAnyOrder("patientLabel", "episodeId", "deviationHeadline");

    engine.getIdentityService().setAuthenticatedUserId("jonas.lie");
    engine.getTaskService().setVariable(task.getId(), "deviationHeadline", "Gult avvik: Puls 110 /min");
    engine.getTaskService().complete(task.getId());
    engine.getIdentityService().clearAuthentication();

    // an update of a process variable is a detail of its own; the user-operation log has who did it
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().count()).isEqualTo(4);
    assertThat(history.createUserOperationLogQuery().taskId(task.getId()).userId("jonas.lie").list())
        .extracting(entry -> entry.getOperationType()).contains("SetVariable", "Complete");
    assertThat(history.createHistoricTaskInstanceQuery().taskId(task.getId()).finished().count()).isEqualTo(1);
  }

  @Test
  void theCopiesAreTheOnesTheCardsAndTheCompetenceModuleWrite() {
    assertThat(CardCopiesHistory.COPIES).containsExactlyInAnyOrder(TaskCards.PATIENT, TaskCards.REFERENCE,
        TaskCards.DEVIATION, TaskCompetence.CARD);
  }
}
