package no.carepath.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;

/**
 * Asks Keycloak for its login page in Norwegian ({@code ui_locales=no}), whatever language the
 * browser prefers; the page still offers English. Keycloak's theme for the realm
 * ({@code realm/themes/carepath}) has every text in bokmål.
 *
 * <p>Only the webapps' registration starts a sign-in: {@code /oauth2/authorization/<anything else>}
 * (an unknown id, or the workers' client-credentials registration) is not a sign-in and goes on to the
 * rest of the chain, instead of Spring's 500 with a stack trace in the log for each such request.
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
    String signIn = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
        + SecurityConfiguration.WEBAPP_REGISTRATION;
    String base = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/";
    return new OAuth2AuthorizationRequestResolver() {
      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(base) && !path.equals(signIn) ? null : resolver.resolve(request);
      }

      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
        return SecurityConfiguration.WEBAPP_REGISTRATION.equals(registrationId) ? resolver.resolve(request, registrationId)
            : null;
      }
    };
  }
}
