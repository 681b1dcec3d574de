package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The cache of verified tokens never accepts what the real decoder would refuse. */
class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private final AtomicInteger verifications = new AtomicInteger();
  private final no.carepath.TestClock clock = new no.carepath.TestClock(NOW, ZoneOffset.UTC);

  private final JwtDecoder real = token -> {
    verifications.incrementAndGet();
    if (token.startsWith("bad")) {
      throw new BadJwtException("signature does not match");
    }
    return Jwt.withTokenValue(token).header("alg", "RS256").subject("service-account-carepath-monitoring")
        .issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plus(Duration.ofMinutes(5))).build();
  };
  private final VerifiedTokens tokens = new VerifiedTokens(real, clock);

  @Test
  void aTokenIsVerifiedOnceWhileItIsValid() {
    Jwt first = tokens.decode("token-a");
    Jwt again = tokens.decode("token-a");

    assertThat(again).isSameAs(first);
    assertThat(verifications).hasValue(1);
    tokens.decode("token-b");
    assertThat(verifications).hasValue(2);
  }

  @Test
  void anExpiredTokenGoesToTheRealDecoderAgain() {
    tokens.decode("token-a");
    clock.set(NOW.plus(Duration.ofMinutes(5)));

    tokens.decode("token-a");

    assertThat(verifications).hasValue(2);
  }

  @Test
  void aRefusedTokenIsRefusedEveryTimeAndNeverRemembered() {
    assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);

    assertThat(verifications).hasValue(2);
  }

  @Test
  void theCacheIsBounded() {
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 5; i++) {
      tokens.decode("token-" + i);
    }
    int before = verifications.get();

    tokens.decode("token-" + (VerifiedTokens.MAX_ENTRIES + 4));
    tokens.decode("token-0");

    assertThat(verifications.get() - before).as("the newest is kept, the oldest was dropped").isEqualTo(1);
  }
}
