package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import no.carepath.Api;
import no.carepath.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine queries a person waits for are planned with their values; everything else keeps
 * PostgreSQL's plan cache, and no connection goes back to the pool planning every statement.
 */
class PlanPerExecutionIT extends IntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  final Api api = new Api(PLATFORM);

  @Test
  void outsideARequestOfAPersonStatementsUseTheDefaultPlanCache() {
    assertThat(jdbc.sql("show plan_cache_mode").query(String.class).single()).isEqualTo("auto");
  }

  @Test
  void aConnectionLentToARequestOfAPersonPlansEachExecutionAndIsResetWhenGivenBack() throws Exception {
    List<String> inside = new ArrayList<>();
    List<Integer> backend = new ArrayList<>();
    PlanPerExecution.during(() -> {
      try (Connection connection = dataSource.getConnection()) {
        backend.add(pid(connection));
        inside.add(mode(connection));
        // in a transaction left open at close, as raw JDBC code might
        connection.setAutoCommit(false);
        inside.add(mode(connection));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(inside).containsExactly("force_custom_plan", "force_custom_plan");
    // the same server connection, back in the pool (not replaced by a new one): the pool lends this thread its
    // last connection first; others in use by the application's threads are skipped
    List<Connection> held = new ArrayList<>();
    try {
      Connection same = null;
      for (int i = 0; i < 10 && same == null; i++) {
        Connection connection = dataSource.getConnection();
        held.add(connection);
        if (pid(connection) == backend.get(0)) {
          same = connection;
        }
      }
      assertThat(same).as("the connection that planned each execution went back to the pool").isNotNull();
      assertThat(mode(same)).isEqualTo("auto");
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theTasklistsQueriesThroughTheEngineApiAreLentConnectionsWithCustomPlans() {
    String nurse = api.tokenOf("jonas.lie");
    long before = PlanPerExecution.LENT.get();

    Api.Response count = api.get("/engine-rest/task/count?candidateGroup=home-follow-up-nurses", nurse);

    assertThat(count.status()).isEqualTo(200);
    assertThat(PlanPerExecution.LENT.get()).isGreaterThan(before);
    Api.Response metrics = api.get("/actuator/prometheus", api.tokenOf("sigrid.holm"));
    assertThat(metrics.body()).contains("carepath_db_custom_plan_connections_total");
  }

  private static int pid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
      row.next();
      return row.getInt(1);
    }
  }

  private static String mode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("show plan_cache_mode")) {
      row.next();
      return row.getString(1);
    }
  }
}
