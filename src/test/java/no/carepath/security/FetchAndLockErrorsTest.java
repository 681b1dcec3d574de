package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

/**
 * The workers' {@code fetchAndLock} errors, rewritten inside the REST API as {@link EngineErrors} rewrites every
 * other engine error: the database that cannot serve is a 503 with {@code Retry-After}, nothing names a class,
 * and answers of other calls or without an error are left alone.
 */
class FetchAndLockErrorsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "external-task/fetchAndLock | 500 | CannotCreateTransactionException | Could not open JDBC Connection for transaction | 503 | ServiceUnavailable",
      "external-task/fetchAndLock | 500 | ProcessEnginePersistenceException | An exception occurred in the persistence layer. Please check the server logs for a detailed message and the entire exception stack trace. | 500 | ServerError",
      "external-task/fetchAndLock | 500 | ProcessEngineException | org.postgresql.util.PSQLException: Connection to localhost:5432 refused. | 503 | ServiceUnavailable",
      "external-task/fetchAndLock | 400 | InvalidRequestException | The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds | 400 | BadRequest",
      "external-task/fetchAndLock | 500 | ProcessEngineException | Cannot find external task with id x | 404 | NotFound",
      "external-task/fetchAndLock | 401 | AuthenticationException | org.camunda.bpm.engine.AuthenticationException: bad | 401 | Unauthorized"})
  void anErrorOfFetchAndLockIsRewritten(String path, int status, String type, String message, int expectedStatus,
      String expectedType) {
    ContainerResponseContext response = response(status, error(type, message));
    new FetchAndLockErrors().filter(request(path), response);

    verify(response).setStatus(expectedStatus);
    @SuppressWarnings("unchecked")
    ArgumentCaptor<Map<String, Object>> entity = ArgumentCaptor.forClass(Map.class);
    verify(response).setEntity(entity.capture(), any(), eq(MediaType.APPLICATION_JSON_TYPE));
    assertThat(entity.getValue()).containsEntry("type", expectedType).containsEntry("status", expectedStatus);
    assertThat(String.valueOf(entity.getValue().get("message"))).doesNotContain("Exception", "org.", "java.", "PSQL");
    assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo(expectedStatus == 503 ? "10" : null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "external-task/fetchAndLock | 200 | true",
      "task/123/complete | 500 | true",
      "external-task/fetchAndLock | 500 | false"})
  void otherAnswersAreLeftAlone(String path, int status, boolean engineError) {
    ContainerResponseContext response = response(status, engineError ? error("ProcessEngineException", "x") : "[]");
    new FetchAndLockErrors().filter(request(path), response);
    verify(response, never()).setStatus(org.mockito.ArgumentMatchers.anyInt());
    verify(response, never()).setEntity(any(), any(), any());
  }

  private static ExceptionDto error(String type, String message) {
    ExceptionDto error = new ExceptionDto();
    error.setType(type);
    error.setMessage(message);
    return error;
  }

  private static ContainerRequestContext request(String path) {
    ContainerRequestContext request = mock(ContainerRequestContext.class);
    UriInfo uri = mock(UriInfo.class);
    when(uri.getPath()).thenReturn(path);
    when(request.getUriInfo()).thenReturn(uri);
    return request;
  }

  private static ContainerResponseContext response(int status, Object entity) {
    ContainerResponseContext response = mock(ContainerResponseContext.class);
    when(response.getStatus()).thenReturn(status);
    when(response.getEntity()).thenReturn(entity);
    when(response.getHeaders()).thenReturn(new MultivaluedHashMap<>());
    return response;
  }
}
