package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/** The sign-in asks for Keycloak's Norwegian page, and only the webapps' registration starts one. */
class NorwegianLoginTest {

  private final OAuth2AuthorizationRequestResolver resolver = NorwegianLogin.resolver(new InMemoryClientRegistrationRepository(
      ClientRegistration.withRegistrationId(SecurityConfiguration.WEBAPP_REGISTRATION).clientId("carepath-webapp")
          .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          .authorizationUri("http://keycloak/auth").tokenUri("http://keycloak/token").scope("openid").build(),
      ClientRegistration.withRegistrationId("workers").clientId("carepath-workers").clientSecret("s")
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).tokenUri("http://keycloak/token").build()));

  private static MockHttpServletRequest get(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setServletPath(path);
    return request;
  }

  @Test
  void theWebappsSignInAsksForNorwegian() {
    OAuth2AuthorizationRequest request = resolver.resolve(get("/oauth2/authorization/" + SecurityConfiguration.WEBAPP_REGISTRATION));
    assertThat(request).isNotNull();
    assertThat(request.getAdditionalParameters()).containsEntry("ui_locales", "no");
  }

  @Test
  void anUnknownOrANonBrowserRegistrationIsNotASignIn() {
    assertThat(resolver.resolve(get("/oauth2/authorization/nope"))).isNull();
    assertThat(resolver.resolve(get("/oauth2/authorization/workers"))).isNull();
    assertThat(resolver.resolve(get("/app/cases"), "workers")).isNull();
    assertThat(resolver.resolve(get("/app/cases"))).isNull();
  }
}
