package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * {@link BearerTokens} answers every request exactly as Spring Security's {@link DefaultBearerTokenResolver}: the
 * same token, or the same error with the same text. Compared on every UTF-16 character in every position of the
 * header that matters (the scheme, the token, its padding), and on the other ways a token can arrive.
 */
class BearerTokensTest {

  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/";

  private final BearerTokenResolver library = new DefaultBearerTokenResolver();
  private final BearerTokenResolver ours = new BearerTokens();

  @Test
  void everyCharacterInTheTokenOrItsPaddingIsJudgedAsTheLibraryJudgesIt() {
    int accepted = 0;
    int refused = 0;
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String ch = String.valueOf((char) c);
      for (String header : List.of("Bearer " + ch, "Bearer " + TOKEN + ch, "Bearer " + ch + TOKEN,
          "Bearer " + TOKEN.substring(0, 20) + ch + TOKEN.substring(20), "Bearer " + TOKEN + "=" + ch,
          "Bearer " + TOKEN + "==" + ch + "=", "Bearer" + ch + TOKEN)) {
        Outcome expected = outcome(library, header, request -> { });
        assertThat(outcome(ours, header, request -> { })).as("header %s", escaped(header)).isEqualTo(expected);
        // and the loop, not the library behind it, gave the answer: it is neither stricter nor looser
        assertThat(BearerTokens.wellFormed(header)).as("header %s", escaped(header)).isEqualTo(expected.token());
        if (expected.token() != null) {
          accepted++;
        } else {
          refused++;
        }
      }
    }
    // both kinds occur: the comparison is not between two resolvers that accept (or refuse) everything
    assertThat(accepted).isGreaterThan(250);
    assertThat(refused).isGreaterThan(400_000);
  }

  @Test
  void theSchemeIsJudgedAsTheLibraryJudgesItInEveryPositionAndCase() {
    for (int position = 0; position < "Bearer ".length(); position++) {
      for (int c = 0; c <= Character.MAX_VALUE; c++) {
        String header = "Bearer ".substring(0, position) + (char) c + "Bearer ".substring(position + 1) + TOKEN;
        Outcome expected = outcome(library, header, request -> { });
        assertThat(outcome(ours, header, request -> { })).as("header %s", escaped(header)).isEqualTo(expected);
        assertThat(BearerTokens.wellFormed(header)).as("header %s", escaped(header)).isEqualTo(expected.token());
      }
    }
    for (String header : List.of("bearer " + TOKEN, "BEARER " + TOKEN, "bEaReR " + TOKEN)) {
      assertThat(outcome(ours, header, request -> { })).isEqualTo(new Outcome(TOKEN, null));
    }
  }

  @Test
  void headersOfOtherShapesAndTokensAsParametersAreAnsweredAsTheLibraryAnswersThem() {
    List<String> headers = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer  " + TOKEN, " Bearer " + TOKEN,
        "Bearer " + TOKEN + " ", "Bearer ==", "Bearer =" + TOKEN, "Bearer " + TOKEN + "==", "Bearer a", "Bearer a=b",
        "Basic dXNlcjpwYXNz", "Bearertoken", "Bearer\t" + TOKEN, "Bearer " + TOKEN + "\n", "Bearer " + TOKEN + ", Basic x"));
    headers.add(null);
    List<Consumer<MockHttpServletRequest>> requests = List.of(
        request -> request.setMethod("POST"),
        request -> {
          request.setMethod("GET");
          request.addParameter("access_token", TOKEN);
        },
        request -> {
          request.setMethod("POST");
          request.setContentType("application/x-www-form-urlencoded");
          request.addParameter("access_token", TOKEN);
        },
        request -> {
          request.setMethod("POST");
          request.setContentType("application/fhir+json");
          request.addParameter("access_token", TOKEN);
        },
        request -> {
          request.setMethod("GET");
          request.addParameter("access_token", TOKEN, "other");
        });
    int errors = 0;
    for (String header : headers) {
      for (Consumer<MockHttpServletRequest> request : requests) {
        Outcome expected = outcome(library, header, request);
        assertThat(outcome(ours, header, request)).as("header %s", header == null ? null : escaped(header)).isEqualTo(expected);
        if (expected.error() != null) {
          errors++;
        }
      }
    }
    assertThat(errors).isGreaterThan(10);
  }

  @Test
  void neitherParametersNorTheBodyAreRead() {
    // a form or multipart body read here would be gone when the REST API reads it
    for (String contentType : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json")) {
      for (String header : List.of("Bearer " + TOKEN, "Bearer not a token", "Basic dXNlcjpwYXNz")) {
        List<String> read = new ArrayList<>();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/deployment/create") {
          @Override
          public String getParameter(String name) {
            read.add("parameter " + name);
            return super.getParameter(name);
          }

          @Override
          public String[] getParameterValues(String name) {
            read.add("parameter " + name);
            return super.getParameterValues(name);
          }

          @Override
          public java.util.Map<String, String[]> getParameterMap() {
            read.add("parameters");
            return super.getParameterMap();
          }

          @Override
          public jakarta.servlet.ServletInputStream getInputStream() {
            read.add("body");
            return super.getInputStream();
          }

          @Override
          public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            read.add("body");
            return super.getReader();
          }

          @Override
          public java.util.Collection<jakarta.servlet.http.Part> getParts() throws java.io.IOException, jakarta.servlet.ServletException {
            read.add("parts");
            return super.getParts();
          }

          @Override
          public jakarta.servlet.http.Part getPart(String name) throws java.io.IOException, jakarta.servlet.ServletException {
            read.add("part " + name);
            return super.getPart(name);
          }

          @Override
          public java.util.Enumeration<String> getParameterNames() {
            read.add("parameter names");
            return super.getParameterNames();
          }

          @Override
          public String getQueryString() {
            read.add("query");
            return super.getQueryString();
          }
        };
        request.setContentType(contentType);
        request.addHeader("Authorization", header);
        request.addParameter("access_token", TOKEN);
        try {
          ours.resolve(request);
        } catch (OAuth2AuthenticationException refused) {
          // a malformed token: the library's error, checked above
        }
        assertThat(read).as("%s, %s", contentType, header).isEmpty();
      }
    }
  }

  private record Outcome(String token, String error) {
  }

  private static Outcome outcome(BearerTokenResolver resolver, String header, Consumer<MockHttpServletRequest> setUp) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Observation");
    setUp.accept(request);
    if (header != null) {
      request.addHeader("Authorization", header);
    }
    try {
      return new Outcome(resolver.resolve(request), null);
    } catch (OAuth2AuthenticationException e) {
      return new Outcome(null, e.getError().getErrorCode() + ": " + e.getError().getDescription());
    }
  }

  private static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return out.toString();
  }
}
