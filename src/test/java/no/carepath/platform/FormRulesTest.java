package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules derived from every form in {@code forms/}, checked as the server checks a submission:
 * an empty submission names every required field by its label in the form, a value the form does
 * not allow is refused by the label, and a submission built from the form passes.
 */
class FormRulesTest {

  /** Values that satisfy the patterns our forms use; a form with a new pattern adds one here. */
  private static final List<String> PATTERN_SAMPLES = List.of("1234567", "Tekst", "14:30");

  static Stream<Path> forms() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("carepath.project-dir", "."), "forms"))) {
      List<Path> forms = files.filter(file -> file.toString().endsWith(".form")).sorted().toList();
      assertThat(forms).hasSizeGreaterThan(20);
      return forms.stream();
    }
  }

  private static FormRules rules(Path form) {
    try {
      FormRules rules = FormRules.parse(Files.readAllBytes(form));
      assertThat(rules.fields()).as("fields of " + form).isNotEmpty();
      return rules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SubmittedForm submit(FormRules rules, Map<String, Object> variables) {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getVariable(anyString())).thenAnswer(invocation -> variables.get(invocation.<String>getArgument(0)));
    return SubmittedForm.check(rules, task);
  }

  private static boolean shown(FormRules.Field field, Map<String, Object> variables) {
    return field.input() && field.hiddenWhen().stream().noneMatch(hide -> hide.hides(variables::get));
  }

  private static String refusal(SubmittedForm form) {
    try {
      form.throwIfInvalid();
    } catch (FormFieldValidationException e) {
      return e.getMessage();
    }
    return null;
  }

  @ParameterizedTest
  @MethodSource("forms")
  void anEmptySubmissionNamesEveryRequiredFieldShownByItsLabel(Path form) {
    FormRules rules = rules(form);
    Map<String, Object> nothing = Map.of();
    List<FormRules.Field> required = rules.fields().stream()
        .filter(field -> field.required() && shown(field, nothing)).toList();

    String refusal = refusal(submit(rules, nothing));

    if (required.isEmpty()) {
      assertThat(refusal).as(form.toString()).isNull();
      return;
    }
    assertThat(refusal).as(form.toString()).isNotNull();
    for (FormRules.Field field : required) {
      assertThat(refusal).as(form + " " + field.key()).contains("«" + field.label() + "»");
    }
    assertThat(refusal.split("«", -1)).as(form + ": one problem per required field").hasSize(required.size() + 1);
  }

  @ParameterizedTest
  @MethodSource("forms")
  void aSubmissionBuiltFromTheFormPasses(Path form) {
    FormRules rules = rules(form);
    Map<String, Object> variables = validSubmission(rules);

    SubmittedForm submitted = submit(rules, variables);

    assertThat(refusal(submitted)).as(form.toString()).isNull();
    for (FormRules.Field field : rules.fields()) {
      if (shown(field, variables) && field.type().equals("textarea")) {
        assertThat(submitted.text(field.key())).as(form + " " + field.key()).isEqualTo(variables.get(field.key()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("forms")
  void aValueTheFormDoesNotAllowIsRefusedByTheFieldsLabel(Path form) {
    FormRules rules = rules(form);
    Map<String, Object> valid = validSubmission(rules);
    int tried = 0;
    for (FormRules.Field field : rules.fields()) {
      if (!shown(field, valid)) {
        continue;
      }
      for (Object wrong : wrongValues(field)) {
        Map<String, Object> variables = new HashMap<>(valid);
        variables.put(field.key(), wrong);
        String refusal = refusal(submit(rules, variables));
        assertThat(refusal).as(form + " " + field.key() + " = " + wrong).isNotNull().contains("«" + field.label() + "»");
        tried++;
      }
    }
    assertThat(tried).as(form + ": fields with something to refuse").isPositive();
  }

  @Test
  void aFormWithAConditionTheServerCannotEvaluateIsRefused() {
    byte[] form = """
        {"id": "x", "components": [{"key": "a", "type": "textfield", "label": "A",
          "conditional": {"hide": "=string length(b) > 3"}}]}""".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FormRules.parse(form)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feltet «a»").hasMessageContaining("som serveren ikke kan regne ut");
  }

  @Test
  void aFormWithAFieldTheServerCannotCheckIsRefused() {
    assertThatThrownBy(() -> FormRules.parse("""
        {"id": "x", "components": [{"key": "a", "type": "expression", "label": "A", "expression": "=1"}]}"""
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("felttypen «expression»");
    assertThatThrownBy(() -> FormRules.parse("""
        {"id": "x", "components": [{"key": "a", "type": "textfield", "label": "A", "validate": {"validationType": "email"}}]}"""
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("valideringen «validationType»");
    assertThatThrownBy(() -> FormRules.parse("""
        {"id": "x", "components": [{"key": "a", "type": "datetime", "subtype": "datetime", "dateLabel": "A"}]}"""
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("bare datofelt");
    assertThatThrownBy(() -> FormRules.parse("""
        {"id": "x", "components": [{"type": "group", "path": "p", "components": []}]}"""
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("«path»");
    assertThatThrownBy(() -> FormRules.parse("""
        {"id": "x", "components": [{"key": "a", "type": "textfield"}]}"""
        .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("mangler ledetekst");
  }

  /** A value for every field the person fills in, the first choice where there are choices. */
  private static Map<String, Object> validSubmission(FormRules rules) {
    Map<String, Object> variables = new HashMap<>();
    for (FormRules.Field field : rules.fields()) {
      if (!field.input()) {
        continue;
      }
      if (field.choicesKey() != null) {
        variables.put(field.choicesKey(), List.of(Map.of("label", "Valg", "value", "choice-1")));
      }
      List<String> choices = field.choices() != null ? field.choices() : List.of("choice-1");
      variables.put(field.key(), switch (field.type()) {
        case "textfield", "textarea" -> text(field);
        case "select", "radio" -> choices.get(0);
        case "checklist", "taglist" -> List.of(choices.get(0));
        case "number" -> field.min() != null ? field.min() : field.max() != null ? field.max() : BigDecimal.ONE;
        case "datetime" -> "2026-11-23";
        case "checkbox" -> Boolean.TRUE;
        default -> throw new AssertionError(field.type());
      });
    }
    return variables;
  }

  private static String text(FormRules.Field field) {
    if (field.pattern() == null) {
      return "T".repeat(field.minLength() == null ? 1 : field.minLength());
    }
    return PATTERN_SAMPLES.stream().filter(sample -> field.pattern().matcher(sample).find()).findFirst()
        .orElseThrow(() -> new AssertionError("no sample for the pattern of " + field.key() + ": add one"));
  }

  /** What the form does not allow in the field. */
  private static List<Object> wrongValues(FormRules.Field field) {
    List<Object> wrong = new ArrayList<>();
    switch (field.type()) {
      case "textfield", "textarea" -> {
        if (field.maxLength() != null) {
          wrong.add("x".repeat(field.maxLength() + 1));
        }
        wrong.add(42);
      }
      case "select", "radio" -> wrong.add("NOT_A_CHOICE");
      case "checklist", "taglist" -> wrong.add(List.of("NOT_A_CHOICE"));
      case "number" -> {
        if (field.min() != null) {
          wrong.add(field.min().subtract(BigDecimal.ONE));
        }
        if (field.max() != null) {
          wrong.add(field.max().add(BigDecimal.ONE));
        }
        if (field.decimalDigits() != null) {
          wrong.add((field.min() != null ? field.min() : BigDecimal.ONE).add(BigDecimal.ONE.movePointLeft(
              field.decimalDigits() + 1)));
        }
        wrong.add("mange");
      }
      case "datetime" -> wrong.add("i morgen");
      case "checkbox" -> wrong.add("ja");
      default -> throw new AssertionError(field.type());
    }
    return wrong;
  }
}
