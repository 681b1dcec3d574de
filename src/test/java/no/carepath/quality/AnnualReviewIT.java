package no.carepath.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.carepath.Api;
import no.carepath.BrowserSession;
import no.carepath.IntegrationTest;
import no.carepath.metrics.Indicator;
import no.carepath.metrics.Indicators;
import no.carepath.metrics.IndicatorReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The annual management review as a manager does it, on PostgreSQL, Keycloak and the engine: she
 * starts her municipality's review of the year, Carepath assembles the statistics pack (a PDF with
 * every indicator), she judges the areas and plans measures, is told what is missing until at least
 * one area is good and two are weak with measures, signs, and the signed review is kept as a new
 * version while each measure becomes a task for its owner. Other roles and other municipalities do
 * not get in.
 */
class AnnualReviewIT extends IntegrationTest {

  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  private static String reviewPath(Api.Response redirect) {
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    return location.substring(location.indexOf("/app/reviews/")).replaceAll("#.*", "");
  }

  @Test
  void aManagerReviewsHerYearSignsAndTheMeasuresGoToTheirOwners() throws IOException {
    BrowserSession.login(PLATFORM, "marte.dahl"); // a team leader Carepath knows: a measure can be hers
    BrowserSession manager = BrowserSession.login(PLATFORM, "sigrid.holm");
    int year = LocalDate.now(ZoneId.of("Europe/Oslo")).getYear();

    Api.Response list = manager.getPage("/app/reviews");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("Ledelsens gjennomgang").contains("Start gjennomgangen");

    String path = reviewPath(manager.postForm("/app/reviews", Map.of("year", String.valueOf(year))));
    String id = path.substring("/app/reviews/".length());
    String reference = "LG-" + year + "-1804";
    // starting it again opens the same review
    assertThat(reviewPath(manager.postForm("/app/reviews", Map.of("year", String.valueOf(year))))).isEqualTo(path);

    // the statistics pack is assembled as a job and kept as version 1
    await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql(
        "select count(*) from quality_review_document where review_id = cast(:id as uuid)").param("id", id)
        .query(Long.class).single() == 1);
    BrowserSession.Download pack = manager.getFile(path + "/documents/1.pdf");
    assertThat(pack.status()).isEqualTo(200);
    assertThat(pack.contentType()).startsWith("application/pdf");
    String packText = text(pack.body());
    for (Indicator indicator : Indicators.ALL) {
      assertThat(packText).as(indicator.id()).contains(indicator.name());
    }
    assertThat(packText).contains("Ledelsens gjennomgang " + year).contains("Bodø kommune").contains(reference);

    Api.Response page = manager.getPage(path);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains(reference).contains("Statistikkpakke").contains("Vurdering")
        .contains("Minst ett område må ha gode resultater");
    Api.Response packPage = manager.getPage(path + "/pack");
    assertThat(packPage.body()).contains("<svg").contains("Kontrolldiagram for");
    // the charts are styled inline (as in the PDF); scripts stay forbidden
    assertThat(packPage.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("style-src 'self' 'unsafe-inline'").contains("script-src 'self';");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("style-src 'self';");

    Task conduct = tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_ConductReview").singleResult();
    assertThat(conduct.getTenantId()).isEqualTo("1804");
    manager.getPage("/camunda/app/tasklist/default/");
    assertThat(manager.filterList("Ledelsens gjennomgang").toString()).contains(conduct.getId())
        .contains("Gjennomfør ledelsens gjennomgang");

    // signing too early: every problem, nothing signed
    Api.Response early = manager.postForm(path + "/sign", Map.of("decision", "Vedtatt."));
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body()).contains("Vurder alle områdene").contains("Minst to områder")
        .doesNotContain("Exception");
    // a measure for an area not judged weak, and a weak area without a reason, are refused
    List<String> areas = IndicatorReport.areas();
    Api.Response noArea = manager.postForm(path + "/measures", Map.of("area", areas.get(1), "description", "Tiltak",
        "owner", "marte.dahl", "dueDate", LocalDate.now().plusMonths(3).toString()));
    assertThat(noArea.status()).isEqualTo(400);
    assertThat(noArea.body()).contains("Vurder området først");
    Api.Response noReason = manager.postForm(path + "/areas", Map.of("area", areas.get(1), "assessment", "WEAK"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("Skriv hvorfor");

    for (int i = 0; i < areas.size(); i++) {
      String assessment = i == 0 ? "GOOD" : i <= 2 ? "WEAK" : "NEUTRAL";
      assertThat(manager.postForm(path + "/areas", Map.of("area", areas.get(i), "assessment", assessment,
          "note", "Vurdert i ledermøtet.")).status()).isEqualTo(302);
    }
    Map<String, String> measure = new HashMap<>(Map.of("area", areas.get(1), "description",
        "Fast sykepleier på røde avvik hver vakt", "owner", "marte.dahl", "dueDate",
        LocalDate.now().plusMonths(3).toString(), "indicator", "red-response-time"));
    Map<String, String> bad = new HashMap<>(measure);
    bad.put("owner", "jonas.lie");
    bad.put("dueDate", "2020-01-01");
    bad.put("indicator", "no-such-indicator");
    Api.Response refused = manager.postForm(path + "/measures", bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("Velg en ansvarlig").contains("«Frist» må være fra i dag")
        .contains("Velg en indikator");
    assertThat(manager.postForm(path + "/measures", measure).status()).isEqualTo(302);
    assertThat(manager.getPage(path).body()).contains("«" + areas.get(2) + "» trenger minst ett tiltak");
    measure.put("area", areas.get(2));
    measure.put("owner", "sigrid.holm");
    measure.put("description", "Avvik gjennomgås i personalmøtet hver måned");
    measure.remove("indicator");
    assertThat(manager.postForm(path + "/measures", measure).status()).isEqualTo(302);

    Api.Response signed = manager.postForm(path + "/sign", Map.of("decision",
        "Svartiden på røde avvik prioriteres; avvik gjennomgås månedlig."));
    assertThat(signed.status()).as(signed.body()).isEqualTo(302);
    assertThat(jdbc.sql("select status from quality_review where review_id = cast(:id as uuid)").param("id", id)
        .query(String.class).single()).isEqualTo("SIGNED");
    BrowserSession.Download kept = manager.getFile(path + "/documents/2.pdf");
    assertThat(kept.status()).isEqualTo(200);
    assertThat(text(kept.body())).contains("Signert av").contains("Svartiden på røde avvik prioriteres")
        .contains("Fast sykepleier på røde avvik hver vakt");
    assertThat(tasks.createTaskQuery().taskId(conduct.getId()).count()).isZero();

    List<Task> followUps = tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_FollowUpReviewMeasure").orderByTaskAssignee().asc().list();
    assertThat(followUps).extracting(Task::getAssignee).containsExactly("marte.dahl", "sigrid.holm");
    assertThat(followUps).allSatisfy(task -> assertThat(task.getDueDate()).isNotNull());

    // signed is signed: the plan cannot change, a corrected decision is a new version
    assertThat(manager.postForm(path + "/areas", Map.of("area", areas.get(0), "assessment", "WEAK", "note", "x"))
        .status()).isEqualTo(400);
    assertThat(manager.postForm(path + "/sign", Map.of("decision", "Rettet: svartiden og ernæring prioriteres."))
        .status()).isEqualTo(302);
    assertThat(text(manager.getFile(path + "/documents/3.pdf").body())).contains("Rettet: svartiden");
    assertThat(manager.getFile(path + "/documents/2.pdf").status()).isEqualTo(200);
  }

  @Test
  void onlyManagersOfTheMunicipalityGetIn() {
    int year = LocalDate.now(ZoneId.of("Europe/Oslo")).getYear() - 1;
    BrowserSession narvik = BrowserSession.login(PLATFORM, "tone.haugen");
    String path = reviewPath(narvik.postForm("/app/reviews", Map.of("year", String.valueOf(year))));

    assertThat(BrowserSession.login(PLATFORM, "sigrid.holm").getPage(path).status()).isEqualTo(404);
    for (String other : List.of("marte.dahl", "jonas.lie", "erik.moen", "ingrid.berg")) {
      BrowserSession session = BrowserSession.login(PLATFORM, other);
      assertThat(session.getPage("/app/reviews").status()).as(other).isEqualTo(403);
      assertThat(session.getPage(path).status()).as(other).isEqualTo(403);
    }
    Api.Response wrongYear = narvik.postForm("/app/reviews", Map.of("year", "1999"));
    assertThat(wrongYear.status()).isEqualTo(400);
    assertThat(wrongYear.body()).contains("Velg i år eller i fjor");
  }
}
