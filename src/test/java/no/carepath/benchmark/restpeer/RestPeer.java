package no.carepath.benchmark.restpeer;

import jakarta.servlet.Filter;

import org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * S7's peer over HTTP: the plain Camunda Spring Boot starter with its REST API, in a JVM of its own,
 * on the peer's database (seeded by {@code TasklistBenchmark}), authorization on, and the REST API's
 * own HTTP Basic authentication, as Camunda's documentation sets it up. Nothing of Carepath: its own
 * configuration file ({@code spring.config.name=restpeer}, none exists, so the starter's defaults), no
 * Carepath component, and the auto-configurations of what Carepath adds to the class path switched off.
 *
 * <p>Arguments: {@code --server.port=<port> --spring.datasource.url=<peer database>}.
 *
 * <p>Deliberately not a {@code @Configuration} (nor {@code @SpringBootApplication}): Carepath scans
 * {@code no.carepath} for components, test classes included, and would take this class's exclusions
 * (Flyway's among them) for its own. Given to {@link SpringApplication} as its source, it is read all the same.
 */
@EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
    UserDetailsServiceAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
    OAuth2ClientAutoConfiguration.class, OAuth2ClientWebSecurityAutoConfiguration.class,
    OAuth2ResourceServerAutoConfiguration.class, FlywayAutoConfiguration.class,
    SessionAutoConfiguration.class, ClientAutoConfiguration.class, CamundaBpmWebappAutoConfiguration.class})
public class RestPeer {

  public static void main(String[] args) {
    String[] all = new String[args.length + 8];
    System.arraycopy(args, 0, all, 0, args.length);
    int i = args.length;
    all[i++] = "--spring.config.name=restpeer";
    all[i++] = "--spring.datasource.username=postgres";
    all[i++] = "--camunda.bpm.authorization.enabled=true";
    all[i++] = "--camunda.bpm.job-execution.enabled=false";
    all[i++] = "--camunda.bpm.auto-deployment-enabled=false";
    all[i++] = "--camunda.bpm.database.schema-update=false";
    all[i++] = "--spring.main.banner-mode=off";
    all[i++] = "--logging.level.root=WARN";
    SpringApplication.run(RestPeer.class, all);
  }

  /** The REST API's own authentication (Camunda's documentation, "Configure Authentication"). */
  @Bean
  FilterRegistrationBean<Filter> engineRestAuthentication() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
