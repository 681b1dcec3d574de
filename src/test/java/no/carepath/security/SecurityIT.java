package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import no.carepath.Api;
import no.carepath.IntegrationTest;
import no.carepath.Referrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.web.firewall.HttpFirewall;

/** Access control against the real Keycloak started from {@code realm/}. */
class SecurityIT extends IntegrationTest {

  private final Api api = new Api(PLATFORM);

  @Autowired ObservationRegistry observations;
  @Autowired ApplicationContext context;

  @Test
  void engineRestAnswers401WithoutAToken() {
    for (String path : new String[] {"/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/engine"}) {
      Api.Response response = api.get(path, null);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Bearer");
    }
    Api.Response deploy = api.postMultipart("/engine-rest/deployment/create", null,
        Map.of("deployment-name", "anonymous"), Map.of("it-modeler-deployment.bpmn", resource("/it-modeler-deployment.bpmn")));
    assertThat(deploy.status()).isEqualTo(401);
  }

  @Test
  void carepathApiAnswers401WithAnExplanationWithoutAToken() {
    Api.Response response = api.postJson("/api/intake/applications", null, Referrals.application());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("detail").asText()).contains("Bearer");
    assertThat(api.get("/api/cases", null).status()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = api.tokenOf("ingrid.berg");
    String[] parts = token.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
    String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.replace("allocation-office", "administrators").getBytes()) + "." + parts[2];
    assertThat(api.get("/engine-rest/task", forged).status()).isEqualTo(401);
  }

  @Test
  void aTokenNotMeantForCarepathIsRefused() {
    // every realm has admin-cli; its tokens lack the carepath-api audience
    String foreign = Api.JSON.valueToTree(passwordGrant("admin-cli", "ingrid.berg")).path("access_token").asText();
    assertThat(foreign).isNotBlank();
    assertThat(api.get("/engine-rest/task", foreign).status()).isEqualTo(401);
  }

  @Test
  void aNurseDoesNotSeeTheAllocationOfficesTasks() {
    String caseId = api.postJson("/api/intake/applications", api.integrationsToken(), Referrals.application())
        .json().path("caseId").asText();
    String query = "/engine-rest/task?processInstanceBusinessKey=" + caseId;

    JsonNode caseWorkerTasks = api.get(query, api.tokenOf("ingrid.berg")).json();
    assertThat(caseWorkerTasks).hasSize(1);
    assertThat(caseWorkerTasks.get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_AssessNeeds");
    String taskId = caseWorkerTasks.get(0).path("id").asText();

    String nurse = api.tokenOf("jonas.lie");
    assertThat(api.get(query, nurse).json()).isEmpty();
    assertThat(api.get("/engine-rest/task?processDefinitionKey=allocation-case", nurse).json()).isEmpty();
    assertThat(api.get("/engine-rest/task/" + taskId, nurse).status()).isIn(403, 404);
    assertThat(api.postJson("/engine-rest/task/" + taskId + "/complete", nurse, "{}").status()).isIn(403, 404);
    assertThat(api.get("/api/cases/" + caseId, nurse).status()).isEqualTo(403);
  }

  @Test
  void aCaseWorkerCannotDeployButAProcessOwnerCan() {
    Map<String, byte[]> files = Map.of("it-modeler-deployment.bpmn", resource("/it-modeler-deployment.bpmn"));
    Api.Response caseWorker = api.postMultipart("/engine-rest/deployment/create", api.tokenOf("ingrid.berg"),
        Map.of("deployment-name", "it-case-worker"), files);
    assertThat(caseWorker.status()).isEqualTo(403);

    Api.Response processOwner = api.postMultipart("/engine-rest/deployment/create", api.tokenOf("erik.moen"),
        Map.of("deployment-name", "it-process-owner", "enable-duplicate-filtering", "true"), files);
    assertThat(processOwner.status()).isEqualTo(200);
    assertThat(processOwner.json().path("id").asText()).isNotBlank();
  }

  @Test
  void theIntegrationsAccountCannotReachTheTasks() {
    api.postJson("/api/intake/gp-referrals", api.integrationsToken(), Referrals.gpReferral());
    Api.Response response = api.get("/engine-rest/task", api.integrationsToken());
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("Ingen tilgang").doesNotContain("Exception");
  }

  @Test
  void aWorkersRefusedFetchAndLockNamesNoExceptionClass() {
    // fetchAndLock answers asynchronously, past EngineErrors: FetchAndLockErrors rewrites it inside the REST API
    Api.Response response = api.postJson("/engine-rest/external-task/fetchAndLock", api.workersToken(), Map.of(
        "workerId", "security-it", "maxTasks", 1, "asyncResponseTimeout", 999_999_999, "topics", List.of(Map.of(
            "topicName", "messaging-deliver-message", "lockDuration", 1000, "variables", List.of("messageId")))));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("type").asText()).isEqualTo("BadRequest");
    assertThat(response.json().path("message").asText()).startsWith("Forespørselen er ugyldig");
    assertThat(response.body()).doesNotContain("Exception", "org.camunda");
  }

  @Test
  void camundasOwnPasswordLoginAndFirstAdminSetupAreClosed() {
    assertThat(api.postJson("/camunda/api/admin/auth/user/default/login/tasklist", null, "{}").status()).isIn(401, 403);
    assertThat(api.postJson("/camunda/api/admin/setup/default/user/create", null, "{}").status()).isIn(401, 403);
  }

  @Test
  void healthIsPublicAndMetricsNeedARole() {
    assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(api.get("/actuator/prometheus", api.tokenOf("ingrid.berg")).status()).isEqualTo(403);
    assertThat(api.get("/actuator/prometheus", api.tokenOf("sigrid.holm")).status()).isEqualTo(200);
  }

  @Test
  void requestsAreObservedWithoutSpringSecuritysOwnObservations() {
    String token = api.tokenOf("ingrid.berg");
    List<String> names = new CopyOnWriteArrayList<>();
    // the registry has no way to remove a handler: this one stops taking observations when the test ends
    AtomicBoolean recording = new AtomicBoolean(true);
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return recording.get();
      }

      @Override
      public void onStart(Observation.Context context) {
        names.add(context.getName());
      }
    });
    try {
      assertThat(api.get("/api/cases", token).status()).isEqualTo(200);
      assertThat(api.get("/engine-rest/task/count", token).status()).isEqualTo(200);
    } finally {
      recording.set(false);
    }
    // the request's own timer (http.server.requests) stays
    assertThat(names).contains("http.server.requests");
    // no observation wrapped around every security filter and the chain (Spring Security's default when a
    // registry exists): the filter chains are run by the plain decorator
    List<FilterChainProxy> proxies = new ArrayList<>();
    filterChainProxies(context.getBean("springSecurityFilterChain"), proxies, 0);
    assertThat(proxies).isNotEmpty().allSatisfy(proxy -> assertThat(field(proxy, FilterChainProxy.class, "filterChainDecorator"))
        .isNotInstanceOf(ObservationFilterChainDecorator.class));
    // and they are guarded by the application's firewall (HeaderValues), not a default one: Spring Security falls
    // back to its own without a word if it cannot pick a single firewall bean
    assertThat(proxies).allSatisfy(proxy -> assertThat(field(proxy, FilterChainProxy.class, "firewall"))
        .isSameAs(context.getBean(HttpFirewall.class)));
  }

  /** The filter chain proxies inside the composite filters Spring Security and Spring MVC wrap them in. */
  private static void filterChainProxies(Object filter, List<FilterChainProxy> found, int depth) {
    // the one that holds the chains (the wrappers around it extend FilterChainProxy but hold none)
    if (filter instanceof FilterChainProxy proxy && field(proxy, FilterChainProxy.class, "filterChains") instanceof List<?> chains
        && !chains.isEmpty()) {
      found.add(proxy);
    }
    if (depth > 5) {
      return;
    }
    for (Class<?> type = filter.getClass(); type != null; type = type.getSuperclass()) {
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        if (field.getName().equals("doFilterDelegate") || field.getName().equals("filters")) {
          Object value = field(filter, type, field.getName());
          if (value instanceof Iterable<?> filters) {
            filters.forEach(inner -> filterChainProxies(inner, found, depth + 1));
          } else if (value != null) {
            filterChainProxies(value, found, depth + 1);
          }
        }
      }
    }
  }

  private static Object field(Object target, Class<?> type, String name) {
    try {
      java.lang.reflect.Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMalformedBearerTokenIsRefusedWithTheReason() {
    for (String token : List.of("not a token", "abc=def", "=")) {
      Api.Response response = api.get("/engine-rest/task", token);
      assertThat(response.status()).as(token).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).as(token).contains("invalid_token").contains("malformed");
    }
  }

  @Test
  void theWebappsRedirectToKeycloakLogin() {
    Api.Response response = api.getPage("/camunda/app/tasklist/default/");
    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("Location")).endsWith("/oauth2/authorization/keycloak");
  }

  @Test
  void onlyTheWebappsRegistrationStartsASignInAndAnyOtherIsNoServerError() {
    assertThat(api.getPage("/oauth2/authorization/keycloak").header("Location")).contains("/protocol/openid-connect/auth");
    for (String other : new String[] {"webapp", "workers", "nope", "keycloak2"}) {
      Api.Response response = api.getPage("/oauth2/authorization/" + other);
      assertThat(response.status()).as(other).isIn(302, 404);
      assertThat(response.header("Location")).as(other).satisfiesAnyOf(
          location -> assertThat(location).isNull(),
          location -> assertThat(location).endsWith("/oauth2/authorization/keycloak"));
      assertThat(response.body()).as(other).doesNotContain("Exception", "org.springframework");
    }
  }

  private Map<?, ?> passwordGrant(String client, String username) {
    try {
      java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(PLATFORM.tokenEndpoint()))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + client
                  + "&username=" + username + "&password=" + Api.urlEncode(PLATFORM.demoPassword())))
              .build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      return Api.JSON.readValue(response.body(), Map.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = SecurityIT.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
