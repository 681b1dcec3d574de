package no.carepath.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run command after a {@code kill -9}: the Keycloak the killed run left behind is taken over when
 * it serves the same realm on the same port and answers, and stopped and started afresh otherwise.
 * A stand-in plays Keycloak: a script under a {@code keycloak-*} folder that only waits, and an HTTP
 * server answering the realm's discovery document.
 */
class LocalKeycloakTest {

  private static final Map<String, String> PLACEHOLDERS = Map.of("CAREPATH_BASE_URL", "http://localhost:1");

  @TempDir
  Path directory;

  private Path home;
  private Path data;
  private Path realm;
  private Process leftover;
  private HttpServer discovery;

  @BeforeEach
  void standInForKeycloak() throws IOException {
    home = directory.resolve("keycloak-26.7.3");
    Files.createDirectories(home.resolve("bin"));
    Path launcher = home.resolve("bin/kc.sh");
    Files.writeString(launcher, "#!/bin/bash\nsleep 300\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    data = directory.resolve("keycloak-data");
    Files.createDirectories(data);
    realm = directory.resolve("realm/carepath-realm.json");
    Files.createDirectories(realm.getParent());
    Files.writeString(realm, "{\"realm\":\"carepath\"}");
    // what a killed run leaves: Keycloak still running (no parent any more), its pid file beside its data
    leftover = new ProcessBuilder("/bin/bash", launcher.toString(), "start-dev").start();
  }

  @AfterEach
  void stopStandIns() {
    if (discovery != null) {
      discovery.stop(0);
    }
    leftover.destroyForcibly();
  }

  @Test
  void aLeftoverServingTheSameRealmOnThePortIsReused() throws IOException {
    int port = answeringDiscoveryOnAFreePort();
    String fingerprint = LocalKeycloak.fingerprint(realm, PLACEHOLDERS);
    Files.writeString(data.resolve("realm.sha256"), fingerprint);
    Files.writeString(data.resolve("keycloak.pid"), leftover.pid() + "\n" + port + "\n" + fingerprint + "\n");

    LocalKeycloak keycloak = LocalKeycloak.start(home, data, realm, port, "admin", PLACEHOLDERS,
        directory.resolve("keycloak.log"));

    assertThat(keycloak.reused()).isTrue();
    assertThat(keycloak.url()).isEqualTo("http://localhost:" + port);
    assertThat(leftover.isAlive()).isTrue();
    keycloak.awaitReady(Duration.ofSeconds(10));

    // the run that took it over stops it when it ends itself
    keycloak.close();
    assertThat(leftover.onExit().orTimeout(20, TimeUnit.SECONDS).join().isAlive()).isFalse();
    assertThat(data.resolve("keycloak.pid")).doesNotExist();
  }

  @Test
  void aLeftoverOfAnotherRealmIsStoppedAndAFreshKeycloakStarted() throws IOException {
    int port = freePort();
    Files.writeString(data.resolve("realm.sha256"), "an earlier realm file");
    Files.writeString(data.resolve("keycloak.pid"), leftover.pid() + "\n" + port + "\nan earlier realm file\n");

    LocalKeycloak keycloak = LocalKeycloak.start(home, data, realm, port, "admin", PLACEHOLDERS,
        directory.resolve("keycloak.log"));
    try {
      assertThat(keycloak.reused()).isFalse();
      assertThat(leftover.isAlive()).as("the leftover is stopped").isFalse();
      String pidFile = Files.readString(data.resolve("keycloak.pid"), StandardCharsets.UTF_8);
      assertThat(pidFile).doesNotStartWith(leftover.pid() + "\n")
          .endsWith(port + "\n" + LocalKeycloak.fingerprint(realm, PLACEHOLDERS) + "\n");
      assertThat(data.resolve("realm.sha256")).hasContent(LocalKeycloak.fingerprint(realm, PLACEHOLDERS));
    } finally {
      keycloak.close();
    }
  }

  @Test
  void aLeftoverOnAnotherPortIsNotReused() throws IOException {
    int port = answeringDiscoveryOnAFreePort();
    String fingerprint = LocalKeycloak.fingerprint(realm, PLACEHOLDERS);
    Files.writeString(data.resolve("realm.sha256"), fingerprint);
    int otherPort = freePort();
    Files.writeString(data.resolve("keycloak.pid"), leftover.pid() + "\n" + otherPort + "\n" + fingerprint + "\n");
    discovery.stop(0);
    discovery = null;

    LocalKeycloak keycloak = LocalKeycloak.start(home, data, realm, port, "admin", PLACEHOLDERS,
        directory.resolve("keycloak.log"));
    try {
      assertThat(keycloak.reused()).isFalse();
      assertThat(leftover.isAlive()).isFalse();
    } finally {
      keycloak.close();
    }
  }

  private int answeringDiscoveryOnAFreePort() throws IOException {
    discovery = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    discovery.createContext("/realms/carepath/.well-known/openid-configuration", exchange -> {
      byte[] body = "{\"issuer\":\"x\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    discovery.start();
    return discovery.getAddress().getPort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
