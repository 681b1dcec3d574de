package no.carepath.quality;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;
import no.carepath.platform.SubmittedForm;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task_ReportOnwards, on complete: the leader's notification of a serious avvik goes to Helsetilsynet
 * («Én vei inn») through the outbox, in this transaction. It names the avvik by its reference and
 * carries the texts and a contact person, never a patient: no patient reference is given to the
 * outbox, and a text that looks like it holds a national ID number is refused. The receipt is
 * recorded on the incident when it comes ({@link OnwardReceipts}); a rejected or missing one gives
 * the team leaders a follow-up task in the message's own process.
 */
@Component
class ReportOnwardsListener implements TaskListener {

  static final String KIND = "VARSEL_ALVORLIG_HENDELSE";

  private final Outbox outbox;
  private final JdbcClient jdbc;
  private final Clock clock;

  ReportOnwardsListener(Outbox outbox, JdbcClient jdbc, Clock clock) {
    this.outbox = outbox;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    SubmittedForm form = SubmittedForm.of(task);
    String text = QualityDeadlines.noNationalId(form, QualityVariables.ONWARD_TEXT);
    String contact = QualityDeadlines.noNationalId(form, QualityVariables.ONWARD_CONTACT_NAME);
    String phone = QualityDeadlines.noNationalId(form, QualityVariables.ONWARD_CONTACT_PHONE);
    form.throwIfInvalid();
    String reference = (String) task.getVariable(QualityVariables.INCIDENT_REFERENCE);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("incidentReference", reference);
    payload.put("kind", IncidentWords.KINDS.get((String) task.getVariable(QualityVariables.INCIDENT_KIND)));
    payload.put("category", IncidentWords.CATEGORIES.get((String) task.getVariable(QualityVariables.INCIDENT_CATEGORY)));
    payload.put("consequence",
        IncidentWords.CONSEQUENCES.get((String) task.getVariable(QualityVariables.INCIDENT_CONSEQUENCE)));
    payload.put("happenedAt", task.getVariable(QualityVariables.INCIDENT_HAPPENED_AT));
    payload.put("text", text);
    payload.put("contactName", contact);
    payload.put("contactPhone", phone);
    String messageId = outbox.send(new Outbox.Outgoing(Channel.HEALTH_SUPERVISION, KIND,
        (String) task.getVariable(QualityVariables.MUNICIPALITY), null, reference,
        "Varsel om alvorlig hendelse " + reference, payload, CarepathGroups.TEAM_LEADERS));
    jdbc.sql("""
        update quality_incident set onward_text = :text, onward_message_id = :message, onward_reported_by = :actor
        where incident_id = cast(:id as uuid)""")
        .param("text", text).param("message", messageId).param("actor", Actor.current().id())
        .param("id", task.getVariable(QualityVariables.INCIDENT_ID)).update();
    task.setVariable(QualityVariables.ONWARD_MESSAGE_ID, messageId);
    task.setVariable(QualityVariables.ONWARD_DEADLINE_TEXT, "Varslet til Helsetilsynet "
        + clock.instant().atZone(Incidents.OSLO).toLocalDate() + " (melding " + messageId
        + ").");
  }
}
