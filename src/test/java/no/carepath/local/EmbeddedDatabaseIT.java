package no.carepath.local;

import static org.assertj.core.api.Assertions.assertThat;

import no.carepath.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded PostgreSQL of the run command, the tests and the benchmarks keeps what it acknowledges: zonky's
 * defaults (fsync and synchronous commit off) are overridden, so "durable before the 2xx" holds through a power
 * cut and the benchmarks pay the commit a production server pays.
 */
class EmbeddedDatabaseIT extends IntegrationTest {

  @Autowired JdbcClient jdbc;

  @Test
  void commitsAreFlushedToDiskBeforeTheyAreAcknowledged() {
    assertThat(setting("fsync")).isEqualTo("on");
    assertThat(setting("synchronous_commit")).isEqualTo("on");
    assertThat(setting("full_page_writes")).isEqualTo("on");
  }

  @Test
  void theServerLogQuotesNoValuesOfAViolatedKey() {
    assertThat(setting("log_error_verbosity")).isEqualTo("terse");
  }

  private String setting(String name) {
    return jdbc.sql("select setting from pg_settings where name = ?").param(name).query(String.class).single();
  }
}
