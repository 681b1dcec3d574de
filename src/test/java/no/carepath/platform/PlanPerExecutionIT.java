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
    PlanPerExecution.during(() -> {
      try (Connection connection = dataSource.getConnection()) {
        inside.add(mode(connection));
        // in a transaction that is rolled back, as an engine command that fails would be
        connection.setAutoCommit(false);
        inside.add(mode(connection));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(inside).containsExactly("force_custom_plan", "force_custom_plan");
    // every connection of the pool at once: the one just lent is among them
    List<Connection> all = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        all.add(dataSource.getConnection());
      }
      for (Connection connection : all) {
        assertThat(mode(connection)).isEqualTo("auto");
      }
    } finally {
      for (Connection connection : all) {
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

  private static String mode(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("show plan_cache_mode")) {
      row.next();
      return row.getString(1);
    }
  }
}
