package no.carepath.competence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalogue of competences a user task may require, read once from
 * {@code processes/competence/catalogue.json} on the class path: it is deployed with the models that
 * name its codes, so the deployment guard, the model tests and the register agree on it. A process
 * owner adds a competence there, with a name and a description people read, through review.
 */
public final class CompetenceCatalogue {

  static final String LOCATION = "processes/competence/catalogue.json";

  private static final Map<String, Competence> COMPETENCES = load();

  private CompetenceCatalogue() {
  }

  public static List<Competence> all() {
    return List.copyOf(COMPETENCES.values());
  }

  public static Optional<Competence> find(String code) {
    return Optional.ofNullable(COMPETENCES.get(code));
  }

  public static boolean known(String code) {
    return COMPETENCES.containsKey(code);
  }

  /** The Norwegian name, or the code itself for one no longer in the catalogue. */
  public static String name(String code) {
    Competence competence = COMPETENCES.get(code);
    return competence == null ? code : competence.name();
  }

  private static Map<String, Competence> load() {
    try (InputStream in = CompetenceCatalogue.class.getClassLoader().getResourceAsStream(LOCATION)) {
      if (in == null) {
        throw new IllegalStateException("The competence catalogue " + LOCATION + " is not on the class path");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Competence> competences = new LinkedHashMap<>();
      for (JsonNode node : root.path("competences")) {
        String code = node.path("code").asText();
        if (!code.matches("[a-z][a-z0-9-]{1,38}")) {
          throw new IllegalStateException("Competence code '" + code + "' in " + LOCATION + " is not a lower-case identifier");
        }
        boolean expires = node.path("expires").asBoolean();
        Integer months = node.path("validityMonths").isInt() ? node.path("validityMonths").asInt() : null;
        if (expires && (months == null || months < 1)) {
          throw new IllegalStateException("Competence '" + code + "' expires but has no validityMonths");
        }
        if (competences.put(code, new Competence(code, node.path("name").asText(), node.path("description").asText(),
            expires, months)) != null) {
          throw new IllegalStateException("Competence '" + code + "' twice in " + LOCATION);
        }
      }
      return competences;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + LOCATION, e);
    }
  }
}
