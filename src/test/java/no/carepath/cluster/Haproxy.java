package no.carepath.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the nodes, as an operator would run it: round robin, a readiness
 * check every second ({@code /actuator/health/readiness}), and a request whose connection a dead
 * node refused sent to the other node (nothing of it reached the dead one, so that is safe for a
 * POST). The binary comes from {@code src/test/sh/install-haproxy.sh}, run here if Maven has not.
 */
public final class Haproxy implements AutoCloseable {

  private final int port;
  private final Process process;

  private Haproxy(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts HAProxy on a free port of 127.0.0.1 in front of the nodes on these ports. */
  public static Haproxy start(Path directory, List<Integer> nodePorts) {
    try {
      Files.createDirectories(directory);
      Path binary = installed();
      int port = freePort();
      StringBuilder config = new StringBuilder("""
          global
            maxconn 4096
          defaults
            mode http
            timeout connect 2s
            timeout client 150s
            timeout server 150s
            timeout check 3s
            # a connection a dead node refused goes to the other node; nothing was sent, so this is safe
            retries 3
            option redispatch 1
            option forwardfor
          frontend carepath
            bind 127.0.0.1:%d
            default_backend nodes
          backend nodes
            balance roundrobin
            option httpchk GET /actuator/health/readiness
            http-check expect status 200
            default-server inter 1s fall 2 rise 1
          """.formatted(port));
      char name = 'a';
      for (int nodePort : nodePorts) {
        config.append("  server ").append(name++).append(" 127.0.0.1:").append(nodePort).append(" check\n");
      }
      Path file = directory.resolve("haproxy.cfg");
      Files.writeString(file, config, StandardCharsets.UTF_8);
      Process process = new ProcessBuilder(binary.toString(), "-db", "-f", file.toString())
          .redirectErrorStream(true).redirectOutput(directory.resolve("haproxy.log").toFile()).start();
      Haproxy haproxy = new Haproxy(port, process);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!listening(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("HAProxy did not start; see " + directory.resolve("haproxy.log"));
        }
        Thread.sleep(100);
      }
      return haproxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://localhost:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The wrapper {@code install-haproxy.sh} writes, made now if it is not there yet. */
  static Path installed() throws IOException, InterruptedException {
    Path projectDirectory = Path.of(System.getProperty("carepath.project-dir", "."));
    Path home = Path.of(System.getProperty("carepath.haproxy-home",
        projectDirectory.resolve(".carepath/haproxy").toString()));
    Path wrapper = home.resolve("haproxy");
    if (!Files.isExecutable(wrapper)) {
      Process install = new ProcessBuilder("bash",
          projectDirectory.resolve("src/test/sh/install-haproxy.sh").toString(), home.toString())
          .inheritIO().start();
      if (install.waitFor() != 0 || !Files.isExecutable(wrapper)) {
        throw new IllegalStateException("install-haproxy.sh failed; HAProxy is needed for the two-node test");
      }
    }
    return wrapper;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
