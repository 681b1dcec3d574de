package no.carepath.quality;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import no.carepath.metrics.Indicator;
import no.carepath.metrics.Indicators;
import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task_PlanMeasure, on complete: one measure (tiltak) with its owner, deadline, the indicator it is
 * expected to move and when to check its effect; the effect check waits until then and links to the
 * indicator's control chart with the weeks before the measure as its baseline.
 */
@Component
class PlanMeasureListener implements TaskListener {

  /** Working days from the day of the effect check to its deadline. */
  static final int CHECK_WITHIN = 5;
  /** Weeks the effect chart shows. */
  static final int CHART_WEEKS = 52;

  private final JdbcClient jdbc;
  private final Clock clock;

  PlanMeasureListener(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    LocalDate today = clock.instant().atZone(Incidents.OSLO).toLocalDate();
    String description = QualityDeadlines.noNationalId(form, QualityVariables.MEASURE_DESCRIPTION);
    String owner = QualityDeadlines.noNationalId(form, QualityVariables.MEASURE_OWNER);
    form.notBefore(QualityVariables.MEASURE_DUE_DATE, today);
    LocalDate due = form.date(QualityVariables.MEASURE_DUE_DATE);
    String indicatorId = form.choice(QualityVariables.MEASURE_INDICATOR);
    Integer weeks = form.score(QualityVariables.EFFECT_CHECK_WEEKS);
    form.throwIfInvalid();
    Indicator indicator = Indicators.byId(indicatorId).orElseThrow();
    LocalDate checkOn = today.plusWeeks(weeks);
    UUID measure = UUID.randomUUID();
    Object incident = task.getVariable(QualityVariables.INCIDENT_ID);
    jdbc.sql("""
        insert into quality_measure (measure_id, incident_id, description, owner, due_date, indicator_id, started_on,
          effect_check_on, planned_by)
        values (:measure, cast(:incident as uuid), :description, :owner, :due, :indicator, :today, :checkOn, :actor)""")
        .param("measure", measure).param("incident", incident).param("description", description).param("owner", owner)
        .param("due", Date.valueOf(due)).param("indicator", indicatorId).param("today", Date.valueOf(today))
        .param("checkOn", Date.valueOf(checkOn)).param("actor", Actor.current().id()).update();
    jdbc.sql("update quality_incident set status = 'MEASURES' where incident_id = cast(:incident as uuid)")
        .param("incident", incident).update();
    task.setVariable(QualityVariables.MEASURE_ID, measure.toString());
    task.setVariable(QualityVariables.MEASURE_INDICATOR_NAME, indicator.name());
    task.setVariable(QualityVariables.EFFECT_CHECK_DATE,
        java.util.Date.from(checkOn.atTime(7, 0).atZone(Incidents.OSLO).toInstant()));
    task.setVariable(QualityVariables.EFFECT_DUE_DATE, QualityDeadlines.workingDaysAfter(checkOn, CHECK_WITHIN));
    // the chart of the last year, its centre line and limits from the weeks before the measure
    task.setVariable(QualityVariables.EFFECT_CHART_URL, "/app/metrics/" + indicatorId + "?municipality="
        + task.getVariable(QualityVariables.MUNICIPALITY) + "&periods=" + CHART_WEEKS + "&baseline="
        + (CHART_WEEKS - weeks));
  }
}
