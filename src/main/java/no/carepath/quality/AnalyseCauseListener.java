package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task_AnalyseCause, on complete: the fishbone categories that contributed and the analysis in
 * words; a measure to plan, or the incident closed with the reason no measure is needed.
 */
@Component
class AnalyseCauseListener implements TaskListener {

  /** Working days from the analysis to the planned measure. */
  static final int PLAN_WITHIN = 5;

  private final JdbcClient jdbc;
  private final Clock clock;

  AnalyseCauseListener(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    List<String> causes = form.selection(QualityVariables.CAUSE_CATEGORIES);
    String analysis = QualityDeadlines.noNationalId(form, QualityVariables.CAUSE_DESCRIPTION);
    String measureNeeded = form.choice(QualityVariables.MEASURE_NEEDED);
    // the form asks why only when no measure is needed
    String closeReason = QualityDeadlines.noNationalId(form, QualityVariables.CLOSE_REASON);
    // an avvik about the model itself: a change request to the process owners (no patient in it); the
    // form shows, and requires, its fields only when it is ticked
    boolean modelChange = form.flag(QualityVariables.MODEL_CHANGE_REQUESTED);
    if (modelChange) {
      form.choice(QualityVariables.MODEL_CHANGE_PROCESS);
      QualityDeadlines.noNationalId(form, QualityVariables.MODEL_CHANGE_ACTIVITY);
      QualityDeadlines.noNationalId(form, QualityVariables.MODEL_CHANGE_DESCRIPTION);
    }
    form.throwIfInvalid();
    task.setVariable(QualityVariables.MODEL_CHANGE_REQUESTED, modelChange);
    task.setVariable(QualityVariables.CHANGE_REQUEST_OUTCOME, modelChange
        ? "Sendt til prosesseierne, venter på vurdering." : "Ikke meldt.");
    boolean close = "NO".equals(measureNeeded);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
        update quality_incident set status = :status, cause_categories = :causes, cause_description = :analysis,
          analysed_by = :actor, analysed_at = :now, closed_at = :closedAt, close_reason = :closeReason
        where incident_id = cast(:id as uuid)""")
        .param("status", close ? "CLOSED" : "ANALYSED").param("causes", String.join(",", causes))
        .param("analysis", analysis).param("actor", Actor.current().id()).param("now", now)
        .param("closedAt", close ? now : null).param("closeReason", close ? closeReason : null)
        .param("id", task.getVariable(QualityVariables.INCIDENT_ID)).update();
    task.setVariable(QualityVariables.PLAN_DUE_DATE, QualityDeadlines.workingDaysFrom(clock, PLAN_WITHIN));
    task.setVariable(QualityVariables.MEASURE_HISTORY, "");
  }
}
