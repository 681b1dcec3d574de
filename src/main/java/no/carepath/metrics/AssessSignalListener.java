package no.carepath.metrics;

import java.sql.Timestamp;
import java.time.Clock;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task_AssessSignal, on complete: the team leader's assessment and reason close the signal, so the
 * next one on the same indicator and municipality may open.
 */
@Component
class AssessSignalListener implements TaskListener {

  private final JdbcClient jdbc;
  private final Clock clock;

  AssessSignalListener(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String assessment = form.choice(MetricsVariables.SIGNAL_ASSESSMENT);
    String reason = form.text(MetricsVariables.SIGNAL_REASON);
    form.throwIfInvalid();
    jdbc.sql("""
        update metrics_signal set status = 'CLOSED', closed_at = :now, assessment = :assessment, reason = :reason,
          assessed_by = :actor
        where id = cast(:id as uuid) and status = 'OPEN'""")
        .param("now", Timestamp.from(clock.instant())).param("assessment", assessment).param("reason", reason)
        .param("actor", Actor.current().id()).param("id", task.getExecution().getProcessBusinessKey()).update();
  }
}
