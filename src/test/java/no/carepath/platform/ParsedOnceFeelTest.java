package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ParsedOnceFeel} gives exactly what Camunda's {@link ScalaFeelEngine} gives (value or error), for
 * every kind of FEEL a decision table holds, for every deployed decision and every combination of its
 * inputs, from many threads at once; and it parses each text once.
 */
class ParsedOnceFeelTest {

  private static final ScalaFeelEngine CAMUNDA = new ScalaFeelEngine(List.of());

  private static final Map<String, Object> VARIABLES = new HashMap<>();

  static {
    VARIABLES.put("age", 67);
    VARIABLES.put("weight", 81.5);
    VARIABLES.put("name", "Kari Nordmann");
    VARIABLES.put("consent", true);
    VARIABLES.put("nothing", null);
    VARIABLES.put("conditions", List.of("KOLS", "DIABETES"));
    VARIABLES.put("born", LocalDate.of(1958, 3, 14));
    VARIABLES.put("limits", Map.of("low", 90, "high", 101));
  }

  @ParameterizedTest
  @ValueSource(strings = {"age", "age + 1", "weight * 2 - 1.5", "name", "upper case(name)", "\"tekst\"", "consent",
      "not(consent)", "nothing", "unknown", "conditions", "list contains(conditions, \"KOLS\")", "count(conditions)",
      "born", "born + duration(\"P1Y\")", "date(\"2026-12-04\")", "limits.low", "limits.missing", "if age > 65 then"
      + " \"eldre\" else \"yngre\"", "age > 65 and consent", "age / 0", "substring(name, 1, 4)", "[1, 2, 3][2]",
      "{a: 1}.a", "some c in conditions satisfies c = \"KOLS\"", "sum([1,2,3])", "null", "true", "-3", "1 +",
      "name +", ")", "\"unterminated", "", "  age  "})
  void anExpressionGivesWhatCamundaGives(String expression) {
    assertSame(() -> CAMUNDA.evaluateSimpleExpression(expression, context()),
        () -> new ParsedOnceFeel(List.of()).evaluateSimpleExpression(expression, context()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "67", "< 70", ">= 67", "[60..70]", "]67..70]", "66, 67", "not(67)", "not(66, 68)",
      "age", "? > 60", "? = age", "null", "\"KOLS\"", "\"KOLS\",\"DIABETES\"", "< \"B\"", "> date(\"2000-01-01\")",
      "[", "< ", "unknown", "1 ..", "true", "false"})
  void aUnaryTestGivesWhatCamundaGivesForEachInput(String test) {
    for (Object input : new Object[] {67, 66.5, 120, -1, "KOLS", "A", true, false, null, LocalDate.of(1999, 1, 1)}) {
      VariableContext context = Variables.fromMap(withInput(input)).asVariableContext();
      assertSame(() -> CAMUNDA.evaluateSimpleUnaryTests(test, "cellInput", context),
          () -> new ParsedOnceFeel(List.of()).evaluateSimpleUnaryTests(test, "cellInput", context));
    }
  }

  @Test
  void everyDeployedDecisionDecidesAsWithCamundasEngineForEveryCombinationOfInputs() throws Exception {
    DmnEngine camunda = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DefaultDmnEngineConfiguration ours = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    ours.setFeelEngineFactory(new ParsedOnceFeel.Factory(ours));
    DmnEngine parsedOnce = ours.buildEngine();
    assertThat(ours.getFeelEngine()).isInstanceOf(ParsedOnceFeel.class);
    List<Path> models;
    try (var files = Files.walk(project().resolve("processes"))) {
      models = files.filter(file -> file.toString().endsWith(".dmn")).toList();
    }
    assertThat(models).isNotEmpty();
    int compared = 0;
    for (Path model : models) {
      for (DmnDecision decision : parse(camunda, model)) {
        DmnDecision same = parse(parsedOnce, model).stream().filter(d -> d.getKey().equals(decision.getKey())).findFirst()
            .orElseThrow();
        for (Map<String, Object> inputs : combinations()) {
          // twice: the second evaluation runs on what the first parsed
          for (int round = 0; round < 2; round++) {
            assertSame(() -> camunda.evaluateDecision(decision, inputs).getResultList(),
                () -> parsedOnce.evaluateDecision(same, inputs).getResultList());
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void eachTextIsParsedOnceAndATextThatDoesNotParseIsNotKept() {
    ParsedOnceFeel feel = new ParsedOnceFeel(List.of());
    for (int i = 0; i < 50; i++) {
      assertThat((Object) feel.evaluateSimpleExpression("age + " + (i % 5), context())).isEqualTo(67L + i % 5);
      assertThat(feel.evaluateSimpleUnaryTests("< 70", "cellInput", Variables.fromMap(withInput(i)).asVariableContext()))
          .isTrue();
    }
    assertThat(feel.kept()).isEqualTo(6);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> feel.evaluateSimpleExpression("1 +", context())).isInstanceOf(FeelException.class);
    }
    assertThat(feel.kept()).isEqualTo(6);
  }

  @Test
  void aTextIsKeptAsOftenAsTheLimitAllowsAndNoMore() {
    ParsedOnceFeel feel = new ParsedOnceFeel(List.of());
    for (int i = 0; i < ParsedOnceFeel.MAXIMUM_EXPRESSIONS + 500; i++) {
      feel.evaluateSimpleExpression(Integer.toString(i), context());
    }
    assertThat(feel.kept()).isLessThanOrEqualTo(ParsedOnceFeel.MAXIMUM_EXPRESSIONS);
  }

  @Test
  void manyThreadsShareTheParsedTextsAndEachGetsItsOwnAnswer() throws Exception {
    ParsedOnceFeel feel = new ParsedOnceFeel(List.of());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        answers.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            int age = i % 100;
            VariableContext context = Variables.fromMap(Map.of("age", age, "cellInput", age)).asVariableContext();
            if (!Long.valueOf(age * 2L).equals(feel.evaluateSimpleExpression("age * 2", context))
                || feel.evaluateSimpleUnaryTests("[18..66]", "cellInput", context) != (age >= 18 && age <= 66)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(feel.kept()).isEqualTo(2);
  }

  private static List<Map<String, Object>> combinations() {
    // the values the deployed tables test for, values they do not know, and a missing value
    List<Object> booleans = Arrays.asList(true, false, null);
    List<Object> texts = Arrays.asList("SELVSTENDIG", "MED_HJELP", "NEI", "KOLS", "HJERTESVIKT", "DIABETES", "DEMENS", "",
        null);
    List<Map<String, Object>> combinations = new ArrayList<>();
    for (Object consent : booleans) {
      for (Object ability : texts) {
        for (Object condition : texts) {
          Map<String, Object> inputs = new HashMap<>();
          inputs.put("consentDigitalFollowUp", consent);
          inputs.put("deviceAbility", ability);
          inputs.put("primaryCondition", condition);
          combinations.add(inputs);
        }
      }
    }
    return combinations;
  }

  private static List<DmnDecision> parse(DmnEngine engine, Path model) throws Exception {
    try (InputStream in = Files.newInputStream(model)) {
      return engine.parseDecisions(in);
    }
  }

  private static Path project() {
    return Path.of(System.getProperty("carepath.project-dir", "."));
  }

  private static Map<String, Object> withInput(Object input) {
    Map<String, Object> variables = new HashMap<>(VARIABLES);
    variables.put("cellInput", input);
    return variables;
  }

  private static VariableContext context() {
    return Variables.fromMap(VARIABLES).asVariableContext();
  }

  /** Both give the same value, or both fail with the same kind of error and message. */
  private static void assertSame(java.util.concurrent.Callable<Object> camunda, java.util.concurrent.Callable<Object> ours) {
    Object expected;
    try {
      expected = camunda.call();
    } catch (Exception e) {
      assertThatThrownBy(ours::call).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
      return;
    }
    Object actual;
    try {
      actual = ours.call();
    } catch (Exception e) {
      throw new AssertionError("Camunda's engine gave " + expected + ", ParsedOnceFeel failed: " + e, e);
    }
    assertThat(String.valueOf(actual)).isEqualTo(String.valueOf(expected));
    assertThat(actual == null ? null : actual.getClass()).isEqualTo(expected == null ? null : expected.getClass());
  }
}
