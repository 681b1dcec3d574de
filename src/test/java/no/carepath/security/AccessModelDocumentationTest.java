package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/access.md} states the access model the code applies: its two generated tables are
 * exactly {@link AccessModel#markdown()} and {@link EngineGrants#markdown()}. When a rule changes,
 * run this test with {@code -Dcarepath.write-docs=true} to rewrite the tables, and read the diff.
 */
class AccessModelDocumentationTest {

  private static final Path DOC = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("docs/access.md");

  @Test
  void theWrittenModelIsTheModelTheCodeApplies() throws IOException {
    String doc = Files.readString(DOC);
    String expected = replace(replace(doc, "http", AccessModel.markdown()), "engine", EngineGrants.markdown());
    if (Boolean.getBoolean("carepath.write-docs") && !expected.equals(doc)) {
      Files.writeString(DOC, expected);
      doc = expected;
    }
    assertThat(doc).as("docs/access.md is out of date: run this test with -Dcarepath.write-docs=true")
        .isEqualTo(expected);
  }

  @Test
  void everyRuleNamesWhatItIsAndHowItsDataIsLimited() {
    for (AccessModel.Rule rule : AccessModel.RULES) {
      assertThat(rule.what()).as(rule.patterns().toString()).isNotBlank();
      assertThat(rule.data()).as(rule.patterns().toString()).isNotNull();
      assertThat(rule.patterns()).isNotEmpty();
    }
    assertThat(AccessModel.RULES.get(AccessModel.RULES.size() - 1).patterns()).containsExactly("/**");
    assertThat(AccessModel.RULES.get(AccessModel.RULES.size() - 1).isDenied()).isTrue();
  }

  private static String replace(String doc, String section, String table) {
    String begin = "<!-- generated:" + section + " -->\n";
    String end = "<!-- /generated:" + section + " -->";
    int from = doc.indexOf(begin);
    int to = doc.indexOf(end);
    assertThat(from).as("docs/access.md has the marker " + begin.strip()).isNotNegative();
    assertThat(to).as("docs/access.md has the marker " + end).isGreaterThan(from);
    return doc.substring(0, from + begin.length()) + table + doc.substring(to);
  }
}
