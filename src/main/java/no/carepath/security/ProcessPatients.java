package no.carepath.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which patient and municipality every process instance is about (table
 * {@code security_process_patient}), written in the engine's transaction when the instance starts:
 * from its {@code patientId} variable, or from the instance that called it. This is how a read
 * through the Tasklist, Cockpit or {@code /engine-rest} is traced to the patient it showed
 * ({@link EngineReadAudit}). An instance about several patients (a team's daily review list) names
 * them with {@link #recordListed} (table {@code security_process_patient_list}); it is then one
 * instance per patient here.
 */
@Component
public class ProcessPatients {

  static final String PATIENT_ID = "patientId";

  /** One process instance, as the access log needs it. */
  public record Instance(String processInstanceId, String rootProcessInstanceId, UUID patientId,
      String municipalityNumber, String processKey, String businessKey) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  ProcessPatients(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The instances among these ids that Carepath knows, with their patients. */
  public List<Instance> find(Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select process_instance_id, root_process_instance_id, patient_id, municipality_number, process_key, business_key
            from security_process_patient where process_instance_id = any(:ids::varchar[])
            union all
            select p.process_instance_id, p.root_process_instance_id, l.patient_id, p.municipality_number, p.process_key,
              p.business_key
            from security_process_patient_list l join security_process_patient p using (process_instance_id)
            where l.process_instance_id = any(:ids::varchar[])
            """)
        .param("ids", processInstanceIds.toArray(String[]::new))
        .query((row, n) -> new Instance(row.getString(1), row.getString(2), row.getObject(3, UUID.class),
            row.getString(4), row.getString(5), row.getString(6)))
        .list();
  }

  /** All process instances about a patient (for the patient's access report and own-work checks). */
  public List<String> instancesOf(UUID patientId) {
    return jdbc.sql("""
            select process_instance_id from security_process_patient where patient_id = :patient
            union
            select process_instance_id from security_process_patient_list where patient_id = :patient
            """)
        .param("patient", patientId).query(String.class).list();
  }

  /**
   * The patients an instance about several of them names (a team's daily review list), in the
   * engine's transaction, before anyone can read its task.
   */
  public void recordListed(String processInstanceId, Collection<UUID> patientIds) {
    if (patientIds.isEmpty()) {
      return;
    }
    jdbc.sql("""
            insert into security_process_patient_list (process_instance_id, patient_id)
            select :id, patient from unnest(:patients::uuid[]) as listed(patient)
            on conflict do nothing
            """)
        .param("id", processInstanceId).param("patients", patientIds.stream().distinct().toArray(UUID[]::new)).update();
  }

  /** The municipality of each patient's pathway (the first instance's; a patient belongs to one). */
  public java.util.Map<UUID, String> municipalitiesOf(Collection<UUID> patientIds) {
    if (patientIds.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<UUID, String> municipalities = new java.util.HashMap<>();
    jdbc.sql("""
            select distinct on (patient_id) patient_id, municipality_number from security_process_patient
            where patient_id = any(:patients::uuid[]) order by patient_id, started_at
            """)
        .param("patients", patientIds.toArray(UUID[]::new))
        .query(row -> {
          municipalities.put(row.getObject(1, UUID.class), row.getString(2));
        });
    return municipalities;
  }

  void record(DelegateExecution execution) {
    UUID patient = patientOf(execution);
    DelegateExecution root = execution.getProcessInstance();
    DelegateExecution caller = execution.getSuperExecution();
    String rootId = caller == null ? execution.getProcessInstanceId() : rootOf(caller);
    String municipality = execution.getTenantId();
    jdbc.sql("""
            insert into security_process_patient (process_instance_id, root_process_instance_id, patient_id,
                municipality_number, process_key, business_key, started_at)
            values (:id, :root, :patient, :municipality, :key, :businessKey, :startedAt)
            on conflict (process_instance_id) do nothing
            """)
        .param("id", execution.getProcessInstanceId())
        .param("root", rootId)
        .param("patient", patient)
        .param("municipality", municipality)
        .param("key", execution.getProcessDefinitionId().split(":")[0])
        .param("businessKey", root == null ? execution.getProcessBusinessKey() : root.getBusinessKey())
        .param("startedAt", Timestamp.from(clock.instant()))
        .update();
  }

  private String rootOf(DelegateExecution caller) {
    return jdbc.sql("select root_process_instance_id from security_process_patient where process_instance_id = :id")
        .param("id", caller.getProcessInstanceId()).query(String.class).optional().orElse(caller.getProcessInstanceId());
  }

  private static UUID patientOf(DelegateExecution execution) {
    for (DelegateExecution scope = execution; scope != null; scope = scope.getSuperExecution()) {
      Object value = scope.getVariable(PATIENT_ID);
      if (value instanceof UUID uuid) {
        return uuid;
      }
      if (value instanceof String text && !text.isBlank()) {
        return UUID.fromString(text);
      }
    }
    return null;
  }

  /** Adds {@link #record} as a start listener to every process the engine parses. */
  static final class ParseListener extends AbstractBpmnParseListener {
    private final java.util.function.Supplier<ProcessPatients> patients;

    ParseListener(java.util.function.Supplier<ProcessPatients> patients) {
      this.patients = patients;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      // built in: runs even when an administrator starts an instance skipping custom listeners
      processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
          (ExecutionListener) execution -> patients.get().record(execution));
    }
  }
}
