package no.carepath.security;


import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The menu of Carepath's pages and the Camunda webapps. The header of every page and the cards of
 * the start page come from this one list, and each entry is shown to exactly those the access model
 * ({@link AccessModel}) lets open it: a menu never leads to a refusal.
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

  private record Entry(String label, String href, String description) {
  }

  private static final List<Entry> ENTRIES = List.of(
      new Entry("Saker", "/app/cases",
          "Søknader, henvisninger og meldinger til tildelingskontoret, med vedtak, vedtaksbrev og klager."),
      new Entry("Oppfølging", "/app/episodes",
          "Pasientene i digital hjemmeoppfølging: målinger, avvik, plan og meldinger med fastlegen."),
      new Entry("Sykehusopphold", "/app/stays",
          "Pasienter på sykehus, de utskrivningsklare først med dagene de har ventet."),
      new Entry("Meldinger fra sykehus", "/app/stays/timeliness",
          "Om meldingene fra sykehuset kom i tide: tall for de siste 90 dagene, uten pasienter."),
      new Entry("Indikatorer", "/app/metrics",
          "Hvordan forløpet går: svartider, frister, avvik og innleggelser over tid, med statistisk prosesskontroll."),
      new Entry("Ledelsens gjennomgang", "/app/reviews",
          "Den årlige gjennomgangen: statistikkpakken, vurdering av områdene, tiltaksplan og signert beslutning."),
      new Entry("Kompetanse", "/app/competences",
          "Kompetanseregisteret for teamet ditt: hvem kan hva, på hvilket nivå og til når, med endringslogg."),
      new Entry("Kompetansedekning", "/app/competences/overview",
          "Andel oppgaver gjort med riktig kompetanse, mangler i teamet og kompetanser som snart må fornyes."),
      new Entry("Meld avvik", "/app/incidents/new",
          "Meld en uønsket hendelse eller en nesten-hendelse, så lederen kan følge den opp."),
      new Entry("Innsyn i logg", "/app/access-report",
          "Hvem som har lest en pasients opplysninger, når og hvorfor, når pasienten ber om innsyn."),
      new Entry("Tilgangsstatistikk", "/app/access-statistics",
          "Oppslag i pasientopplysninger samlet per rolle og formål, for å kontrollere tilgangene."),
      new Entry("Tasklist", "/camunda/app/tasklist/",
          "Oppgavene dine: kartlegge, fatte vedtak, følge opp avvik og svare sykehuset."),
      new Entry("Cockpit", "/camunda/app/cockpit/",
          "Prosessene i drift: definisjoner, instanser, insidenter og historikk (uten pasientopplysninger)."),
      new Entry("Admin", "/camunda/app/admin/",
          "Tilganger og innstillinger i Camunda."));

  public Navigation() {
  }

  /**
   * The entries this person sees, in menu order; the one whose address is the longest prefix of
   * {@code currentPath} is {@code current}.
   */
  public List<Item> itemsFor(Actor actor, String currentPath) {
    List<Entry> shown = ENTRIES.stream().filter(entry -> opens(actor, entry)).toList();
    Entry current = shown.stream().filter(entry -> within(currentPath, entry.href()))
        .reduce((a, b) -> b.href().length() > a.href().length() ? b : a).orElse(null);
    return shown.stream().map(entry -> new Item(entry.label(), entry.href(), entry.description(), entry == current))
        .toList();
  }

  /** Whether this person's menu has the entry with this address. */
  public boolean offers(Actor actor, String href) {
    return ENTRIES.stream().anyMatch(entry -> entry.href().equals(href) && opens(actor, entry));
  }

  /** An entry is shown to those the access model lets open it. */
  private static boolean opens(Actor actor, Entry entry) {
    return AccessModel.permits(actor.groups(), HttpMethod.GET, entry.href());
  }

  private static boolean within(String path, String href) {
    if (path == null) {
      return false;
    }
    String base = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    return path.equals(base) || path.startsWith(base + "/");
  }
}
