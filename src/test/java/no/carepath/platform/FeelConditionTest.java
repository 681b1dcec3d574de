package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code conditional.hide} expressions our forms use, evaluated as form-js does; anything else refused. */
class FeelConditionTest {

  private static boolean hides(String expression, Map<String, Object> variables) {
    return FeelCondition.parse(expression).hides(variables::get);
  }

  @Test
  void aComparisonWithTextHidesWhenTheValueDiffersOrIsMissing() {
    assertThat(hides("=decisionOutcome != \"GRANTED\"", Map.of("decisionOutcome", "REJECTED"))).isTrue();
    assertThat(hides("=decisionOutcome != \"GRANTED\"", Map.of("decisionOutcome", "GRANTED"))).isFalse();
    assertThat(hides("=decisionOutcome != \"GRANTED\"", Map.of())).isTrue();
    assertThat(hides("=decisionOutcome = \"GRANTED\"", Map.of())).isFalse();
  }

  @Test
  void booleansAndOrFollowFeel() {
    String expression = "=deviationOutcome != \"ESCALATE_GP\" or gpUrgent = true";
    assertThat(hides(expression, Map.of("deviationOutcome", "ESCALATE_GP"))).isFalse();
    assertThat(hides(expression, Map.of("deviationOutcome", "ESCALATE_GP", "gpUrgent", true))).isTrue();
    assertThat(hides("=appealUnderReview != true", Map.of("appealUnderReview", true))).isFalse();
    assertThat(hides("=appealUnderReview != true", Map.of())).isTrue();
    assertThat(hides("=a = 1 and (b or c)", Map.of("a", 1L, "b", false, "c", true))).isTrue();
    assertThat(hides("=a = 1 and b", Map.of("a", 1.0))).isFalse();
  }

  @Test
  void listContainsReadsAChecklistFromTheTasklistOrAJavaList() {
    String expression = "=not(list contains(measuredSigns, \"PULSE\"))";
    assertThat(hides(expression, Map.of("measuredSigns", Spin.JSON("[\"PULSE\", \"SPO2\"]")))).isFalse();
    assertThat(hides(expression, Map.of("measuredSigns", List.of("SPO2")))).isTrue();
    Map<String, Object> none = new HashMap<>();
    none.put("measuredSigns", null);
    // FEEL: list contains(null, ...) is null, not(null) is null: not true, so shown (as in the browser)
    assertThat(hides(expression, none)).isFalse();
  }

  @Test
  void valuesOfDifferentTypesAreNotEqualNorUnequal() {
    assertThat(hides("=a != \"1\"", Map.of("a", 1))).isFalse();
    assertThat(hides("=not(a = \"1\")", Map.of("a", 1))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"=a > 1", "=if a then b else c", "=string length(a) = 3", "=a.b = 1", "=a[1] = 2",
      "=a = \"x", "=a = ", "=(a = 1", "=a = 1 b", "a = 1", "=some x in a satisfies x = 1", "=list(a)"})
  void anExpressionOutsideTheSubsetIsRefusedWhenTheFormIsRead(String expression) {
    assertThatThrownBy(() -> FeelCondition.parse(expression)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uttrykket «" + expression + "»");
  }
}
