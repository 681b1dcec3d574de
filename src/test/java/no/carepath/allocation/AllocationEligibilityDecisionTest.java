package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code allocation-eligibility.dmn}, one case per rule (hit policy FIRST: what rules digital home
 * follow-up out comes before what recommends it), with the real decision table from
 * {@code processes/}.
 */
class AllocationEligibilityDecisionTest {

  private static DmnEngine engine;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    Path file = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("processes/allocation/allocation-eligibility.dmn");
    try (InputStream model = Files.newInputStream(file)) {
      decision = engine.parseDecision("allocation-eligibility", model);
    }
  }

  @Test
  void withoutConsentItIsNotRecommendedWhateverElse() {
    assertThat(evaluate(false, "SELVSTENDIG", "KOLS")).containsEntry("recommendation", "ANBEFALES_IKKE")
        .extractingByKey("recommendationText").asString().contains("ikke samtykket");
  }

  @Test
  void aPatientWhoCannotUseTheDevicesIsBetterServedByVisits() {
    assertThat(evaluate(true, "NEI", "HJERTESVIKT")).containsEntry("recommendation", "ANBEFALES_IKKE")
        .extractingByKey("recommendationText").asString().contains("Fysiske besøk");
  }

  @Test
  void aChronicConditionMeasuredIndependentlyIsRecommended() {
    for (String condition : new String[] {"KOLS", "HJERTESVIKT", "DIABETES"}) {
      assertThat(evaluate(true, "SELVSTENDIG", condition)).as(condition).containsEntry("recommendation", "ANBEFALES");
    }
  }

  @Test
  void aChronicConditionWithHelpIsToBeConsidered() {
    assertThat(evaluate(true, "MED_HJELP", "DIABETES")).containsEntry("recommendation", "VURDERES")
        .extractingByKey("recommendationText").asString().contains("trenger hjelp");
  }

  @Test
  void anotherConditionIsToBeConsidered() {
    assertThat(evaluate(true, "SELVSTENDIG", "DEMENS")).containsEntry("recommendation", "VURDERES")
        .extractingByKey("recommendationText").asString().contains("ikke blant dem");
  }

  @Test
  void anIncompleteAssessmentLeavesItToTheCaseWorker() {
    assertThat(evaluate(null, null, "KOLS")).containsEntry("recommendation", "VURDERES")
        .extractingByKey("recommendationText").asString().contains("mangler opplysninger");
  }

  private static Map<String, Object> evaluate(Boolean consent, String deviceAbility, String condition) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("consentDigitalFollowUp", consent);
    variables.put("deviceAbility", deviceAbility);
    variables.put("primaryCondition", condition);
    DmnDecisionRuleResult result = engine.evaluateDecisionTable(decision, variables).getSingleResult();
    return result.getEntryMap();
  }
}
