package no.carepath.competence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * {@code ${qualifiedGroups.of(currentUser())}}, the Tasklist filter «Kvalifisert for meg»: of the candidate
 * groups on open tasks that say what a task requires ({@code kompetanse-<municipality>-<codes>}), those
 * this person holds in full, independently and valid today, in that municipality. A trainee's
 * tasks under training are not among them: she takes those under supervision.
 */
@Component("qualifiedGroups")
public class QualifiedGroups {

  /** Never an empty list: the engine refuses an empty candidate-group list. */
  static final String NONE = TaskCompetence.GROUP_PREFIX + "ingen";

  private final CompetenceRegister register;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

  QualifiedGroups(CompetenceRegister register, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    this.register = register;
    this.jdbc = jdbc;
  }

  /** The competence groups on open tasks now: exactly the requirements there is something to find for. */
  private List<String> openGroups() {
    return jdbc.sql("select distinct group_id_ from act_ru_identitylink where type_ = 'candidate'"
        + " and group_id_ like 'kompetanse-%'").query(String.class).list();
  }

  public List<String> of(String userId) {
    List<String> groups = new ArrayList<>();
    if (userId != null) {
      Map<String, List<CompetenceRegister.Holding>> byMunicipality = new LinkedHashMap<>();
      for (CompetenceRegister.Holding holding : register.holdings(userId, null)) {
        byMunicipality.computeIfAbsent(holding.municipality(), key -> new ArrayList<>()).add(holding);
      }
      byMunicipality.forEach((municipality, holdings) -> {
        Set<String> held = new java.util.HashSet<>();
        holdings.stream().filter(h -> h.level().independent() && h.validOn(register.today()))
            .forEach(h -> held.add(h.code()));
        String prefix = TaskCompetence.GROUP_PREFIX + municipality + "-";
        for (String group : openGroups()) {
          if (group.startsWith(prefix) && held.containsAll(List.of(group.substring(prefix.length()).split("\\+")))) {
            groups.add(group);
          }
        }
      });
    }
    if (groups.isEmpty()) {
      groups.add(NONE);
    }
    return groups;
  }
}
