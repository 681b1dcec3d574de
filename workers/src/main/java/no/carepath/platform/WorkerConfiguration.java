package no.carepath.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.BackoffStrategy;
import org.camunda.bpm.client.backoff.ExponentialErrorBackoffStrategy;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * What the external-task workers share. They talk to {@code /engine-rest} over HTTP like any
 * outside worker would, with a client-credentials token of the {@code carepath-workers} service
 * account (group {@code system-workers}), long polling, and back-off only on fetch errors. They
 * start fetching once Keycloak issues that token, so the application can start before Keycloak.
 */
@Configuration
class WorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);
  static final String REGISTRATION = "carepath-workers";

  private final ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "carepath-worker-starter");
    thread.setDaemon(true);
    return thread;
  });

  @Bean
  ClientRequestInterceptor serviceAccountToken(OAuth2AuthorizedClientManager tokens) {
    return context -> {
      String token;
      try {
        token = token(tokens).getAccessToken().getTokenValue();
      } catch (RuntimeException e) {
        // Keycloak down: the client logs this and backs off (fetchErrorBackoff); one line, not a stack trace per poll
        throw new NoToken(e);
      }
      context.addHeader("Authorization", "Bearer " + token);
    };
  }

  /** No token from Keycloak now: said in one line (the client logs it at each backed-off poll). */
  static final class NoToken extends RuntimeException {
    NoToken(RuntimeException cause) {
      super("No token from Keycloak for the workers, they back off and try again: " + cause.getMessage(), null, false, false);
    }
  }

  /** With long polling, back off only when fetching fails (Keycloak or the engine unreachable). */
  @Bean
  BackoffStrategy fetchErrorBackoff() {
    return new ExponentialErrorBackoffStrategy(500, 2, 60_000);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startWhenTokenAvailable(ApplicationReadyEvent event) {
    ObjectProvider<ExternalTaskClient> client = event.getApplicationContext().getBeanProvider(ExternalTaskClient.class);
    OAuth2AuthorizedClientManager tokens = event.getApplicationContext().getBean(OAuth2AuthorizedClientManager.class);
    tryStart(client, tokens, Duration.ofSeconds(1));
  }

  private void tryStart(ObjectProvider<ExternalTaskClient> client, OAuth2AuthorizedClientManager tokens, Duration wait) {
    starter.schedule(() -> {
      try {
        token(tokens);
        client.ifAvailable(ExternalTaskClient::start);
        log.info("External-task workers started");
      } catch (RuntimeException e) {
        Duration next = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
        log.info("Workers wait for a token from Keycloak ({}); next try in {} s", e.getMessage(), next.toSeconds());
        tryStart(client, tokens, next);
      }
    }, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * At shutdown (SIGTERM), before the web server stops: readiness already refuses traffic, and the
   * workers finish their current long poll against {@code /engine-rest} (at most
   * {@code camunda.bpm.client.async-response-timeout}) and the task in hand, so no fetch fails on a
   * closed port. The client's own stop at bean destruction would come after the web server's.
   */
  @EventListener(ContextClosedEvent.class)
  void stopWorkers(ContextClosedEvent event) {
    starter.shutdownNow();
    event.getApplicationContext().getBeanProvider(ExternalTaskClient.class).ifAvailable(client -> {
      if (client.isActive()) {
        log.info("Stopping the external-task workers (after the current long poll)");
        client.stop();
        log.info("External-task workers stopped");
      }
    });
  }

  private static OAuth2AuthorizedClient token(OAuth2AuthorizedClientManager tokens) {
    OAuth2AuthorizedClient authorized = tokens.authorize(
        OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(REGISTRATION).build());
    if (authorized == null) {
      throw new IllegalStateException("no token for " + REGISTRATION);
    }
    return authorized;
  }
}
