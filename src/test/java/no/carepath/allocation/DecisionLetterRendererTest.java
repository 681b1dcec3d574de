package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.carepath.allocation.DecisionLetterRenderer.Block;
import no.carepath.allocation.DecisionLetterRenderer.Letter;
import no.carepath.patient.NationalIdentityNumber;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The decision letter as a person reads it: the PDF's text, extracted with PDFBox. */
class DecisionLetterRendererTest {

  private static final String TEMPLATE = "templates/allocation/decision-letter.txt";
  private static final String NATIONAL_ID = NationalIdentityNumber.synthetic(LocalDate.of(1941, 3, 12), 100).value();
  private static final String HOME_NURSING_BASIS = DecideServiceListener.LEGAL_BASES.get("PBRL_2-1A_HOL_3-2-6A");

  private final DecisionLetterRenderer renderer = new DecisionLetterRenderer();

  private static Map<String, Object> values(String reason) {
    Map<String, Object> values = new HashMap<>();
    values.put("channelText", "søknaden om helse- og omsorgstjenester");
    values.put("receivedDate", "20.11.2026");
    values.put("services", List.of("Digital hjemmeoppfølging", "Hjemmesykepleie"));
    values.put("scope", "Daglige målinger av vekt og blodtrykk, oppfølging fra sykepleier to ganger i uken.");
    values.put("startDate", "01.12.2026");
    values.put("reason", reason);
    values.put("legalBasis", HOME_NURSING_BASIS);
    values.put("appealWindow", "tre uker");
    values.put("municipalityName", "Bodø");
    values.put("caseId", "SAK-2026-000042");
    return values;
  }

  private static Letter letter(String title, String recipient, Map<String, Object> values, Set<String> blocks) {
    return new Letter(title, "Bodø", recipient, NATIONAL_ID, "SAK-2026-000042", "23.11.2026", "Ingrid Berg",
        values, blocks);
  }

  private static Letter granted() {
    return letter("Vedtak om helse- og omsorgstjenester", "Astrid Hansen",
        values("Du har KOLS og bor alene. Målinger hjemme gir tidlig varsel om forverring."), Set.of("granted"));
  }

  private static Letter rejected() {
    return letter("Vedtak om avslag på helse- og omsorgstjenester", "Astrid Hansen",
        values("Du klarer deg selv i hjemmet, og fastlegen følger deg opp."), Set.of("rejected"));
  }

  /** The text of every page, whitespace (line and page breaks) folded to single spaces. */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }
  }

  private static List<String> templateLines() throws IOException {
    try (InputStream in = DecisionLetterRendererTest.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
    }
  }

  /**
   * Each wording line of the template, placeholders filled in: in the letter when it is outside any
   * block or in a chosen block, absent when it is in a block not chosen.
   */
  private static void assertTemplateWording(String text, Letter letter) throws IOException {
    String block = null;
    int checked = 0;
    for (String line : templateLines()) {
      if (line.isEmpty() || line.startsWith("# ") || line.matches("- \\{\\{\\w+}}")) {
        continue;
      }
      if (line.matches("\\[\\[/?[a-z]+]]")) {
        block = line.startsWith("[[/") ? null : line.substring(2, line.length() - 2);
        continue;
      }
      String wording = line.replaceFirst("^## ", "");
      for (Map.Entry<String, Object> value : letter.values().entrySet()) {
        wording = wording.replace("{{" + value.getKey() + "}}", String.valueOf(value.getValue()));
      }
      if (block == null || letter.blocks().contains(block)) {
        assertThat(text).as("[%s] %s", block, line).contains(wording);
      } else {
        assertThat(text).as("[%s] %s", block, line).doesNotContain(wording);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void theLetterIsAnA4PdfWithTitleAndMunicipalityInItsProperties() throws IOException {
    byte[] pdf = renderer.render(granted());

    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      assertThat(document.getPage(0).getMediaBox().getHeight()).isEqualTo(PDRectangle.A4.getHeight());
      assertThat(document.getDocumentInformation().getTitle())
          .isEqualTo("Vedtak om helse- og omsorgstjenester – SAK-2026-000042");
      assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Bodø kommune");
    }
  }

  @Test
  void aGrantedLetterHasTheTemplatesWordingTheServicesTheLegalBasisAndTheAppealRights() throws IOException {
    String text = text(renderer.render(granted()));

    assertTemplateWording(text, granted());
    assertThat(text).contains(
        "Bodø kommune Tildelingskontoret Astrid Hansen",
        "Vår referanse: SAK-2026-000042 Dato: 23.11.2026",
        "Vedtak om helse- og omsorgstjenester",
        "Vi viser til søknaden om helse- og omsorgstjenester, mottatt 20.11.2026.",
        "Du får innvilget: • Digital hjemmeoppfølging • Hjemmesykepleie",
        "Omfang: Daglige målinger av vekt og blodtrykk, oppfølging fra sykepleier to ganger i uken.",
        "Tjenesten starter 01.12.2026.",
        "Begrunnelse Du har KOLS og bor alene. Målinger hjemme gir tidlig varsel om forverring.",
        "Hjemmel Vedtaket er fattet med hjemmel i pasient- og brukerrettighetsloven § 2-1 a andre ledd, jf. helse- og"
            + " omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav a (helsetjenester i hjemmet).",
        "Du har rett til å klage Du kan klage på vedtaket. Klagefristen er tre uker fra du mottok dette brevet.",
        "Send klagen til Bodø kommune, tildelingskontoret.",
        "oppgi referansen SAK-2026-000042.",
        "sender vi klagen til Statsforvalteren, som avgjør saken.",
        "Klageretten følger av pasient- og brukerrettighetsloven § 7-2.",
        "Med vennlig hilsen Ingrid Berg saksbehandler, tildelingskontoret",
        "Brevet er godkjent elektronisk og har derfor ingen underskrift.");
    assertThat(text).doesNotContain("Du får ikke innvilget", "Du har klaget på vedtaket");
  }

  @Test
  void aRejectionLetterGivesTheReasonAndGrantsNothing() throws IOException {
    String text = text(renderer.render(rejected()));

    assertTemplateWording(text, rejected());
    assertThat(text).contains("Vedtak om avslag på helse- og omsorgstjenester",
        "Vedtak Du får ikke innvilget tjenestene du har søkt om. Begrunnelse",
        "Begrunnelse Du klarer deg selv i hjemmet, og fastlegen følger deg opp. Hjemmel",
        "Klagefristen er tre uker fra du mottok dette brevet.");
    assertThat(text).doesNotContain("Du får innvilget", "Digital hjemmeoppfølging", "Omfang:", "Tjenesten starter", "•");
  }

  @Test
  void aNewDecisionAfterAnAppealSaysTheCaseWasReconsidered() throws IOException {
    Letter appeal = letter("Nytt vedtak etter klage", "Astrid Hansen", values("Ny vurdering."), Set.of("granted", "appeal"));

    String text = text(renderer.render(appeal));

    assertTemplateWording(text, appeal);
    assertThat(text).contains("Nytt vedtak etter klage",
        "mottatt 20.11.2026. Du har klaget på vedtaket vårt. Vi har vurdert saken din på nytt, og vi endrer vedtaket.");
  }

  @Test
  void norwegianLettersSurvive() throws IOException {
    Map<String, Object> values = values("Ærlig talt: søkeren bor på Røst, går dårlig i trapper og får økt pustebesvær.");
    values.put("municipalityName", "Færøy");
    Letter letter = letter("Vedtak om helse- og omsorgstjenester", "Åse Ødegård Bjørnæs", values, Set.of("granted"));

    String text = text(renderer.render(letter));

    assertThat(text).contains("Åse Ødegård Bjørnæs",
        "Ærlig talt: søkeren bor på Røst, går dårlig i trapper og får økt pustebesvær.",
        "Send klagen til Færøy kommune, tildelingskontoret.", "Digital hjemmeoppfølging");
    assertThat(text).doesNotContain("?");
  }

  @Test
  void charactersTheStandardFontCannotShowBecomeQuestionMarks() throws IOException {
    Letter letter = letter("Vedtak om helse- og omsorgstjenester", "Łukasz Nowak",
        values("Pasienten ønsker oppfølging \uD83D\uDE42 og tolk på polsk."), Set.of("granted"));

    String text = text(renderer.render(letter));

    assertThat(text).contains("?ukasz Nowak", "Pasienten ønsker oppfølging ? og tolk på polsk.");
  }

  @Test
  void theRecipientsNationalIdIsPrintedInFullAsGivenAndNowhereElse() throws IOException {
    // The renderer does not mask: the letter goes to the person it names, and
    // CreateDecisionLetterDelegate passes the full number.
    byte[] pdf = renderer.render(granted());

    assertThat(text(pdf)).contains("Fødselsnummer: " + NATIONAL_ID + " ");
    assertThat(text(pdf).split(NATIONAL_ID, -1)).hasSize(2);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getDocumentInformation().getTitle()).doesNotContain(NATIONAL_ID);
      assertThat(document.getDocumentInformation().getAuthor()).doesNotContain(NATIONAL_ID);
    }
  }

  @Test
  void theTemplatesCommentsMarkersAndPlaceholdersDoNotReachTheLetter() throws IOException {
    String text = text(renderer.render(granted()));

    assertThat(text).doesNotContain("{{", "}}", "[[", "]]", "A municipality may adapt the wording", "##");
  }

  @Test
  void aPlaceholderWithoutAValueIsRefused() {
    Map<String, Object> values = values("Begrunnelse.");
    values.remove("legalBasis");
    Letter letter = letter("Vedtak om helse- og omsorgstjenester", "Astrid Hansen", values, Set.of("granted"));

    assertThatThrownBy(() -> renderer.render(letter)).isInstanceOf(IllegalStateException.class)
        .hasMessage("Letter template placeholder without value: Vedtaket er fattet med hjemmel i {{legalBasis}}.");
  }

  @Test
  void eachServiceGrantedBecomesOneBullet() {
    List<Block> blocks = renderer.blocks(granted());

    assertThat(blocks).filteredOn(block -> block.kind() == Block.Kind.BULLET).extracting(Block::text)
        .containsExactly("Digital hjemmeoppfølging", "Hjemmesykepleie");
    assertThat(blocks).filteredOn(block -> block.kind() == Block.Kind.HEADING).extracting(Block::text)
        .containsExactly("Vedtak", "Begrunnelse", "Hjemmel", "Du har rett til å klage");
  }

  @Test
  void aLongLetterContinuesOnANewPage() throws IOException {
    String reason = ("Pasienten har hatt flere innleggelser det siste året og trenger tett oppfølging. ").repeat(60)
        + "Siste setning i begrunnelsen.";
    Letter letter = letter("Vedtak om helse- og omsorgstjenester", "Astrid Hansen", values(reason), Set.of("granted"));

    byte[] pdf = renderer.render(letter);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
    }
    assertThat(text(pdf)).contains("Siste setning i begrunnelsen. Hjemmel",
        "Brevet er godkjent elektronisk og har derfor ingen underskrift.");
  }
}
