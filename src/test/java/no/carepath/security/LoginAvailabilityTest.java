package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.carepath.availability.OutageFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A sign-in goes to Keycloak only when Keycloak answers; otherwise, and when the code exchange fails for it, the 503 page. */
class LoginAvailabilityTest {

  private HttpServer keycloak;

  @AfterEach
  void stop() {
    if (keycloak != null) {
      keycloak.stop(0);
    }
  }

  private static OutageFilter outages() {
    return new OutageFilter(no.carepath.availability.PageTemplates.engine(), new SimpleMeterRegistry(), Clock.systemUTC());
  }

  private String issuer() throws Exception {
    keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    keycloak.createContext("/realms/carepath/.well-known/openid-configuration", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    keycloak.start();
    return "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/realms/carepath";
  }

  private static MockHttpServletResponse start(LoginAvailability availability, AtomicBoolean passedOn) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET",
        "/oauth2/authorization/webapp");
    MockHttpServletResponse response = new MockHttpServletResponse();
    availability.doFilter(request, response, (req, res) -> passedOn.set(true));
    return response;
  }

  @Test
  void aSignInStartsWhenKeycloakAnswers() throws Exception {
    LoginAvailability availability = new LoginAvailability(issuer(), outages(), Clock.systemUTC());
    AtomicBoolean passedOn = new AtomicBoolean();
    MockHttpServletResponse response = start(availability, passedOn);
    assertThat(passedOn).isTrue();
    assertThat(response.getStatus()).isEqualTo(200);
  }

  @Test
  void aSignInWhileKeycloakIsDownGetsTheNorwegianPage() throws Exception {
    String issuer = issuer();
    keycloak.stop(0);
    keycloak = null;
    LoginAvailability availability = new LoginAvailability(issuer, outages(), Clock.systemUTC());
    AtomicBoolean passedOn = new AtomicBoolean();
    MockHttpServletResponse response = start(availability, passedOn);
    assertThat(passedOn).isFalse();
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.getContentAsString()).contains("Du kan ikke logge inn akkurat nå");
  }

  @Test
  void otherPagesAreNotChecked() throws Exception {
    LoginAvailability availability = new LoginAvailability("http://127.0.0.1:1/realms/x", outages(), Clock.systemUTC());
    MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET", "/app/cases");
    AtomicBoolean passedOn = new AtomicBoolean();
    availability.doFilter(request, new MockHttpServletResponse(), (req, res) -> passedOn.set(true));
    assertThat(passedOn).isTrue();
  }

  @Test
  void aFailedCodeExchangeIsThe503PageWhenKeycloakIsGoneElseAPlain401() throws Exception {
    LoginAvailability up = new LoginAvailability(issuer(), outages(), Clock.systemUTC());
    MockHttpServletResponse refused = new MockHttpServletResponse();
    up.onAuthenticationFailure(new MockHttpServletRequest(new MockServletContext(), "GET", "/login/oauth2/code/webapp"),
        refused, new OAuth2AuthenticationException(new OAuth2Error("invalid_state_parameter")));
    assertThat(refused.getStatus()).isEqualTo(401);

    MockHttpServletResponse gone = new MockHttpServletResponse();
    up.onAuthenticationFailure(new MockHttpServletRequest(new MockServletContext(), "GET", "/login/oauth2/code/webapp"),
        gone, new AuthenticationServiceException("token endpoint",
            new org.springframework.web.client.ResourceAccessException("I/O error", new java.net.ConnectException())));
    assertThat(gone.getStatus()).isEqualTo(503);
  }
}
