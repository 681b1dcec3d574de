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
 * Task_ClassifyIncident, on complete: the leader confirms or changes the category and the
 * consequence, with a note when changing them; the incident is then classified.
 */
@Component
class ClassifyIncidentListener implements TaskListener {

  /** Working days from the classification to the cause analysis. */
  static final int ANALYSE_WITHIN = 10;

  private final JdbcClient jdbc;
  private final Clock clock;

  ClassifyIncidentListener(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String category = form.choice(QualityVariables.INCIDENT_CATEGORY);
    String consequence = form.choice(QualityVariables.INCIDENT_CONSEQUENCE);
    String note = QualityDeadlines.noNationalId(form, QualityVariables.CLASSIFICATION_NOTE);
    form.throwIfInvalid();
    jdbc.sql("""
        update quality_incident set status = 'CLASSIFIED', classified_category = :category,
          classified_consequence = :consequence, classification_note = :note, classified_by = :actor,
          classified_at = :now
        where incident_id = cast(:id as uuid)""")
        .param("category", category).param("consequence", consequence).param("note", note)
        .param("actor", Actor.current().id()).param("now", Timestamp.from(clock.instant()))
        .param("id", task.getVariable(QualityVariables.INCIDENT_ID)).update();
    task.setVariable(QualityVariables.ANALYSE_DUE_DATE, QualityDeadlines.workingDaysFrom(clock, ANALYSE_WITHIN));
    // as the leader classified it: serious or worse goes onwards to Helsetilsynet before the analysis
    boolean onwards = IncidentWords.serious(consequence);
    task.setVariable(QualityVariables.ONWARD_REPORT_REQUIRED, onwards);
    if (onwards) {
      task.setVariable(QualityVariables.ONWARD_DUE_DATE, QualityDeadlines.onwardDue(clock, consequence));
      task.setVariable(QualityVariables.ONWARD_DEADLINE_TEXT, IncidentWords.atOnce(consequence)
          ? "Svært alvorlig hendelse: varsle Helsetilsynet straks (innen to timer)."
          : "Alvorlig hendelse: meld videre innen neste arbeidsdag.");
      if (task.getVariable(QualityVariables.ONWARD_TEXT) == null) {
        // a draft for the leader to correct: the report's own words, no patient
        Object action = task.getVariable(QualityVariables.INCIDENT_IMMEDIATE_ACTION);
        task.setVariable(QualityVariables.ONWARD_TEXT, "Hva skjedde: "
            + task.getVariable(QualityVariables.INCIDENT_DESCRIPTION) + "\n\nHva ble gjort med en gang: " + action);
      }
    }
  }
}
