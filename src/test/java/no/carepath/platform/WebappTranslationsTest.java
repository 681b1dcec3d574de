package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Camunda webapps in Norwegian: Carepath's {@code nb.json} for each app has every label of the
 * webapp's own English file (so no English shows, and a Camunda update that adds labels fails
 * here), keeps every placeholder, and configures moment.js for Norwegian dates with Monday first.
 */
class WebappTranslationsTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]+}}");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyLabelIsInNorwegianWithItsPlaceholders(String app) throws IOException {
    JsonNode english = read(app, "en");
    JsonNode norwegian = read(app, "nb");

    assertThat(names(norwegian.path("labels"))).isEqualTo(names(english.path("labels")));
    for (Iterator<Map.Entry<String, JsonNode>> labels = english.path("labels").fields(); labels.hasNext();) {
      Map.Entry<String, JsonNode> label = labels.next();
      String translated = norwegian.path("labels").path(label.getKey()).asText();
      Matcher placeholders = PLACEHOLDER.matcher(label.getValue().asText());
      while (placeholders.find()) {
        assertThat(translated.replace(" ", "")).as(app + " " + label.getKey())
            .contains(placeholders.group().replace(" ", ""));
      }
      if (!label.getKey().equals("BANNER_CE_EOL_TEXT") && !label.getValue().asText().isEmpty()) {
        assertThat(translated).as(app + " " + label.getKey()).isNotBlank();
      }
    }
    assertThat(norwegian.path("labels").path("BANNER_CE_EOL_TEXT").asText("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void datesAreNorwegianWithMondayFirst(String app) throws IOException {
    JsonNode dates = read(app, "nb").path("dateLocales");
    assertThat(dates.path("longDateFormat").path("L").asText()).isEqualTo("DD.MM.YYYY");
    assertThat(dates.path("week").path("dow").asInt()).isEqualTo(1);
    assertThat(dates.path("months").get(0).asText()).isEqualTo("januar");
    assertThat(dates.path("weekdays").get(1).asText()).isEqualTo("mandag");
  }

  private static TreeSet<String> names(JsonNode labels) {
    TreeSet<String> names = new TreeSet<>();
    labels.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode read(String app, String locale) throws IOException {
    try (InputStream in = WebappTranslationsTest.class.getClassLoader()
        .getResourceAsStream(String.format(LOCALES, app, locale))) {
      assertThat(in).as(app + " " + locale).isNotNull();
      byte[] bytes = in.readAllBytes();
      int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef ? 3 : 0;
      return new ObjectMapper().readTree(new String(bytes, start, bytes.length - start, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
