package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Documents from HTML templates: PDF/A with an embedded font that writes Sámi names as they are. */
class DocumentsTest {

  record Line(String when, String who, String role, String what, String channel, String why, boolean ownWork) {
  }

  record Report(String patient, String nationalId, String municipality, String generatedAt, String generatedBy,
      List<Line> lines) {
  }

  private final Documents documents = PageRendering.documents();

  @Test
  void anAccessReportForAPatientWithASamiNameKeepsEveryLetter() throws IOException {
    Report report = new Report("Áilu Čáhppes Đuššá Ŋuvttaš Ŧeavdni Žá (f. 01.02.1950)", "010250*****", "Kautokeino",
        "02.12.2026 kl. 10:00", "Ingrid Berg", List.of(new Line("01.12.2026 kl. 09:12", "Jonas Lie (jonas.lie)",
            "sykepleier, digital hjemmeoppfølging", "oppfølgingsforløpet EP-2026-000001", "Carepath (sider)",
            "rollen", true)));

    byte[] pdf = documents.pdf("documents/access-report", Map.of("report", report));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Áilu Čáhppes Đuššá Ŋuvttaš Ŧeavdni Žá").contains("Innsyn i logg")
          .contains("Jonas Lie").doesNotContain("?");
      assertThat(document.getDocumentCatalog().getMetadata()).as("PDF/A needs XMP metadata").isNotNull();
      String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(xmp).contains("pdfaid:part").contains("2");
      assertThat(document.getDocumentCatalog().getOutputIntents()).isNotEmpty();
      document.getPage(0).getResources().getFontNames().forEach(name -> {
        try {
          assertThat(document.getPage(0).getResources().getFont(name).isEmbedded()).as(name.getName()).isTrue();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }
}
