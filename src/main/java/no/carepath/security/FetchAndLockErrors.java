package no.carepath.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import no.carepath.availability.Outage;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * {@link EngineErrors} for the one engine REST call it cannot see: the workers' {@code fetchAndLock} long-polls,
 * and its answer is written after the servlet filters have returned (servlet async, started on the unwrapped
 * response). Inside the REST API, after Camunda has turned an error into its JSON, this response filter gives
 * it the same rewrite: no exception class in {@code type} or the message, and a database that cannot serve is
 * a 503 with {@code Retry-After} (the workers back off and try again) instead of a 500.
 */
final class FetchAndLockErrors implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400 || !(response.getEntity() instanceof ExceptionDto error)
        || !request.getUriInfo().getPath().endsWith("fetchAndLock")) {
      return;
    }
    EngineErrors.Rewritten rewritten = EngineErrors.rewrite(response.getStatus(), error.getType() == null ? ""
        : error.getType(), error.getMessage() == null ? "" : error.getMessage(), false);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("type", rewritten.type());
    answer.put("message", rewritten.message());
    answer.put("status", rewritten.status());
    response.setStatus(rewritten.status());
    response.setEntity(answer, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
    if (rewritten.status() == 503) {
      response.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, String.valueOf(Outage.RETRY_AFTER_SECONDS));
    }
  }

  /** Registers the filter with the engine REST API's Jersey application. */
  @Component
  static class Registration implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
      config.register(FetchAndLockErrors.class);
    }
  }
}
