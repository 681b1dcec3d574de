package no.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall with {@link HeaderValues}' rule lets through and refuses exactly the header values Spring
 * Security's default {@link StrictHttpFirewall} does: every Unicode code point alone and inside a value, lone
 * surrogates, and random mixes.
 */
class HeaderValuesTest {

  private final HttpFirewall library = new StrictHttpFirewall();
  private final HttpFirewall ours = HeaderValues.firewall();

  @Test
  void everyCodePointIsAllowedOrRefusedAsTheLibraryDoes() {
    int allowed = 0;
    int refused = 0;
    for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
      String alone = new String(Character.toChars(codePoint));
      for (String value : List.of(alone, "Bearer abc" + alone + "def")) {
        boolean expected = passes(library, value);
        assertThat(passes(ours, value)).as("U+%04X in %s", codePoint, value.length() > 2 ? "a value" : "alone").isEqualTo(expected);
        assertThat(HeaderValues.allowed(value)).isEqualTo(expected);
        if (expected) {
          allowed++;
        } else {
          refused++;
        }
      }
    }
    assertThat(allowed).isGreaterThan(100_000);
    assertThat(refused).isGreaterThan(100_000);
  }

  @Test
  void loneSurrogatesMixesAndTheEmptyValueAreJudgedAsTheLibraryJudgesThem() {
    List<String> values = new ArrayList<>(List.of("", "\t", "a\tb", "\ud800", "a\udc00", "\udc00\ud800", "\ud83d\ude00",
        "x\ud83d", "\u0085", "\u00a0", "\u200b", "\ufeff", "\u007f", "\u0000", "\n", "æøå ÆØÅ", "\ue000", "\uffff"));
    Random random = new Random(14);
    int[] samples = {'a', '\t', 0x1f, 0x7f, 0x85, 0x378, 0xd800, 0xdc00, 0xe000, 0xfffe, 0x1f600, 0x10ffff, 0xe0001, 0x2fffe};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(6);
      for (int j = 0; j < length; j++) {
        int codePoint = samples[random.nextInt(samples.length)];
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
          value.append((char) codePoint);
        } else {
          value.appendCodePoint(codePoint);
        }
      }
      values.add(value.toString());
    }
    for (String value : values) {
      assertThat(passes(ours, value)).as("%s", value.codePoints().mapToObj(Integer::toHexString).toList())
          .isEqualTo(passes(library, value));
    }
  }

  private static boolean passes(HttpFirewall firewall, String value) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Observation");
    request.addHeader("X-Value", value);
    try {
      firewall.getFirewalledRequest(request).getHeader("X-Value");
      return true;
    } catch (RequestRejectedException e) {
      return false;
    }
  }
}
