package no.carepath.followup.readings;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

  private static final String OBSERVATION = """
      {"resourceType": "Observation", "status": "final",
       "identifier": [{"system": "urn:test", "value": "obs-1"}],
       "subject": {"identifier": {"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "01018012345"}},
       "valueQuantity": {"value": 96.5, "unit": "%"}}
      """;

  @Test
  void aValidObservationPasses() {
    assertThatCode(() -> check(OBSERVATION)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "duplicate key | \"status\": \"final\", | \"status\": \"final\", \"status\": \"amended\", | Nøkkelen «status» står to ganger i samme objekt («status»)",
      "nested duplicate | \"unit\": \"%\" | \"unit\": \"%\", \"unit\": \"kg\" | («valueQuantity.unit»)",
      "long number | 96.5 | 96.50000000000000000000000000001 | Tallet ved «valueQuantity.value» har 32 tegn; høyst 30",
      "empty identifier | \"obs-1\" | \"\" | Tom tekst ved «identifier[0].value»",
      "spaced identifier | \"obs-1\" | \" obs-1\" | Verdien ved «identifier[0].value» har mellomrom",
      "spaced national id | \"01018012345\" | \"01018012345 \" | «subject.identifier.value» har mellomrom",
      "spaced system | \"urn:test\" | \"urn:test\\n\" | «identifier[0].system»",
      "not json | \"final\", | \"final\" | Innholdet er ikke gyldig JSON (linje 2"})
  void eachRefusalSaysWhatAndWhereInPlainWords(String name, String from, String to, String message) {
    String body = OBSERVATION.replace(from, to);

    assertThatThrownBy(() -> check(body)).isInstanceOf(StrictJson.Refused.class).hasMessageContaining(message)
        .hasMessageNotContaining("com.fasterxml").hasMessageNotContaining("Exception");
  }

  @Test
  void nestingDeeperThanAnyResourceNeedsIsRefused() {
    String deep = "{\"a\": ".repeat(StrictJson.MAX_DEPTH) + "1" + "}".repeat(StrictJson.MAX_DEPTH);
    String deeper = "[".repeat(10_000) + "]".repeat(10_000);

    assertThatCode(() -> check(deep)).doesNotThrowAnyException();
    assertThatThrownBy(() -> check("[" + deep + "]")).hasMessageContaining("nøstet for dypt: mer enn 32 nivåer");
    assertThatThrownBy(() -> check(deeper)).hasMessageContaining("nøstet for dypt");
  }

  @Test
  void aNumberLongerThanTheParserReadsIsStillRefusedInPlainWords() {
    assertThatThrownBy(() -> check(OBSERVATION.replace("96.5", "9".repeat(5000))))
        .hasMessageContaining("høyst 30 tegn");
  }

  @Test
  void spacesInOrdinaryTextAreNotAnIdentifiersBusiness() {
    assertThatCode(() -> check(OBSERVATION.replace("\"unit\": \"%\"", "\"unit\": \" prosent \""))).doesNotThrowAnyException();
  }

  private static void check(String json) {
    StrictJson.check(json.getBytes(StandardCharsets.UTF_8));
  }
}
