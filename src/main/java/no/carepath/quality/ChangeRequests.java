package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Change requests from avvik about a model (table {@code quality_change_request}): each is assessed by
 * the process owners in its own process {@code quality-change-request}, which holds only the
 * reference, the process, the activity and the text, so the process owners never see the incident's
 * variables. The answer is written back to the incident, for its leader to see.
 */
@Component
class ChangeRequests {

  static final String PROCESS = "quality-change-request";
  /** Working days the process owners have to assess a change request. */
  static final int ASSESS_WITHIN = 20;

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final Clock clock;

  ChangeRequests(JdbcClient jdbc, RuntimeService runtime, Clock clock) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** Stores the request and starts its assessment; returns its id. */
  UUID request(String incidentId, String reference, String municipality, String processKey, String activity,
      String description) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        insert into quality_change_request (change_request_id, incident_id, municipality_number, process_key, activity,
          description, requested_by, requested_at)
        values (:id, cast(:incident as uuid), :municipality, :processKey, :activity, :description, :actor, :now)""")
        .param("id", id).param("incident", incidentId).param("municipality", municipality)
        .param("processKey", processKey).param("activity", activity).param("description", description)
        .param("actor", Actor.current().id()).param("now", Timestamp.from(clock.instant())).update();
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, municipality);
    variables.put(QualityVariables.CHANGE_REQUEST_ID, id.toString());
    variables.put(QualityVariables.INCIDENT_REFERENCE, reference);
    variables.put(QualityVariables.CHANGE_PROCESS_KEY, processKey);
    variables.put(QualityVariables.CHANGE_PROCESS_NAME, IncidentWords.MODEL_PROCESSES.getOrDefault(processKey, processKey));
    variables.put(QualityVariables.CHANGE_ACTIVITY, activity == null ? "Ikke oppgitt" : activity);
    variables.put(QualityVariables.CHANGE_DESCRIPTION, description);
    variables.put(QualityVariables.ASSESS_DUE_DATE, QualityDeadlines.workingDaysFrom(clock, ASSESS_WITHIN));
    runtime.createProcessInstanceByKey(PROCESS).businessKey(reference).setVariables(variables).execute();
    return id;
  }

  /** The process owners' answer: stored, and shown on the incident while it is open. */
  void assessed(String changeRequestId, String reference, String outcome, String reason) {
    jdbc.sql("""
        update quality_change_request set outcome = :outcome, outcome_reason = :reason, assessed_by = :actor,
          assessed_at = :now
        where change_request_id = cast(:id as uuid)""")
        .param("outcome", outcome).param("reason", reason).param("actor", Actor.current().id())
        .param("now", Timestamp.from(clock.instant())).param("id", changeRequestId).update();
    String answer = IncidentWords.CHANGE_OUTCOMES.get(outcome) + (reason == null ? "" : ": " + reason);
    for (ProcessInstance incident : runtime.createProcessInstanceQuery().processDefinitionKey(Incidents.PROCESS)
        .processInstanceBusinessKey(reference).list()) {
      runtime.setVariable(incident.getId(), QualityVariables.CHANGE_REQUEST_OUTCOME, "Prosesseiernes svar: " + answer);
    }
  }
}
