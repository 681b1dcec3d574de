package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task_CheckEffect, on complete: did the measure move its indicator? It worked: the incident is
 * closed. It did not: a new measure is planned, with the one that failed shown above the form.
 */
@Component
class CheckEffectListener implements TaskListener {

  private final JdbcClient jdbc;
  private final Clock clock;

  CheckEffectListener(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String effect = form.choice(QualityVariables.EFFECT_WORKED);
    String note = QualityDeadlines.noNationalId(form, QualityVariables.EFFECT_NOTE);
    form.throwIfInvalid();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
        update quality_measure set effect = :effect, effect_note = :note, checked_by = :actor, checked_at = :now
        where measure_id = cast(:measure as uuid)""")
        .param("effect", effect).param("note", note).param("actor", Actor.current().id()).param("now", now)
        .param("measure", task.getVariable(QualityVariables.MEASURE_ID)).update();
    if ("WORKED".equals(effect)) {
      jdbc.sql("update quality_incident set status = 'CLOSED', closed_at = :now where incident_id = cast(:id as uuid)")
          .param("now", now).param("id", task.getVariable(QualityVariables.INCIDENT_ID)).update();
    } else {
      task.setVariable(QualityVariables.PLAN_DUE_DATE, QualityDeadlines.workingDaysFrom(clock,
          AnalyseCauseListener.PLAN_WITHIN));
      task.setVariable(QualityVariables.MEASURE_HISTORY, "**Forrige tiltak virket ikke:** "
          + task.getVariable(QualityVariables.MEASURE_DESCRIPTION) + " (" + note + ")");
    }
  }
}
