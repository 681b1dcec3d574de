package no.carepath.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the run command, the tests and the benchmarks keeps what it acknowledges: zonky's
 * defaults (fsync and synchronous commit off) are overridden, so "durable before the 2xx" holds through a power
 * cut and the benchmarks pay the commit a production server pays. A server of its own, so the test also holds
 * where the other tests use an external PostgreSQL ({@code CAREPATH_TEST_DB_URL}).
 */
class EmbeddedDatabaseIT {

  @TempDir
  static Path directory;

  private static EmbeddedDatabase database;

  @BeforeAll
  static void start() {
    database = EmbeddedDatabase.start(directory.resolve("postgres"), 0, false);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void commitsAreFlushedToDiskBeforeTheyAreAcknowledged() throws SQLException {
    assertThat(setting("fsync")).isEqualTo("on");
    assertThat(setting("synchronous_commit")).isEqualTo("on");
    assertThat(setting("full_page_writes")).isEqualTo("on");
  }

  @Test
  void checkpointsAreSpacedForTheReadingsLoad() throws SQLException {
    // pg_settings gives max_wal_size in MB and checkpoint_timeout in seconds
    assertThat(setting("max_wal_size")).isEqualTo("8192");
    assertThat(setting("checkpoint_timeout")).isEqualTo("900");
  }

  @Test
  void theServerLogQuotesNoValuesOfAViolatedKey() throws SQLException {
    assertThat(setting("log_error_verbosity")).isEqualTo("terse");
  }

  private static String setting(String name) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
         PreparedStatement statement = connection.prepareStatement("select setting from pg_settings where name = ?")) {
      statement.setString(1, name);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }
}
