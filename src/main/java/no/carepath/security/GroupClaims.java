package no.carepath.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads the {@code groups} claim that Keycloak's group-membership mapper puts into every token. */
final class GroupClaims {

  static final String CLAIM = "groups";
  static final String USERNAME_CLAIM = "preferred_username";

  private GroupClaims() {
  }

  static List<String> groups(Map<String, Object> claims) {
    Object value = claims.get(CLAIM);
    if (value instanceof Collection<?> collection) {
      return collection.stream().map(String::valueOf).map(group -> group.startsWith("/") ? group.substring(1) : group).toList();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(text.split(","));
    }
    return List.of();
  }
}
