package no.carepath.security;

import static no.carepath.security.CarepathGroups.ADMINISTRATORS;
import static no.carepath.security.CarepathGroups.ALLOCATION_OFFICE;
import static no.carepath.security.CarepathGroups.HOME_FOLLOW_UP_NURSES;
import static no.carepath.security.CarepathGroups.MANAGERS;
import static no.carepath.security.CarepathGroups.PROCESS_OWNERS;
import static no.carepath.security.CarepathGroups.TEAM_LEADERS;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The menu of Carepath's pages and the Camunda webapps: each entry with the roles that see it. The
 * header of every page and the cards of the start page come from this one list. It only decides what
 * is shown; who may open a page is {@code SecurityConfiguration}'s.
 */
@Component
public class Navigation {

  /**
   * One menu entry as a page shows it.
   *
   * @param description one line for the start page
   * @param current whether the page shown is this entry's (or below it)
   */
  public record Item(String label, String href, String description, boolean current) {
  }

  private record Entry(String label, String href, String description, List<String> groups) {
  }

  private static final List<Entry> ENTRIES = List.of(
      new Entry("Saker", "/app/cases",
          "Søknader, henvisninger og meldinger til tildelingskontoret, med vedtak, vedtaksbrev og klager.",
          List.of(ALLOCATION_OFFICE, TEAM_LEADERS)),
      new Entry("Oppfølging", "/app/episodes",
          "Pasientene i digital hjemmeoppfølging: målinger, avvik, plan og meldinger med fastlegen.",
          List.of(HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
      new Entry("Sykehusopphold", "/app/stays",
          "Pasienter på sykehus, de utskrivningsklare først med dagene de har ventet.",
          List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS)),
      new Entry("Meldinger fra sykehus", "/app/stays/timeliness",
          "Om meldingene fra sykehuset kom i tide: tall for de siste 90 dagene, uten pasienter.",
          List.of(ALLOCATION_OFFICE, TEAM_LEADERS, MANAGERS)),
      new Entry("Innsyn i logg", "/app/access-report",
          "Hvem som har lest en pasients opplysninger, når og hvorfor, når pasienten ber om innsyn.",
          List.of(ALLOCATION_OFFICE)),
      new Entry("Tilgangsstatistikk", "/app/access-statistics",
          "Oppslag i pasientopplysninger samlet per rolle og formål, for å kontrollere tilgangene.",
          List.of(MANAGERS, ADMINISTRATORS)),
      new Entry("Tasklist", "/camunda/app/tasklist/",
          "Oppgavene dine: kartlegge, fatte vedtak, følge opp avvik og svare sykehuset.",
          List.of(ALLOCATION_OFFICE, HOME_FOLLOW_UP_NURSES, TEAM_LEADERS, ADMINISTRATORS)),
      new Entry("Cockpit", "/camunda/app/cockpit/",
          "Prosessene i drift: hvor sakene står, hendelser og historikk.",
          List.of(PROCESS_OWNERS, MANAGERS, ADMINISTRATORS)),
      new Entry("Admin", "/camunda/app/admin/",
          "Tilganger og innstillinger i Camunda.",
          List.of(ADMINISTRATORS)));

  public Navigation() {
  }

  /**
   * The entries this person sees, in menu order; the one whose address is the longest prefix of
   * {@code currentPath} is {@code current}.
   */
  public List<Item> itemsFor(Actor actor, String currentPath) {
    List<Entry> shown = ENTRIES.stream().filter(entry -> actor.isMemberOfAny(entry.groups())).toList();
    Entry current = shown.stream().filter(entry -> within(currentPath, entry.href()))
        .reduce((a, b) -> b.href().length() > a.href().length() ? b : a).orElse(null);
    return shown.stream().map(entry -> new Item(entry.label(), entry.href(), entry.description(), entry == current))
        .toList();
  }

  /** Whether this person's menu has the entry with this address. */
  public boolean offers(Actor actor, String href) {
    return ENTRIES.stream().anyMatch(entry -> entry.href().equals(href) && actor.isMemberOfAny(entry.groups()));
  }

  private static boolean within(String path, String href) {
    if (path == null) {
      return false;
    }
    String base = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    return path.equals(base) || path.startsWith(base + "/");
  }
}
