package no.carepath.allocation;

import java.util.Base64;
import java.util.Map;

import no.carepath.patient.Patient;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * HTTP client of the municipality's letter-dispatch service (SvarUt-like "forsendelse"):
 * {@code POST {url}/forsendelser} with the PDF and an idempotency key (the letter id), so a retry
 * after a lost answer never sends the letter twice.
 */
@Component
class LetterDispatchClient {

  record Receipt(String dispatchId) {
  }

  /** The service refused the letter; sending it again will not help. */
  static final class DispatchRefused extends RuntimeException {
    DispatchRefused(String message) {
      super(message);
    }
  }

  /** The service did not answer, or answered with a temporary error; try again later. */
  static final class DispatchUnavailable extends RuntimeException {
    DispatchUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final RestClient http;

  LetterDispatchClient(AllocationProperties properties, RestClient.Builder builder) {
    AllocationProperties.LetterDispatch dispatch = properties.letterDispatch();
    this.http = builder
        .baseUrl(dispatch.url().toString())
        // the JDK client: Apache HttpClient 5 (also on the classpath) would silently retry a POST on 503,
        // and the worker owns the retry policy
        .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(ClientHttpRequestFactorySettings.defaults()
            .withConnectTimeout(dispatch.connectTimeout())
            .withReadTimeout(dispatch.readTimeout())))
        .build();
  }

  Receipt send(CaseStore.LetterRow letter, Patient recipient, String title, String municipalityNumber) {
    Map<String, Object> body = Map.of(
        "idempotencyKey", letter.id().toString(),
        "caseId", letter.caseId(),
        "municipalityNumber", municipalityNumber,
        "title", title,
        "recipient", Map.of("nationalId", recipient.nationalId().value(), "name", recipient.fullName()),
        "document", Map.of("filename", "vedtak-" + letter.caseId() + ".pdf", "mimeType", "application/pdf",
            "contentBase64", Base64.getEncoder().encodeToString(letter.pdf())));
    try {
      Map<?, ?> answer = http.post().uri("/forsendelser").contentType(MediaType.APPLICATION_JSON).body(body)
          .retrieve().body(Map.class);
      Object dispatchId = answer == null ? null : answer.get("dispatchId");
      if (dispatchId == null) {
        throw new DispatchUnavailable("The letter-dispatch service answered without a dispatch id", null);
      }
      return new Receipt(dispatchId.toString());
    } catch (RestClientResponseException e) {
      int status = e.getStatusCode().value();
      String message = "Letter-dispatch service answered HTTP " + status + ": " + abbreviate(e.getResponseBodyAsString());
      if (e.getStatusCode().is4xxClientError() && status != 408 && status != 429) {
        throw new DispatchRefused(message);
      }
      throw new DispatchUnavailable(message, e);
    } catch (ResourceAccessException e) {
      throw new DispatchUnavailable("Letter-dispatch service not reachable: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
