package no.carepath.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.carepath.availability.Outage;
import no.carepath.availability.OutageFilter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A sign-in is started only when Keycloak answers: otherwise the browser would be sent to an address
 * that does not answer and show its own error. The person gets the Norwegian 503 page instead, which
 * says that those already signed in can go on working. Keycloak is asked once per few seconds at
 * most (its OpenID configuration, with short timeouts).
 *
 * <p>Also the failure handler of the sign-in: Keycloak gone between the login page and the code
 * exchange is the same 503 page; any other failure is a plain 401 page (never Spring's English
 * login page).
 */
final class LoginAvailability extends OncePerRequestFilter implements AuthenticationFailureHandler {

  static final Duration REMEMBERED = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI configuration;
  private final OutageFilter outages;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile Instant askedAt = Instant.MIN;
  private volatile boolean answered;

  LoginAvailability(String issuer, OutageFilter outages, Clock clock) {
    this.configuration = URI.create(issuer + "/.well-known/openid-configuration");
    this.outages = outages;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/oauth2/authorization/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!keycloakAnswers()) {
      outages.answer(request, response, Outage.IDENTITY);
      return;
    }
    chain.doFilter(request, response);
  }

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    if (unreachable(failure) || !keycloakAnswers()) {
      outages.answer(request, response, Outage.IDENTITY);
      return;
    }
    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
  }

  boolean keycloakAnswers() {
    Instant now = clock.instant();
    if (now.isBefore(askedAt.plus(REMEMBERED))) {
      return answered;
    }
    boolean answers;
    try {
      HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(configuration).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      answers = answer.statusCode() == 200;
    } catch (IOException e) {
      answers = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answers = false;
    }
    answered = answers;
    askedAt = now;
    return answers;
  }

  private static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException
          || cause instanceof java.net.http.HttpTimeoutException
          || cause instanceof org.springframework.web.client.ResourceAccessException) {
        return true;
      }
    }
    return false;
  }
}
