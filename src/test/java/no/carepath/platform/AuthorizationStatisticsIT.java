package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import no.carepath.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PostgreSQL plans the Tasklist's authorization check with statistics on the permission bits. */
class AuthorizationStatisticsIT extends IntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired AuthorizationStatistics statistics;

  @Test
  void theStatisticsOnTheAuthorizationTableExistAfterStartAndAreCreatedOnlyOnce() {
    String sql = "select count(*) from pg_statistic_ext where stxname = :name and stxrelid = 'act_ru_authorization'::regclass";
    assertThat(jdbc.sql(sql).param("name", AuthorizationStatistics.NAME).query(Long.class).single()).isEqualTo(1);

    statistics.create();

    assertThat(jdbc.sql(sql).param("name", AuthorizationStatistics.NAME).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void analyzeFillsThemSoTheGrantsOfARoleAreNotGuessedAsRare() {
    jdbc.sql("analyze act_ru_authorization").update();

    assertThat(jdbc.sql("select count(*) from pg_stats_ext_exprs where statistics_name = :name")
        .param("name", AuthorizationStatistics.NAME).query(Long.class).single()).isEqualTo(2);
  }
}
