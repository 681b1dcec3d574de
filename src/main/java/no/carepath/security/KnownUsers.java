package no.carepath.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>A node remembers what it wrote and skips the write while a token says the same, but for a
 * minute at most: on several nodes another node may have written a newer description since (groups
 * changed and changed back, a token of before the change still in use there), and the table must
 * end as the latest token seen says, on whatever node, within a minute.
 */
@Component
class KnownUsers {

  record KnownUser(String id, String firstName, String lastName, String email, List<String> groups) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;
  /** How long a node trusts that the table still says what it wrote. */
  static final Duration REWRITE_AFTER = Duration.ofMinutes(1);

  private record Written(KnownUser user, Instant at) {
  }

  private final Map<String, Written> remembered = new ConcurrentHashMap<>();

  KnownUsers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void remember(KnownUser user) {
    Instant now = clock.instant();
    Written written = remembered.get(user.id());
    if (written != null && written.user().equals(user) && now.isBefore(written.at().plus(REWRITE_AFTER))) {
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
        .param("seen", Timestamp.from(now))
        .update();
    remembered.put(user.id(), new Written(user, now));
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
