package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side form validation by the rules of a form, reading the variables of a mocked task as a
 * task listener would. The form below has one field of each kind our forms use.
 */
class SubmittedFormTest {

  private static final FormRules RULES = FormRules.parse("""
      {"id": "test-form", "components": [
        {"type": "text", "text": "### Overskrift"},
        {"key": "referralSummary", "type": "textarea", "label": "Henvendelsen", "disabled": true},
        {"key": "whatMattersToYou", "type": "textarea", "label": "Hva er viktig for deg?",
         "validate": {"required": true, "maxLength": 20}},
        {"key": "otherConditions", "type": "textfield", "label": "Andre tilstander", "validate": {"maxLength": 10}},
        {"key": "gpHprNumber", "type": "textfield", "label": "HPR-nummer", "description": "7 til 9 sifre.",
         "validate": {"pattern": "^\\\\d{7,9}$"}},
        {"key": "decisionOutcome", "type": "radio", "label": "Vedtak", "validate": {"required": true},
         "values": [{"label": "Innvilget", "value": "GRANTED"}, {"label": "Avslag", "value": "REJECTED"}]},
        {"key": "grantedServices", "type": "checklist", "label": "Tjenester", "validate": {"required": true},
         "values": [{"label": "DHO", "value": "DIGITAL_HOME_FOLLOW_UP"}, {"label": "Alarm", "value": "SAFETY_ALARM"}],
         "conditional": {"hide": "=decisionOutcome != \\"GRANTED\\""}},
        {"key": "serviceStartDate", "type": "datetime", "subtype": "date", "dateLabel": "Startdato",
         "validate": {"required": true}, "conditional": {"hide": "=decisionOutcome != \\"GRANTED\\""}},
        {"key": "functionMemory", "type": "select", "label": "Hukommelse", "validate": {"required": true},
         "values": [{"label": "1", "value": "1"}, {"label": "2", "value": "2"}, {"label": "3", "value": "3"}]},
        {"key": "evaluationIntervalDays", "type": "number", "label": "Evaluering hver (dager)", "decimalDigits": 0,
         "validate": {"required": true, "min": 7, "max": 180}},
        {"type": "group", "label": "Temperatur (°C)", "conditional": {"hide": "=not(urgent)"}, "components": [
          {"key": "temperatureRedAbove", "type": "number", "label": "Rød over", "decimalDigits": 1,
           "validate": {"min": 30, "max": 45}}]},
        {"key": "urgent", "type": "checkbox", "label": "Haster"},
        {"key": "trainingGiven", "type": "checkbox", "label": "Opplæring gitt", "validate": {"required": true}},
        {"key": "devicesReturned", "type": "checklist", "label": "Levert tilbake", "valuesKey": "devicesToCollect"},
        {"key": "note", "type": "textarea", "label": "Notat"}
      ]}
      """.getBytes(StandardCharsets.UTF_8));

  private final Map<String, Object> variables = new HashMap<>(Map.of(
      "whatMattersToYou", "Å gå tur", "decisionOutcome", "REJECTED", "functionMemory", "2",
      "evaluationIntervalDays", 30L, "trainingGiven", true));

  private SubmittedForm submit() {
    DelegateTask task = mock(DelegateTask.class);
    when(task.getVariable(anyString())).thenAnswer(invocation -> variables.get(invocation.<String>getArgument(0)));
    return SubmittedForm.check(RULES, task);
  }

  private static String refusal(SubmittedForm form) {
    assertThat(form.valid()).isFalse();
    return assertThatThrownBy(form::throwIfInvalid).isInstanceOf(FormFieldValidationException.class)
        .actual().getMessage();
  }

  private static void assertOnlyProblem(SubmittedForm form, String problem) {
    assertThat(refusal(form)).isEqualTo("Skjemaet er ikke sendt inn. Rett dette og prøv igjen: " + problem);
  }

  @Test
  void aValidSubmissionPassesAndGivesTypedValues() {
    SubmittedForm form = submit();

    assertThat(form.valid()).isTrue();
    assertThat(form.text("whatMattersToYou")).isEqualTo("Å gå tur");
    assertThat(form.choice("decisionOutcome")).isEqualTo("REJECTED");
    assertThat(form.score("functionMemory")).isEqualTo(2);
    assertThat(form.score("evaluationIntervalDays")).isEqualTo(30);
    assertThat(form.number("evaluationIntervalDays")).isEqualTo(30.0);
    assertThat(form.flag("trainingGiven")).isTrue();
    assertThat(form.flag("urgent")).isFalse();
    assertThat(form.text("note")).isNull();
    assertThat(form.selection("devicesReturned")).isEmpty();
  }

  // ---- text ----------------------------------------------------------------------------------------

  @Test
  void aTextIsReturnedWithoutSurroundingWhitespace() {
    variables.put("whatMattersToYou", "  Å gå tur\n");

    assertThat(submit().text("whatMattersToYou")).isEqualTo("Å gå tur");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\n\t"})
  void aRequiredTextThatIsMissingOrBlankMustBeFilledInByItsLabelInTheForm(String missing) {
    variables.put("whatMattersToYou", missing);

    SubmittedForm form = submit();
    assertThat(form.text("whatMattersToYou")).isNull();
    assertOnlyProblem(form, "«Hva er viktig for deg?» må fylles ut.");
  }

  @Test
  void aTextLongerThanTheFormsMaxLengthIsRefusedAndNotCalledEmpty() {
    variables.put("whatMattersToYou", "x".repeat(21));

    assertOnlyProblem(submit(), "«Hva er viktig for deg?» er for lang (21 tegn, høyst 20).");
  }

  @Test
  void theLimitCountsTheTextWithoutSurroundingWhitespace() {
    variables.put("whatMattersToYou", "  " + "x".repeat(20) + "  ");

    assertThat(submit().valid()).isTrue();
  }

  @Test
  void aTextFieldHoldingSomethingElseIsRefusedAsNotText() {
    variables.put("otherConditions", 42);

    assertOnlyProblem(submit(), "«Andre tilstander» må være tekst.");
  }

  @Test
  void aTextNotMatchingTheFormsPatternIsRefusedWithTheFieldsDescription() {
    variables.put("gpHprNumber", "12345");

    assertOnlyProblem(submit(), "«HPR-nummer» har ikke riktig format. 7 til 9 sifre.");
    variables.put("gpHprNumber", " 1234567 ");
    assertThat(submit().text("gpHprNumber")).isEqualTo("1234567");
  }

  // ---- choices -------------------------------------------------------------------------------------

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void aRequiredChoiceLeftEmptyAsksForIt(String empty) {
    variables.put("decisionOutcome", empty);

    assertOnlyProblem(submit(), "Velg «Vedtak».");
  }

  @Test
  void aChoiceOutsideTheFormsValuesIsRefusedWithTheValidValues() {
    variables.put("decisionOutcome", "MAYBE");

    SubmittedForm form = submit();
    assertThat(form.choice("decisionOutcome")).isNull();
    assertOnlyProblem(form, "«Vedtak» har en ugyldig verdi (MAYBE). Gyldige verdier: GRANTED, REJECTED.");
  }

  @Test
  void aScoreMayArriveAsANumberFromTheRestApi() {
    variables.put("functionMemory", 3);

    assertThat(submit().score("functionMemory")).isEqualTo(3);
    variables.put("functionMemory", 4);
    assertOnlyProblem(submit(), "«Hukommelse» har en ugyldig verdi (4). Gyldige verdier: 1, 2, 3.");
  }

  // ---- hidden fields -------------------------------------------------------------------------------

  @Test
  void aFieldTheFormHidesIsNeitherCheckedNorRead() {
    variables.put("grantedServices", "not a list");
    variables.put("serviceStartDate", "yesterday");

    SubmittedForm form = submit();
    assertThat(form.valid()).isTrue();
    assertThat(form.selection("grantedServices")).isEmpty();
    assertThat(form.date("serviceStartDate")).isNull();
  }

  @Test
  void aFieldTheFormShowsIsCheckedAsTheFormSays() {
    variables.put("decisionOutcome", "GRANTED");

    assertThat(refusal(submit())).contains("Velg minst ett alternativ i «Tjenester».", "«Startdato» må fylles ut.");
  }

  @Test
  void aSelectionFromTheTasklistArrivesAsAJsonArrayAndKeepsEachValueOnce() {
    variables.put("decisionOutcome", "GRANTED");
    variables.put("serviceStartDate", "2026-11-23");
    variables.put("grantedServices", Spin.JSON("[\"SAFETY_ALARM\", \"DIGITAL_HOME_FOLLOW_UP\", \"SAFETY_ALARM\"]"));

    SubmittedForm form = submit();
    assertThat(form.selection("grantedServices")).containsExactly("SAFETY_ALARM", "DIGITAL_HOME_FOLLOW_UP");
    assertThat(form.date("serviceStartDate")).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aSelectionWithAValueNotInTheFormIsRefused() {
    variables.put("decisionOutcome", "GRANTED");
    variables.put("serviceStartDate", "2026-11-23");
    variables.put("grantedServices", Arrays.asList("SAFETY_ALARM", "HELICOPTER"));

    SubmittedForm form = submit();
    assertThat(form.selection("grantedServices")).isEmpty();
    assertOnlyProblem(form, "«Tjenester» har en ugyldig verdi (HELICOPTER).");
  }

  @Test
  void aFieldInAGroupIsNamedWithTheGroupAndHiddenWithIt() {
    variables.put("temperatureRedAbove", 99);
    variables.put("urgent", false);
    assertThat(submit().valid()).isTrue();

    variables.put("urgent", true);
    assertOnlyProblem(submit(), "«Temperatur (°C): Rød over» må være et tall fra 30 til 45.");
    variables.put("temperatureRedAbove", "38,55");
    assertOnlyProblem(submit(), "«Temperatur (°C): Rød over» kan ha høyst 1 desimal.");
    variables.put("temperatureRedAbove", "38,5");
    assertThat(submit().number("temperatureRedAbove")).isEqualTo(38.5);
  }

  // ---- numbers, dates, checkboxes ------------------------------------------------------------------

  @Test
  void aNumberOutsideTheFormsRangeOrWithDecimalsItDoesNotAllowIsRefused() {
    variables.put("evaluationIntervalDays", 181);
    assertOnlyProblem(submit(), "«Evaluering hver (dager)» må være et tall fra 7 til 180.");
    variables.put("evaluationIntervalDays", "to uker");
    assertOnlyProblem(submit(), "«Evaluering hver (dager)» må være et tall fra 7 til 180.");
    variables.put("evaluationIntervalDays", 7.5);
    assertOnlyProblem(submit(), "«Evaluering hver (dager)» må være et helt tall.");
    variables.remove("evaluationIntervalDays");
    assertOnlyProblem(submit(), "«Evaluering hver (dager)» må fylles ut.");
  }

  @Test
  void aDateMayArriveAsTextOrAsADate() {
    variables.put("decisionOutcome", "GRANTED");
    variables.put("grantedServices", List.of("SAFETY_ALARM"));
    variables.put("serviceStartDate", Date.from(Instant.parse("2026-11-22T23:30:00Z")));

    assertThat(submit().date("serviceStartDate")).isEqualTo(LocalDate.of(2026, 11, 23));
    variables.put("serviceStartDate", "23.11.2026");
    assertOnlyProblem(submit(), "«Startdato» må være en dato (ÅÅÅÅ-MM-DD).");
  }

  @Test
  void aCheckboxTheFormRequiresMustBeTickedAndAFlagMustBeYesOrNo() {
    variables.put("trainingGiven", false);
    assertOnlyProblem(submit(), "Kryss av for «Opplæring gitt».");
    variables.put("trainingGiven", true);
    variables.put("urgent", "ja");
    assertOnlyProblem(submit(), "«Haster» må være ja eller nei.");
  }

  @Test
  void choicesFromAVariableAreTheChoicesTheTaskOffers() {
    variables.put("devicesToCollect", Spin.JSON("[{\"label\": \"VEKT (123)\", \"value\": \"d1\"}, {\"label\": \"Nettbrett\","
        + " \"value\": \"d2\"}]"));
    variables.put("devicesReturned", List.of("d2"));
    assertThat(submit().selection("devicesReturned")).containsExactly("d2");

    variables.put("devicesReturned", List.of("d3"));
    assertOnlyProblem(submit(), "«Levert tilbake» har en ugyldig verdi (d3).");
  }

  // ---- rules in code -------------------------------------------------------------------------------

  @Test
  void aFieldRequiredOnlyByAnotherFieldIsAskedForWithTheReason() {
    SubmittedForm form = submit();
    form.require("note", "når tiltaket er «Annet»");

    assertOnlyProblem(form, "«Notat» må fylles ut når tiltaket er «Annet».");
  }

  @Test
  void aFieldAlreadyRefusedIsNotAskedForAgain() {
    variables.put("whatMattersToYou", "x".repeat(30));
    SubmittedForm form = submit();
    form.require("whatMattersToYou", "");

    assertOnlyProblem(form, "«Hva er viktig for deg?» er for lang (30 tegn, høyst 20).");
  }

  @Test
  void datesAreCheckedAgainstTodayWithTheirLabel() {
    variables.put("decisionOutcome", "GRANTED");
    variables.put("grantedServices", List.of("SAFETY_ALARM"));
    variables.put("serviceStartDate", "2026-11-20");
    LocalDate today = LocalDate.of(2026, 11, 23);

    SubmittedForm early = submit();
    early.notBefore("serviceStartDate", today);
    assertOnlyProblem(early, "«Startdato» kan ikke være før 2026-11-23.");
    SubmittedForm future = submit();
    future.notInFuture("serviceStartDate", today.minusDays(5));
    assertOnlyProblem(future, "«Startdato» kan ikke være fram i tid.");
  }

  @Test
  void allProblemsAreReportedTogetherWithTheCodesOwn() {
    variables.clear();
    SubmittedForm form = submit();
    form.problem("Noe annet er galt.");

    assertThat(refusal(form)).isEqualTo("Skjemaet er ikke sendt inn. Rett dette og prøv igjen: «Hva er viktig for deg?»"
        + " må fylles ut. Velg «Vedtak». Velg «Hukommelse». «Evaluering hver (dager)» må fylles ut."
        + " Kryss av for «Opplæring gitt». Noe annet er galt.");
  }

  @Test
  void askingForAKeyTheFormLacksOrThatOnlyShowsDataIsAProgrammingError() {
    SubmittedForm form = submit();

    assertThatThrownBy(() -> form.text("whatMatters")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("test-form has no field «whatMatters»");
    assertThatThrownBy(() -> form.text("referralSummary")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only shows data");
    assertThatThrownBy(() -> form.text("decisionOutcome")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is a radio");
  }
}
