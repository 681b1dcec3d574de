package no.carepath.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import no.carepath.allocation.DecisionLetterRenderer.Letter;
import no.carepath.patient.NationalIdentityNumber;
import no.carepath.platform.PageRendering;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.junit.jupiter.api.Test;

/**
 * The decision letter as a person reads it: the PDF rendered through the real {@code Documents}
 * (template, renderer, embedded font), its text extracted with PDFBox.
 */
class DecisionLetterRendererTest {

  private static final String NATIONAL_ID = NationalIdentityNumber.synthetic(LocalDate.of(1941, 3, 12), 100).value();
  private static final String HOME_NURSING_BASIS = DecideServiceListener.LEGAL_BASES.get("PBRL_2-1A_HOL_3-2-6A");
  private static final String GRANTED_TITLE = "Vedtak om helse- og omsorgstjenester";

  /** The wording every letter has (from the template, values filled in for Bodø and SAK-2026-000042). */
  private static final List<String> EVERY_LETTER = List.of(
      "Bodø kommune Tildelingskontoret Astrid Hansen Fødselsnummer: " + NATIONAL_ID,
      "Vår referanse: SAK-2026-000042 Dato: 23.11.2026",
      "Vi viser til søknaden om helse- og omsorgstjenester, mottatt 20.11.2026.",
      "Vedtak",
      "Hjemmel Vedtaket er fattet med hjemmel i pasient- og brukerrettighetsloven § 2-1 a andre ledd, jf. helse- og"
          + " omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav a (helsetjenester i hjemmet).",
      "Du har rett til å klage Du kan klage på vedtaket. Klagefristen er tre uker fra du mottok dette brevet."
          + " Send klagen til Bodø kommune, tildelingskontoret. Skriv hvilket vedtak du klager på, hva du ønsker"
          + " endret og hvorfor, og oppgi referansen SAK-2026-000042.",
      "Vi vurderer saken på nytt når vi mottar klagen. Hvis vi ikke endrer vedtaket, sender vi klagen til"
          + " Statsforvalteren, som avgjør saken. Klageretten følger av pasient- og brukerrettighetsloven § 7-2. Du har"
          + " rett til å se dokumentene i saken din (forvaltningsloven § 18).",
      "Har du spørsmål, kan du ta kontakt med tildelingskontoret og oppgi referansen SAK-2026-000042.",
      "Med vennlig hilsen Ingrid Berg saksbehandler, tildelingskontoret",
      "Brevet er godkjent elektronisk og har derfor ingen underskrift.");
  private static final String APPEAL = "Du har klaget på vedtaket vårt. Vi har vurdert saken din på nytt, og vi endrer vedtaket.";
  private static final String REJECTION = "Du får ikke innvilget tjenestene du har søkt om.";

  private final DecisionLetterRenderer renderer = new DecisionLetterRenderer(PageRendering.documents());

  private static Letter letter(String title, String municipality, String recipient, boolean granted, boolean appeal,
      String reason, String legalBasis) {
    return new Letter(title, municipality, recipient, NATIONAL_ID, "SAK-2026-000042", "23.11.2026", "Ingrid Berg",
        "søknaden om helse- og omsorgstjenester", "20.11.2026", granted, appeal,
        granted ? List.of("Digital hjemmeoppfølging", "Hjemmesykepleie") : List.of(),
        granted ? "Daglige målinger av vekt og blodtrykk, oppfølging fra sykepleier to ganger i uken." : null,
        granted ? "01.12.2026" : null, reason, legalBasis, "tre uker");
  }

  private static Letter granted(String recipient, String reason) {
    return letter(GRANTED_TITLE, "Bodø", recipient, true, false, reason, HOME_NURSING_BASIS);
  }

  private static Letter granted() {
    return granted("Astrid Hansen", "Du har KOLS og bor alene. Målinger hjemme gir tidlig varsel om forverring.");
  }

  private static Letter rejected() {
    return letter("Vedtak om avslag på helse- og omsorgstjenester", "Bodø", "Astrid Hansen", false, false,
        "Du klarer deg selv i hjemmet, og fastlegen følger deg opp.", HOME_NURSING_BASIS);
  }

  /**
   * The text of every page in reading order, whitespace (line and page breaks) folded to single
   * spaces. By position, because openhtmltopdf draws a line's inline elements (the values) after its
   * plain text.
   */
  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      return stripper.getText(document).replaceAll("\\s+", " ");
    }
  }

  private static String xmp(PDDocument document) throws IOException {
    return new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
  }

  /** Every font the pages use, also inside form XObjects. */
  private static List<PDFont> fonts(PDDocument document) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage page : document.getPages()) {
      collectFonts(page.getResources(), fonts);
    }
    return fonts;
  }

  private static void collectFonts(PDResources resources, List<PDFont> fonts) throws IOException {
    if (resources == null) {
      return;
    }
    for (COSName name : resources.getFontNames()) {
      fonts.add(resources.getFont(name));
    }
    for (COSName name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof PDFormXObject form) {
        collectFonts(form.getResources(), fonts);
      }
    }
  }

  /** The tagged structure's element types in document order (the PDF/UA tags: H1, H2, L, LI, P ...). */
  private static List<String> structureTypes(PDDocument document) {
    List<String> types = new ArrayList<>();
    collectTypes(document.getDocumentCatalog().getStructureTreeRoot(), types);
    return types;
  }

  private static void collectTypes(PDStructureNode node, List<String> types) {
    for (Object kid : node.getKids()) {
      if (kid instanceof PDStructureElement element) {
        types.add(element.getStructureType());
        collectTypes(element, types);
      }
    }
  }

  @Test
  void theLetterIsAnA4PdfWithTitleAndMunicipalityInItsProperties() throws IOException {
    byte[] pdf = renderer.render(granted());

    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      assertThat(document.getPage(0).getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(1f));
      assertThat(document.getPage(0).getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(), within(1f));
      assertThat(document.getDocumentInformation().getTitle())
          .isEqualTo("Vedtak om helse- og omsorgstjenester – SAK-2026-000042");
      assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Bodø kommune");
    }
  }

  @Test
  void theLetterIsPdfA2uWithEveryFontEmbedded() throws Exception {
    try (PDDocument document = Loader.loadPDF(renderer.render(granted()))) {
      XMPMetadata metadata = new DomXmpParser().parse(document.getDocumentCatalog().getMetadata().toByteArray());
      PDFAIdentificationSchema pdfa = metadata.getPDFAIdentificationSchema();
      assertThat(pdfa).as("pdfaid in the XMP metadata").isNotNull();
      assertThat(pdfa.getPart()).isEqualTo(2);
      assertThat(pdfa.getConformance()).isEqualTo("U");
      assertThat(document.getDocumentCatalog().getOutputIntents()).isNotEmpty();
      assertThat(fonts(document)).isNotEmpty().allSatisfy(font ->
          assertThat(font.isEmbedded()).as(font.getName()).isTrue());
    }
  }

  @Test
  void aGrantedLetterHasTheWordingTheServicesTheLegalBasisAndTheAppealRights() throws IOException {
    String text = text(renderer.render(granted()));

    assertThat(text).contains(EVERY_LETTER);
    assertThat(text).contains(
        "Vedtak om helse- og omsorgstjenester",
        "Vedtak Du får innvilget: Digital hjemmeoppfølging Hjemmesykepleie Omfang:",
        "Omfang: Daglige målinger av vekt og blodtrykk, oppfølging fra sykepleier to ganger i uken.",
        "Tjenesten starter 01.12.2026. Begrunnelse",
        "Begrunnelse Du har KOLS og bor alene. Målinger hjemme gir tidlig varsel om forverring. Hjemmel");
    assertThat(text).doesNotContain(REJECTION, APPEAL);
  }

  @Test
  void eachServiceGrantedIsOneItemOfAListUnderFourHeadings() throws IOException {
    try (PDDocument document = Loader.loadPDF(renderer.render(granted()))) {
      List<String> types = structureTypes(document);

      assertThat(types).filteredOn("LI"::equals).hasSize(2);
      assertThat(types).filteredOn("H1"::equals).hasSize(1);
      assertThat(types).filteredOn("H2"::equals).hasSize(4);
    }
  }

  @Test
  void aRejectionLetterGivesTheReasonAndGrantsNothing() throws IOException {
    byte[] pdf = renderer.render(rejected());
    String text = text(pdf);

    assertThat(text).contains(EVERY_LETTER);
    assertThat(text).contains("Vedtak om avslag på helse- og omsorgstjenester",
        "Vedtak " + REJECTION + " Begrunnelse",
        "Begrunnelse Du klarer deg selv i hjemmet, og fastlegen følger deg opp. Hjemmel");
    assertThat(text).doesNotContain("Du får innvilget", "Digital hjemmeoppfølging", "Omfang:", "Tjenesten starter", APPEAL);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(structureTypes(document)).doesNotContain("LI");
    }
  }

  @Test
  void aNewDecisionAfterAnAppealSaysTheCaseWasReconsidered() throws IOException {
    Letter appeal = letter("Nytt vedtak etter klage", "Bodø", "Astrid Hansen", true, true, "Ny vurdering.",
        HOME_NURSING_BASIS);

    byte[] pdf = renderer.render(appeal);
    String text = text(pdf);

    assertThat(text).contains(EVERY_LETTER);
    assertThat(text).contains("Nytt vedtak etter klage",
        "mottatt 20.11.2026. " + APPEAL + " Vedtak Du får innvilget:");
    assertThat(text).doesNotContain(REJECTION);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).as("no page with only the page number").isEqualTo(1);
    }
  }

  @Test
  void norwegianLettersSurvive() throws IOException {
    Letter letter = letter(GRANTED_TITLE, "Færøy", "Åse Ødegård Bjørnæs", true, false,
        "Ærlig talt: søkeren bor på Røst, går dårlig i trapper og får økt pustebesvær.", HOME_NURSING_BASIS);

    String text = text(renderer.render(letter));

    assertThat(text).contains("Åse Ødegård Bjørnæs",
        "Ærlig talt: søkeren bor på Røst, går dårlig i trapper og får økt pustebesvær.",
        "Send klagen til Færøy kommune, tildelingskontoret.", "Digital hjemmeoppfølging");
    assertThat(text).doesNotContain("?");
  }

  @Test
  void samiNamesArePrintedAsWritten() throws IOException {
    // the standard PDF fonts the letter used before printed these as "?"
    String name = "Áile Čáhppes Đuolbma Ŋuvttes Ŧ. Ødegård-Bjørnæs Åsen";
    Letter letter = letter(GRANTED_TITLE, "Kárášjohka", name, true, false,
        "Tolk på nordsamisk (davvisámegiella) og polsk: Łukasz Nowak er kontaktperson.", HOME_NURSING_BASIS);

    byte[] pdf = renderer.render(letter);
    String text = text(pdf);

    assertThat(text).contains("Kárášjohka kommune Tildelingskontoret " + name + " Fødselsnummer:",
        "Tolk på nordsamisk (davvisámegiella) og polsk: Łukasz Nowak er kontaktperson.",
        "Send klagen til Kárášjohka kommune, tildelingskontoret.");
    assertThat(text).doesNotContain("?");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Kárášjohka kommune");
    }
  }

  @Test
  void markupInAValueIsPrintedAsTextNotFollowed() throws IOException {
    String markup = "<b>x</b> & \"y\"";
    Letter letter = granted("Astrid " + markup, "Begrunnelse med " + markup + " i seg.");

    String text = text(renderer.render(letter));

    assertThat(text).contains("Tildelingskontoret Astrid " + markup + " Fødselsnummer:",
        "Begrunnelse Begrunnelse med " + markup + " i seg. Hjemmel");
    assertThat(text).doesNotContain("&amp;", "&lt;", "&quot;");
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
      assertThat(xmp(document)).doesNotContain(NATIONAL_ID);
    }
  }

  @Test
  void theTemplatesCommentAndExpressionsDoNotReachTheLetter() throws IOException {
    String text = text(renderer.render(granted()));

    assertThat(text).doesNotContain("A municipality may adapt", "th:", "${", "*{", "|", "<", ">");
  }

  @Test
  void aLetterWithoutALegalBasisIsRefused() {
    assertThatNullPointerException().isThrownBy(() -> letter(GRANTED_TITLE, "Bodø", "Astrid Hansen", true, false,
        "Begrunnelse.", null)).withMessage("legalBasis");
  }

  @Test
  void aLetterThatGrantsNothingIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Letter(GRANTED_TITLE, "Bodø", "Astrid Hansen", NATIONAL_ID,
        "SAK-2026-000042", "23.11.2026", "Ingrid Berg", "søknaden om helse- og omsorgstjenester", "20.11.2026", true,
        false, List.of(), null, null, "Begrunnelse.", HOME_NURSING_BASIS, "tre uker"));
  }

  @Test
  void aLongLetterContinuesOnANewPage() throws IOException {
    String reason = ("Pasienten har hatt flere innleggelser det siste året og trenger tett oppfølging. ").repeat(60)
        + "Siste setning i begrunnelsen.";

    byte[] pdf = renderer.render(granted("Astrid Hansen", reason));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
    }
    assertThat(text(pdf)).contains("Siste setning i begrunnelsen. Hjemmel",
        "Brevet er godkjent elektronisk og har derfor ingen underskrift.");
  }
}
