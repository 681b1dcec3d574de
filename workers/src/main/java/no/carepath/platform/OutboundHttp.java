package no.carepath.platform;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * HTTP calls of the workers to outside systems. The JDK client, because Apache HttpClient 5 (also
 * on the classpath) would silently retry a POST on 503, and the worker owns the retry policy
 * ({@link WorkerRetries}). Every failure is one of two kinds: {@link Refused} (the system said no;
 * sending again will not help: incident now) or {@link Unavailable} (it did not answer or answered
 * with a temporary error: retry later).
 */
public final class OutboundHttp {

  /** The outside system refused the request; sending it again will not help. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  /** The outside system did not answer, or answered with a temporary error; try again later. */
  public static final class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private OutboundHttp() {
  }

  public static RestClient client(RestClient.Builder builder, String baseUrl, Duration connectTimeout, Duration readTimeout) {
    return builder.baseUrl(baseUrl)
        .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(ClientHttpRequestFactorySettings.defaults()
            .withConnectTimeout(connectTimeout).withReadTimeout(readTimeout)))
        .build();
  }

  /** Runs the call and sorts its failures into {@link Refused} and {@link Unavailable}. */
  public static <T> T call(String system, Supplier<T> call) {
    try {
      return call.get();
    } catch (RestClientResponseException e) {
      int status = e.getStatusCode().value();
      String message = system + " answered HTTP " + status + ": " + abbreviate(e.getResponseBodyAsString());
      if (e.getStatusCode().is4xxClientError() && status != 408 && status != 429) {
        throw new Refused(message);
      }
      throw new Unavailable(message, e);
    } catch (ResourceAccessException e) {
      throw new Unavailable(system + " not reachable: " + e.getMessage(), e);
    } catch (RestClientException e) {
      // a 2xx whose body cannot be read, for example: the receiver may have taken the message, and
      // sending again under the same idempotency key is safe
      throw new Unavailable(system + " gave an answer that could not be read: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * The receiver's error text, cut to 300 characters and with every run of 11 digits (a national
   * ID number a receiver may echo) masked: it goes to the log and the incident.
   */
  static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    return ELEVEN_DIGITS.matcher(cut).replaceAll("***********");
  }

  private static final java.util.regex.Pattern ELEVEN_DIGITS = java.util.regex.Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");
}
