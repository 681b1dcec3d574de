package no.carepath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The managers' pages as their users get them: a manager sees every indicator of her municipality,
 * a chart with its data, the Pareto charts and the CSV, and no patient anywhere; a team leader sees
 * them too; a nurse, a case worker and a process owner do not; a manager of one municipality cannot
 * ask for another's figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsPagesIT extends IntegrationTest {

  private static final String FAMILY = "Indikatorsen";

  @Autowired
  JdbcClient jdbc;
  @Autowired
  MetricsFacts facts;

  private String deviationId;
  private String nationalId;

  @BeforeAll
  void aBodoPatientWithARedDeviationLastWeek() {
    UUID patient = UUID.randomUUID();
    nationalId = String.format("1285%02d%05d", 40, new java.util.Random().nextInt(100_000));
    jdbc.sql("""
        insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
        values (:id, :nid, 'Ivar', :family, date '1941-02-03', '1804', now())""")
        .param("id", patient).param("nid", nationalId).param("family", FAMILY).update();
    String caseId = "SAK-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
        values (:id, :patient, '1804', 'GP_REFERRAL', 'DECIDED', now() - interval '40 days', 'Indikatortest')""")
        .param("id", caseId).param("patient", patient).update();
    UUID decision = UUID.randomUUID();
    jdbc.sql("""
        insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by,
                                         decided_by_name, decided_at)
        values (:id, :case, 1, 'GRANTED', '[]'::jsonb, 'Test', 'Test', 'it', 'IT', now() - interval '35 days')""")
        .param("id", decision).param("case", caseId).update();
    String episode = "EP-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id,
                                      created_at, phase, enrolled_at, ended_at, monitoring_key)
        values (:id, :case, :patient, '1804', 'FINISHED', :decision, now() - interval '30 days', 'ENDED',
                now() - interval '30 days', now() - interval '1 day', nextval('followup_monitoring_key'))""")
        .param("id", episode).param("case", caseId).param("patient", patient).param("decision", decision).update();
    deviationId = "AVV-IT-" + UUID.randomUUID().toString().substring(0, 8);
    Instant opened = Instant.now().minus(8, ChronoUnit.DAYS);
    jdbc.sql("""
        insert into followup_deviation (deviation_id, episode_id, kind, colour, status, summary, opened_at, closed_at,
                                        outcome, handled_by)
        values (:id, :episode, 'READING', 'RED', 'CLOSED', :summary, :opened, :closed, 'CONTACTED', 'jonas.lie')""")
        .param("id", deviationId).param("episode", episode).param("summary", "Ivar " + FAMILY + " har lav metning")
        .param("opened", Timestamp.from(opened)).param("closed", Timestamp.from(opened.plusSeconds(900))).update();
    IndicatorsIT.reading(jdbc, deviationId, episode, opened);
    IndicatorsIT.rebuild(facts);
  }

  @Test
  void aManagerSeesEveryIndicatorWithItsStatusAndNoPatient() {
    BrowserSession manager = BrowserSession.login(PLATFORM, "sigrid.holm");
    Api.Response overview = manager.getPage("/app/metrics");
    assertThat(overview.status()).isEqualTo(200);
    for (Indicator indicator : Indicators.ALL) {
      assertThat(overview.body()).contains("data-indicator=\"" + indicator.id() + "\"");
    }
    assertThat(overview.body()).contains("Svartid på røde avvik, median").contains("badge variation-")
        .contains("Bodø");
    Api.Response chart = manager.getPage("/app/metrics/red-response-time?per=uke&periods=8");
    assertThat(chart.status()).isEqualTo(200);
    assertThat(chart.body()).contains("id=\"chart-data\"").contains("Hva diagrammet sier").contains("Definisjon")
        .contains("Teller").contains("I-diagram");
    Api.Response monthly = manager.getPage("/app/metrics/red-within-response-time?per=m%C3%A5ned");
    assertThat(monthly.status()).isEqualTo(200);
    assertThat(monthly.body()).contains("P-diagram");
    Api.Response pareto = manager.getPage("/app/metrics/pareto");
    assertThat(pareto.status()).isEqualTo(200);
    assertThat(pareto.body()).contains("Hva sykepleierne gjorde med avvikene").contains("Kontaktet pasienten");
    assertThat(pareto.body()).contains("Avviksmeldinger etter kategori").contains("Avviksmeldinger etter konsekvens")
        .contains("Avviksmeldinger etter aktivitet i forløpet");
    BrowserSession.Download csv = manager.getFile("/app/metrics/red-response-time/csv?per=uke&periods=8");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("periode;fra;teller;nevner;verdi").hasLineCount(9);
    for (String body : List.of(overview.body(), chart.body(), monthly.body(), pareto.body(), text)) {
      assertThat(body).doesNotContain(FAMILY).doesNotContain(nationalId).doesNotContain(deviationId);
    }
    for (String page : List.of(overview.body(), chart.body(), monthly.body(), pareto.body())) {
      // the Content-Security-Policy forbids inline style and script: only script files and a JSON data block
      assertThat(page).contains("<html lang=\"nb\"").doesNotContain(" style=")
          .doesNotContainPattern("<script(?![^>]*\\bsrc=)(?![^>]*application/json)");
      // the library's address carries its version (Spring's resource chain with the webjars locator)
      assertThat(page).containsPattern("/webjars/echarts/[0-9.]+/dist/echarts.min.js");
    }
    assertThat(manager.getFile("/webjars/echarts/dist/echarts.min.js").status()).isEqualTo(200);
  }

  @Test
  void onlyManagersAndTeamLeadersOpenThePages() {
    assertThat(BrowserSession.login(PLATFORM, "marte.dahl").getPage("/app/metrics").status()).isEqualTo(200);
    for (String user : List.of("jonas.lie", "ingrid.berg", "erik.moen")) {
      BrowserSession session = BrowserSession.login(PLATFORM, user);
      assertThat(session.getPage("/app/metrics").status()).as(user).isEqualTo(403);
      assertThat(session.getPage("/app/metrics/red-response-time").status()).as(user).isEqualTo(403);
      assertThat(session.getPage("/app").body()).as(user).doesNotContain("/app/metrics");
    }
    assertThat(BrowserSession.login(PLATFORM, "sigrid.holm").getPage("/app").body()).contains("/app/metrics");
  }

  @Test
  void oneMunicipalitysManagerCannotAskForAnothersFigures() {
    BrowserSession narvik = BrowserSession.login(PLATFORM, "tone.haugen");
    assertThat(narvik.getPage("/app/metrics?municipality=1804").status()).isEqualTo(404);
    assertThat(narvik.getPage("/app/metrics/red-response-time?municipality=1804").status()).isEqualTo(404);
    assertThat(narvik.getFile("/app/metrics/red-response-time/csv?municipality=1804").status()).isEqualTo(404);
    Api.Response own = narvik.getPage("/app/metrics");
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body()).contains("Narvik").doesNotContain("Bodø");
  }

  @Test
  void badFiltersGetAClearAnswer() {
    BrowserSession manager = BrowserSession.login(PLATFORM, "sigrid.holm");
    Api.Response unknown = manager.getPage("/app/metrics/no-such-indicator");
    assertThat(unknown.status()).isEqualTo(404);
    Api.Response badPeriod = manager.getPage("/app/metrics/red-response-time?per=decade");
    assertThat(badPeriod.status()).isEqualTo(400);
    assertThat(badPeriod.body()).contains("Velg per uke eller per måned").doesNotContain("Exception");
    assertThat(manager.getPage("/app/metrics/red-response-time?periods=abc").status()).isEqualTo(400);
  }
}
