package no.carepath.security;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriUtils;

/**
 * Paths as the engine's REST API understands them, whatever their spelling: decoded
 * ({@code /mess%61ge} is {@code /message}), without matrix parameters, repeated or trailing
 * slashes; and the engine resource under either root ({@code /engine-rest}, with or without
 * {@code /engine/<name>}, or the webapps' {@code /camunda/api/engine/engine/<name>}).
 */
final class EnginePaths {

  private static final Pattern ENGINE = Pattern.compile(
      "^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)?$");
  private static final Pattern COCKPIT_PLUGIN = Pattern.compile("^/camunda/api/cockpit/plugin/[^/]+/[^/]+(/.*)?$");

  private EnginePaths() {
  }

  /** The request's path inside the application, decoded and tidied. */
  static String path(HttpServletRequest request) {
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    return normalize(raw);
  }

  static String normalize(String raw) {
    StringBuilder path = new StringBuilder();
    for (String segment : raw.split("/")) {
      int matrix = segment.indexOf(';');
      String clean = UriUtils.decode(matrix < 0 ? segment : segment.substring(0, matrix), StandardCharsets.UTF_8);
      if (!clean.isEmpty()) {
        path.append('/').append(clean);
      }
    }
    return path.isEmpty() ? "/" : path.toString();
  }

  /**
   * The engine resource a path names ({@code /task/abc/variables}), or {@code null} when the path is
   * not the engine's API; for a Cockpit plugin, the resource below the plugin and engine.
   */
  static String resource(String path) {
    Matcher engine = ENGINE.matcher(path);
    if (engine.matches()) {
      return engine.group(1) == null ? "/" : engine.group(1);
    }
    Matcher cockpit = COCKPIT_PLUGIN.matcher(path);
    if (cockpit.matches()) {
      return cockpit.group(1) == null ? "/" : cockpit.group(1);
    }
    return null;
  }

  static boolean isWebapp(String path) {
    return path.startsWith("/camunda/");
  }
}
