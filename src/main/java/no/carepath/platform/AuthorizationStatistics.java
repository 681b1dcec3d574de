package no.carepath.platform;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Statistics PostgreSQL needs to plan the engine's authorization check of the Tasklist's task queries.
 * The check joins {@code ACT_RU_AUTHORIZATION} rows that grant a permission bit ({@code PERMS_ & 2 = 2}:
 * READ on a task; {@code PERMS_ & 64 = 64}: READ_TASK on a definition). Without statistics on those
 * expressions PostgreSQL guesses that 0.5 % of a group's grants match; in Carepath nearly all do,
 * because a role's grants are the engine's one grant per open task in every municipality. With 50,000
 * open tasks a nurse's first page and its count then took about 6 s each (a merge join comparing 25
 * million pairs; {@code TasklistBenchmark}, {@code docs/benchmarks.md} S7); with these statistics and
 * the next ANALYZE, 60-70 ms. Created at every start if missing: a statistics object holds no data
 * and changes no row of the engine's tables.
 */
@Component
class AuthorizationStatistics {

  private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);
  static final String NAME = "carepath_authorization_perms";
  static final String CREATE = "create statistics if not exists " + NAME
      + " on (perms_ & 2), (perms_ & 64) from act_ru_authorization";

  private final JdbcClient jdbc;
  private final ProcessEngine engine;

  AuthorizationStatistics(JdbcClient jdbc, ProcessEngine engine) {
    this.jdbc = jdbc;
    this.engine = engine;
  }

  @EventListener(PostDeployEvent.class)
  void create() {
    if (!"postgres".equals(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType())) {
      return;
    }
    try {
      boolean exists = jdbc.sql("select count(*) from pg_statistic_ext where stxname = :name").param("name", NAME)
          .query(Long.class).single() > 0;
      if (!exists) {
        jdbc.sql(CREATE).update();
        // the statistics are filled by the next ANALYZE; autovacuum's would come later
        jdbc.sql("analyze act_ru_authorization").update();
      }
    } catch (DataAccessException e) {
      // another node may be creating them at the same moment; the Tasklist works without them, only slower
      log.warn("Could not create the statistics {} on act_ru_authorization: {}", NAME, e.getMessage());
    }
  }
}
