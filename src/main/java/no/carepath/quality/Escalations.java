package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A leader's step of an avvik past its deadline goes to the next leader, the municipality's managers,
 * in its own process {@code quality-escalation} (table {@code quality_escalation}): which avvik (its
 * reference and category), which step, since when and how many days overdue, and nothing else, so
 * a manager never sees a patient or the incident's variables. One open escalation per avvik and step
 * (business key {@code UH-.../Task_...}); it ends by itself when the step is done meanwhile.
 */
@Component
class Escalations {

  static final String PROCESS = "quality-escalation";
  static final String STEP_DONE = QualityVariables.MESSAGE_OVERDUE_STEP_DONE;
  /** Working days the managers have to follow up. */
  static final int FOLLOW_UP_WITHIN = 5;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d. MMMM yyyy 'kl.' HH:mm",
      Locale.forLanguageTag("nb"));

  /** The step that is overdue, as the incident's task shows it. */
  record OverdueStep(String incidentId, String reference, String municipality, String category, String step,
      String stepName, Date dueDate) {
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final Clock clock;

  Escalations(JdbcClient jdbc, RuntimeService runtime, Clock clock) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.clock = clock;
  }

  static String businessKey(String reference, String step) {
    return reference + "/" + step;
  }

  /** Gives the managers a task for the step, unless one is open for it already; whether it did. */
  boolean escalate(OverdueStep overdue) {
    String key = businessKey(overdue.reference(), overdue.step());
    if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key).count() > 0) {
      return false;
    }
    UUID id = UUID.randomUUID();
    LocalDate today = clock.instant().atZone(Incidents.OSLO).toLocalDate();
    long days = Math.max(0, ChronoUnit.DAYS.between(overdue.dueDate().toInstant().atZone(Incidents.OSLO).toLocalDate(),
        today));
    jdbc.sql("""
        insert into quality_escalation (escalation_id, incident_id, step, step_due_at, escalated_at)
        values (:id, cast(:incident as uuid), :step, :due, :now)""")
        .param("id", id).param("incident", overdue.incidentId()).param("step", overdue.step())
        .param("due", Timestamp.from(overdue.dueDate().toInstant())).param("now", Timestamp.from(clock.instant()))
        .update();
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, overdue.municipality());
    variables.put(QualityVariables.ESCALATION_ID, id.toString());
    variables.put(QualityVariables.INCIDENT_REFERENCE, overdue.reference());
    variables.put(QualityVariables.ESCALATION_CATEGORY,
        IncidentWords.CATEGORIES.getOrDefault(overdue.category(), overdue.category()));
    variables.put(QualityVariables.OVERDUE_STEP, overdue.step());
    variables.put(QualityVariables.OVERDUE_STEP_NAME, overdue.stepName());
    variables.put(QualityVariables.OVERDUE_STEP_DUE_DATE, overdue.dueDate());
    variables.put(QualityVariables.OVERDUE_STEP_DUE_TEXT, DAY.format(overdue.dueDate().toInstant().atZone(Incidents.OSLO)));
    variables.put(QualityVariables.DAYS_OVERDUE, (int) days);
    variables.put(QualityVariables.FOLLOW_UP_DUE_DATE, QualityDeadlines.workingDaysFrom(clock, FOLLOW_UP_WITHIN));
    runtime.createProcessInstanceByKey(PROCESS).businessKey(key).setVariables(variables).execute();
    return true;
  }

  /** The step is done: an open escalation of it ends by itself. */
  void stepDone(String reference, String step) {
    String key = businessKey(reference, step);
    if (runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key).count() == 0) {
      return;
    }
    jdbc.sql("""
        update quality_escalation set step_done_at = :now
        where escalation_id in (select escalation_id from quality_escalation e join quality_incident i
          on i.incident_id = e.incident_id where i.reference = :reference and e.step = :step
          and e.followed_up_at is null and e.step_done_at is null)""")
        .param("now", Timestamp.from(clock.instant())).param("reference", reference).param("step", step).update();
    runtime.createMessageCorrelation(STEP_DONE).processInstanceBusinessKey(key).correlateAll();
  }

  /** A manager followed it up. */
  void followedUp(String escalationId, String note) {
    jdbc.sql("""
        update quality_escalation set followed_up_by = :actor, followed_up_at = :now, note = :note
        where escalation_id = cast(:id as uuid)""")
        .param("actor", Actor.current().id()).param("now", Timestamp.from(clock.instant())).param("note", note)
        .param("id", escalationId).update();
  }
}
