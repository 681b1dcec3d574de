package no.carepath.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import no.carepath.metrics.ChartSvg;
import no.carepath.metrics.Indicator;
import no.carepath.metrics.IndicatorReport;
import no.carepath.metrics.IndicatorSeries;
import no.carepath.metrics.Indicators;
import no.carepath.metrics.spc.ControlChart;
import no.carepath.metrics.spc.Verdict;
import no.carepath.platform.Documents;
import no.carepath.platform.PageRendering;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics pack as the manager reads it: rendered through the real {@code Documents}
 * (template, Batik for the SVG charts, embedded fonts), text extracted with PDFBox: every indicator
 * of the catalogue is in it, the charts are vector drawings (no images), the document is PDF/A-2u,
 * and a signed pack carries the decision and the action plan.
 */
class StatisticsPackDocumentTest {

  private static final Documents DOCUMENTS = PageRendering.documents();
  private static byte[] draft;
  private static byte[] signed;

  @BeforeAll
  static void render() {
    draft = DOCUMENTS.pdf("documents/statistics-pack", model(false));
    signed = DOCUMENTS.pdf("documents/statistics-pack", model(true));
  }

  /** Two years of monthly values for an indicator: the year before steady, the year itself lower. */
  static IndicatorReport.Entry entry(Indicator indicator, int seed) {
    List<ControlChart.Observation> observations = new ArrayList<>();
    List<IndicatorSeries.Row> rows = new ArrayList<>();
    for (int month = 0; month < 24; month++) {
      LocalDate start = LocalDate.of(2025, 1, 1).plusMonths(month);
      double value = indicator.share() ? 0.8 + ((month * 7 + seed) % 10) / 100.0 - (month >= 12 ? 0.1 : 0)
          : 10 + (month * 7 + seed) % 5 + (month == 20 ? 12 : 0);
      String label = start.getMonthValue() + "/" + start.getYear();
      observations.add(indicator.share() ? new ControlChart.Observation(label, value * 100, 100)
          : ControlChart.Observation.value(label, value));
      rows.add(new IndicatorSeries.Row(start, label, value * 100, 100, value, 100));
    }
    ControlChart.Chart chart = ControlChart.of(indicator.statistic().chart(), observations, 12);
    Verdict verdict = Verdict.of(chart, indicator.good(), indicator.target(), indicator.unit());
    IndicatorSeries.Series series = new IndicatorSeries.Series(indicator, new IndicatorSeries.Filter(Set.of("1804"),
        IndicatorSeries.Period.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2027, 1, 1), null, 12), rows, chart,
        verdict, false);
    return new IndicatorReport.Entry(indicator.id(), indicator.area(), indicator.name(), indicator.numerator(),
        indicator.unit(), "", "12 (12/2026)", "11 (12/2025)", verdict.variation().label(),
        verdict.assurance().label(), verdict.explanations(), ChartSvg.controlChart(series, 460, 150), 12);
  }

  static Map<String, Object> model(boolean isSigned) {
    UUID id = UUID.randomUUID();
    AnnualReviews.Review review = new AnnualReviews.Review(id, "LG-2026-1804", "1804", 2026,
        isSigned ? "SIGNED" : "OPEN", Instant.parse("2026-12-01T08:00:00Z"), "sigrid.holm",
        isSigned ? "Svartiden på røde avvik prioriteres i 2027; ernæring følges opp med kartlegging." : null,
        isSigned ? "sigrid.holm" : null, isSigned ? Instant.parse("2026-12-03T13:00:00Z") : null, "pi");
    List<IndicatorReport.Entry> entries = new ArrayList<>();
    int seed = 0;
    for (Indicator indicator : Indicators.ALL) {
      entries.add(entry(indicator, seed++));
    }
    List<StatisticsPack.MeasureRow> plan = List.of(
        new StatisticsPack.MeasureRow("Digital hjemmeoppfølging", "Fast sykepleier på røde avvik hver vakt",
            "marte.dahl", "01.03.2027", "Svartid på røde avvik, median", "Planlagt", ""),
        new StatisticsPack.MeasureRow("Kvalitet og avvik", "Månedlig gjennomgang av avvik i personalmøtet",
            "sigrid.holm", "01.02.2027", "", "Planlagt", ""));
    List<StatisticsPack.AreaSection> areas = new ArrayList<>();
    for (String area : IndicatorReport.areas()) {
      AnnualReviews.Area judgement = !isSigned ? null : switch (area) {
        case "Tildeling" -> new AnnualReviews.Area(area, "GOOD", "Vedtak innen fristen hele året.");
        case "Digital hjemmeoppfølging", "Kvalitet og avvik" -> new AnnualReviews.Area(area, "WEAK",
            "Svartiden økte i høst.");
        default -> new AnnualReviews.Area(area, "NEUTRAL", null);
      };
      areas.add(new StatisticsPack.AreaSection(area, entries.stream().filter(entry -> entry.area().equals(area))
          .toList(), judgement, judgement == null ? "Ikke vurdert" : AnnualReviews.ASSESSMENTS.get(
              judgement.assessment()), plan.stream().filter(row -> row.area().equals(area)).toList()));
    }
    Map<String, Object> model = new HashMap<>();
    model.put("review", review);
    model.put("municipalityName", "Bodø");
    model.put("generated", "03.12.2026 kl. 14:00");
    model.put("signed", isSigned);
    model.put("signedAt", isSigned ? "03.12.2026 kl. 14:00" : "");
    model.put("signedBy", isSigned ? "Sigrid Holm" : "");
    model.put("areas", areas);
    model.put("indicatorCount", entries.size());
    model.put("timeliness", entries.stream().filter(entry -> StatisticsPack.TIMELINESS.contains(entry.id())).toList());
    model.put("incidents", new IndicatorReport.IncidentFigures(
        List.of(new IndicatorReport.Count("Fall", 7), new IndicatorReport.Count("Legemidler", 4)),
        List.of(new IndicatorReport.Count("Fall", 5)), List.of(new IndicatorReport.Count("Liten", 9),
            new IndicatorReport.Count("Alvorlig", 2)), 3, 2));
    model.put("closedByLabel", Map.of("Fall", 5L));
    model.put("openIncidents", List.of(new StatisticsPack.OpenIncident("UH-2026-000031", "Legemidler", "Moderat",
        "12.11.2026", "Meldt", 21)));
    model.put("incidentMeasures", List.of(new StatisticsPack.IncidentMeasure("UH-2026-000007",
        "Dobbeltkontroll av dosett", "Avviksmeldinger", "01.06.2026", "Virket")));
    model.put("lastYearPlan", List.of(new StatisticsPack.MeasureRow("Tildeling", "Maler for vedtak", "sigrid.holm",
        "01.03.2026", "", "Gjennomført", "Tatt i bruk i april.")));
    model.put("lastYearReference", "LG-2025-1804");
    model.put("plan", plan);
    return model;
  }

  /**
   * The text with whitespace folded: in position order (openhtmltopdf draws a line's inline values
   * after its plain text) and, appended, in drawing order (where a table cell's lines stay together).
   */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      String drawn = stripper.getText(document);
      stripper.setSortByPosition(true);
      return (stripper.getText(document) + " " + drawn).replaceAll("\\s+", " ");
    }
  }

  @Test
  void everyIndicatorOfTheCatalogueIsInThePackWithItsName() throws IOException {
    String text = text(draft);
    for (Indicator indicator : Indicators.ALL) {
      assertThat(text).as(indicator.id()).contains(indicator.name());
    }
    assertThat(text).contains("Ledelsens gjennomgang 2026", "Bodø kommune", "LG-2026-1804",
        "Indikatorene (" + Indicators.ALL.size() + ") med kontrolldiagram",
        "Utkast: gjennomgangen er ikke signert.");
  }

  @Test
  void thePackHasTheAvvikTheMeasuresTheTimelinessAndLastYearsPlan() throws IOException {
    String text = text(draft);
    assertThat(text).contains("11 avvik meldt i 2026, 5 lukket i året. Tiltak med effektsjekk: 3, av dem virket 2.",
        "UH-2026-000031", "Dobbeltkontroll av dosett", "Virket", "Melding om innlagt pasient innen 24 timer",
        "Fra LG-2025-1804:", "Maler for vedtak", "Gjennomført", "Tatt i bruk i april.");
  }

  @Test
  void theChartsAreVectorDrawingsNotImages() throws IOException {
    try (PDDocument document = Loader.loadPDF(draft)) {
      int images = 0;
      int drawings = 0;
      for (PDPage page : document.getPages()) {
        int[] counts = count(page.getResources());
        images += counts[0];
        drawings += counts[1];
      }
      assertThat(images).as("raster images").isZero();
      assertThat(drawings).as("SVG charts drawn as form XObjects or paths").isPositive();
    }
    // each chart has its centre line and limits as SVG paths in the page, not a picture of them
    String svg = entry(Indicators.ALL.get(0), 1).svg();
    assertThat(svg).startsWith("<svg").contains("<path", "stroke-dasharray");
  }

  /** Images and form XObjects (Batik's drawings) in the resources, recursively. */
  private static int[] count(PDResources resources) throws IOException {
    int[] counts = new int[2];
    if (resources == null) {
      return counts;
    }
    for (COSName name : resources.getXObjectNames()) {
      var object = resources.getXObject(name);
      if (object instanceof PDImageXObject) {
        counts[0]++;
      } else if (object instanceof PDFormXObject form) {
        counts[1]++;
        int[] inner = count(form.getResources());
        counts[0] += inner[0];
        counts[1] += inner[1];
      }
    }
    return counts;
  }

  @Test
  void thePackIsPdfA2u() throws Exception {
    try (PDDocument document = Loader.loadPDF(draft)) {
      XMPMetadata metadata = new DomXmpParser().parse(document.getDocumentCatalog().getMetadata().toByteArray());
      assertThat(metadata.getPDFAIdentificationSchema().getPart()).isEqualTo(2);
      assertThat(metadata.getPDFAIdentificationSchema().getConformance()).isEqualTo("U");
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Ledelsens gjennomgang 2026 – Bodø kommune");
    }
  }

  @Test
  void aSignedPackCarriesTheDecisionTheJudgementsAndTheActionPlan() throws IOException {
    String text = text(signed);
    assertThat(text).contains("Signert av Sigrid Holm 03.12.2026 kl. 14:00",
        "Svartiden på røde avvik prioriteres i 2027", "Gode resultater", "Svake resultater eller høy risiko",
        "Fast sykepleier på røde avvik hver vakt", "Månedlig gjennomgang av avvik i personalmøtet")
        .doesNotContain("Utkast");
  }
}
