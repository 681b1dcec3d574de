package no.carepath.local;

import java.util.concurrent.atomic.AtomicReference;

import no.carepath.CarepathApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command platform's start ({@code ./mvnw spring-boot:run}): first whatever the environment
 * does not name (embedded PostgreSQL, Keycloak from the Maven zip, simulators of outside systems,
 * demo data), then the application. Ctrl-C stops the application first and the local services
 * after it.
 *
 * <p>This class and everything it starts live in {@code src/local/java}, on the run command's and
 * the tests' class path only: the jar an operator deploys starts with {@link CarepathApplication#main}.
 */
public final class LocalMain {

  private LocalMain() {
  }

  public static void main(String[] args) {
    LocalPlatform platform = LocalPlatform.startMissingServices(System.getenv());
    AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ConfigurableApplicationContext running = context.get();
      if (running != null) {
        running.close();
      }
      platform.close();
    }, "carepath-shutdown"));

    SpringApplication application = new SpringApplication(CarepathApplication.class);
    application.setRegisterShutdownHook(false);
    application.setDefaultProperties(platform.springProperties());
    application.addListeners(platform.readinessListener());
    try {
      context.set(application.run(args));
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }
}
