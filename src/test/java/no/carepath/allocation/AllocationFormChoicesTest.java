package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The decision form's choices are what the decision letter can put into words: a service or a legal
 * basis the form offers but the letter does not know would pass the form's own checks and then fail
 * when the decision is stored. (The form's rules come from the form; these words from the code.)
 */
class AllocationFormChoicesTest {

  static Set<String> choices(String form, String key) throws IOException {
    try (var in = AllocationFormChoicesTest.class.getClassLoader().getResourceAsStream(
        "forms/" + form.substring(0, form.indexOf('-')) + "/" + form + ".form")) {
      assertThat(in).as(form).isNotNull();
      Set<String> values = new LinkedHashSet<>();
      collect(new ObjectMapper().readTree(in), key, values);
      assertThat(values).as(form + " " + key).isNotEmpty();
      return values;
    }
  }

  private static void collect(JsonNode node, String key, Set<String> values) {
    for (JsonNode component : node.path("components")) {
      if (key.equals(component.path("key").asText())) {
        component.path("values").forEach(value -> values.add(value.path("value").asText()));
      }
      collect(component, key, values);
    }
  }

  @Test
  void everyServiceAndLegalBasisTheDecisionFormOffersHasTheLettersWords() throws IOException {
    assertThat(DecideServiceListener.SERVICES.keySet())
        .containsAll(choices("allocation-decide-service", AllocationVariables.GRANTED_SERVICES));
    assertThat(DecideServiceListener.LEGAL_BASES.keySet())
        .containsAll(choices("allocation-decide-service", AllocationVariables.LEGAL_BASIS));
  }
}
