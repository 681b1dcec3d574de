package no.carepath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/indicators.md} holds the catalogue and the measures exactly as the code defines them,
 * and the catalogue is sound: ids unique, every indicator's activity in its process model.
 */
class IndicatorDocumentationTest {

  static final String BEGIN_CATALOGUE = "<!-- catalogue: generated from Indicators.markdown() -->\n";
  static final String BEGIN_MEASURES = "<!-- measures: generated from MetricsFacts.describe() -->\n";
  static final String END = "<!-- end -->";

  /**
   * Fails when the document is stale; with {@code -Ddocs.write=true} it rewrites the generated parts
   * ({@code ./mvnw test -Dtest=IndicatorDocumentationTest -Ddocs.write=true}).
   */
  @Test
  void theDocumentHasTheCatalogueAsDefined() throws IOException {
    Path path = Path.of("docs/indicators.md");
    String document = Files.readString(path);
    if (Boolean.getBoolean("docs.write")) {
      document = replace(replace(document, BEGIN_CATALOGUE, Indicators.markdown()), BEGIN_MEASURES,
          "| Measure | What one fact is |\n|---|---|\n" + MetricsFacts.describe() + "\n");
      Files.writeString(path, document);
    }
    assertThat(document).as("docs/indicators.md: paste Indicators.markdown()").contains(Indicators.markdown());
    assertThat(document).as("docs/indicators.md: paste MetricsFacts.describe()").contains(MetricsFacts.describe());
  }

  private static String replace(String document, String begin, String generated) {
    int start = document.indexOf(begin) + begin.length();
    int end = document.indexOf(END, start);
    return document.substring(0, start) + generated + document.substring(end);
  }

  @Test
  void theGrafanaDashboardChartsEveryIndicatorGauge() throws IOException {
    String dashboard = Files.readString(Path.of("docs/grafana-indicators.json"));
    for (Indicator indicator : Indicators.ALL) {
      String prometheus = IndicatorGauges.name(indicator).replace('.', '_');
      assertThat(dashboard).as(indicator.id()).contains("\"" + prometheus + "{municipality=~\\\"$municipality\\\"}\"");
    }
  }

  @Test
  void idsAreUniqueAndActivitiesAreInTheirModels() {
    Set<String> ids = new HashSet<>();
    for (Indicator indicator : Indicators.ALL) {
      assertThat(ids.add(indicator.id())).as(indicator.id()).isTrue();
      assertThat(indicator.id()).matches("[a-z0-9-]+");
      if (!indicator.process().isEmpty()) {
        assertThat(MetricsWords.PROCESSES).as(indicator.id()).containsKey(indicator.process());
      }
      if (!indicator.activity().isEmpty()) {
        assertThat(MetricsWords.activity(indicator.activity())).as(indicator.id()).isNotEqualTo(indicator.activity());
      }
    }
  }
}
