package no.carepath.platform;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * One path for documents: a Thymeleaf template (XHTML, {@code templates/documents/...}) rendered to
 * PDF/A-2u with an embedded Unicode font (Liberation Sans, which has the Sámi letters Č, Đ, Ŋ, Š,
 * Ŧ, Ž as well as æ, ø, å), so a document prints any name as written and can be archived. Inline
 * {@code <svg>} (charts) is drawn by Batik as vector graphics; the same fonts are registered with
 * AWT, which lays out the charts' text.
 */
@Component
public class Documents {

  static final String FONT_FAMILY = "Carepath Sans";
  private static final String[][] FONTS = {
      {"liberation/LiberationSans-Regular.ttf", "400", "NORMAL"},
      {"liberation/LiberationSans-Bold.ttf", "700", "NORMAL"},
      {"liberation/LiberationSans-Italic.ttf", "400", "ITALIC"}};

  private final ITemplateEngine templates;
  private final byte[] colourProfile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

  Documents(ITemplateEngine templates) {
    this.templates = templates;
    registerWithAwt();
  }

  /** The fonts for charts drawn with AWT (JFreeChart) and laid out by Batik, whatever the machine has installed. */
  public static void registerWithAwt() {
    java.awt.GraphicsEnvironment environment = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment();
    for (String[] font : FONTS) {
      try (InputStream in = open(font[0])) {
        environment.registerFont(java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in));
      } catch (IOException | java.awt.FontFormatException e) {
        throw new IllegalStateException("Font " + font[0] + " could not be read", e);
      }
    }
  }

  /** The template filled with the model, as a PDF/A-2u document. */
  public byte[] pdf(String template, Map<String, Object> model) {
    String html = templates.process(template, new Context(Locale.forLanguageTag("nb"), model));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.usePdfUaAccessibility(true);
      builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U);
      builder.useColorProfile(colourProfile);
      for (String[] font : FONTS) {
        builder.useFont(() -> open(font[0]), FONT_FAMILY, Integer.parseInt(font[1]),
            BaseRendererBuilder.FontStyle.valueOf(font[2]), true);
      }
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.withHtmlContent(html, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render " + template, e);
    }
    return out.toByteArray();
  }

  private static InputStream open(String resource) {
    InputStream in = Documents.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("Font " + resource + " is missing from the class path (openpdf-fonts-extra)");
    }
    return in;
  }
}
