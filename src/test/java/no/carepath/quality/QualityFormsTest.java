package no.carepath.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.metrics.Indicator;
import no.carepath.metrics.Indicators;
import org.junit.jupiter.api.Test;

/**
 * The avvik forms offer exactly the choices the server accepts, with the same words: categories and
 * consequences, the fishbone categories, and the managers' indicator catalogue a measure is tied to.
 */
class QualityFormsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theClassificationOffersTheCategoriesAndConsequencesOfAReport() throws IOException {
    assertThat(choices("quality-classify-incident", "incidentCategory")).isEqualTo(IncidentWords.CATEGORIES);
    assertThat(choices("quality-classify-incident", "incidentConsequence")).isEqualTo(IncidentWords.CONSEQUENCES);
  }

  @Test
  void theCauseAnalysisOffersTheSixFishboneCategories() throws IOException {
    Map<String, String> offered = choices("quality-analyse-cause", "causeCategories");
    assertThat(offered.keySet()).containsExactlyElementsOf(IncidentWords.CAUSES.keySet());
    IncidentWords.CAUSES.forEach((key, word) -> assertThat(offered.get(key)).startsWith(word));
  }

  @Test
  void aMeasureIsTiedToAnIndicatorOfTheCatalogueByItsName() throws IOException {
    Map<String, String> catalogue = new LinkedHashMap<>();
    for (Indicator indicator : Indicators.ALL) {
      catalogue.put(indicator.id(), indicator.name());
    }
    assertThat(choices("quality-plan-measure", "measureIndicator")).isEqualTo(catalogue);
  }

  @Test
  void aChangeRequestNamesAProcessOfTheModelsByTheNameItsModelGives() throws Exception {
    assertThat(choices("quality-analyse-cause", "modelChangeProcess")).isEqualTo(IncidentWords.MODEL_PROCESSES);
    for (Map.Entry<String, String> process : IncidentWords.MODEL_PROCESSES.entrySet()) {
      String model;
      try (var in = QualityFormsTest.class.getClassLoader().getResourceAsStream("processes/"
          + process.getKey().substring(0, process.getKey().indexOf('-')) + "/" + process.getKey() + ".bpmn")) {
        assertThat(in).as(process.getKey()).isNotNull();
        model = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      assertThat(model).as(process.getKey())
          .contains("id=\"" + process.getKey() + "\" name=\"" + process.getValue() + "\"");
    }
  }

  @Test
  void theProcessOwnersAnswerWithTheOutcomesTheServerAccepts() throws IOException {
    assertThat(choices("quality-assess-change-request", "changeOutcome")).isEqualTo(IncidentWords.CHANGE_OUTCOMES);
  }

  @Test
  void theOnwardReportAndTheManagersFollowUpAskForWhatTheirListenersRequire() throws IOException {
    assertThat(required("quality-report-onwards")).containsExactlyInAnyOrder(QualityVariables.ONWARD_TEXT,
        QualityVariables.ONWARD_CONTACT_NAME, QualityVariables.ONWARD_CONTACT_PHONE);
    assertThat(required("quality-follow-up-overdue-step")).containsExactlyInAnyOrder(QualityVariables.FOLLOW_UP_NOTE,
        QualityVariables.FOLLOWED_UP);
    // the managers' form shows the avvik by reference, category and step only
    assertThat(form("quality-follow-up-overdue-step").toString()).doesNotContain("incidentDescription")
        .doesNotContain("patient").doesNotContain("incidentWhere");
  }

  private static java.util.List<String> required(String name) throws IOException {
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (JsonNode component : form(name).path("components")) {
      if (component.path("validate").path("required").asBoolean()) {
        keys.add(component.path("key").asText());
      }
    }
    return keys;
  }

  private static JsonNode form(String name) throws IOException {
    try (var in = QualityFormsTest.class.getClassLoader().getResourceAsStream("forms/quality/" + name + ".form")) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static Map<String, String> choices(String form, String key) throws IOException {
    JsonNode root;
    try (var in = QualityFormsTest.class.getClassLoader().getResourceAsStream("forms/quality/" + form + ".form")) {
      assertThat(in).as(form).isNotNull();
      root = JSON.readTree(in);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode component : root.path("components")) {
      if (key.equals(component.path("key").asText())) {
        component.path("values").forEach(value -> values.put(value.path("value").asText(),
            value.path("label").asText()));
      }
    }
    assertThat(values).as(form + " " + key).isNotEmpty();
    return values;
  }
}
