package no.carepath.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where Keycloak is and how Carepath's clients authenticate to it ({@code carepath.identity.*}). */
@Validated
@ConfigurationProperties("carepath.identity")
public record IdentityProperties(
    @NotBlank String issuer,
    @NotBlank String audience,
    @NotBlank String webappClientId,
    @NotBlank String webappClientSecret,
    @NotBlank String workersClientId,
    @NotBlank String workersClientSecret) {

  String endpoint(String name) {
    return issuer + "/protocol/openid-connect/" + name;
  }
}
