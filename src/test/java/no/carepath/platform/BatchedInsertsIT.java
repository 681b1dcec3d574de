package no.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import no.carepath.IntegrationTest;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The driver sends a JDBC batch of the same insert as one multi-row INSERT ({@code reWriteBatchedInserts}),
 * and answers "success, no count" for each row. The engine, which writes a command's rows as batches,
 * still works with that, and a clash between two commands is still what the engine makes of it: a
 * concurrent modification, with nothing of the losing command written.
 */
class BatchedInsertsIT extends IntegrationTest {

  private static final String KEY = "batched-inserts-it";

  @Autowired DataSource dataSource;
  @Autowired ProcessEngine engine;
  @Autowired JdbcClient jdbc;

  private String deployment;
  private String instance;

  @BeforeEach
  void anInstanceWaitingAtATask() {
    deployment = TestTaskModel.deploy(engine, KEY, CarepathGroups.HOME_FOLLOW_UP_NURSES);
    instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of("municipalityNumber", "1804",
        "followUpDueDate", new Date())).getId();
  }

  @AfterEach
  void removeIt() {
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void theApplicationsConnectionsSendABatchOfInsertsAsOneStatement() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("create temporary table batched_inserts_it (n int) on commit drop");
      }
      try (PreparedStatement insert = connection.prepareStatement("insert into batched_inserts_it (n) values (?)")) {
        for (int n = 1; n <= 4; n++) {
          insert.setInt(1, n);
          insert.addBatch();
        }
        // one statement for the four rows (the driver groups rows by powers of two): it cannot say how many each was
        assertThat(insert.executeBatch()).containsExactly(Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
            Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO);
      }
      try (Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("select count(*), sum(n) from batched_inserts_it")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(4);
        assertThat(rows.getInt(2)).isEqualTo(10);
      }
      connection.rollback();
    }
  }

  @Test
  void theEngineWritesAndReadsBackEveryRowOfARewrittenBatch() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int n = 1; n <= 12; n++) {
      values.put("value" + n, "v" + n);
    }

    engine.getRuntimeService().setVariables(instance, values);

    assertThat(engine.getRuntimeService().getVariables(instance)).containsAllEntriesOf(values);
    // the history rows of the same command, one per variable, and each with its detail (history FULL)
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableNameLike("value%").count()).isEqualTo(12);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(instance).variableUpdates()
        .list().stream().filter(detail -> ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail)
            .getVariableName().startsWith("value")).count()).isEqualTo(12);
  }

  @Test
  void twoCommandsCreatingTheSameVariableClashAsAConcurrentModificationAndTheLoserWritesNothing() throws Exception {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    CountDownLatch firstFlushed = new CountDownLatch(1);
    CountDownLatch letFirstCommit = new CountDownLatch(1);

    // the first command writes its rows and waits before committing, holding the new variable's unique key
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> configuration.getCommandExecutorTxRequired()
        .execute((Command<Void>) context -> {
          engine.getRuntimeService().setVariables(instance, ordered("firstOnly1", "shared", "firstOnly2"));
          context.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, committing -> {
            firstFlushed.countDown();
            try {
              letFirstCommit.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
          return null;
        }));
    assertThat(firstFlushed.await(30, TimeUnit.SECONDS)).isTrue();

    // the second creates the same variable among others: its batch of variable rows waits on the first's key
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> engine.getRuntimeService()
        .setVariables(instance, ordered("secondOnly1", "shared", "secondOnly2")));
    waitForTheSecondsInsertToWaitOnALock();
    letFirstCommit.countDown();
    first.get(30, TimeUnit.SECONDS);

    assertThat(second).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(OptimisticLockingException.class);
    assertThat(engine.getRuntimeService().getVariables(instance)).containsEntry("shared", "firstOnly1,shared,firstOnly2")
        .containsKeys("firstOnly1", "firstOnly2").doesNotContainKeys("secondOnly1", "secondOnly2");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance)
        .variableNameLike("secondOnly%").count()).isZero();
  }

  /** Three variables in this order, each with the three names as its value (which command wrote it). */
  private static Map<String, Object> ordered(String... names) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (String name : names) {
      variables.put(name, String.join(",", names));
    }
    return variables;
  }

  private void waitForTheSecondsInsertToWaitOnALock() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      // the second command's insert of variables, not some other work of the application waiting on a lock
      Integer waiting = jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
          + " and datname = current_database() and query ilike '%insert into act_ru_variable%'")
          .query(Integer.class).single();
      if (waiting > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the second command never waited for the first's row");
  }
}
