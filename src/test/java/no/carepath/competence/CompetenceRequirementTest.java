package no.carepath.competence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import no.carepath.platform.ProcessTestEngine;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The competence a model's user task declares: what is accepted and what a deployment is refused for
 * (the same listener production uses, in the process tests' engine), and how conditions add codes.
 */
class CompetenceRequirementTest {

  private static ProcessEngine engine;

  @BeforeAll
  static void start() {
    engine = ProcessTestEngine.configuration().buildProcessEngine();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static String model(String key, String properties) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="https://carepath.no/bpmn/test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Started"><bpmn:outgoing>Flow_ToTask</bpmn:outgoing></bpmn:startEvent>
            <bpmn:userTask id="Task_CheckSomething" name="Sjekk noe" camunda:candidateGroups="home-follow-up-nurses"
                           camunda:formRef="followup-end-service" camunda:formRefBinding="latest" camunda:dueDate="P1D">
              <bpmn:extensionElements><camunda:properties>%2$s</camunda:properties></bpmn:extensionElements>
              <bpmn:incoming>Flow_ToTask</bpmn:incoming>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Started" targetRef="Task_CheckSomething"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, properties);
  }

  private static void deploy(String key, String properties) {
    engine.getRepositoryService().createDeployment().addString(key + ".bpmn", model(key, properties)).deploy();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "competence|astrology|«astrology», som ikke finnes i kompetansekatalogen",
      "competence|wound-care, astrology|«astrology»",
      "competence||«», som ikke finnes",
      "competenceIf|pregnant: wound-care|vilkåret «pregnant», som ikke finnes. Kjente vilkår: insulin",
      "competenceIf|insulin wound-care|skriv <vilkår>: <kompetanse>",
      "competenceIf|insulin: astrology|«astrology»"})
  void anUnknownCompetenceOrConditionIsRefusedWithTheKnownOnes(String name, String value, String message) {
    String property = "<camunda:property name=\"" + name + "\" value=\"" + (value == null ? "" : value) + "\"/>";
    assertThatThrownBy(() -> deploy("refused-" + Math.abs((name + value).hashCode()), property))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Modellen kan ikke tas i bruk")
        .hasMessageContaining("Task_CheckSomething")
        .hasMessageContaining(message);
  }

  @Test
  void knownCompetencesAndConditionsAreAccepted() {
    deploy("accepted", "<camunda:property name=\"competence\" value=\"dho-monitoring, wound-care\"/>"
        + "<camunda:property name=\"competenceIf\" value=\"insulin: diabetes-followup\"/>"
        + "<camunda:property name=\"somethingElse\" value=\"whatever\"/>");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("accepted").count())
        .isEqualTo(1);
  }

  @Test
  void conditionsAddTheirCodesOnceAndInOrder() {
    Requirement requirement = new Requirement(List.of("dho-red-triage", "wound-care"),
        java.util.Map.of(CaseCondition.INSULIN, List.of("diabetes-followup", "wound-care")));
    assertThat(requirement.codes(Set.of())).containsExactly("dho-red-triage", "wound-care");
    assertThat(requirement.codes(Set.of(CaseCondition.INSULIN)))
        .containsExactly("dho-red-triage", "wound-care", "diabetes-followup");
    assertThat(Requirement.NONE.isEmpty()).isTrue();
  }

  @Test
  void theCatalogueHasNamesDescriptionsAndValidityForWhatExpires() {
    assertThat(CompetenceCatalogue.all()).hasSizeGreaterThanOrEqualTo(10).allSatisfy(competence -> {
      assertThat(competence.name()).isNotBlank();
      assertThat(competence.description()).isNotBlank();
      assertThat(competence.expires()).isEqualTo(competence.validityMonths() != null);
    });
    assertThat(CompetenceCatalogue.name("gone-code")).isEqualTo("gone-code");
  }
}
