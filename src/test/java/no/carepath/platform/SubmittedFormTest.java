package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Server-side form validation, reading the variables of a mocked task as a task listener would. */
class SubmittedFormTest {

  private static final List<String> OUTCOMES = List.of("GRANTED", "REJECTED");
  private static final List<String> SERVICES = List.of("DIGITAL_HOME_FOLLOW_UP", "HOME_NURSING", "SAFETY_ALARM");
  private static final LocalDate EARLIEST = LocalDate.of(2026, 11, 23);

  private final Map<String, Object> variables = new HashMap<>();
  private final DelegateTask task = mock(DelegateTask.class);
  private SubmittedForm form;

  @BeforeEach
  void submittedTask() {
    when(task.getVariable(anyString())).thenAnswer(invocation -> variables.get(invocation.<String>getArgument(0)));
    form = SubmittedForm.of(task);
  }

  private String refusal() {
    assertThat(form.valid()).isFalse();
    return assertThatThrownBy(form::throwIfInvalid).isInstanceOf(FormFieldValidationException.class)
        .actual().getMessage();
  }

  private void assertOnlyProblem(String problem) {
    assertThat(refusal()).isEqualTo("Skjemaet er ikke sendt inn. Rett dette og prøv igjen: " + problem);
  }

  // ---- text ----------------------------------------------------------------------------------------

  @Test
  void aRequiredTextIsReturnedWithoutSurroundingWhitespace() {
    variables.put("whatMattersToYou", "  Å bo hjemme og gå tur med hunden.\n");

    assertThat(form.requiredText("whatMattersToYou", "Hva er viktig for deg?", 2000))
        .isEqualTo("Å bo hjemme og gå tur med hunden.");
    assertThat(form.valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\n\t"})
  void aRequiredTextThatIsMissingOrBlankMustBeFilledIn(String missing) {
    variables.put("whatMattersToYou", missing);

    assertThat(form.requiredText("whatMattersToYou", "Hva er viktig for deg?", 2000)).isNull();
    assertOnlyProblem("«Hva er viktig for deg?» må fylles ut.");
  }

  @Test
  void aTextLongerThanItsLimitIsRefusedWithItsLengthAndNotCalledEmpty() {
    variables.put("serviceScope", "x".repeat(2001));

    assertThat(form.requiredText("serviceScope", "Omfang", 2000)).isNull();
    assertOnlyProblem("«Omfang» er for lang (2001 tegn, høyst 2000).");
  }

  @Test
  void theLimitCountsTheTextWithoutSurroundingWhitespace() {
    variables.put("serviceScope", "  " + "x".repeat(2000) + "  ");

    assertThat(form.requiredText("serviceScope", "Omfang", 2000)).hasSize(2000);
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aTextFieldHoldingSomethingElseIsRefusedAsNotText() {
    variables.put("serviceScope", 42);

    assertThat(form.requiredText("serviceScope", "Omfang", 2000)).isNull();
    assertOnlyProblem("«Omfang» må være tekst.");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void anOptionalTextMayBeLeftEmpty(String empty) {
    variables.put("overdueNote", empty);

    assertThat(form.optionalText("overdueNote", "Notat", 2000)).isNull();
    assertThat(form.valid()).isTrue();
  }

  @Test
  void anOptionalTextStillHasALimit() {
    variables.put("overdueNote", "ø".repeat(11));

    assertThat(form.optionalText("overdueNote", "Notat", 10)).isNull();
    assertOnlyProblem("«Notat» er for lang (11 tegn, høyst 10).");
  }

  // ---- choices -------------------------------------------------------------------------------------

  @Test
  void aChoiceFromTheAllowedValuesIsAccepted() {
    variables.put("decisionOutcome", "GRANTED");

    assertThat(form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES)).isEqualTo("GRANTED");
    assertThat(form.valid()).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void aRequiredChoiceLeftEmptyAsksForIt(String empty) {
    variables.put("decisionOutcome", empty);

    assertThat(form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES)).isNull();
    assertOnlyProblem("Velg «Vedtak».");
  }

  @Test
  void aChoiceOutsideTheAllowedValuesIsRefusedOnceWithTheValidValues() {
    variables.put("decisionOutcome", "MAYBE");

    assertThat(form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES)).isNull();
    assertOnlyProblem("«Vedtak» har en ugyldig verdi (MAYBE). Gyldige verdier: GRANTED, REJECTED.");
  }

  @Test
  void aChoiceThatIsNotTextIsAnInvalidValue() {
    variables.put("decisionOutcome", Boolean.TRUE);

    assertThat(form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES)).isNull();
    assertOnlyProblem("«Vedtak» har en ugyldig verdi (true). Gyldige verdier: GRANTED, REJECTED.");
  }

  @Test
  void anOptionalChoiceMayBeLeftEmptyButNotInvalid() {
    variables.put("appealOutcome", " ");

    assertThat(form.optionalChoice("appealOutcome", "Utfall av klagebehandlingen", List.of("UPHELD"))).isNull();
    assertThat(form.optionalChoice("missing", "Utfall av klagebehandlingen", List.of("UPHELD"))).isNull();
    assertThat(form.valid()).isTrue();

    variables.put("appealOutcome", "upheld");
    assertThat(form.optionalChoice("appealOutcome", "Utfall av klagebehandlingen", List.of("UPHELD"))).isNull();
    assertOnlyProblem("«Utfall av klagebehandlingen» har en ugyldig verdi (upheld). Gyldige verdier: UPHELD.");
  }

  // ---- selections (checklists) ---------------------------------------------------------------------

  @Test
  void aSelectionFromTheTasklistArrivesAsAJsonArray() {
    variables.put("grantedServices", Spin.JSON("[\"DIGITAL_HOME_FOLLOW_UP\", \"HOME_NURSING\"]"));

    assertThat(form.requiredSelection("grantedServices", "Tjenester", SERVICES))
        .containsExactly("DIGITAL_HOME_FOLLOW_UP", "HOME_NURSING");
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aSelectionAsAJavaListKeepsItsOrderWithoutDuplicates() {
    variables.put("grantedServices", List.of("SAFETY_ALARM", "HOME_NURSING", "SAFETY_ALARM"));

    assertThat(form.requiredSelection("grantedServices", "Tjenester", SERVICES))
        .containsExactly("SAFETY_ALARM", "HOME_NURSING");
    assertThat(form.valid()).isTrue();
  }

  @Test
  void anEmptyOrMissingSelectionAsksForAtLeastOne() {
    for (Object empty : new Object[] {null, List.of(), Spin.JSON("[]")}) {
      SubmittedForm fresh = SubmittedForm.of(task);
      variables.put("grantedServices", empty);

      assertThat(fresh.requiredSelection("grantedServices", "Tjenester", SERVICES)).as("%s", empty).isEmpty();
      assertThatThrownBy(fresh::throwIfInvalid).as("%s", empty).hasMessage(
          "Skjemaet er ikke sendt inn. Rett dette og prøv igjen: Velg minst ett alternativ i «Tjenester».");
    }
  }

  @Test
  void aSelectionWithUnknownValuesNamesEachOfThem() {
    variables.put("grantedServices", Spin.JSON("[\"HOME_NURSING\", \"TELEPORT\", 7]"));

    form.requiredSelection("grantedServices", "Tjenester", SERVICES);

    assertOnlyProblem("«Tjenester» har en ugyldig verdi (TELEPORT). «Tjenester» har en ugyldig verdi (7).");
  }

  @Test
  void aSelectionThatIsNotAListIsRefused() {
    for (Object notAList : new Object[] {"HOME_NURSING", Spin.JSON("{\"service\": \"HOME_NURSING\"}")}) {
      SubmittedForm fresh = SubmittedForm.of(task);
      variables.put("grantedServices", notAList);

      assertThat(fresh.requiredSelection("grantedServices", "Tjenester", SERVICES)).as("%s", notAList).isEmpty();
      assertThatThrownBy(fresh::throwIfInvalid).as("%s", notAList)
          .hasMessage("Skjemaet er ikke sendt inn. Rett dette og prøv igjen: «Tjenester» må være en liste.");
    }
  }

  // ---- dates ---------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-01", "2026-12-01T00:00:00", "2026-12-01T08:15:00.000Z"})
  void aDateIsReadFromItsFirstTenCharacters(String submitted) {
    variables.put("serviceStartDate", submitted);

    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isEqualTo(LocalDate.of(2026, 12, 1));
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aDateObjectIsReadAsTheCalendarDateInOslo() {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Oslo.
    variables.put("serviceStartDate", Date.from(Instant.parse("2026-11-30T23:30:00Z")));

    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isEqualTo(LocalDate.of(2026, 12, 1));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void aMissingDateMustBeFilledIn(String missing) {
    variables.put("serviceStartDate", missing);

    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isNull();
    assertOnlyProblem("«Startdato» må fylles ut.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01.12.2026", "2026-02-30", "2026-1-5", "i morgen"})
  void aDateInAnotherFormatOrImpossibleIsRefused(String submitted) {
    variables.put("serviceStartDate", submitted);

    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isNull();
    assertOnlyProblem("«Startdato» må være en dato (ÅÅÅÅ-MM-DD).");
  }

  @Test
  void aDateBeforeTheEarliestIsRefusedAndTheEarliestItselfAccepted() {
    variables.put("serviceStartDate", "2026-11-23");
    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isEqualTo(EARLIEST);
    assertThat(form.valid()).isTrue();

    variables.put("serviceStartDate", "2026-11-22");
    assertThat(form.requiredDate("serviceStartDate", "Startdato", EARLIEST)).isNull();
    assertOnlyProblem("«Startdato» kan ikke være før 2026-11-23.");
  }

  @Test
  void withoutAnEarliestDateAnyDateIsAccepted() {
    variables.put("serviceStartDate", "1999-01-01");

    assertThat(form.requiredDate("serviceStartDate", "Startdato", null)).isEqualTo(LocalDate.of(1999, 1, 1));
    assertThat(form.valid()).isTrue();
  }

  // ---- scores --------------------------------------------------------------------------------------

  @Test
  void aScoreMayArriveAsTextOrAsAWholeNumber() {
    Map<Object, Integer> submitted = Map.of("3", 3, " 4 ", 4, 5, 5, 2.0, 2, 1L, 1);
    submitted.forEach((value, expected) -> {
      variables.put("iplosMobility", value);
      assertThat(form.requiredScore("iplosMobility", "Bevege seg innendørs", 1, 5)).as("%s", value).isEqualTo(expected);
    });
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aScoreOutsideTheRangeOrNotAWholeNumberIsRefused() {
    List<Object> refused = Arrays.asList("0", "6", 0, 6, 2.5, "3.0", "-1", "tre", "", null, true);
    for (Object value : refused) {
      SubmittedForm fresh = SubmittedForm.of(task);
      variables.put("iplosMobility", value);

      assertThat(fresh.requiredScore("iplosMobility", "Bevege seg innendørs", 1, 5)).as("%s", value).isNull();
      assertThatThrownBy(fresh::throwIfInvalid).as("%s", value).hasMessage(
          "Skjemaet er ikke sendt inn. Rett dette og prøv igjen: «Bevege seg innendørs» må være et tall fra 1 til 5.");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4_294_967_299L, 10_000_000_000L})
  void aScoreTooLargeForAnIntIsRefusedLikeAnyOtherWrongScore(long tooLarge) {
    // 4 294 967 299 is 2^32 + 3: cut to an int it would pass as 3
    for (Object value : List.of(tooLarge, String.valueOf(tooLarge))) {
      SubmittedForm fresh = SubmittedForm.of(task);
      variables.put("iplosMobility", value);

      assertThat(fresh.requiredScore("iplosMobility", "Bevege seg innendørs", 1, 5)).as("%s", value).isNull();
      assertThatThrownBy(fresh::throwIfInvalid).as("%s", value).hasMessage(
          "Skjemaet er ikke sendt inn. Rett dette og prøv igjen: «Bevege seg innendørs» må være et tall fra 1 til 5.");
    }
  }

  // ---- flags ---------------------------------------------------------------------------------------

  @Test
  void aFlagIsYesOrNoAndAnUntickedFlagIsNo() {
    variables.put("consent", true);
    variables.put("livesAlone", false);

    assertThat(form.flag("consent", "Samtykke")).isTrue();
    assertThat(form.flag("livesAlone", "Bor alene")).isFalse();
    assertThat(form.flag("notSubmitted", "Ikke sendt")).isFalse();
    assertThat(form.valid()).isTrue();
  }

  @Test
  void aFlagHoldingTextIsRefused() {
    variables.put("consent", "true");

    assertThat(form.flag("consent", "Samtykke")).isFalse();
    assertOnlyProblem("«Samtykke» må være ja eller nei.");
  }

  // ---- all problems at once ------------------------------------------------------------------------

  @Test
  void aCompleteFormIsValidAndNotRefused() {
    variables.putAll(Map.of("decisionOutcome", "GRANTED", "grantedServices", List.of("HOME_NURSING"),
        "serviceScope", "Daglig tilsyn.", "serviceStartDate", "2026-12-01", "consent", true));

    form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES);
    form.requiredSelection("grantedServices", "Tjenester", SERVICES);
    form.requiredText("serviceScope", "Omfang", 2000);
    form.requiredDate("serviceStartDate", "Startdato", EARLIEST);
    form.flag("consent", "Samtykke");

    assertThat(form.valid()).isTrue();
    assertThatCode(form::throwIfInvalid).doesNotThrowAnyException();
  }

  @Test
  void everyProblemIsReportedAtOnceInTheOrderTheFieldsWereRead() {
    variables.putAll(Map.of("decisionOutcome", "MAYBE", "grantedServices", List.of(),
        "serviceStartDate", "2026-11-01", "iplosMobility", "9", "consent", "ja"));

    form.requiredChoice("decisionOutcome", "Vedtak", OUTCOMES);
    form.requiredSelection("grantedServices", "Tjenester", SERVICES);
    form.requiredText("serviceScope", "Omfang", 2000);
    form.requiredDate("serviceStartDate", "Startdato", EARLIEST);
    form.requiredScore("iplosMobility", "Bevege seg innendørs", 1, 5);
    form.flag("consent", "Samtykke");
    form.problem("Skriv et notat når tiltaket er «Annet».");

    assertThat(refusal()).isEqualTo("Skjemaet er ikke sendt inn. Rett dette og prøv igjen:"
        + " «Vedtak» har en ugyldig verdi (MAYBE). Gyldige verdier: GRANTED, REJECTED."
        + " Velg minst ett alternativ i «Tjenester»."
        + " «Omfang» må fylles ut."
        + " «Startdato» kan ikke være før 2026-11-23."
        + " «Bevege seg innendørs» må være et tall fra 1 til 5."
        + " «Samtykke» må være ja eller nei."
        + " Skriv et notat når tiltaket er «Annet».");
    verify(task, never()).setVariable(anyString(), any());
  }
}
