package no.carepath.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rule for header values, as a loop. {@link StrictHttpFirewall} checks every header value the
 * application reads against {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: each code point assigned, and
 * not a control character unless it is a tab. As a regular expression that costs, on the bearer token of every
 * request, about as much as the token resolver's own (see {@link BearerTokens}). Same rule, same firewall
 * otherwise; {@code HeaderValuesTest} compares it with the library's default on every code point.
 */
final class HeaderValues {

  private HeaderValues() {
  }

  static StrictHttpFirewall firewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderValues(HeaderValues::allowed);
    return firewall;
  }

  static boolean allowed(String value) {
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      // printable ASCII, nearly every header: assigned and no control character
      if (codePoint < 0x20 || codePoint > 0x7e) {
        int type = Character.getType(codePoint);
        if (type == Character.UNASSIGNED || (type == Character.CONTROL && codePoint != '\t')) {
          return false;
        }
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }
}
