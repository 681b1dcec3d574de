package no.carepath.platform;

import static no.carepath.platform.PageRendering.CSRF;
import static no.carepath.platform.PageRendering.ESCAPED_NAME;
import static no.carepath.platform.PageRendering.HOSTILE_NAME;
import static no.carepath.platform.PageRendering.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import no.carepath.allocation.CasePagesExample;
import no.carepath.followup.EpisodePagesExample;
import no.carepath.security.Municipalities;
import no.carepath.security.Actor;
import no.carepath.security.Navigation;
import no.carepath.transitions.StayPagesExample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page template rendered as the application renders it (Thymeleaf through Spring MVC, the page
 * controllers with mocked services): the shared layout in Norwegian with the person's menu, the
 * patient's name escaped, no inline style or script (the pages' Content-Security-Policy forbids
 * them), a label for every form field and the CSRF field in every form. The texts the pages showed
 * before the templates are asserted where they matter to the people reading them.
 */
class PageTemplatesTest {

  private static final Pattern FORM = Pattern.compile("<form\\b.*?</form>", Pattern.DOTALL);
  private static final Pattern LABEL = Pattern.compile("<label\\b.*?</label>", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("<(input|textarea|select)\\b[^>]*>");
  private static final String CSRF_FIELD = "<input type=\"hidden\" name=\"_csrf\" value=\"csrf-token-1234\">";

  private final MockMvc mvc = PageRendering.mvc(CasePagesExample.controller(), EpisodePagesExample.controller(),
      StayPagesExample.controller(), new StartPage(PageRendering.municipalities()));

  @AfterEach
  void signOut() {
    PageRendering.signOut();
  }

  // ---- layout and start page -------------------------------------------------------------------

  @Test
  void theStartPageWelcomesThePersonWithTheirRolesMunicipalitiesAndMenu() throws Exception {
    signIn("kari.lund", "Kari Lund", "team-leaders", "managers", "municipality-1804", "municipality-1806");
    String page = page(get("/app"), status().isOk());

    assertLayout(page, "Startside");
    assertMenu(page, List.of("Saker", "Oppfølging", "Sykehusopphold", "Meldinger fra sykehus", "Tilgangsstatistikk",
        "Tasklist", "Cockpit"), List.of("Innsyn i logg", "Admin"));
    assertThat(page).contains("<h1>Velkommen, Kari Lund</h1>").contains("Teamleder, Leder").contains("Bodø, Narvik")
        .contains("<span>Kari Lund</span>").contains("<a href=\"/logout\">Logg ut</a>")
        .contains("<a class=\"skip-link\" href=\"#innhold\">Hopp til innhold</a>")
        .contains("<main id=\"innhold\"").contains("<a class=\"brand\" href=\"/app\">Carepath</a>")
        .contains("Pasientene i digital hjemmeoppfølging: målinger, avvik, plan og meldinger med fastlegen.")
        .doesNotContain("aria-current");
  }

  @Test
  void theRootLeadsToTheStartPage() throws Exception {
    signIn("kari.lund", "Kari Lund", "team-leaders");
    mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(header().string("Location", "/app"));
  }

  @Test
  void theMenuShowsOnlyWhatTheRoleMayUse() {
    Navigation navigation = new Navigation();
    Actor nurse = new Actor("jonas.lie", "Jonas Lie", java.util.Set.of("home-follow-up-nurses", "municipality-1804"));
    Actor administrator = new Actor("admin", "Admin", java.util.Set.of("administrators"));

    assertThat(navigation.itemsFor(nurse, "/app/episodes/EP-1")).extracting(Navigation.Item::label)
        .containsExactly("Oppfølging", "Sykehusopphold", "Meld avvik", "Tasklist");
    assertThat(navigation.itemsFor(nurse, "/app/episodes/EP-1")).filteredOn(Navigation.Item::current)
        .extracting(Navigation.Item::href).containsExactly("/app/episodes");
    assertThat(navigation.itemsFor(administrator, "/camunda/app/admin/")).extracting(Navigation.Item::label)
        .containsExactly("Meld avvik", "Tilgangsstatistikk", "Tasklist", "Cockpit", "Admin");
    assertThat(navigation.itemsFor(Actor.SYSTEM, "/app")).isEmpty();
  }

  // ---- /app/cases ------------------------------------------------------------------------------

  @Test
  void theCaseListShowsTheCasesWithThePatientEscaped() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    String page = page(get("/app/cases"), status().isOk());

    assertLayout(page, "Saker");
    assertMenu(page, List.of("Saker", "Sykehusopphold", "Meldinger fra sykehus", "Innsyn i logg", "Tasklist"),
        List.of("Oppfølging", "Cockpit"));
    assertCurrent(page, "Saker");
    assertThat(page).contains("<h1>Saker</h1>").contains("Tildelingskontoret, <span>Bodø</span>")
        .contains("<a href=\"/app/cases/" + CasePagesExample.CASE_ID + "\">" + CasePagesExample.CASE_ID + "</a>")
        .contains(ESCAPED_NAME + ", f. 03.04.1945").contains("<td>Søknad</td>").contains("<td>01.03.2026 10:30</td>")
        .contains("<span class=\"status\">Vedtaksbrev sendt</span>");
  }

  @Test
  void aCaseShowsItsDecisionLetterAndTheAppealForm() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    String page = page(get("/app/cases/" + CasePagesExample.CASE_ID), status().isOk());

    assertLayout(page, CasePagesExample.CASE_ID);
    assertCurrent(page, "Saker");
    assertThat(page).contains("<dt>Pasient</dt><dd>" + ESCAPED_NAME + "</dd>").contains("<dd>034580 *****</dd>")
        .contains("<dt>Samtykke til digital hjemmeoppfølging</dt><dd>Ja</dd>")
        .contains("<dt>Tjenester</dt><dd>Digital hjemmeoppfølging</dd>").contains("<dt>Startdato</dt><dd>15.03.2026</dd>")
        .contains("<dt>Fattet av</dt><dd>Ingrid Berg, 05.03.2026 12:00</dd>")
        .contains("href=\"/app/cases/" + CasePagesExample.CASE_ID + "/letter\" target=\"_blank\">Åpne vedtaksbrevet (PDF)</a>")
        .contains("Sendt 05.03.2026 12:05").contains("action=\"/app/cases/" + CasePagesExample.CASE_ID + "/appeal\"")
        .contains("name=\"receivedDate\"").contains("name=\"reason\"").contains("Registrer klage")
        .contains("Levert i digital postkasse").contains("05.03.2026 12:05 – Vedtaksbrev sendt")
        .doesNotContain("Klagebehandling").doesNotContain("class=\"notice\"");
    assertThat(forms(page)).hasSize(1);
  }

  @Test
  void anAppealWithoutItsDateIsShownAgainWithTheMessage() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    String page = page(post("/app/cases/" + CasePagesExample.CASE_ID + "/appeal").param("reason", "Uenig"),
        status().isBadRequest());

    assertLayout(page, CasePagesExample.CASE_ID);
    assertThat(page).contains("<p class=\"error\" role=\"alert\">Oppgi datoen klagen kom inn.</p>");
  }

  @Test
  void aRegisteredAppealLeadsBackToTheCaseWithANotice() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    mvc.perform(post("/app/cases/" + CasePagesExample.CASE_ID + "/appeal").param("receivedDate", "2026-03-09")
            .param("reason", "Uenig i omfanget"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/app/cases/" + CasePagesExample.CASE_ID + "?registered"));

    assertThat(page(get("/app/cases/" + CasePagesExample.CASE_ID).param("registered", ""), status().isOk()))
        .contains("<p class=\"notice\">Klagen er registrert. Saken er sendt til ny kartlegging i Tasklist.</p>");
  }

  @Test
  void aCaseOutsideThePersonsMunicipalitiesIsNotFound() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    String page = page(get("/app/cases/SAK-<b>1"), status().isNotFound());

    assertLayout(page, "Finnes ikke");
    assertThat(page).contains("<h1>Finner ikke saken</h1>")
        .contains("Finner ingen sak SAK-&lt;b&gt;1 i kommunene du har tilgang til.")
        .contains("<a href=\"/app/cases\">Til sakslisten</a>");
  }

  // ---- /app/episodes ---------------------------------------------------------------------------

  @Test
  void theEpisodeListShowsOpenDeviationsInTheirColour() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    String page = page(get("/app/episodes"), status().isOk());

    assertLayout(page, "Oppfølging");
    assertMenu(page, List.of("Oppfølging", "Sykehusopphold", "Tasklist"), List.of("Saker", "Meldinger fra sykehus"));
    assertCurrent(page, "Oppfølging");
    assertThat(page).contains("<h1>Digital hjemmeoppfølging</h1>").contains(ESCAPED_NAME + ", f. 03.04.1945")
        .contains("Aktiv oppfølging <span class=\"status\">Aktiv</span>").contains("<td>versjon 2</td>")
        .contains("<td class=\"red\">Rødt avvik</td>").contains("(filteret «Avvik i målinger»)")
        .contains("Oppstart <span class=\"status\">Planlagt</span></td>\n        <td>–</td>\n        <td>–</td>\n        <td>Narvik</td>");
  }

  @Test
  void anEpisodeShowsReadingsPlanDeviationsAndTheFormsThatApply() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    String page = page(get("/app/episodes/" + EpisodePagesExample.EPISODE_ID), status().isOk());

    assertLayout(page, HOSTILE_NAME + " Olsen");
    assertCurrent(page, "Oppfølging");
    assertThat(page).contains("<h1>" + ESCAPED_NAME + " Olsen <span class=\"status\">Aktiv oppfølging · Aktiv</span></h1>")
        .contains("<dd>EP-2026-000042 (sak SAK-2026-000123)</dd>").contains("<dd>Dr. Hansen, Sentrum legekontor</dd>")
        .contains("<dd>Oksygenmetning, Temperatur, 1 gang(er) per døgn</dd>").contains("<dd>Pulsoksymeter (SN-1)</dd>")
        .contains("<p class=\"yellow\">NEWS2 3 – Lav–middels – sykepleier kontakter lege. NEWS2 erstatter ikke pasientens egne grenser.</p>")
        .contains("<img class=\"chart\" alt=\"Målinger siste 14 dager med terskelverdier\"")
        .contains("src=\"/app/episodes/" + EpisodePagesExample.EPISODE_ID + "/readings.svg\"")
        .contains("<td>Oksygenmetning 86 %</td>").contains("<td class=\"red\">Kritisk lav (rød)</td>")
        .contains("<td>Temperatur 37,2 °C</td>").contains("<td class=\"green\">Normal (grønn)</td>")
        .contains("<dd>2, godkjent 16.02.2026 11:00 – fastlegen: Godkjent</dd>").contains("<dd>30. dag</dd>")
        .contains("<td>Temperatur (°C)</td>").contains("<td>35,1</td>").contains("<td>38</td>")
        .contains("Versjon 1: Erstattet – Første plan").contains("<td class=\"red\">AV-1 rød</td>")
        .contains("<td>Sendt, venter på svar</td>").contains("10.03.2026 08:30 – Ringt pasienten")
        .contains("Sett på pause").contains("Avslutt tjenesten").doesNotContain("Gjenoppta oppfølgingen");
    // the accountability record (issue 13): who did the task under which competence, escaped
    assertThat(page).contains("Hvem gjorde hva, med hvilken kompetanse").contains("<td>Vurder rødt avvik</td>")
        .contains("<td>Triage av røde avvik (DHO)</td>").contains("<td>Kan veilede</td>")
        .contains("<td>" + ESCAPED_NAME + "</td>");
    assertThat(forms(page)).hasSize(2);
  }

  @Test
  void aPauseWithoutItsDateIsShownAgainAndAValidOneLeadsBack() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    String page = page(post("/app/episodes/" + EpisodePagesExample.EPISODE_ID + "/pause").param("reason", "reise"),
        status().isBadRequest());
    assertThat(page).contains("<p class=\"error\" role=\"alert\">Oppgi datoen pausen skal vare til.</p>");

    assertThat(page(post("/app/episodes/" + EpisodePagesExample.EPISODE_ID + "/end"), status().isBadRequest()))
        .contains("Skriv hvorfor oppfølgingen skal avsluttes. (høyst 500 tegn)");

    mvc.perform(post("/app/episodes/" + EpisodePagesExample.EPISODE_ID + "/pause").param("until", "2026-03-20")
            .param("reason", "reise"))
        .andExpect(status().isSeeOther())
        .andExpect(header().string("Location", "/app/episodes/" + EpisodePagesExample.EPISODE_ID + "?done"));
  }

  @Test
  void theReadingsChartIsStillAnSvgImage() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    String svg = mvc.perform(get("/app/episodes/" + EpisodePagesExample.EPISODE_ID + "/readings.svg"))
        .andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/svg+xml;charset=UTF-8"))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("Oksygenmetning");
  }

  // ---- /app/stays ------------------------------------------------------------------------------

  @Test
  void theStayListShowsWaitingDaysAndLinksToTheTimelinessPage() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    String page = page(get("/app/stays"), status().isOk());

    assertLayout(page, "Sykehusopphold");
    assertCurrent(page, "Sykehusopphold");
    assertThat(page).contains("<h1>Sykehusopphold</h1>")
        .contains("<a href=\"/app/stays/timeliness\">Kom meldingene fra sykehuset i tide?</a>")
        .contains("<a href=\"/app/stays/" + StayPagesExample.STAY_ID + "\">" + ESCAPED_NAME + ", f. 03.04.1945</a>")
        .contains("<span class=\"status yellow\">Utskrivningsklar</span>").contains("<td>siden 08.03.2026 (2 dager)</td>")
        .contains("<span class=\"status\">ukjent for kommunen</span>").contains("<td>3 dager</td>")
        .contains("<span class=\"red\">mangler</span>").contains("<h2>Avsluttet siste 30 dager</h2>")
        .doesNotContain("Siste 90 dager");
  }

  @Test
  void theStayListDoesNotLinkToTheTimelinessPageForThoseWithoutIt() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    assertThat(page(get("/app/stays"), status().isOk())).doesNotContain("/app/stays/timeliness");
  }

  @Test
  void aStayShowsTheHospitalsMessagesAndLinksTheEpisodeForNurses() throws Exception {
    signIn("jonas.lie", "Jonas Lie", "home-follow-up-nurses", "municipality-1804");
    String page = page(get("/app/stays/" + StayPagesExample.STAY_ID), status().isOk());

    assertLayout(page, HOSTILE_NAME + " Olsen, f. 03.04.1945");
    assertThat(page).contains("<h1>" + ESCAPED_NAME + " Olsen, f. 03.04.1945 <span class=\"status\">Utskrivningsklar</span></h1>")
        .contains("<dd>OPP-2026-000007 (sykehusets id NLSH-55)</dd>").contains("<dd>Nordlandssykehuset, Medisinsk avdeling</dd>")
        .contains("<dd><a href=\"/app/episodes/EP-2026-000042\">EP-2026-000042</a></dd>")
        .contains("<dt>Utskrivningsklar</dt><dd>08.03.2026 10:00 (ikke besvart)</dd>")
        .contains("<dt>Fra sykehuset</dt><dd>Trenger hjelp med medisiner</dd>")
        .contains("Melding om utskrivningsklar pasient <span class=\"status\">kom i feil rekkefølge</span>")
        .contains("<h2>Meldinger til sykehuset</h2>").contains("<td>Sendt, venter på kvittering</td>");
  }

  @Test
  void aStayNamesTheEpisodeWithoutALinkForThoseWhoCannotOpenIt() throws Exception {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");
    assertThat(page(get("/app/stays/" + StayPagesExample.STAY_ID), status().isOk()))
        .contains("<dd>EP-2026-000042 (sykepleierne i digital hjemmeoppfølging)</dd>");
  }

  @Test
  void theTimelinessPageShowsCountsAndNoPatient() throws Exception {
    signIn("hanne.dahl", "Hanne Dahl", "managers", "municipality-1804");
    String page = page(get("/app/stays/timeliness"), status().isOk());

    assertLayout(page, "Meldinger fra sykehus");
    assertCurrent(page, "Meldinger fra sykehus");
    assertThat(page).contains("<h1>Kom meldingene fra sykehuset i tide? Siste 90 dager</h1>")
        .contains("<td>Melding om innlagt pasient innen 24 timer</td>")
        .contains("<td>Helseopplysninger innen 3 døgn etter innleggelsen</td>")
        .contains("<td>Epikrise samme dag som utskrivningen</td>").contains("<td>100 %</td>")
        .contains("<dt>Tid fra utskrivning til epikrise, snitt</dt><dd>3,5 timer</dd>")
        .doesNotContain(ESCAPED_NAME).doesNotContain("f. 03.04.1945");
  }

  // ---- error pages -----------------------------------------------------------------------------

  @Test
  void errorPagesAreInNorwegianWithThePersonsMenu() {
    signIn("ingrid.berg", "Ingrid Berg", "allocation-office", "municipality-1804");

    String forbidden = errorPage(HttpStatus.FORBIDDEN, "/app/episodes");
    assertLayout(forbidden, "Ingen tilgang");
    assertMenu(forbidden, List.of("Saker", "Sykehusopphold", "Tasklist"), List.of("Oppfølging"));
    assertThat(forbidden).contains("<h1>Ingen tilgang</h1>").contains("<a href=\"/app\">Til startsiden</a>")
        .contains("<span>Ingrid Berg</span>").contains("Logg ut");

    String notFound = errorPage(HttpStatus.NOT_FOUND, "/app/cases/x/y");
    assertLayout(notFound, "Finner ikke siden");
    assertCurrent(notFound, "Saker");

    String failed = errorPage(HttpStatus.INTERNAL_SERVER_ERROR, "/app/stays");
    assertLayout(failed, "Noe gikk galt");
    assertThat(failed).contains("<h1>Noe gikk galt</h1>").doesNotContain("Exception").doesNotContain("Internal Server Error");

    assertThat(errorPage(HttpStatus.SERVICE_UNAVAILABLE, "/app")).contains("<h1>Noe gikk galt</h1>");
    String other = errorPage(HttpStatus.METHOD_NOT_ALLOWED, "/app/cases");
    assertLayout(other, "Siden kan ikke vises");
    assertThat(other).contains("(feilkode 405)").doesNotContain("Method Not Allowed");
  }

  @Test
  void errorPagesShowOnlyTheBrandWhenNobodyIsSignedIn() {
    String page = errorPage(HttpStatus.NOT_FOUND, "/nowhere");

    assertLayout(page, "Finner ikke siden");
    assertThat(page).contains("<a class=\"brand\" href=\"/app\">Carepath</a>").doesNotContain("<nav")
        .doesNotContain("Logg ut").doesNotContain("class=\"user\"");
  }

  @Test
  void theNotFoundTemplateEscapesWhatItIsGiven() {
    ModelAndView view = PageResponses.notFound("Finnes ikke", "Finner ikke forløpet",
        "Finner ingen episode " + HOSTILE_NAME + " i kommunene du har tilgang til.", "/app/episodes", "Til listen");
    String page = PageRendering.render(view.getViewName(), Map.of("nav", List.of(), "title", "Finnes ikke",
        "heading", "Finner ikke forløpet", "message", view.getModel().get("message"), "backHref", "/app/episodes",
        "backLabel", "Til listen"));

    assertThat(view.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    assertLayout(page, "Finnes ikke");
    assertThat(page).contains("Finner ingen episode " + ESCAPED_NAME + " i kommunene").doesNotContain(HOSTILE_NAME);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private String page(MockHttpServletRequestBuilder request, ResultMatcher status) throws Exception {
    return mvc.perform(request.requestAttr("_csrf", CSRF)).andExpect(status)
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String errorPage(HttpStatus status, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
    Map<String, Object> attributes = Map.of("status", status.value(), "error", status.getReasonPhrase(), "path", path);
    ModelAndView view = new ErrorPages(new PageLayout(new Navigation())).resolveErrorView(request, status, attributes);
    assertThat(view.getStatus()).isEqualTo(status);
    return PageRendering.render(view.getViewName(), view.getModel());
  }

  /** The frame every page shares, and what the Content-Security-Policy and accessibility ask of all pages. */
  private static void assertLayout(String page, String title) {
    String escapedTitle = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<html lang=\"nb\">").contains("<meta charset=\"utf-8\">")
        .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .contains("<title>" + escapedTitle + " – Carepath</title>")
        .contains("<link rel=\"stylesheet\" href=\"/css/carepath.css\">")
        .contains("Hopp til innhold").contains("<main id=\"innhold\"")
        .doesNotContain("style=").doesNotContain("<style").doesNotContain("<script").doesNotContain("th:")
        .doesNotContainPattern("\\son[a-z]+=");
    for (String form : forms(page)) {
      assertThat(form).as("CSRF field of %s", form).contains(CSRF_FIELD).contains("method=\"post\"");
      String unlabelled = LABEL.matcher(form).replaceAll("");
      Matcher fields = FIELD.matcher(unlabelled);
      while (fields.find()) {
        assertThat(fields.group()).as("a field outside a <label>").contains("type=\"hidden\"");
      }
    }
  }

  private static void assertMenu(String page, List<String> shown, List<String> hidden) {
    String nav = page.substring(page.indexOf("<nav"), page.indexOf("</nav>"));
    shown.forEach(label -> assertThat(nav).contains(">" + label + "</a>"));
    hidden.forEach(label -> assertThat(nav).doesNotContain(">" + label + "</a>"));
  }

  private static void assertCurrent(String page, String label) {
    String nav = page.substring(page.indexOf("<nav"), page.indexOf("</nav>"));
    assertThat(nav).contains("aria-current=\"page\">" + label + "</a>");
    assertThat(nav.split("aria-current", -1)).hasSize(2);
  }

  private static List<String> forms(String page) {
    return FORM.matcher(page).results().map(java.util.regex.MatchResult::group).toList();
  }
}
