package no.carepath.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import no.carepath.patient.NationalIdentityNumber.InvalidNationalIdException;
import no.carepath.patient.NationalIdentityNumber.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of standards.md §2.6. Test numbers are synthetic (Tenor, month + 80) or valid only under
 * the 2032 rule (a first check digit no number issued before 2032 has); their check digits come from
 * the small calculation below, written from the rules and not from the class.
 */
class NationalIdentityNumberTest {

  private static final String WRONG_CHECK_DIGIT =
      "Fødselsnummeret har feil kontrollsiffer. Sjekk at alle 11 sifrene er skrevet riktig.";

  // ---- check digits, computed here from the rules -------------------------------------------------

  private static final int[] K1_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
  private static final int[] K2_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

  private static int weightedSum(String digits, int[] weights) {
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * (digits.charAt(i) - '0');
    }
    return sum;
  }

  /** 11 - (sum mod 11): 11 becomes 0, 10 has no digit (-1). */
  private static int checkDigit(String digits, int[] weights) {
    int k = 11 - weightedSum(digits, weights) % 11;
    return k == 11 ? 0 : k == 10 ? -1 : k;
  }

  /** The one number (if any) the nine digits DDMMYYiii give under the rule before 2032. */
  private static Optional<String> beforeThe2032Rule(String nine) {
    int k1 = checkDigit(nine, K1_WEIGHTS);
    if (k1 < 0) {
      return Optional.empty();
    }
    int k2 = checkDigit(nine + k1, K2_WEIGHTS);
    return k2 < 0 ? Optional.empty() : Optional.of(nine + k1 + k2);
  }

  /** Every number the 2032 rule allows: k1 leaves remainder 0, 1, 2 or 3 (never 10); k2 from that k1. */
  private static List<String> underThe2032Rule(String nine) {
    int s1 = weightedSum(nine, K1_WEIGHTS) % 11;
    List<String> numbers = new ArrayList<>();
    for (int remainder = 0; remainder <= 3; remainder++) {
      int k1 = (11 + remainder - s1) % 11;
      if (k1 == 10) {
        continue;
      }
      int k2 = checkDigit(nine + k1, K2_WEIGHTS);
      if (k2 >= 0) {
        numbers.add(nine + k1 + k2);
      }
    }
    return numbers;
  }

  /** The first individual number from {@code from} that gives a valid number before 2032. */
  private static String number(String ddmmyy, int from) {
    return IntStream.rangeClosed(from, 999)
        .mapToObj(individual -> beforeThe2032Rule(ddmmyy + String.format("%03d", individual)))
        .flatMap(Optional::stream).findFirst().orElseThrow();
  }

  /**
   * A number valid only under the 2032 rule (its k1 differs from the one the old rule gives), so no
   * person can hold it today; for numbers that must not be synthetic.
   */
  private static String numberValidOnlyFrom2032(String ddmmyy, int from) {
    for (int individual = from; individual <= 999; individual++) {
      String nine = ddmmyy + String.format("%03d", individual);
      Optional<String> old = beforeThe2032Rule(nine);
      for (String candidate : underThe2032Rule(nine)) {
        if (old.isEmpty() || old.get().charAt(9) != candidate.charAt(9)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("none for " + ddmmyy);
  }

  private static List<String> acceptedCompletions(String nine) {
    List<String> accepted = new ArrayList<>();
    for (int checkDigits = 0; checkDigits <= 99; checkDigits++) {
      String candidate = nine + String.format("%02d", checkDigits);
      try {
        NationalIdentityNumber.parse(candidate);
        accepted.add(candidate);
      } catch (InvalidNationalIdException e) {
        assertThat(e).hasMessage(WRONG_CHECK_DIGIT);
      }
    }
    return accepted;
  }

  private static String withDigit(String number, int index, int digit) {
    return number.substring(0, index) + digit + number.substring(index + 1);
  }

  // ---- check digits --------------------------------------------------------------------------------

  @Test
  void acceptsExactlyTheCheckDigitsTheOldAndThe2032RulesAllow() {
    for (int individual = 0; individual <= 499; individual += 7) {
      String nine = String.format("%02d8%d41%03d", 1 + individual % 28, 1 + individual % 9, individual);

      List<String> accepted = acceptedCompletions(nine);

      assertThat(accepted).as(nine).containsExactlyInAnyOrderElementsOf(underThe2032Rule(nine));
      beforeThe2032Rule(nine).ifPresent(old -> assertThat(accepted).as(nine).contains(old));
    }
  }

  @Test
  void aNumberWithCheckDigitsComputedFromTheRulesIsAccepted() {
    String valid = number("128341", 100);

    NationalIdentityNumber parsed = NationalIdentityNumber.parse(valid);

    assertThat(parsed.value()).isEqualTo(valid);
    assertThat(parsed.birthDate()).isEqualTo(LocalDate.of(1941, 3, 12));
  }

  @Test
  void aWrongFirstCheckDigitIsRefusedEvenWhenTheSecondFitsIt() {
    String nine = number("128341", 100).substring(0, 9);
    List<String> allowed = underThe2032Rule(nine);
    int wrongK1 = IntStream.rangeClosed(0, 9)
        .filter(k1 -> allowed.stream().noneMatch(number -> number.charAt(9) - '0' == k1))
        .filter(k1 -> checkDigit(nine + k1, K2_WEIGHTS) >= 0)
        .findFirst().orElseThrow();
    String wrong = nine + wrongK1 + checkDigit(nine + wrongK1, K2_WEIGHTS);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(wrong))
        .isInstanceOf(InvalidNationalIdException.class).hasMessage(WRONG_CHECK_DIGIT);
  }

  @Test
  void changingAnyOneDigitMakesTheCheckDigitsFail() {
    String valid = number("128341", 100);
    for (int index = 0; index < 11; index++) {
      for (int digit = 0; digit <= 9; digit++) {
        if (digit != valid.charAt(index) - '0') {
          String changed = withDigit(valid, index, digit);
          assertThatThrownBy(() -> NationalIdentityNumber.parse(changed)).as(changed)
              .isInstanceOf(InvalidNationalIdException.class).hasMessage(WRONG_CHECK_DIGIT);
        }
      }
    }
  }

  @Test
  void aRemainderOfTenInTheSecondCheckDigitMakesTheNumberInvalid() {
    String nine = IntStream.rangeClosed(100, 499).mapToObj(individual -> "128341" + individual)
        .filter(candidate -> checkDigit(candidate, K1_WEIGHTS) >= 0)
        .filter(candidate -> checkDigit(candidate + checkDigit(candidate, K1_WEIGHTS), K2_WEIGHTS) < 0)
        .findFirst().orElseThrow();
    int k1 = checkDigit(nine, K1_WEIGHTS);

    for (int k2 = 0; k2 <= 9; k2++) {
      String candidate = nine + k1 + k2;
      assertThatThrownBy(() -> NationalIdentityNumber.parse(candidate)).as(candidate)
          .isInstanceOf(InvalidNationalIdException.class).hasMessage(WRONG_CHECK_DIGIT);
    }
  }

  @Test
  void aRemainderOfTenInTheFirstCheckDigitLeavesOnlyThe2032Variants() {
    String nine = IntStream.rangeClosed(100, 499).mapToObj(individual -> "128341" + individual)
        .filter(candidate -> checkDigit(candidate, K1_WEIGHTS) < 0)
        .filter(candidate -> underThe2032Rule(candidate).size() == 3)
        .findFirst().orElseThrow();

    List<String> accepted = acceptedCompletions(nine);

    assertThat(beforeThe2032Rule(nine)).isEmpty();
    assertThat(accepted).hasSize(3).extracting(number -> number.charAt(9)).containsExactlyInAnyOrder('0', '1', '2');
  }

  @Test
  void the2032RuleAllowsFourFirstCheckDigitsEachWithItsOwnSecond() {
    String nine = IntStream.rangeClosed(100, 499).mapToObj(individual -> "128341" + individual)
        .filter(candidate -> underThe2032Rule(candidate).size() == 4)
        .findFirst().orElseThrow();

    List<String> accepted = acceptedCompletions(nine);

    assertThat(accepted).hasSize(4).containsExactlyInAnyOrderElementsOf(underThe2032Rule(nine));
    assertThat(accepted).extracting(number -> number.charAt(9)).doesNotHaveDuplicates();
    assertThat(accepted).allSatisfy(number ->
        assertThat(number.charAt(10) - '0').isEqualTo(checkDigit(number.substring(0, 10), K2_WEIGHTS)));
  }

  @Test
  void theSecondCheckDigitComesFromTheActualFirstCheckDigit() {
    String nine = IntStream.rangeClosed(100, 499).mapToObj(individual -> "128341" + individual)
        .filter(candidate -> beforeThe2032Rule(candidate).isPresent() && underThe2032Rule(candidate).size() == 4)
        .findFirst().orElseThrow();
    String old = beforeThe2032Rule(nine).orElseThrow();
    String newer = underThe2032Rule(nine).stream().filter(number -> number.charAt(9) != old.charAt(9))
        .filter(number -> number.charAt(10) != old.charAt(10)).findFirst().orElseThrow();
    String newK1WithOldK2 = newer.substring(0, 10) + old.charAt(10);

    assertThat(NationalIdentityNumber.parse(newer).value()).isEqualTo(newer);
    assertThatThrownBy(() -> NationalIdentityNumber.parse(newK1WithOldK2))
        .isInstanceOf(InvalidNationalIdException.class).hasMessage(WRONG_CHECK_DIGIT);
  }

  // ---- kinds of number -----------------------------------------------------------------------------

  @Test
  void aMonthPlusEightyMarksASyntheticTestNumber() {
    NationalIdentityNumber synthetic = NationalIdentityNumber.parse(number("128341", 100));

    assertThat(synthetic.isSynthetic()).isTrue();
    assertThat(synthetic.kind()).isEqualTo(Kind.FODSELSNUMMER);
    assertThat(synthetic.birthDate()).isEqualTo(LocalDate.of(1941, 3, 12));
  }

  @Test
  void aNumberWithItsRealMonthIsAcceptedButNotSynthetic() {
    // The class accepts real numbers; refusing them outside production is IntakeService's job
    // (carepath.intake.accept-real-national-ids), which reads isSynthetic().
    String real = numberValidOnlyFrom2032("120341", 100);

    NationalIdentityNumber parsed = NationalIdentityNumber.parse(real);

    assertThat(parsed.isSynthetic()).isFalse();
    assertThat(parsed.kind()).isEqualTo(Kind.FODSELSNUMMER);
    assertThat(parsed.birthDate()).isEqualTo(LocalDate.of(1941, 3, 12));
  }

  @ParameterizedTest
  @CsvSource({"418141, 1941-01-01", "528341, 1941-03-12", "719241, 1941-12-31"})
  void aDNumberAddsFourToTheFirstDigitOfTheDay(String ddmmyy, LocalDate birthDate) {
    NationalIdentityNumber dNumber = NationalIdentityNumber.parse(number(ddmmyy, 100));

    assertThat(dNumber.kind()).isEqualTo(Kind.D_NUMMER);
    assertThat(dNumber.isSynthetic()).isTrue();
    assertThat(dNumber.birthDate()).isEqualTo(birthDate);
  }

  @Test
  void aDNumberWithItsRealMonthIsNotSynthetic() {
    NationalIdentityNumber dNumber = NationalIdentityNumber.parse(numberValidOnlyFrom2032("520341", 100));

    assertThat(dNumber.kind()).isEqualTo(Kind.D_NUMMER);
    assertThat(dNumber.isSynthetic()).isFalse();
    assertThat(dNumber.birthDate()).isEqualTo(LocalDate.of(1941, 3, 12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"124341", "125241"})
  void anHNumberWithMonthPlusFortyIsRefused(String ddmmyy) {
    String hNumber = numberValidOnlyFrom2032(ddmmyy, 100);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(hNumber)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Nummeret er et hjelpenummer (H-nummer, måned + 40), som ikke kan brukes her."
            + " Oppgi pasientens fødselsnummer eller D-nummer.");
  }

  /** Months 13-40, 53-80 and 93-99 are no kind of number: never called an H-number or synthetic. */
  @ParameterizedTest
  @ValueSource(strings = {"121341", "124041", "125341", "126041", "128041", "129341", "129941", "120041"})
  void aMonthNoKindOfNumberHasIsCalledAWrongMonth(String ddmmyy) {
    String malformed = numberValidOnlyFrom2032(ddmmyy, 100);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(malformed)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessageContaining("er ikke en gyldig måned").hasMessageNotContaining("H-nummer");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\n", "\u00a0"})
  void spacesAroundTheNumberAreRefusedNotTrimmed(String space) {
    String valid = number("010281", 100);

    for (String padded : new String[] {space + valid, valid + space}) {
      assertThatThrownBy(() -> NationalIdentityNumber.parse(padded)).isInstanceOf(InvalidNationalIdException.class)
          .hasMessageContaining(space.equals("\u00a0") ? "11 sifre" : "mellomrom");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"820341", "920341", "828341"})
  void anFhNumberStartingWithEightOrNineIsRefused(String ddmmyy) {
    String fhNumber = numberValidOnlyFrom2032(ddmmyy, 100);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(fhNumber)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Nummeret er et felles hjelpenummer (FH-nummer), som ikke kan brukes her."
            + " Oppgi pasientens fødselsnummer eller D-nummer.");
  }

  // ---- century and birth date ----------------------------------------------------------------------

  @ParameterizedTest(name = "individual {0}, year {1} -> {2}")
  @CsvSource({
      "500, 55, 1855", "749, 99, 1899", "600, 80, 1880",
      "000, 00, 1900", "499, 99, 1999", "250, 41, 1941",
      "900, 40, 1940", "999, 99, 1999",
      "500, 00, 2000", "749, 39, 2039", "750, 10, 2010", "999, 39, 2039"})
  void theCenturyComesFromTheIndividualNumber(int individual, String yy, int year) {
    String valid = IntStream.rangeClosed(1, 28).mapToObj(day -> String.format("%02d81%s%03d", day, yy, individual))
        .map(NationalIdentityNumberTest::beforeThe2032Rule).flatMap(Optional::stream).findFirst().orElseThrow();

    NationalIdentityNumber parsed = NationalIdentityNumber.parse(valid);

    assertThat(parsed.birthDate()).isEqualTo(LocalDate.of(year, 1, Integer.parseInt(valid.substring(0, 2))));
  }

  @Test
  void theIndividualSeries500To749AlsoCoversYear54() {
    // standards.md §2.6 has 1855-1899 (YY > 54); Skatteetaten and the class use 1854-1899.
    NationalIdentityNumber parsed = NationalIdentityNumber.parse(number("158154", 500));

    assertThat(parsed.value().substring(6, 9)).isBetween("500", "749");
    assertThat(parsed.birthDate()).isEqualTo(LocalDate.of(1854, 1, 15));
  }

  @ParameterizedTest(name = "individual {0}, year {1}")
  @CsvSource({"500, 40", "749, 53", "600, 45", "750, 40", "899, 99", "800, 54"})
  void anIndividualNumberOutsideEverySeriesOfItsYearIsRefused(int individual, String yy) {
    String refused = IntStream.rangeClosed(1, 28).mapToObj(day -> String.format("%02d81%s%03d", day, yy, individual))
        .map(NationalIdentityNumberTest::beforeThe2032Rule).flatMap(Optional::stream).findFirst().orElseThrow();

    assertThatThrownBy(() -> NationalIdentityNumber.parse(refused)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Individnummeret passer ikke med fødselsåret i nummeret. Sjekk sifrene.");
  }

  @Test
  void theTwentyNinthOfFebruaryIsABirthDateInALeapYearOnly() {
    assertThat(NationalIdentityNumber.parse(number("298200", 500)).birthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
    String in1900 = number("298200", 0);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(in1900)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("De seks første sifrene i fødselsnummeret er ikke en gyldig dato (298200).");
  }

  @ParameterizedTest
  @ValueSource(strings = {"318241", "008141", "328141", "728141", "310441"})
  void anImpossibleDateIsRefused(String ddmmyy) {
    String impossible = Integer.parseInt(ddmmyy.substring(2, 4)) > 80
        ? number(ddmmyy, 100) : numberValidOnlyFrom2032(ddmmyy, 100);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(impossible)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("De seks første sifrene i fødselsnummeret er ikke en gyldig dato (" + ddmmyy + ").");
  }

  // ---- form of the input ---------------------------------------------------------------------------

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void aMissingNumberIsRefused(String missing) {
    assertThatThrownBy(() -> NationalIdentityNumber.parse(missing)).isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Fødselsnummer eller D-nummer mangler.");
  }

  @Test
  void aNumberOfTheWrongLengthIsRefusedWithItsLength() {
    String valid = number("128341", 100);

    assertThatThrownBy(() -> NationalIdentityNumber.parse(valid.substring(0, 10)))
        .isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Fødselsnummeret må være nøyaktig 11 sifre uten mellomrom (fikk 10 tegn).");
    assertThatThrownBy(() -> NationalIdentityNumber.parse(valid + "0"))
        .hasMessage("Fødselsnummeret må være nøyaktig 11 sifre uten mellomrom (fikk 12 tegn).");
    assertThatThrownBy(() -> NationalIdentityNumber.parse(valid.substring(0, 6) + " " + valid.substring(6)))
        .hasMessage("Fødselsnummeret må være nøyaktig 11 sifre uten mellomrom (fikk 12 tegn).");
  }

  @Test
  void elevenCharactersThatAreNotAllAsciiDigitsAreRefused() {
    String valid = number("128341", 100);
    List<String> notDigits = List.of(valid.substring(0, 10) + "X", valid.substring(0, 6) + "-" + valid.substring(7),
        "١".repeat(11), valid.substring(0, 10) + "٣");

    assertThat(notDigits).allSatisfy(raw -> assertThatThrownBy(() -> NationalIdentityNumber.parse(raw))
        .isInstanceOf(InvalidNationalIdException.class)
        .hasMessage("Fødselsnummeret må være nøyaktig 11 sifre uten mellomrom (fikk 11 tegn)."));
  }

  // ---- the synthetic(...) helper -------------------------------------------------------------------

  @Test
  void theSyntheticHelperGivesTheFirstValidNumberAtOrAfterTheStart() {
    assertThat(NationalIdentityNumber.synthetic(LocalDate.of(1941, 3, 12), 100).value())
        .isEqualTo(number("128341", 100));
    assertThat(NationalIdentityNumber.synthetic(LocalDate.of(2019, 12, 31), 500).value())
        .isEqualTo(number("319219", 500));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({"1854-01-15, 0, 500, 749", "1899-06-30, 0, 500, 749", "1900-01-01, 0, 0, 499",
      "1955-05-05, 500, 900, 999", "2000-02-29, 0, 500, 999", "2039-12-31, 0, 500, 999"})
  void syntheticNumbersTakeTheirIndividualNumberFromTheSeriesOfTheBirthYear(LocalDate birthDate, int start,
      int lowest, int highest) {
    NationalIdentityNumber synthetic = NationalIdentityNumber.synthetic(birthDate, start);

    assertThat(Integer.parseInt(synthetic.value().substring(6, 9))).isBetween(lowest, highest);
    assertThat(synthetic.value()).isEqualTo(beforeThe2032Rule(synthetic.value().substring(0, 9)).orElseThrow());
    assertThat(synthetic.isSynthetic()).isTrue();
    assertThat(synthetic.birthDate()).isEqualTo(birthDate);
    assertThat(NationalIdentityNumber.parse(synthetic.value())).isEqualTo(synthetic);
  }

  @ParameterizedTest(name = "{0} from {1}")
  @CsvSource({"1853-12-31, 0", "2040-01-01, 0", "1939-05-05, 500"})
  void noSyntheticNumberExistsWhenNoSeriesCoversTheYearFromTheStart(LocalDate birthDate, int start) {
    assertThatThrownBy(() -> NationalIdentityNumber.synthetic(birthDate, start))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("No synthetic number left for " + birthDate);
  }

  // ---- masking and identity ------------------------------------------------------------------------

  @Test
  void theMaskedFormAndToStringShowOnlyTheFirstSixDigits() {
    String valid = number("128341", 100);
    NationalIdentityNumber parsed = NationalIdentityNumber.parse(valid);

    assertThat(parsed.masked()).isEqualTo("128341 *****");
    assertThat(parsed.toString()).isEqualTo("128341 *****").doesNotContain(valid.substring(6));
    assertThat(parsed.value()).isEqualTo(valid);
  }

  @Test
  void twoNumbersAreEqualWhenTheirDigitsAre() {
    String valid = number("128341", 100);

    assertThat(NationalIdentityNumber.parse(valid)).isEqualTo(NationalIdentityNumber.parse(valid))
        .hasSameHashCodeAs(NationalIdentityNumber.parse(valid))
        .isNotEqualTo(NationalIdentityNumber.parse(number("128341", Integer.parseInt(valid.substring(6, 9)) + 1)));
  }
}
