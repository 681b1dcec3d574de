package no.carepath;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Carepath: one Spring Boot application with the Camunda engine, its webapps and REST API, the
 * domain modules and the external-task workers.
 *
 * <p>{@link #main} is the production start ({@code java -jar carepath-*.jar}): every outside
 * service (PostgreSQL, Keycloak, the message services) comes from the environment, see
 * {@code docs/operations.md}. The one-command local platform ({@code ./mvnw spring-boot:run}) starts
 * through {@code no.carepath.local.LocalMain}, which is not in the jar.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("carepath")
public class CarepathApplication {

  public static void main(String[] args) {
    SpringApplication.run(CarepathApplication.class, args);
  }
}
