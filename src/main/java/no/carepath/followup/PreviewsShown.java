package no.carepath.followup;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Table {@code followup_threshold_preview}: which threshold sets (by {@link ThresholdPreviews#fingerprint})
 * a nurse has seen the alarm preview of in an edit-plan task. A row is written in a transaction of its
 * own, because the submission that shows the preview is refused and its transaction rolled back.
 */
@Repository
class PreviewsShown {

  private final JdbcClient jdbc;
  private final TransactionTemplate separately;
  private final Clock clock;

  PreviewsShown(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  boolean contains(String taskId, String fingerprint) {
    return jdbc.sql("select count(*) from followup_threshold_preview where task_id = :task and fingerprint = :fingerprint")
        .param("task", taskId).param("fingerprint", fingerprint).query(Long.class).single() > 0;
  }

  /** Commits at once, whatever becomes of the caller's transaction. */
  void add(String taskId, String fingerprint) {
    separately.executeWithoutResult(status -> jdbc.sql("""
            insert into followup_threshold_preview (task_id, fingerprint, shown_at) values (:task, :fingerprint, :now)
            on conflict do nothing
            """)
        .param("task", taskId).param("fingerprint", fingerprint).param("now", Timestamp.from(clock.instant())).update());
  }

  void removeTask(String taskId) {
    jdbc.sql("delete from followup_threshold_preview where task_id = :task").param("task", taskId).update();
  }
}
