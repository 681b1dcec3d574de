package no.carepath.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver}, with its regular expression for the common case
 * replaced by a loop. The expression ({@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive) ran
 * over the whole token (about 1.5 kB from Keycloak) at every request: together with the firewall's check of the
 * same header ({@link HeaderValues}) about 5 % of a FHIR POST's CPU in a profile (docs/benchmarks.md).
 *
 * <p>Only a well-formed {@code Authorization: Bearer} header is answered here, with the token the library would
 * give; every other request (no header, another scheme, a malformed token) goes to the library, so errors and their
 * texts are the library's. The library as configured here (its defaults) takes no token from a query or form
 * parameter and never reads parameters; neither does this class (reading them would consume a form body before the
 * REST API reads it). {@code BearerTokensTest} compares both on every character.
 */
final class BearerTokens implements BearerTokenResolver {

  private static final String SCHEME = "Bearer ";

  private final BearerTokenResolver library = new DefaultBearerTokenResolver();

  @Override
  public String resolve(HttpServletRequest request) {
    String token = wellFormed(request.getHeader(HttpHeaders.AUTHORIZATION));
    return token != null ? token : library.resolve(request);
  }

  /** The token of {@code Bearer <token>} (scheme in any case) if it has the library's form, else null. */
  static String wellFormed(String header) {
    if (header == null || header.length() <= SCHEME.length()) {
      return null;
    }
    for (int i = 0; i < SCHEME.length(); i++) {
      // the library's expression ignores case in ASCII only
      char c = header.charAt(i);
      char expected = SCHEME.charAt(i);
      if (c != expected && !(Character.isLetter(expected) && c < 0x80 && Character.toLowerCase(c) == Character.toLowerCase(expected))) {
        return null;
      }
    }
    int end = header.length();
    while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
      end--;
    }
    if (end == SCHEME.length()) {
      return null;
    }
    for (int i = SCHEME.length(); i < end; i++) {
      if (!tokenCharacter(header.charAt(i))) {
        return null;
      }
    }
    return header.substring(SCHEME.length());
  }

  // [a-zA-Z0-9-._~+/]
  private static boolean tokenCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  }
}
