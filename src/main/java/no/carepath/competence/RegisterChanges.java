package no.carepath.competence;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * A team leader's change of the register, checked on the server, from the page or the API: the
 * person must be someone Keycloak knows (signed in at least once) who works in the team leader's
 * municipality; the competence from the catalogue; a level; a validity that fits the competence
 * (one that expires needs an end date, at most its default length ahead). A team leader does not
 * verify her own competence. Every problem is said in Norwegian; nothing is changed then.
 */
@Component
public class RegisterChanges {

  /** What was wrong with a change; nothing was stored. */
  public static final class Invalid extends RuntimeException {
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join(" ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{2,100}");
  static final List<String> TEAM_ROLES = List.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.ALLOCATION_OFFICE,
      CarepathGroups.TEAM_LEADERS);

  private final CompetenceRegister register;
  private final IdentityService identities;

  RegisterChanges(CompetenceRegister register, IdentityService identities) {
    this.register = register;
    this.identities = identities;
  }

  /** Adds or changes a holding. */
  public CompetenceRegister.Holding put(Actor leader, String municipality, String userId, String code, String level,
      String validFrom, String validUntil, String note) {
    List<String> problems = new ArrayList<>();
    String chosen = municipality(leader, municipality, problems);
    checkPerson(leader, chosen, userId, problems);
    Competence competence = null;
    if (code == null || code.isBlank()) {
      problems.add("Velg kompetanse.");
    } else {
      competence = CompetenceCatalogue.find(code).orElse(null);
      if (competence == null) {
        problems.add("Kompetansen «" + code + "» finnes ikke i katalogen.");
      }
    }
    Level parsedLevel = null;
    if (level == null || level.isBlank()) {
      problems.add("Velg nivå: under opplæring, selvstendig eller kan veilede.");
    } else {
      try {
        parsedLevel = Level.valueOf(level);
      } catch (IllegalArgumentException e) {
        problems.add("Nivået «" + level + "» finnes ikke. Velg under opplæring, selvstendig eller kan veilede.");
      }
    }
    LocalDate today = register.today();
    LocalDate from = validFrom == null || validFrom.isBlank() ? today : date(validFrom, "Gyldig fra", problems);
    LocalDate until = validUntil == null || validUntil.isBlank() ? null : date(validUntil, "Gyldig til", problems);
    if (from != null && from.isAfter(today.plusYears(1))) {
      problems.add("«Gyldig fra» kan være høyst ett år fram i tid.");
    }
    if (from != null && from.isBefore(today.minusYears(50))) {
      problems.add("«Gyldig fra» er for langt tilbake.");
    }
    if (competence != null && from != null) {
      if (competence.expires() && until == null) {
        until = from.plusMonths(competence.validityMonths());
      }
      if (until != null && !until.isAfter(from)) {
        problems.add("«Gyldig til» må være etter «Gyldig fra».");
      } else if (until != null && competence.expires() && until.isAfter(from.plusMonths(competence.validityMonths()))) {
        problems.add("«" + competence.name() + "» må fornyes minst hver " + competence.validityMonths()
            + ". måned: «Gyldig til» kan være høyst " + from.plusMonths(competence.validityMonths()) + ".");
      } else if (until != null && until.isBefore(today)) {
        problems.add("«Gyldig til» har alt vært. En utløpt kompetanse fjernes, eller fornyes med ny dato.");
      }
    }
    if (note != null && note.length() > 1000) {
      problems.add("Notatet kan være høyst 1000 tegn.");
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    CompetenceRegister.Holding holding = new CompetenceRegister.Holding(userId, chosen, competence.code(), parsedLevel,
        from, until, leader.id(), null);
    register.put(leader, holding, note == null || note.isBlank() ? null : note.strip());
    return holding;
  }

  /** Removes a holding; whether there was one. */
  public boolean remove(Actor leader, String municipality, String userId, String code, String note) {
    List<String> problems = new ArrayList<>();
    String chosen = municipality(leader, municipality, problems);
    if (userId == null || !USER_ID.matcher(userId).matches()) {
      problems.add("Velg person.");
    } else if (userId.equals(leader.id())) {
      problems.add("Du kan ikke endre din egen kompetanse; spør en annen teamleder eller lederen din.");
    }
    if (code == null || code.isBlank()) {
      problems.add("Velg kompetanse.");
    }
    if (note != null && note.length() > 1000) {
      problems.add("Notatet kan være høyst 1000 tegn.");
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return register.remove(leader, userId, chosen, code, note == null || note.isBlank() ? null : note.strip());
  }

  private static String municipality(Actor leader, String municipality, List<String> problems) {
    if (!leader.isMemberOf(CarepathGroups.TEAM_LEADERS)) {
      problems.add("Bare teamleder kan endre kompetanseregisteret.");
      return null;
    }
    String chosen = (municipality == null || municipality.isBlank()) && leader.municipalities().size() == 1
        ? leader.municipalities().iterator().next() : municipality;
    if (chosen == null || !leader.municipalities().contains(chosen)) {
      problems.add("Velg en av kommunene dine.");
      return null;
    }
    return chosen;
  }

  private void checkPerson(Actor leader, String municipality, String userId, List<String> problems) {
    if (userId == null || userId.isBlank()) {
      problems.add("Velg person.");
      return;
    }
    if (!USER_ID.matcher(userId).matches()) {
      problems.add("Personen «" + userId + "» finnes ikke.");
      return;
    }
    if (userId.equals(leader.id())) {
      problems.add("Du kan ikke godkjenne din egen kompetanse; spør en annen teamleder eller lederen din.");
      return;
    }
    User user = identities.createUserQuery().userId(userId).singleResult();
    if (user == null || municipality == null) {
      problems.add("Personen «" + userId + "» er ikke kjent i Carepath ennå: en person blir kjent når hun har logget inn"
          + " én gang.");
      return;
    }
    boolean inMunicipality = identities.createUserQuery().userId(userId)
        .memberOfGroup(CarepathGroups.MUNICIPALITY_PREFIX + municipality).count() > 0;
    boolean works = TEAM_ROLES.stream().anyMatch(role -> identities.createUserQuery().userId(userId).memberOfGroup(role)
        .count() > 0);
    if (!inMunicipality || !works) {
      problems.add("«" + userId + "» arbeider ikke med pasientoppgaver i kommunen din.");
    }
  }

  private static LocalDate date(String text, String label, List<String> problems) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add("«" + label + "» må være en dato (åååå-mm-dd).");
      return null;
    }
  }
}
