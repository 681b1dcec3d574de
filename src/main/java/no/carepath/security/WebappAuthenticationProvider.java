package no.carepath.security;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Lets the Camunda webapps (Tasklist, Cockpit, Admin) trust the Keycloak login that Spring Security
 * did: the user id is the Keycloak username and the groups come from the ID token, so the engine
 * need not ask Keycloak again. Instantiated by Camunda's {@code ContainerBasedAuthenticationFilter}.
 */
public class WebappAuthenticationProvider extends ContainerBasedAuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof OAuth2AuthenticationToken token) || !(token.getPrincipal() instanceof OidcUser user)) {
      return AuthenticationResult.unsuccessful();
    }
    String userId = user.getPreferredUsername();
    if (userId == null || userId.isBlank()) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(userId);
    java.util.List<String> groups = GroupClaims.groups(user.getClaims());
    result.setGroups(groups);
    // people act in the municipalities of their groups (the engine's tenants); never the workers' all
    result.setTenants(groups.stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
        .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())).toList());
    return result;
  }
}
