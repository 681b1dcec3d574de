package no.carepath.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens already verified, until they expire. An integration sends thousands of requests
 * with one token; checking its RSA signature and parsing its claims each time was about a seventh
 * of the CPU of a FHIR request. Only tokens the delegate accepted are remembered, and only while
 * they are valid, so nothing is accepted that the delegate would refuse (tokens are not revoked
 * before they expire; the access token lives five minutes).
 */
final class VerifiedTokens implements JwtDecoder {

  static final int MAX_ENTRIES = 10_000;

  private final JwtDecoder delegate;
  private final Clock clock;
  private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

  VerifiedTokens(JwtDecoder delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt known = verified.get(token);
    if (known != null) {
      if (known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
        return known;
      }
      verified.remove(token);
    }
    Jwt jwt = delegate.decode(token);
    if (jwt.getExpiresAt() != null) {
      if (verified.size() >= MAX_ENTRIES) {
        verified.clear();
      }
      verified.put(token, jwt);
    }
    return jwt;
  }
}
