package no.carepath.security;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;

/**
 * Asks Keycloak for its login page in Norwegian ({@code ui_locales=no}), whatever language the
 * browser prefers; the page still offers English. Keycloak's theme for the realm
 * ({@code realm/themes/carepath}) has every text in bokmål.
 */
final class NorwegianLogin {

  static final String LOCALE = "no";

  private NorwegianLogin() {
  }

  static OAuth2AuthorizationRequestResolver resolver(ClientRegistrationRepository registrations) {
    DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
        OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    resolver.setAuthorizationRequestCustomizer(request -> request.additionalParameters(
        parameters -> parameters.put("ui_locales", LOCALE)));
    return resolver;
  }
}
