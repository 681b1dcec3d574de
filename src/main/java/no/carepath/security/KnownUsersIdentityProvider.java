package no.carepath.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityProviderException;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TenantEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's identity provider: read only, and answering from the users that have signed in
 * through Keycloak ({@link KnownUsers}). Users and groups are managed in Keycloak; Camunda's own
 * user and password store is not used, so nobody can log in past Keycloak. Groups are Carepath's
 * roles and the municipality groups of known users.
 */
final class KnownUsersIdentityProvider implements ReadOnlyIdentityProvider {

  static final class Factory implements SessionFactory {
    private final Supplier<KnownUsers> users;
    private final Municipalities municipalities;

    Factory(Supplier<KnownUsers> users, Municipalities municipalities) {
      this.users = users;
      this.municipalities = municipalities;
    }

    @Override
    public Class<?> getSessionType() {
      return ReadOnlyIdentityProvider.class;
    }

    @Override
    public Session openSession() {
      return new KnownUsersIdentityProvider(users.get(), municipalities);
    }
  }

  private final KnownUsers users;
  private final Municipalities municipalities;

  KnownUsersIdentityProvider(KnownUsers users, Municipalities municipalities) {
    this.users = users;
    this.municipalities = municipalities;
  }

  /**
   * The users the caller may see: colleagues who share a municipality with them. Administrators
   * and the engine itself (no authentication) see everyone.
   */
  private List<KnownUsers.KnownUser> visibleUsers() {
    List<KnownUsers.KnownUser> all = users.all();
    CommandContext context = Context.getCommandContext();
    Authentication caller = context == null ? null : context.getAuthentication();
    if (caller == null || caller.getGroupIds() != null && caller.getGroupIds().contains(CarepathGroups.ADMINISTRATORS)) {
      return all;
    }
    Set<String> callerMunicipalities = caller.getTenantIds() == null ? Set.of() : Set.copyOf(caller.getTenantIds());
    return all.stream().filter(user -> user.id().equals(caller.getUserId())
        || municipalitiesOf(user).stream().anyMatch(callerMunicipalities::contains)).toList();
  }

  private String groupName(String id) {
    if (id.startsWith(CarepathGroups.MUNICIPALITY_PREFIX)) {
      return municipalities.nameOrNumber(id.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())) + " kommune";
    }
    return CarepathGroups.NAMES.getOrDefault(id, id);
  }

  /** Whether the caller may see this user (and so their groups and municipalities). */
  boolean visible(String userId) {
    return visibleUsers().stream().anyMatch(user -> user.id().equals(userId));
  }

  static List<String> municipalitiesOf(KnownUsers.KnownUser user) {
    return user.groups().stream().filter(group -> group.startsWith(CarepathGroups.MUNICIPALITY_PREFIX))
        .map(group -> group.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())).toList();
  }

  private TenantEntity tenant(String number) {
    TenantEntity tenant = new TenantEntity(number);
    tenant.setName(municipalities.nameOrNumber(number));
    return tenant;
  }

  private static UserEntity entity(KnownUsers.KnownUser known) {
    UserEntity user = new UserEntity(known.id());
    user.setFirstName(known.firstName());
    user.setLastName(known.lastName());
    user.setEmail(known.email());
    return user;
  }

  private List<GroupEntity> groups() {
    Map<String, GroupEntity> groups = new LinkedHashMap<>();
    Stream.concat(CarepathGroups.ROLES.stream(), users.all().stream().flatMap(user -> user.groups().stream()))
        .forEach(id -> groups.computeIfAbsent(id, name -> {
          GroupEntity group = new GroupEntity(name);
          group.setName(groupName(name));
          group.setType(name.startsWith("system-") ? "SYSTEM" : "WORKFLOW");
          return group;
        }));
    return new ArrayList<>(groups.values());
  }

  @Override
  public User findUserById(String userId) {
    return users.find(userId).map(KnownUsersIdentityProvider::entity).orElse(null);
  }

  @Override
  public UserQuery createUserQuery() {
    return new KnownUserQuery(this);
  }

  @Override
  public UserQueryImpl createUserQuery(CommandContext commandContext) {
    return new KnownUserQuery(this);
  }

  @Override
  public NativeUserQuery createNativeUserQuery() {
    throw new IdentityProviderException("Users are managed in Keycloak; native user queries are not supported.");
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    return false;
  }

  @Override
  public Group findGroupById(String groupId) {
    return groups().stream().filter(group -> group.getId().equals(groupId)).findFirst().orElse(null);
  }

  @Override
  public GroupQuery createGroupQuery() {
    return new KnownGroupQuery(this);
  }

  @Override
  public GroupQuery createGroupQuery(CommandContext commandContext) {
    return new KnownGroupQuery(this);
  }

  @Override
  public Tenant findTenantById(String tenantId) {
    return municipalities.serves(tenantId) ? tenant(tenantId) : null;
  }

  @Override
  public TenantQuery createTenantQuery() {
    return new MunicipalityQuery(this);
  }

  @Override
  public TenantQuery createTenantQuery(CommandContext commandContext) {
    return new MunicipalityQuery(this);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }

  /**
   * The queries run as engine commands (the REST API lists them outside the command that made them),
   * so that the caller's authentication is known when they filter.
   */
  private static org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor() {
    return Context.getProcessEngineConfiguration() == null ? null
        : Context.getProcessEngineConfiguration().getCommandExecutorTxRequired();
  }

  private static boolean like(String pattern, String value) {
    return pattern == null || (value != null && value.toLowerCase().contains(pattern.replace("%", "").toLowerCase()));
  }

  static final class KnownUserQuery extends UserQueryImpl {
    private final transient KnownUsersIdentityProvider provider;

    KnownUserQuery(KnownUsersIdentityProvider provider) {
      super(executor());
      this.provider = provider;
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<User> executeList(CommandContext commandContext, Page page) {
      List<User> result = matching();
      if (page == null) {
        return result;
      }
      return result.stream().skip(page.getFirstResult()).limit(page.getMaxResults()).toList();
    }

    private List<User> matching() {
      return provider.visibleUsers().stream()
          .filter(user -> tenantId == null || municipalitiesOf(user).contains(tenantId))
          .filter(user -> id == null || id.equals(user.id()))
          .filter(user -> ids == null || Arrays.asList(ids).contains(user.id()))
          .filter(user -> firstName == null || firstName.equals(user.firstName()))
          .filter(user -> like(firstNameLike, user.firstName()))
          .filter(user -> lastName == null || lastName.equals(user.lastName()))
          .filter(user -> like(lastNameLike, user.lastName()))
          .filter(user -> email == null || email.equals(user.email()))
          .filter(user -> like(emailLike, user.email()))
          .filter(user -> groupId == null || user.groups().contains(groupId))
          .sorted(Comparator.comparing(KnownUsers.KnownUser::id))
          .<User>map(KnownUsersIdentityProvider::entity)
          .toList();
    }
  }

  static final class KnownGroupQuery extends GroupQueryImpl {
    private final transient KnownUsersIdentityProvider provider;

    KnownGroupQuery(KnownUsersIdentityProvider provider) {
      super(executor());
      this.provider = provider;
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<Group> executeList(CommandContext commandContext, Page page) {
      List<Group> result = matching();
      if (page == null) {
        return result;
      }
      return result.stream().skip(page.getFirstResult()).limit(page.getMaxResults()).toList();
    }

    private List<Group> matching() {
      if (tenantId != null) {
        return List.of();
      }
      List<String> memberOf = userId == null ? null : provider.visible(userId)
          ? provider.users.find(userId).map(KnownUsers.KnownUser::groups).orElse(List.of()) : List.of();
      return provider.groups().stream()
          .filter(group -> id == null || id.equals(group.getId()))
          .filter(group -> ids == null || Arrays.asList(ids).contains(group.getId()))
          .filter(group -> name == null || name.equals(group.getName()))
          .filter(group -> like(nameLike, group.getName()))
          .filter(group -> type == null || Objects.equals(type, group.getType()))
          .filter(group -> memberOf == null || memberOf.contains(group.getId()))
          .<Group>map(group -> group)
          .toList();
    }
  }

  /** The municipalities served, as tenants; membership from the users' municipality groups. */
  static final class MunicipalityQuery extends TenantQueryImpl {
    private final transient KnownUsersIdentityProvider provider;

    MunicipalityQuery(KnownUsersIdentityProvider provider) {
      super(executor());
      this.provider = provider;
    }

    @Override
    public long executeCount(CommandContext commandContext) {
      return matching().size();
    }

    @Override
    public List<Tenant> executeList(CommandContext commandContext, Page page) {
      List<Tenant> result = matching();
      if (page == null) {
        return result;
      }
      return result.stream().skip(page.getFirstResult()).limit(page.getMaxResults()).toList();
    }

    private List<Tenant> matching() {
      List<String> memberOf = null;
      if (userId != null) {
        memberOf = !provider.visible(userId) ? List.of()
            : provider.users.find(userId).map(KnownUsersIdentityProvider::municipalitiesOf).orElse(List.of());
      } else if (groupId != null) {
        memberOf = groupId.startsWith(CarepathGroups.MUNICIPALITY_PREFIX)
            ? List.of(groupId.substring(CarepathGroups.MUNICIPALITY_PREFIX.length())) : List.of();
      }
      List<String> members = memberOf;
      return provider.municipalities.getMunicipalities().keySet().stream()
          .filter(number -> id == null || id.equals(number))
          .filter(number -> ids == null || Arrays.asList(ids).contains(number))
          .filter(number -> members == null || members.contains(number))
          .map(provider::tenant)
          .filter(tenant -> name == null || name.equals(tenant.getName()))
          .filter(tenant -> like(nameLike, tenant.getName()))
          .<Tenant>map(tenant -> tenant)
          .toList();
    }
  }
}
