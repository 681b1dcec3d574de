package no.carepath.allocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

/**
 * Renders the decision letter from {@code templates/allocation/decision-letter.txt} to an A4 PDF.
 * The template gives the wording; this class gives the letterhead, the layout and the signature.
 */
@Component
class DecisionLetterRenderer {

  /** What goes into one letter. {@code values} fill the template; list values become bullets. */
  record Letter(String title, String municipalityName, String recipientName, String recipientNationalId,
      String caseId, String letterDate, String signerName, Map<String, Object> values, Set<String> blocks) {
  }

  record Block(Kind kind, String text) {
    enum Kind { HEADING, PARAGRAPH, BULLET }
  }

  private static final String TEMPLATE = "templates/allocation/decision-letter.txt";
  private static final float MARGIN = 64;
  private static final float BODY_SIZE = 11;
  private static final float LEADING = 15.5f;

  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final List<String> template = loadTemplate();

  byte[] render(Letter letter) {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(letter.title() + " – " + letter.caseId());
      info.setAuthor(letter.municipalityName() + " kommune");
      Writer writer = new Writer(document);
      writer.line(letter.municipalityName() + " kommune", bold, 15, 0);
      writer.line("Tildelingskontoret", regular, BODY_SIZE, 0);
      writer.space(18);
      writer.line(letter.recipientName(), regular, BODY_SIZE, 0);
      writer.line("Fødselsnummer: " + letter.recipientNationalId(), regular, BODY_SIZE, 0);
      writer.space(12);
      writer.line("Vår referanse: " + letter.caseId() + "     Dato: " + letter.letterDate(), regular, BODY_SIZE, 0);
      writer.space(22);
      writer.wrapped(letter.title(), bold, 16, 0);
      writer.space(6);
      for (Block block : blocks(letter)) {
        switch (block.kind()) {
          case HEADING -> {
            writer.space(10);
            writer.wrapped(block.text(), bold, 12.5f, 0);
          }
          case BULLET -> writer.bullet(block.text());
          case PARAGRAPH -> {
            writer.wrapped(block.text(), regular, BODY_SIZE, 0);
            writer.space(5);
          }
        }
      }
      writer.space(20);
      writer.line("Med vennlig hilsen", regular, BODY_SIZE, 0);
      writer.space(10);
      writer.line(letter.signerName(), regular, BODY_SIZE, 0);
      writer.line("saksbehandler, tildelingskontoret", regular, BODY_SIZE, 0);
      writer.space(14);
      writer.wrapped("Brevet er godkjent elektronisk og har derfor ingen underskrift.", regular, 9, 0);
      writer.close();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not render the decision letter", e);
    }
  }

  /** The template with blocks chosen, placeholders filled and paragraphs joined. */
  List<Block> blocks(Letter letter) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    List<String> skipping = new ArrayList<>();
    for (String raw : template) {
      String line = raw.strip();
      if (line.startsWith("# ")) {
        continue;
      }
      if (line.matches("\\[\\[/?[a-z]+]]")) {
        String name = line.replaceAll("[\\[\\]/]", "");
        if (line.startsWith("[[/")) {
          skipping.remove(name);
        } else if (!letter.blocks().contains(name)) {
          skipping.add(name);
        }
        continue;
      }
      if (!skipping.isEmpty()) {
        continue;
      }
      if (line.isEmpty()) {
        flush(blocks, paragraph);
      } else if (line.startsWith("## ")) {
        flush(blocks, paragraph);
        blocks.add(new Block(Block.Kind.HEADING, fill(line.substring(3), letter.values())));
      } else if (line.startsWith("- ")) {
        flush(blocks, paragraph);
        String item = line.substring(2);
        Object value = item.matches("\\{\\{\\w+}}") ? letter.values().get(item.substring(2, item.length() - 2)) : null;
        if (value instanceof List<?> items) {
          items.forEach(element -> blocks.add(new Block(Block.Kind.BULLET, String.valueOf(element))));
        } else {
          blocks.add(new Block(Block.Kind.BULLET, fill(item, letter.values())));
        }
      } else {
        paragraph.append(paragraph.isEmpty() ? "" : " ").append(fill(line, letter.values()));
      }
    }
    flush(blocks, paragraph);
    return blocks;
  }

  private static void flush(List<Block> blocks, StringBuilder paragraph) {
    if (!paragraph.isEmpty()) {
      blocks.add(new Block(Block.Kind.PARAGRAPH, paragraph.toString()));
      paragraph.setLength(0);
    }
  }

  private static String fill(String text, Map<String, Object> values) {
    String result = text;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      result = result.replace("{{" + entry.getKey() + "}}", String.valueOf(entry.getValue()));
    }
    if (result.contains("{{")) {
      throw new IllegalStateException("Letter template placeholder without value: " + result);
    }
    return result;
  }

  private static List<String> loadTemplate() {
    try (InputStream in = DecisionLetterRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lays out lines top-down on A4 pages, starting a new page when one is full. */
  private final class Writer {
    private final PDDocument document;
    private PDPageContentStream stream;
    private float y;
    private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;

    Writer(PDDocument document) throws IOException {
      this.document = document;
      newPage();
    }

    void line(String text, PDType1Font font, float size, float indent) throws IOException {
      if (y < MARGIN + LEADING) {
        newPage();
      }
      stream.beginText();
      stream.setFont(font, size);
      stream.newLineAtOffset(MARGIN + indent, y);
      stream.showText(encodable(text, font));
      stream.endText();
      y -= Math.max(LEADING, size * 1.35f);
    }

    void wrapped(String text, PDType1Font font, float size, float indent) throws IOException {
      for (String line : wrap(encodable(text, font), font, size, width - indent)) {
        line(line, font, size, indent);
      }
    }

    void bullet(String text) throws IOException {
      List<String> lines = wrap(encodable(text, regular), regular, BODY_SIZE, width - 18);
      for (int i = 0; i < lines.size(); i++) {
        if (i == 0) {
          if (y < MARGIN + LEADING) {
            newPage();
          }
          stream.beginText();
          stream.setFont(regular, BODY_SIZE);
          stream.newLineAtOffset(MARGIN + 6, y);
          stream.showText("\u2022");
          stream.endText();
        }
        line(lines.get(i), regular, BODY_SIZE, 18);
      }
    }

    void space(float points) {
      y -= points;
    }

    private List<String> wrap(String text, PDType1Font font, float size, float maxWidth) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (font.getStringWidth(candidate) / 1000 * size > maxWidth && !current.isEmpty()) {
          lines.add(current.toString());
          current = new StringBuilder(word);
        } else {
          current = new StringBuilder(candidate);
        }
      }
      if (!current.isEmpty()) {
        lines.add(current.toString());
      }
      return lines;
    }

    /** Free text may hold characters the standard PDF fonts cannot show; they become '?'. */
    private String encodable(String text, PDType1Font font) {
      StringBuilder result = new StringBuilder(text.length());
      text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').codePoints().forEach(codePoint -> {
        String character = new String(Character.toChars(codePoint));
        try {
          font.encode(character);
          result.append(character);
        } catch (IOException | IllegalArgumentException e) {
          result.append('?');
        }
      });
      return result.toString();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    void close() throws IOException {
      stream.close();
    }
  }
}
