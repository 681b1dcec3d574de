package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** A token is accepted only by its issuer, for Carepath, and until it expires (five seconds of skew). */
class TokenValidatorTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final String ISSUER = "http://localhost:8180/realms/carepath";
  private final OAuth2TokenValidator<Jwt> validator = SecurityConfiguration.tokenValidator(ISSUER, "carepath-api",
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aTokenExpiredTenSecondsAgoIsRefused() {
    assertThat(validator.validate(token(ISSUER, "carepath-api", NOW.minusSeconds(10))).hasErrors()).isTrue();
  }

  @Test
  void aTokenWithinItsLifetimeOrTheSkewIsAccepted() {
    assertThat(validator.validate(token(ISSUER, "carepath-api", NOW.plusSeconds(60))).hasErrors()).isFalse();
    assertThat(validator.validate(token(ISSUER, "carepath-api", NOW.minusSeconds(3))).hasErrors()).isFalse();
    assertThat(SecurityConfiguration.CLOCK_SKEW).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anotherIssuerOrAudienceIsRefused() {
    assertThat(validator.validate(token("http://elsewhere/realms/x", "carepath-api", NOW.plusSeconds(60))).hasErrors())
        .isTrue();
    assertThat(validator.validate(token(ISSUER, "account", NOW.plusSeconds(60))).hasErrors()).isTrue();
  }

  private static Jwt token(String issuer, String audience, Instant expires) {
    return Jwt.withTokenValue("t").header("alg", "RS256").issuer(issuer).audience(List.of(audience))
        .issuedAt(expires.minusSeconds(300)).expiresAt(expires).subject("someone").build();
  }
}
