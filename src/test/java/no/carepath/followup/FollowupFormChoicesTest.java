package no.carepath.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.followup.triage.VitalSign;
import org.junit.jupiter.api.Test;

/**
 * The plan form's measured signs are vital signs the plan can hold thresholds for: a sign the form
 * offers but the code does not know would pass the form's checks and then fail when the plan is
 * stored.
 */
class FollowupFormChoicesTest {

  @Test
  void everySignThePlanFormOffersIsAVitalSignWithThresholdFields() throws IOException {
    Set<String> offered = new LinkedHashSet<>();
    try (var in = getClass().getClassLoader().getResourceAsStream("forms/followup/followup-edit-plan.form")) {
      assertThat(in).isNotNull();
      collect(new ObjectMapper().readTree(in), FollowupVariables.MEASURED_SIGNS, offered);
    }
    assertThat(offered).isNotEmpty();
    Set<String> known = new LinkedHashSet<>();
    Arrays.stream(VitalSign.values()).filter(FollowupVariables.PLAN_SIGNS::containsKey)
        .forEach(sign -> known.add(sign.name()));
    assertThat(known).containsAll(offered);
  }

  private static void collect(JsonNode node, String key, Set<String> values) {
    for (JsonNode component : node.path("components")) {
      if (key.equals(component.path("key").asText())) {
        component.path("values").forEach(value -> values.add(value.path("value").asText()));
      }
      collect(component, key, values);
    }
  }
}
