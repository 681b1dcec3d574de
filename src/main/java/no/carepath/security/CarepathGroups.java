package no.carepath.security;

import java.util.List;

/**
 * The Keycloak groups of {@code realm/carepath-realm.json}. The first six are the people's roles
 * and the BPMN candidate groups; {@code municipality-NNNN} groups say which municipality a user
 * works for; the {@code system-} groups hold the service accounts.
 */
public final class CarepathGroups {

  public static final String ALLOCATION_OFFICE = "allocation-office";
  public static final String HOME_FOLLOW_UP_NURSES = "home-follow-up-nurses";
  public static final String TEAM_LEADERS = "team-leaders";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String MANAGERS = "managers";
  public static final String ADMINISTRATORS = "administrators";
  public static final String SYSTEM_WORKERS = "system-workers";
  public static final String SYSTEM_INTEGRATIONS = "system-integrations";
  public static final String SYSTEM_MONITORING = "system-monitoring";
  public static final String SYSTEM_MESSAGING = "system-messaging";
  public static final String SYSTEM_HOSPITAL = "system-hospital";
  public static final String MUNICIPALITY_PREFIX = "municipality-";
  /** {@code hospital-<organisation number>}: the hospitals a hospital client may speak for. */
  public static final String HOSPITAL_PREFIX = "hospital-";

  /** Spring Security authority prefix for a group, as in {@code GROUP_allocation-office}. */
  public static final String AUTHORITY_PREFIX = "GROUP_";

  public static final List<String> ROLES = List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS,
      PROCESS_OWNERS, MANAGERS, ADMINISTRATORS);

  /** The service accounts' groups: each system reaches exactly its own endpoints. */
  public static final List<String> SYSTEM = List.of(SYSTEM_WORKERS, SYSTEM_INTEGRATIONS, SYSTEM_MONITORING,
      SYSTEM_MESSAGING, SYSTEM_HOSPITAL);

  /** What the Tasklist and Admin show for each group, in Norwegian. */
  public static final java.util.Map<String, String> NAMES = java.util.Map.of(
      ALLOCATION_OFFICE, "Tildelingskontoret",
      HOME_FOLLOW_UP_NURSES, "Sykepleiere, digital hjemmeoppfølging",
      TEAM_LEADERS, "Teamledere",
      PROCESS_OWNERS, "Prosesseiere",
      MANAGERS, "Ledere",
      ADMINISTRATORS, "Administratorer");

  private CarepathGroups() {
  }

  public static String authority(String group) {
    return AUTHORITY_PREFIX + group;
  }
}
