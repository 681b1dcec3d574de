package no.carepath.competence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The competence figures of a municipality for team leaders and managers (§ 6: an overview of
 * staff competence and training needs): coverage (share of completed tasks done by someone holding
 * what the task required, with supervision, overrides, hand-ons and refusals apart), the matrix of
 * the team against the catalogue, the gaps (a competence recent tasks needed that fewer than two on
 * the team hold), and the holdings that end soon.
 */
@Component
public class CompetenceOverview {

  private static final java.time.format.DateTimeFormatter DATE = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");

  /** Days of completed tasks that coverage counts. */
  public static final int COVERAGE_DAYS = 90;
  /** Days of tasks whose requirements count as "needed recently". */
  public static final int NEEDED_DAYS = 30;
  /** Fewer holders than this on the team is a gap. */
  public static final int GAP_BELOW = 2;

  public record Coverage(int completed, int qualified, int supervised, int overrides, int unqualified, int handedOn,
      int refused) {

    /** Share of completed tasks done with the competence (supervised included), in per cent; null without any. */
    public Double share() {
      return completed == 0 ? null : Math.round(1000.0 * qualified / completed) / 10.0;
    }
  }

  public record Gap(String code, String name, int tasks, int holders) {
  }

  public record Cell(String code, String label, String css) {
  }

  public record Row(String userId, String name, List<Cell> cells) {
  }

  public record Expiring(String userId, String name, String code, String competence, LocalDate until, long days,
      String training) {
  }

  private final JdbcClient jdbc;
  private final CompetenceRegister register;
  private final IdentityService identities;
  private final Clock clock;
  private final Duration expiryNotice;
  private final Trainings trainings;

  CompetenceOverview(JdbcClient jdbc, CompetenceRegister register, IdentityService identities, Clock clock,
      @Value("${carepath.competence.expiry-notice:P60D}") Duration expiryNotice, Trainings trainings) {
    this.trainings = trainings;
    this.jdbc = jdbc;
    this.register = register;
    this.identities = identities;
    this.clock = clock;
    this.expiryNotice = expiryNotice;
  }

  public Coverage coverage(String municipality) {
    Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(COVERAGE_DAYS)));
    return jdbc.sql("""
            select
              count(*) filter (where kind = 'COMPLETED' and required <> '' and actor <> 'system') as completed,
              count(*) filter (where kind = 'COMPLETED' and required <> '' and qualified) as qualified,
              count(*) filter (where kind = 'COMPLETED' and required <> '' and qualified and supervisor is not null) as supervised,
              count(*) filter (where kind = 'COMPLETED' and reason = 'OVERRIDE') as overrides,
              count(*) filter (where kind = 'COMPLETED' and required <> '' and actor <> 'system' and not qualified
                               and coalesce(reason, '') <> 'OVERRIDE') as unqualified,
              count(*) filter (where kind = 'HANDED_ON') as handed_on,
              count(*) filter (where kind = 'REFUSED') as refused
            from competence_task_event where municipality_number = :municipality and at >= :since
            """)
        .param("municipality", municipality).param("since", since)
        .query((row, n) -> new Coverage(row.getInt("completed"), row.getInt("qualified"), row.getInt("supervised"),
            row.getInt("overrides"), row.getInt("unqualified"), row.getInt("handed_on"), row.getInt("refused")))
        .single();
  }

  /** Competences needed by recent and open tasks, with how many on the team hold each; the gaps first. */
  public List<Gap> needs(String municipality) {
    Map<String, Integer> tasks = new TreeMap<>();
    Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(NEEDED_DAYS)));
    List<String> required = new ArrayList<>(jdbc.sql("""
            select distinct on (task_id) required from competence_task_event
            where municipality_number = :municipality and at >= :since and required <> ''
            """).param("municipality", municipality).param("since", since).query(String.class).list());
    required.addAll(jdbc.sql("""
            select v.text_ from act_ru_variable v join act_ru_task t on t.id_ = v.task_id_
            where v.name_ = :name and t.tenant_id_ = :municipality and v.text_ <> ''
              and not exists (select 1 from competence_task_event e where e.task_id = t.id_ and e.at >= :since)
            """).param("name", TaskCompetence.REQUIRED).param("municipality", municipality).param("since", since)
        .query(String.class).list());
    for (String codes : required) {
      for (String code : codes.split(",")) {
        tasks.merge(code, 1, Integer::sum);
      }
    }
    Set<String> leadersOnly = leadersOnly(municipality);
    LocalDate today = register.today();
    Map<String, Set<String>> holders = new LinkedHashMap<>();
    for (CompetenceRegister.Holding holding : register.municipality(municipality)) {
      if (holding.level().independent() && holding.validOn(today) && !leadersOnly.contains(holding.userId())) {
        holders.computeIfAbsent(holding.code(), code -> new LinkedHashSet<>()).add(holding.userId());
      }
    }
    List<Gap> gaps = new ArrayList<>();
    tasks.forEach((code, count) -> gaps.add(new Gap(code, CompetenceCatalogue.name(code), count,
        holders.getOrDefault(code, Set.of()).size())));
    gaps.sort(java.util.Comparator.comparing((Gap gap) -> gap.holders() >= GAP_BELOW).thenComparing(Gap::name));
    return gaps;
  }

  /** The team (those who work patients' tasks, and whoever holds a competence here) against the catalogue. */
  public List<Row> matrix(String municipality) {
    LocalDate today = register.today();
    Map<String, Map<String, CompetenceRegister.Holding>> byUser = new TreeMap<>();
    for (User user : identities.createUserQuery().memberOfGroup(CarepathGroups.MUNICIPALITY_PREFIX + municipality).list()) {
      boolean works = RegisterChanges.TEAM_ROLES.stream().anyMatch(role -> identities.createUserQuery()
          .userId(user.getId()).memberOfGroup(role).count() > 0);
      if (works) {
        byUser.put(user.getId(), new LinkedHashMap<>());
      }
    }
    for (CompetenceRegister.Holding holding : register.municipality(municipality)) {
      byUser.computeIfAbsent(holding.userId(), user -> new LinkedHashMap<>()).put(holding.code(), holding);
    }
    List<Row> rows = new ArrayList<>();
    byUser.forEach((userId, holdings) -> {
      List<Cell> cells = new ArrayList<>();
      for (Competence competence : CompetenceCatalogue.all()) {
        CompetenceRegister.Holding holding = holdings.get(competence.code());
        if (holding == null) {
          cells.add(new Cell(competence.code(), "–", "none"));
        } else if (!holding.validOn(today)) {
          cells.add(new Cell(competence.code(), holding.validUntil() != null && holding.validUntil().isBefore(today)
              ? "Utløpt " + holding.validUntil().format(DATE) : "Fra " + holding.validFrom().format(DATE), "expired"));
        } else {
          boolean soon = holding.validUntil() != null && !holding.validUntil().isAfter(today.plusDays(expiryNotice.toDays()));
          cells.add(new Cell(competence.code(), holding.level().label() + (soon ? " (utløper " + holding.validUntil().format(DATE) + ")" : ""),
              soon ? "expiring" : holding.level().name().toLowerCase().replace('_', '-')));
        }
      }
      rows.add(new Row(userId, name(userId), cells));
    });
    return rows;
  }

  /** The holdings that end within the notice, with what became of the training task each gave. */
  public List<Expiring> expiring(String municipality) {
    LocalDate today = register.today();
    Map<String, Trainings.Training> training = new LinkedHashMap<>();
    for (Trainings.Training one : trainings.trainings(municipality)) {
      training.put(one.userId() + "|" + one.code() + "|" + one.validUntil(), one);
    }
    return register.expiring(today.plusDays(expiryNotice.toDays())).stream()
        .filter(holding -> holding.municipality().equals(municipality))
        .map(holding -> {
          Trainings.Training found = training.get(holding.userId() + "|" + holding.code() + "|" + holding.validUntil());
          String status = found == null ? "Opplæringsoppgave kommer ved neste kjøring"
              : found.outcome() != null ? found.status().label() + ": " + found.outcome().label()
                  + (found.trainingDate() == null ? "" : " " + found.trainingDate())
              : found.status().label();
          return new Expiring(holding.userId(), name(holding.userId()), holding.code(), holding.name(),
              holding.validUntil(), java.time.temporal.ChronoUnit.DAYS.between(today, holding.validUntil()), status);
        })
        .toList();
  }

  private Set<String> leadersOnly(String municipality) {
    Set<String> leaders = new LinkedHashSet<>();
    for (User user : identities.createUserQuery().memberOfGroup(CarepathGroups.TEAM_LEADERS).list()) {
      boolean works = identities.createUserQuery().userId(user.getId()).memberOfGroup(CarepathGroups.HOME_FOLLOW_UP_NURSES)
          .count() + identities.createUserQuery().userId(user.getId()).memberOfGroup(CarepathGroups.ALLOCATION_OFFICE).count() > 0;
      if (!works) {
        leaders.add(user.getId());
      }
    }
    return leaders;
  }

  String name(String userId) {
    return name(identities, userId);
  }

  /** A person's name as Keycloak last gave it, or her id while Carepath has not seen her sign in. */
  static String name(IdentityService identities, String userId) {
    User user = identities.createUserQuery().userId(userId).singleResult();
    return user == null || user.getFirstName() == null ? userId : user.getFirstName() + " " + user.getLastName();
  }
}
