package no.carepath.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/** Keeps {@link KnownUsers} up to date with whoever is signed in (browser session or bearer token). */
final class KnownUserFilter extends OncePerRequestFilter {

  private final KnownUsers users;

  KnownUserFilter(KnownUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken jwt) {
      Map<String, Object> claims = jwt.getTokenAttributes();
      users.remember(new KnownUsers.KnownUser(jwt.getName(), text(claims.get("given_name")), text(claims.get("family_name")),
          text(claims.get("email")), GroupClaims.groups(claims)));
    } else if (authentication instanceof OAuth2AuthenticationToken oauth && oauth.getPrincipal() instanceof OidcUser user) {
      users.remember(new KnownUsers.KnownUser(user.getPreferredUsername(), user.getGivenName(), user.getFamilyName(),
          user.getEmail(), GroupClaims.groups(user.getClaims())));
    }
    chain.doFilter(request, response);
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }
}
