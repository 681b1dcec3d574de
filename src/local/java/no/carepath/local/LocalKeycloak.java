package no.carepath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak 26 started as a child process from the {@code org.keycloak:keycloak-quarkus-dist} zip,
 * which Maven unpacks into {@code .carepath/keycloak}. The realm file is imported at start; when
 * the realm file or its placeholder values change, Keycloak's own database is dropped so the realm
 * is imported afresh.
 */
public final class LocalKeycloak implements AutoCloseable {

  public static final String REALM = "carepath";

  private static final Logger LOG = LoggerFactory.getLogger(LocalKeycloak.class);

  private final int port;
  private final ProcessHandle process;
  private final Path pidFile;
  private final boolean reused;
  private boolean closed;

  private LocalKeycloak(int port, ProcessHandle process, Path pidFile, boolean reused) {
    this.port = port;
    this.process = process;
    this.pidFile = pidFile;
    this.reused = reused;
  }

  /**
   * Starts Keycloak and returns at once; call {@link #awaitReady(Duration)} before using it.
   *
   * @param home the unpacked distribution ({@code keycloak-26.x})
   * @param dataDirectory where Keycloak keeps its database for this installation
   * @param realmFile {@code realm/carepath-realm.json}
   * @param placeholders values for the {@code ${...}} placeholders in the realm file
   * @param log file that receives Keycloak's console output
   */
  public static LocalKeycloak start(Path home, Path dataDirectory, Path realmFile, int port,
      String adminPassword, Map<String, String> placeholders, Path log) {
    Path launcher = home.resolve("bin/kc.sh");
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("Keycloak is not unpacked at " + home + ". Start Carepath with"
          + " './mvnw spring-boot:run' (Maven unpacks org.keycloak:keycloak-quarkus-dist), or set"
          + " CAREPATH_KEYCLOAK_URL to use an external Keycloak.");
    }
    try {
      Files.createDirectories(dataDirectory);
      Files.createDirectories(log.getParent());
      Path pidFile = dataDirectory.resolve("keycloak.pid");
      String fingerprint = fingerprint(realmFile, placeholders);
      Optional<ProcessHandle> leftover = leftover(pidFile);
      if (leftover.isPresent() && reusable(leftover.get(), pidFile, dataDirectory, fingerprint, port)) {
        // a run stopped with kill -9 leaves its Keycloak running: same realm, same port, answering
        copyThemes(realmFile.getParent().resolve("themes"), home.resolve("themes"));
        LOG.info("Reusing the local Keycloak still running from an earlier run (pid {}, port {})",
            leftover.get().pid(), port);
        return new LocalKeycloak(port, leftover.get(), pidFile, true);
      }
      leftover.ifPresent(LocalKeycloak::stop);
      Files.deleteIfExists(pidFile);
      requireFreePort(port);
      resetWhenRealmChanged(dataDirectory, fingerprint);
      Path importDirectory = home.resolve("data/import");
      Files.createDirectories(importDirectory);
      Files.copy(realmFile, importDirectory.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
      copyThemes(realmFile.getParent().resolve("themes"), home.resolve("themes"));

      List<String> command = new ArrayList<>();
      // its own session: Ctrl-C in the terminal reaches only Carepath, which stops Keycloak after itself
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        command.add("/usr/bin/setsid");
      }
      command.addAll(List.of(launcher.toString(), "start-dev",
          "--http-host=127.0.0.1",
          "--http-port=" + port,
          "--hostname=http://localhost:" + port,
          "--db-url=jdbc:h2:file:" + dataDirectory.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE",
          "--import-realm"));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> environment = builder.environment();
      environment.put("JAVA_HOME", javaHomeForKeycloak().toString());
      environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
      environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      environment.putAll(placeholders);
      Process process = builder.start();
      // the pid, and the port and realm it serves: what the next start needs to reuse it after a kill -9
      Files.writeString(pidFile, process.pid() + "\n" + port + "\n" + fingerprint + "\n");
      return new LocalKeycloak(port, process.toHandle(), pidFile, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start Keycloak from " + home, e);
    }
  }

  /** The realm's own themes ({@code realm/themes}: the Norwegian login page) into Keycloak's themes folder. */
  private static void copyThemes(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  public String issuer() {
    return url() + "/realms/" + REALM;
  }

  /** Waits until the realm answers its discovery document. */
  public void awaitReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
        .timeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak stopped during start-up; see its log.");
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new IllegalStateException("Keycloak did not answer within " + timeout.toSeconds() + " s");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process);
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // a stale pid file is handled at the next start
    }
  }

  /** Whether this Keycloak was left running by an earlier run and taken over instead of started. */
  public boolean reused() {
    return reused;
  }

  /** A Keycloak left running by a run that was killed (kill -9): it still holds the port and the database. */
  private static Optional<ProcessHandle> leftover(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
        // a recycled pid of another program is not ours to reuse or stop
        .filter(handle -> handle.info().commandLine().map(line -> line.contains("keycloak")).orElse(false));
  }

  /**
   * The leftover serves this realm (same realm file and secrets), on this port, and its realm answers
   * now. Anything else is stopped and a fresh Keycloak started, as before.
   */
  private static boolean reusable(ProcessHandle leftover, Path pidFile, Path dataDirectory, String fingerprint,
      int port) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    Path fingerprintFile = dataDirectory.resolve("realm.sha256");
    boolean sameRealm = lines.size() >= 3 && lines.get(2).equals(fingerprint)
        && Files.exists(fingerprintFile) && Files.readString(fingerprintFile).equals(fingerprint);
    boolean samePort = lines.size() >= 2 && lines.get(1).equals(Integer.toString(port));
    return sameRealm && samePort && leftover.isAlive() && answers(port);
  }

  private static boolean answers(int port) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/realms/" + REALM + "/.well-known/openid-configuration"))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM to Keycloak and its children; after 20 s, SIGKILL. */
  private static void stop(ProcessHandle handle) {
    List<ProcessHandle> descendants = handle.descendants().toList();
    handle.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.destroyForcibly();
      descendants.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void requireFreePort(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("Port " + port + " is in use, so Keycloak cannot start. Stop the"
          + " program that uses it or choose another port with CAREPATH_LOCAL_KEYCLOAK_PORT.", e);
    }
  }

  private static void resetWhenRealmChanged(Path dataDirectory, String fingerprint) throws IOException {
    Path fingerprintFile = dataDirectory.resolve("realm.sha256");
    if (Files.exists(fingerprintFile) && Files.readString(fingerprintFile).equals(fingerprint)) {
      return;
    }
    Path database = dataDirectory.resolve("h2");
    if (Files.exists(database)) {
      try (Stream<Path> files = Files.walk(database)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.writeString(fingerprintFile, fingerprint);
  }

  private static String fingerprint(Path realmFile, Map<String, String> placeholders) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Files.readAllBytes(realmFile));
      new TreeMap<>(placeholders).forEach((key, value) ->
          digest.update((key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keycloak 26 deprecates running on Java 17. Prefer KEYCLOAK_JAVA_HOME, then this JVM if it is 21
   * or newer, then the newest JDK 21+ under /usr/lib/jvm, and only then this JVM.
   */
  static Path javaHomeForKeycloak() {
    String configured = System.getenv("KEYCLOAK_JAVA_HOME");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path current = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() >= 21) {
      return current;
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      List<Path> candidates = new ArrayList<>();
      try (Stream<Path> entries = Files.list(jvms)) {
        entries.filter(home -> Files.isExecutable(home.resolve("bin/java")))
            .filter(home -> featureVersion(home) >= 21)
            .forEach(candidates::add);
      } catch (IOException e) {
        return current;
      }
      return candidates.stream().max(Comparator.comparingInt(LocalKeycloak::featureVersion)).orElse(current);
    }
    return current;
  }

  private static int featureVersion(Path javaHome) {
    Path release = javaHome.resolve("release");
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          return Integer.parseInt(version.split("[.+-]")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
    }
  }
}
