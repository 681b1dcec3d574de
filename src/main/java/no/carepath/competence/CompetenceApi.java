package no.carepath.competence;

import java.util.List;
import java.util.Map;

import no.carepath.platform.RequestRejectedException;
import no.carepath.security.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register as JSON, for an HR or rota system to read and keep: {@code GET /api/competences}, the
 * catalogue; {@code /api/competences/holdings}, the holdings of a team leader's municipality, with
 * {@code PUT} and {@code DELETE} of one holding. The same checks and log as the page; a refused change
 * is a 400 problem with every problem in Norwegian.
 */
@RestController
@RequestMapping("/api/competences")
class CompetenceApi {

  /** A holding as sent: level, from, until, note; the person, municipality and competence are in the path. */
  record HoldingChange(String level, String validFrom, String validUntil, String note) {
  }

  private final CompetenceRegister register;
  private final RegisterChanges changes;

  CompetenceApi(CompetenceRegister register, RegisterChanges changes) {
    this.register = register;
    this.changes = changes;
  }

  @GetMapping
  List<Competence> catalogue() {
    return CompetenceCatalogue.all();
  }

  @GetMapping("/holdings")
  List<CompetenceRegister.Holding> holdings(@RequestParam(required = false) String municipality) {
    return register.municipality(mine(municipality));
  }

  @PutMapping("/holdings/{municipality}/{user}/{code}")
  CompetenceRegister.Holding put(@PathVariable String municipality, @PathVariable String user, @PathVariable String code,
      @RequestBody HoldingChange change) {
    String chosen = mine(municipality);
    try {
      changes.put(Actor.current(), chosen, user, code, change.level(), change.validFrom(), change.validUntil(),
          change.note());
    } catch (RegisterChanges.Invalid invalid) {
      throw RequestRejectedException.invalid(invalid.problems().stream()
          .map(problem -> new RequestRejectedException.FieldProblem("holding", problem)).toList());
    }
    return register.holding(user, chosen, code).orElseThrow();
  }

  @DeleteMapping("/holdings/{municipality}/{user}/{code}")
  ResponseEntity<Map<String, Object>> delete(@PathVariable String municipality, @PathVariable String user,
      @PathVariable String code, @RequestParam(required = false) String note) {
    String chosen = mine(municipality);
    boolean removed;
    try {
      removed = changes.remove(Actor.current(), chosen, user, code, note);
    } catch (RegisterChanges.Invalid invalid) {
      throw RequestRejectedException.invalid(invalid.problems().stream()
          .map(problem -> new RequestRejectedException.FieldProblem("holding", problem)).toList());
    }
    if (!removed) {
      throw RequestRejectedException.notFound("Personen har ikke denne kompetansen i kommunen.");
    }
    return ResponseEntity.noContent().build();
  }

  private static String mine(String municipality) {
    Actor actor = Actor.current();
    if (municipality == null || municipality.isBlank()) {
      if (actor.municipalities().size() == 1) {
        return actor.municipalities().iterator().next();
      }
      throw RequestRejectedException.invalid("municipality", "Oppgi kommunen (municipality): du hører til flere.");
    }
    if (!actor.municipalities().contains(municipality)) {
      throw RequestRejectedException.notFound("Kommunen finnes ikke, eller er ikke din.");
    }
    return municipality;
  }
}
