package no.carepath.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

/** Every caller gets 503 with Retry-After in its own format when the database is down; other errors pass on. */
class OutageFilterTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final OutageFilter filter = new OutageFilter(PageTemplates.engine(), meters, Clock.systemUTC());
  private final ObjectMapper json = new ObjectMapper();

  private MockHttpServletResponse call(String path, String accept, RuntimeException thrown) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "POST", path);
    if (accept != null) {
      request.addHeader("Accept", accept);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    FilterChain chain = (req, res) -> {
      res.getOutputStream().write("half an answer".getBytes(StandardCharsets.UTF_8));
      throw new ServletException("Request processing failed", thrown);
    };
    filter.doFilter(request, response, chain);
    return response;
  }

  private static RuntimeException databaseDown() {
    return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
        new SQLException("Connection to localhost:15432 refused; patient 12345678901", "08001"));
  }

  @Test
  void aFhirClientGetsAnOperationOutcomeToRetry() throws Exception {
    MockHttpServletResponse response = call("/fhir/Observation", "application/fhir+json", databaseDown());
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(Outage.RETRY_AFTER_SECONDS));
    assertThat(response.getContentType()).startsWith("application/fhir+json");
    JsonNode outcome = json.readTree(response.getContentAsByteArray());
    assertThat(outcome.path("resourceType").asText()).isEqualTo("OperationOutcome");
    assertThat(outcome.path("issue").get(0).path("code").asText()).isEqualTo("transient");
    assertThat(outcome.path("issue").get(0).path("diagnostics").asText()).contains("Ingenting er lagret");
    assertThat(response.getContentAsString()).doesNotContain("half an answer").doesNotContain("15432")
        .doesNotContain("12345678901").doesNotContain("Exception");
  }

  @Test
  void anApiClientGetsProblemJson() throws Exception {
    MockHttpServletResponse response = call("/api/referrals", null, databaseDown());
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.getContentType()).startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.getContentAsByteArray());
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("detail").asText()).isEqualTo(Outage.DATABASE.detail());
  }

  @Test
  void theEngineRestApiGetsItsOwnErrorShape() throws Exception {
    for (String path : new String[] {"/engine-rest/task", "/camunda/api/engine/engine/default/task"}) {
      MockHttpServletResponse response = call(path, "application/json", databaseDown());
      assertThat(response.getStatus()).isEqualTo(503);
      JsonNode error = json.readTree(response.getContentAsByteArray());
      assertThat(error.path("type").asText()).isEqualTo("ServiceUnavailable");
      assertThat(error.path("message").asText()).contains("Databasen");
    }
  }

  @Test
  void aPersonGetsANorwegianPageWithoutTheMenu() throws Exception {
    MockHttpServletResponse response = call("/app/episodes", "text/html", databaseDown());
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.getContentType()).startsWith("text/html");
    assertThat(response.getContentAsString()).contains("Midlertidig utilgjengelig").contains("Databasen er ikke tilgjengelig")
        .contains("Ingenting av det du sendte er lagret").doesNotContain("Exception").doesNotContain("15432");
  }

  @Test
  void aSignInWhileKeycloakIsDownSaysWhoCanGoOnWorking() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET",
        "/oauth2/authorization/webapp");
    request.addHeader("Accept", "text/html");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.answer(request, response, Outage.IDENTITY);
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isNotBlank();
    assertThat(response.getContentAsString()).contains("Innloggingstjenesten (Keycloak) svarer ikke")
        .contains("Du kan ikke logge inn akkurat nå").contains("allerede innlogget")
        .doesNotContain("Ingenting av det du sendte");
  }

  @Test
  void everyAnswerIsCounted() throws Exception {
    call("/fhir/Observation", null, databaseDown());
    call("/api/x", null, databaseDown());
    assertThat(meters.counter("carepath.outage.responses", "kind", "database").count()).isEqualTo(2.0);
  }

  @Test
  void anyOtherErrorGoesOnAsBefore() {
    RuntimeException bug = new IllegalStateException("a bug");
    AtomicReference<Throwable> seen = new AtomicReference<>();
    assertThatThrownBy(() -> call("/api/x", null, bug)).isInstanceOf(ServletException.class).satisfies(seen::set);
    assertThat(seen.get().getCause()).isSameAs(bug);
  }

  @Test
  void theLogNamesKindsAndStatesNeverMessages() {
    String kinds = OutageLog.kinds(new ServletException("x", databaseDown()));
    assertThat(kinds).contains("CannotGetJdbcConnectionException").contains("SQLState 08001")
        .doesNotContain("15432").doesNotContain("12345678901");
  }
}
