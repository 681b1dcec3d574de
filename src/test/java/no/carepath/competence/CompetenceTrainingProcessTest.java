package no.carepath.competence;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.platform.ProcessTestEngine;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code competence-training.bpmn}: the holder's task «Forny kompetanse», assigned to
 * her, offered to the team leaders, due on the holding's last day; answered with training done,
 * planned, or not to be renewed, each kept; what the answer may not be (no date, a date on the wrong
 * side of today, no reason, a national identity number) is refused and nothing is kept.
 */
@Deployment(resources = {"processes/competence/competence-training.bpmn",
    "forms/competence/competence-renew-training.form"})
class CompetenceTrainingProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
      .builder(ProcessTestEngine.configuration()).assertClassCoverageAtLeast(1.0).build();

  /** 1 March 2027, 09:00 in Oslo. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-01T08:00:00Z"), Trainings.OSLO);
  private static final CompetenceRegister.Holding HOLDING = new CompetenceRegister.Holding("jonas.lie", "1804",
      "dho-red-triage", Level.INDEPENDENT, LocalDate.of(2026, 4, 1), LocalDate.of(2027, 4, 10), "marte.dahl",
      Instant.EPOCH);

  private final Trainings trainings = mock(Trainings.class);

  @BeforeEach
  void registerBeans() {
    BpmnAwareTests.init(engine.getProcessEngine());
    Mocks.register("renewCompetenceListener", new RenewCompetenceListener(trainings, CLOCK));
  }

  @AfterEach
  void resetBeans() {
    Mocks.reset();
  }

  private ProcessInstance start() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(Trainings.PROCESS, Trainings.reference(7),
        Trainings.variables(7, HOLDING));
    assertThat(instance).isWaitingAt("Task_RenewCompetence");
    return instance;
  }

  private static Map<String, Object> answer(String outcome, String date, String note) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CompetenceVariables.OUTCOME, outcome);
    variables.put(CompetenceVariables.TRAINING_DATE, date);
    variables.put(CompetenceVariables.NOTE, note);
    return variables;
  }

  @Test
  void theHolderGetsTheTaskDueOnTheLastDayAndTheTeamLeadersMayTakeItOver() {
    start();
    assertThat(task()).isAssignedTo("jonas.lie");
    Assertions.assertThat(task().getName()).isEqualTo("Forny kompetanse: Triage av røde avvik (DHO)");
    Assertions.assertThat(task().getDueDate()).isEqualTo(Date.from(Instant.parse("2027-04-10T14:00:00Z")));
    Assertions.assertThat(BpmnAwareTests.taskService().getIdentityLinksForTask(task().getId()))
        .extracting(IdentityLink::getGroupId).containsOnly("team-leaders", null); // the candidate group and the assignee
    // what the form shows: the competence, the level and the last day
    Map<String, Object> shown = BpmnAwareTests.taskService().getVariables(task().getId());
    Assertions.assertThat(shown).containsEntry(CompetenceVariables.NAME, "Triage av røde avvik (DHO)")
        .containsEntry(CompetenceVariables.LEVEL, "Selvstendig")
        .containsEntry(CompetenceVariables.VALID_UNTIL_TEXT, "10.04.2027");
  }

  @Test
  void trainingDoneIsKeptWithItsDateForTheTeamLeaderToVerify() {
    ProcessInstance instance = start();
    complete(task(), answer("RENEWED", "2027-02-20", "Kurs i NEWS2 og triage, Nordlandssykehuset."));
    verify(trainings).report(eq(7L), eq(Trainings.Outcome.RENEWED), eq(LocalDate.of(2027, 2, 20)),
        eq("Kurs i NEWS2 og triage, Nordlandssykehuset."), anyString());
    assertThat(instance).isEnded().hasPassed("Task_RenewCompetence", "EndEvent_TrainingReported");
  }

  @Test
  void trainingPlannedIsKeptWithItsDate() {
    ProcessInstance instance = start();
    complete(task(), answer("PLANNED", "2027-03-15", null));
    verify(trainings).report(eq(7L), eq(Trainings.Outcome.PLANNED), eq(LocalDate.of(2027, 3, 15)), isNull(),
        anyString());
    assertThat(instance).isEnded().hasPassed("EndEvent_TrainingReported");
  }

  @Test
  void notRenewedIsKeptWithItsReasonAndNoDate() {
    ProcessInstance instance = start();
    // the date is hidden for «Fornyes ikke»: not checked, not kept
    complete(task(), answer("NOT_RENEWED", "1999-01-01", "Går over til natt; trenger ikke triage."));
    verify(trainings).report(eq(7L), eq(Trainings.Outcome.NOT_RENEWED), isNull(),
        eq("Går over til natt; trenger ikke triage."), anyString());
    assertThat(instance).isEnded().hasPassed("EndEvent_TrainingReported");
  }

  @Test
  void anAnswerThatDoesNotHoldIsRefusedAndNothingIsKept() {
    ProcessInstance instance = start();
    Assertions.assertThatThrownBy(() -> complete(task(), answer(null, null, null)))
        .hasMessageContaining("Velg «Opplæring»");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("MAYBE", null, null)))
        .hasMessageContaining("«Opplæring» har en ugyldig verdi");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("RENEWED", null, null)))
        .hasMessageContaining("«Dato for opplæringen» må fylles ut når opplæringen er gjennomført");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("RENEWED", "2027-03-02", null)))
        .hasMessageContaining("«Dato for opplæringen» kan ikke være fram i tid");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("PLANNED", null, null)))
        .hasMessageContaining("«Dato for opplæringen» må fylles ut når opplæringen er planlagt");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("PLANNED", "2027-02-28", null)))
        .hasMessageContaining("«Dato for opplæringen» kan ikke være før 2027-03-01");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("NOT_RENEWED", null, null)))
        .hasMessageContaining("«Merknad til teamlederen» må fylles ut når kompetansen ikke skal fornyes");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("RENEWED", "2027-02-20",
        "Veiledet ved pasient 12034100160.")))
        .hasMessageContaining("fødselsnummer");
    Assertions.assertThatThrownBy(() -> complete(task(), answer("NOT_RENEWED", null, "x".repeat(2001))))
        .hasMessageContaining("er for lang");
    verify(trainings, never()).report(anyLong(), any(), any(), any(), any());
    assertThat(instance).isWaitingAt("Task_RenewCompetence");
    assertThat(task()).isAssignedTo("jonas.lie");
  }

  @Test
  void theOutcomesAreTheChoicesOfTheForm() throws IOException {
    JsonNode form;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("forms/competence/competence-renew-training.form")) {
      form = new ObjectMapper().readTree(in);
    }
    List<String> choices = new ArrayList<>();
    for (JsonNode component : form.path("components")) {
      if (CompetenceVariables.OUTCOME.equals(component.path("key").asText())) {
        component.path("values").forEach(value -> choices.add(value.path("value").asText() + "=" + value.path("label").asText()));
      }
    }
    Assertions.assertThat(choices).containsExactly(java.util.Arrays.stream(Trainings.Outcome.values())
        .map(outcome -> outcome.name() + "=" + outcome.label()).toArray(String[]::new));
  }
}
