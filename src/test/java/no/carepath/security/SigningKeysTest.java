package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import no.carepath.availability.Outage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Keycloak down: tokens already issued keep working until they expire, because the signing keys are
 * kept; a token whose key cannot be fetched is an identity outage (503), not a 500.
 */
class SigningKeysTest {

  private static final String ISSUER = "http://localhost/realms/carepath";
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer keycloak;

  @AfterEach
  void stop() {
    if (keycloak != null) {
      keycloak.stop(0);
    }
  }

  private String serve(JWKSet keys) throws Exception {
    keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    keycloak.createContext("/certs", exchange -> {
      fetches.incrementAndGet();
      byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    keycloak.start();
    return "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/certs";
  }

  private static String token(RSAKey key, String subject) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(subject).audience(List.of("carepath"))
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void tokensIssuedBeforeKeycloakWentDownKeepWorking() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    String uri = serve(new JWKSet(key.toPublicJWK()));
    JwtDecoder decoder = SecurityConfiguration.jwtDecoder(uri, ISSUER, "carepath", Clock.systemUTC());
    assertThat(decoder.decode(token(key, "first")).getSubject()).isEqualTo("first");

    keycloak.stop(0);
    keycloak = null;
    // new tokens, never seen by this decoder: checked with the kept key, no fetch needed
    for (int i = 0; i < 3; i++) {
      assertThat(decoder.decode(token(key, "later-" + i)).getSubject()).isEqualTo("later-" + i);
    }
    assertThat(fetches).hasValue(1);
  }

  @Test
  void aKeyThatCannotBeFetchedIsAnIdentityOutage() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    String uri = serve(new JWKSet(key.toPublicJWK()));
    keycloak.stop(0);
    keycloak = null;
    JwtDecoder decoder = SecurityConfiguration.jwtDecoder(uri, ISSUER, "carepath", Clock.systemUTC());
    assertThatThrownBy(() -> decoder.decode(token(key, "someone")))
        .satisfies(e -> assertThat(Outage.of(e)).contains(Outage.IDENTITY));
  }

  @Test
  void aRotatedKeyIsFetched() throws Exception {
    RSAKey first = new RSAKeyGenerator(2048).keyID("k1").generate();
    RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
    String uri = serve(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
    JwtDecoder decoder = SecurityConfiguration.jwtDecoder(uri, ISSUER, "carepath", Clock.systemUTC());
    assertThat(decoder.decode(token(first, "a")).getSubject()).isEqualTo("a");
    assertThat(decoder.decode(token(second, "b")).getSubject()).isEqualTo("b");
  }
}
