package no.carepath.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmarks' {@code main} methods share: settings from {@code key=value} arguments over their
 * defaults, and a run that ends the JVM with 0, or 1 after printing what failed (the shutdown hooks stop
 * Keycloak and PostgreSQL).
 */
final class BenchmarkMain {

  /** A benchmark's run. */
  interface Run {
    void run() throws Exception;
  }

  private BenchmarkMain() {
  }

  /**
   * @param onlyKnown refuse a setting the defaults do not name (a typo would otherwise run the defaults)
   */
  static Map<String, String> settings(String[] args, Map<String, String> defaults, boolean onlyKnown) {
    Map<String, String> settings = new LinkedHashMap<>(defaults);
    for (String arg : args) {
      String[] pair = arg.split("=", 2);
      if (onlyKnown && !defaults.containsKey(pair[0])) {
        throw new IllegalArgumentException("Unknown setting " + pair[0] + "; known: " + defaults.keySet());
      }
      settings.put(pair[0], pair[1]);
    }
    return settings;
  }

  /** Runs, then closes whatever the run started, and exits: 0 when it passed, 1 when it threw. */
  static void runAndExit(Run run, Runnable close) {
    int status = 0;
    try {
      run.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    } finally {
      close.run();
    }
    System.exit(status);
  }

  /** The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg says. */
  static String loadAverage() {
    try {
      return String.join(" ", java.util.Arrays.copyOf(java.nio.file.Files.readString(
          java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
