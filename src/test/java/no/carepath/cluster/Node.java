package no.carepath.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One application node: the production jar ({@code target/carepath-*.jar}) in a JVM of its own,
 * configured by environment variables only, as {@code docs/operations.md} describes. It can be
 * stopped as systemd does (SIGTERM) or killed as a crash does ({@code kill -9}), and started again.
 */
public final class Node implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Map<String, String> environment;
  private final Path directory;
  private final List<String> jvmOptions;
  private Process process;
  private long startedAt;
  private int starts;

  /**
   * @param environment what an operator sets (CAREPATH_*); the node's SERVER_PORT is added here
   * @param jvmOptions options of the node's JVM, e.g. its heap
   */
  public Node(String name, Map<String, String> environment, Path directory, List<String> jvmOptions) {
    this.name = name;
    this.port = Haproxy.freePort();
    this.environment = new LinkedHashMap<>(environment);
    this.environment.put("SERVER_PORT", Integer.toString(port));
    this.directory = directory;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** Sets an environment variable for the next start. */
  public Node with(String variable, String value) {
    if (value == null) {
      environment.remove(variable);
    } else {
      environment.put(variable, value);
    }
    return this;
  }

  /** Starts the jar; its output goes to {@code node-<name>-<n>.log} in the node's directory. */
  public synchronized void start() {
    if (alive()) {
      throw new IllegalStateException("node " + name + " is running");
    }
    try {
      Files.createDirectories(directory);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-jar");
      command.add(productionJar().toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log(++starts).toFile());
      builder.environment().keySet().removeIf(variable -> variable.startsWith("CAREPATH_") || variable.startsWith("SPRING_"));
      builder.environment().putAll(environment);
      startedAt = System.nanoTime();
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node's readiness answers 200; returns the time from {@link #start()}. */
  public Duration awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + "; see " + log(starts));
      }
      if (ready()) {
        return Duration.ofNanos(System.nanoTime() - startedAt);
      }
      sleep(250);
    }
    throw new IllegalStateException("node " + name + " not ready within " + timeout + "; see " + log(starts));
  }

  public boolean ready() {
    try {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no graceful anything; returns the exit status (137). */
  public int kill() {
    return end(true);
  }

  /** SIGTERM, as systemd stops a service; returns the exit status (143 after a graceful stop). */
  public int stop() {
    return end(false);
  }

  private synchronized int end(boolean forcibly) {
    if (process == null) {
      return -1;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  public Path log(int start) {
    return directory.resolve("node-" + name + "-" + start + ".log");
  }

  /** The log of the current (or last) start. */
  public Path log() {
    return log(starts);
  }

  @Override
  public void close() {
    if (alive()) {
      stop();
    }
  }

  /** The jar {@code package} made: what an operator deploys. */
  public static Path productionJar() throws IOException {
    Path target = Path.of(System.getProperty("carepath.project-dir", ".")).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(file -> file.getFileName().toString().matches("carepath-.*\\.jar"))
          .filter(file -> !file.getFileName().toString().endsWith("-plain.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/carepath-*.jar: run ./mvnw verify (package comes first)"));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
