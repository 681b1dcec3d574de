package no.carepath.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the engine see the caller of {@code /engine-rest}: the token's user and groups become the
 * engine's authentication for the request, so Camunda's authorizations (enabled) and the
 * municipality check (tenants) apply to it.
 */
final class EngineRestIdentityFilter extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final Municipalities municipalities;

  EngineRestIdentityFilter(IdentityService identityService, Municipalities municipalities) {
    this.identityService = identityService;
    this.municipalities = municipalities;
  }

  /**
   * The municipalities (the engine's tenants) a caller acts in: those of their
   * {@code municipality-NNNN} groups; the workers' account serves every municipality.
   */
  static List<String> tenantsOf(List<String> groups, Municipalities municipalities) {
    if (groups.contains(CarepathGroups.SYSTEM_WORKERS)) {
      return List.copyOf(municipalities.getMunicipalities().keySet());
    }
    return groups.stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
        .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())).toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = GroupClaims.groups(token.getTokenAttributes());
    identityService.setAuthentication(token.getName(), groups, tenantsOf(groups, municipalities));
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
