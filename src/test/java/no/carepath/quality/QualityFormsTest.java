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
