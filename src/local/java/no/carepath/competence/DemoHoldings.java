package no.carepath.competence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.carepath.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo users' holdings ({@code realm/competences.json}), for the one-command platform and the
 * integration tests ({@code carepath.competence.demo-holdings}): a holding that is missing is added,
 * one that a team leader has changed is left as it is.
 */
@Component
class DemoHoldings {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHoldings.class);

  private final CompetenceRegister register;
  private final String file;

  DemoHoldings(CompetenceRegister register, @Value("${carepath.competence.demo-holdings:}") String file) {
    this.register = register;
    this.file = file;
    if (!file.isBlank()) {
      load();
    }
  }

  private void load() {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Path.of(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the demo competences " + file, e);
    }
    LocalDate today = register.today();
    Actor seed = new Actor("demo", "Demodata", java.util.Set.of());
    int added = 0;
    for (JsonNode entry : root.path("holdings")) {
      String user = entry.path("user").asText();
      String municipality = entry.path("municipality").asText();
      Level level = Level.valueOf(entry.path("level").asText());
      LocalDate until = entry.path("validUntilInDays").isInt() ? today.plusDays(entry.path("validUntilInDays").asInt()) : null;
      for (JsonNode code : entry.path("codes")) {
        if (!CompetenceCatalogue.known(code.asText())) {
          throw new IllegalStateException("Demo holding of " + user + ": unknown competence " + code.asText());
        }
        if (register.holding(user, municipality, code.asText()).isEmpty()) {
          register.put(seed, new CompetenceRegister.Holding(user, municipality, code.asText(), level, today.minusDays(400),
              until, "demo", null), "Demodata");
          added++;
        }
      }
    }
    LOG.info("Demo competences: {} holdings added from {}", added, file);
  }
}
