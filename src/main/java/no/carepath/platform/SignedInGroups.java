package no.carepath.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * The engine's authorization checks take the signed-in person's groups as they are, instead of first
 * reading every group that holds a grant ({@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION})
 * in every command to drop the person's groups that hold none.
 *
 * <p>Why: that statement reads the whole authorization table, and Carepath's table holds the engine's
 * grant for every open task (50,000 rows with 50,000 open tasks: 8-11 ms each time on this machine). A
 * Tasklist page is five or six commands (the filter, the page, the count, the cards' variables, the
 * definitions), so a nurse waited for the scan five or six times per page ({@code docs/benchmarks.md}, S7).
 *
 * <p>Why it is safe: the groups only ever go into the checks' {@code GROUP_ID_ IN (...)}; a group that
 * holds no grant matches no row there, so the checks' answers are the same with or without it on PostgreSQL,
 * which compares the names exactly as the engine does ({@code SignedInGroupsIT} compares both for every
 * person of the realm; docs/decisions.md for databases that compare otherwise). The engine drops such groups to
 * keep the list short for directory users in hundreds of groups; Carepath's people are in a role and
 * their municipalities, so above {@link #AS_GIVEN_UP_TO} groups the engine's own way is kept.
 *
 * <p>Set through the engine's {@code customSessionFactories} (its extension point for managers), with no
 * change to the engine; Operaton has the same manager and factory.
 */
final class SignedInGroups extends AuthorizationManager {

  /** Up to this many groups they are used as given; more (an unusual account) the engine's way. */
  static final int AS_GIVEN_UP_TO = 50;

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()
        || authenticatedGroupIds.size() > AS_GIVEN_UP_TO) {
      return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
    }
    LinkedHashSet<String> groups = new LinkedHashSet<>(authenticatedGroupIds);
    groups.removeIf(Objects::isNull);
    return new ArrayList<>(groups);
  }

  /** Opens {@link SignedInGroups} wherever the engine asks for its {@link AuthorizationManager}. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new SignedInGroups();
    }
  }
}
