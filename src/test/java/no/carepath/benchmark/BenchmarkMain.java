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

  /**
   * Carepath on the test platform, for a benchmark: WARN logging, no demo data, then {@code extra},
   * then each setting {@code app.<property>=<value>} as an application property (command-line
   * arguments: they win over application.yaml, as the tests' dynamic properties do).
   */
  static org.springframework.context.ConfigurableApplicationContext startCarepath(no.carepath.TestPlatform platform,
      Map<String, String> settings, Map<String, Object> extra) {
    Map<String, Object> properties = new java.util.HashMap<>(platform.properties());
    properties.put("logging.level.root", "WARN");
    properties.put("carepath.demo.enabled", "false");
    properties.put("spring.main.banner-mode", "off");
    properties.putAll(extra);
    settings.forEach((key, value) -> {
      if (key.startsWith("app.")) {
        properties.put(key.substring("app.".length()), value);
      }
    });
    return new org.springframework.boot.builder.SpringApplicationBuilder(no.carepath.CarepathApplication.class)
        .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new));
  }
}
