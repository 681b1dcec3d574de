package no.carepath.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is acting: a person logged in through Keycloak, a service account, or the platform itself
 * (timers, start-up). Used for accountability (who decided, who read which patient's data).
 *
 * @param id the Keycloak username, or {@code system}
 * @param displayName the person's name as Keycloak knows it
 * @param groups Keycloak groups, roles and municipalities alike
 */
public record Actor(String id, String displayName, Set<String> groups) {

  public static final Actor SYSTEM = new Actor("system", "Carepath", Set.of());

  /** The actor of the current request or engine command, or {@link #SYSTEM} outside any. */
  public static Actor current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof JwtAuthenticationToken jwt) {
      return new Actor(jwt.getName(), stringClaim(jwt.getTokenAttributes().get("name"), jwt.getName()),
          new TreeSet<>(GroupClaims.groups(jwt.getTokenAttributes())));
    }
    if (authentication instanceof OAuth2AuthenticationToken oauth && oauth.getPrincipal() instanceof OidcUser user) {
      return new Actor(user.getPreferredUsername(), stringClaim(user.getFullName(), user.getPreferredUsername()),
          new TreeSet<>(GroupClaims.groups(user.getClaims())));
    }
    return SYSTEM;
  }

  public boolean isMemberOf(String group) {
    return groups.contains(group);
  }

  public boolean isMemberOfAny(Collection<String> candidates) {
    return candidates.stream().anyMatch(groups::contains);
  }

  /** Municipality numbers from the {@code municipality-NNNN} groups. */
  public Set<String> municipalities() {
    return groups.stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
        .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Organisation numbers of the hospitals from the {@code hospital-NNNNNNNNN} groups (hospital clients only). */
  public Set<String> hospitals() {
    return groups.stream().filter(group -> group.startsWith(CarepathGroups.HOSPITAL_PREFIX))
        .map(group -> group.substring(CarepathGroups.HOSPITAL_PREFIX.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  public List<String> roles() {
    return groups.stream().filter(CarepathGroups.ROLES::contains).toList();
  }

  private static String stringClaim(Object value, String fallback) {
    return value instanceof String text && !text.isBlank() ? text : fallback;
  }
}
