package no.carepath.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users that have signed in, as their latest Keycloak token describes them (table
 * {@code security_known_user}). Written when a token is first seen or changes; read by the engine's
 * {@link KnownUsersIdentityProvider}.
 */
@Component
class KnownUsers {

  record KnownUser(String id, String firstName, String lastName, String email, List<String> groups) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Map<String, KnownUser> remembered = new ConcurrentHashMap<>();

  KnownUsers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void remember(KnownUser user) {
    if (user.equals(remembered.get(user.id()))) {
      return;
    }
    jdbc.sql("""
            insert into security_known_user (user_id, first_name, last_name, email, groups, last_seen)
            values (:id, :first, :last, :email, :groups, :seen)
            on conflict (user_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
                email = excluded.email, groups = excluded.groups, last_seen = excluded.last_seen
            """)
        .param("id", user.id()).param("first", user.firstName()).param("last", user.lastName())
        .param("email", user.email()).param("groups", String.join(",", user.groups()))
        .param("seen", Timestamp.from(clock.instant()))
        .update();
    remembered.put(user.id(), user);
  }

  List<KnownUser> all() {
    return jdbc.sql("select * from security_known_user order by user_id").query((row, n) -> new KnownUser(
        row.getString("user_id"), row.getString("first_name"), row.getString("last_name"), row.getString("email"),
        split(row.getString("groups")))).list();
  }

  Optional<KnownUser> find(String id) {
    return jdbc.sql("select * from security_known_user where user_id = :id").param("id", id).query((row, n) -> new KnownUser(
        row.getString("user_id"), row.getString("first_name"), row.getString("last_name"), row.getString("email"),
        split(row.getString("groups")))).optional();
  }

  private static List<String> split(String groups) {
    return groups == null || groups.isBlank() ? List.of() : Arrays.asList(groups.split(","));
  }
}
