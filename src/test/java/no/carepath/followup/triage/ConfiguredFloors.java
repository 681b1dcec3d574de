package no.carepath.followup.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import no.carepath.followup.ClinicalFloorProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The clinical floors as {@code application.yaml} configures them, bound as Spring binds them: tests
 * judge the floors a municipality actually gets, not a copy.
 */
public final class ConfiguredFloors {

  private static final ClinicalFloorProperties PROPERTIES = bind();

  private ConfiguredFloors() {
  }

  public static ClinicalFloorProperties properties() {
    return PROPERTIES;
  }

  /** The defaults (a municipality with no floors of its own). */
  public static ClinicalFloors defaults() {
    return PROPERTIES.forMunicipality(null);
  }

  private static ClinicalFloorProperties bind() {
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application",
          new ClassPathResource("application.yaml"));
      return new Binder(ConfigurationPropertySources.from(sources))
          .bind("carepath.followup", ClinicalFloorProperties.class).get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
