package no.carepath.platform;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The frame of Carepath's own pages ({@code /app/...}): same look, same navigation, escaped text.
 * The pages are plain server-rendered HTML; people log in through Keycloak as for the Tasklist.
 */
public final class HtmlPages {

  private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#f6f7f9}"
      + "header{background:#2a3a4a;color:#fff;padding:.6rem 1.5rem;display:flex;justify-content:space-between}"
      + "header a{color:#fff;margin-left:1rem}main{max-width:64rem;margin:1.5rem auto;padding:0 1.5rem}"
      + "table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #ddd}"
      + "dl{display:grid;grid-template-columns:16rem 1fr;gap:.3rem 1rem;background:#fff;padding:1rem}dt{color:#555}dd{margin:0;white-space:pre-line}"
      + ".status{font-size:.8em;background:#e3ecf5;border-radius:.8em;padding:.15em .6em}.muted{color:#666}"
      + ".notice{background:#e6f4ea;padding:.6rem}.error{background:#fdecea;padding:.6rem}"
      + ".red{background:#fdd;color:#900;font-weight:600}.yellow{background:#fff4c2;color:#6b5200}.green{color:#1e6b34}"
      + "form{background:#fff;padding:1rem;display:grid;gap:.6rem;max-width:32rem}label{display:grid;gap:.2rem}"
      + ".button,button{background:#2a6ebb;color:#fff;padding:.45rem .9rem;border:0;border-radius:.3rem;text-decoration:none;cursor:pointer}"
      + ".actions{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start}";

  private HtmlPages() {
  }

  public static ResponseEntity<String> html(HttpStatus status, String title, String body) {
    String page = "<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>" + e(title) + " – Carepath</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" + STYLE + "</style></head>"
        + "<body><header><strong>Carepath</strong><nav><a href=\"/app/cases\">Saker</a><a href=\"/app/episodes\">Oppfølging</a>"
        + "<a href=\"/app/stays\">Sykehusopphold</a>"
        + "<a href=\"/camunda/app/tasklist/\">Tasklist</a><a href=\"/logout\">Logg ut</a></nav></header><main>"
        + body + "</main></body></html>";
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
  }

  /** HTML-escaped text; {@code null} is empty. */
  public static String e(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  public static String row(String label, String value) {
    return "<dt>" + e(label) + "</dt><dd>" + e(value) + "</dd>";
  }
}
