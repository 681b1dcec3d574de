package no.carepath;

import java.util.concurrent.atomic.AtomicReference;

import no.carepath.local.LocalPlatform;
import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Carepath: one Spring Boot application with the Camunda engine, its webapps and REST API, the
 * domain modules and the external-task workers.
 *
 * <p>{@link #main} first starts whatever the environment does not name (embedded PostgreSQL,
 * Keycloak from the Maven zip, simulators of outside systems), then the application. Ctrl-C stops
 * the application first and the local services after it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("carepath")
public class CarepathApplication {

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
