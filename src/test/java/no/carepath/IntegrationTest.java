package no.carepath;

import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests ({@code *IT}, Failsafe): the whole application on a real port,
 * on real PostgreSQL, against a real Keycloak started from {@code realm/}. All of them share one
 * Spring context and one {@link TestPlatform}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("it")
public abstract class IntegrationTest {

  protected static final TestPlatform PLATFORM = TestPlatform.get();

  @Autowired
  void rememberContext(ConfigurableApplicationContext context) {
    PLATFORM.remember(context);
  }

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    for (Map.Entry<String, String> property : PLATFORM.properties().entrySet()) {
      registry.add(property.getKey(), property::getValue);
    }
  }
}
