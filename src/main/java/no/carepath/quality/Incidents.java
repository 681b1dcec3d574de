package no.carepath.quality;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import no.carepath.platform.WorkingDays;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reporting an incident (avvik): the report checked on the server, stored, and process
 * {@code quality-incident} started for the municipality's team leaders, in one transaction. Reported
 * from a task, the task gives the municipality, the process and activity, and the patient reference;
 * nothing the reporter types may identify a patient by number.
 */
@Component
public class Incidents {

  static final String PROCESS = "quality-incident";
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final int TEXT_LENGTH = 4000;
  /** Eleven digits in a row (a space after the sixth allowed): a national ID number, or what looks like one. */
  static final Pattern NATIONAL_ID_LIKE = Pattern.compile("(?<!\\d)\\d{6}[ .]?\\d{5}(?!\\d)");
  /** Working days the leader has to classify a report; a serious one by the next working day. */
  static final int CLASSIFY_WITHIN = 5;
  static final int CLASSIFY_SERIOUS_WITHIN = 1;

  /** What the reporter submitted, unchecked. */
  public record Report(String kind, String happenedAt, String category, String consequence, String description,
      String immediateAction, boolean anonymous, String municipality, String taskId) {
  }

  /** Where a report from a task comes from: what the page preselects and the incident keeps. */
  public record TaskContext(String taskId, String taskName, String processKey, String processName, String activityId,
      String municipality, UUID patientId) {

    /** Reported from a case, episode or stay page ({@code case:SAK-...}), not from a task. */
    public boolean fromPage() {
      return taskId.contains(":");
    }
  }

  /** The pages an avvik can be reported from, with who may open them (as the access model says for the page). */
  private record Page(String table, String idColumn, String processKey, String word, Set<String> groups) {
  }

  private static final Map<String, Page> PAGES = Map.of(
      "case", new Page("allocation_case", "case_id", "allocation-case", "saken",
          Set.of(CarepathGroups.ALLOCATION_OFFICE, CarepathGroups.TEAM_LEADERS)),
      "episode", new Page("followup_episode", "episode_id", "followup-episode", "forløpet",
          Set.of(CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.TEAM_LEADERS)),
      "stay", new Page("transitions_stay", "stay_id", "transitions-hospital-stay", "sykehusoppholdet",
          Set.of(CarepathGroups.ALLOCATION_OFFICE, CarepathGroups.HOME_FOLLOW_UP_NURSES, CarepathGroups.TEAM_LEADERS)));

  public record Reported(UUID id, String reference, String municipality) {
  }

  /** The report cannot be stored as it is; every problem in Norwegian, for the person to correct. */
  public static final class InvalidReport extends Refused {

    InvalidReport(List<String> problems) {
      super(problems);
    }
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final Clock clock;
  private final Set<String> anonymousMunicipalities;

  Incidents(JdbcClient jdbc, RuntimeService runtime, TaskService tasks, RepositoryService repository, Clock clock,
      @Value("${carepath.quality.anonymous-reporting:}") Set<String> anonymousMunicipalities) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.tasks = tasks;
    this.repository = repository;
    this.clock = clock;
    this.anonymousMunicipalities = Set.copyOf(anonymousMunicipalities);
  }

  /** Whether the municipality lets people report to the manager without their name. */
  public boolean anonymousAllowed(String municipality) {
    return anonymousMunicipalities.contains(municipality);
  }

  /**
   * The task, when the actor may work it: open, in one of the actor's municipalities, and assigned to
   * the actor or offered to one of the actor's groups. Anything else is as if there were no such task.
   */
  public Optional<TaskContext> taskContext(String taskId, Actor actor) {
    if (taskId == null || taskId.isBlank() || taskId.length() > 64 || actor.municipalities().isEmpty()) {
      return Optional.empty();
    }
    if (taskId.contains(":")) {
      return pageContext(taskId, actor);
    }
    Task task = tasks.createTaskQuery().taskId(taskId).tenantIdIn(actor.municipalities().toArray(String[]::new))
        .or().taskAssignee(actor.id()).taskCandidateGroupIn(List.copyOf(actor.groups())).endOr()
        .singleResult();
    if (task == null || task.getProcessDefinitionId() == null) {
      return Optional.empty();
    }
    ProcessDefinition definition = repository.getProcessDefinition(task.getProcessDefinitionId());
    Object patient = runtime.getVariable(task.getExecutionId(), "patientId");
    UUID patientId = null;
    if (patient != null) {
      try {
        patientId = UUID.fromString(patient.toString());
      } catch (IllegalArgumentException notAPatient) {
        patientId = null;
      }
    }
    return Optional.of(new TaskContext(task.getId(), task.getName(), definition.getKey(),
        definition.getName() == null ? definition.getKey() : definition.getName(), task.getTaskDefinitionKey(),
        task.getTenantId(), patientId));
  }

  /**
   * A case, episode or stay ({@code case:SAK-2026-000123}) the actor may open: in one of the actor's
   * municipalities, and a role the page lets in (a nurse sees a stay only of a patient in follow-up).
   * Anything else is as if there were no such page.
   */
  private Optional<TaskContext> pageContext(String source, Actor actor) {
    String kind = source.substring(0, source.indexOf(':'));
    String id = source.substring(source.indexOf(':') + 1);
    Page page = PAGES.get(kind);
    if (page == null || !actor.isMemberOfAny(page.groups())) {
      return Optional.empty();
    }
    boolean nurseOnly = !actor.isMemberOf(CarepathGroups.TEAM_LEADERS) && !actor.isMemberOf(
        CarepathGroups.ALLOCATION_OFFICE);
    // table and column names come from PAGES, never from the request
    String sql = "select patient_id, municipality_number from " + page.table() + " where " + page.idColumn()
        + " = :id and municipality_number in (:municipalities)"
        + ("stay".equals(kind) && nurseOnly ? " and episode_id is not null" : "");
    return jdbc.sql(sql).param("id", id).param("municipalities", actor.municipalities())
        .query((row, n) -> {
          ProcessDefinition definition = repository.createProcessDefinitionQuery()
              .processDefinitionKey(page.processKey()).latestVersion().list().stream().findFirst().orElse(null);
          return new TaskContext(kind + ":" + id, page.word() + " " + id, page.processKey(),
              definition == null || definition.getName() == null ? page.processKey() : definition.getName(), null,
              row.getString("municipality_number"), row.getObject("patient_id", UUID.class));
        }).optional();
  }

  /** A report that passed every check: what is stored, and where it came from. */
  private record Prepared(String municipality, Optional<TaskContext> context, String kind, String category,
      String consequence, Instant happenedAt, String description, String immediateAction, boolean anonymous) {
  }

  /** Checks, stores and starts the handling of a report; {@link InvalidReport} with nothing written. */
  @Transactional
  public Reported report(Report report, Actor actor) {
    Prepared prepared = prepare(report, actor);
    UUID id = UUID.randomUUID();
    String reference = reference();
    Map<String, Object> variables = store(prepared, id, reference, actor, null);
    String instance = runtime.createProcessInstanceByKey(PROCESS).businessKey(reference).setVariables(variables)
        .execute().getId();
    jdbc.sql("update quality_incident set process_instance_id = :instance where incident_id = :id")
        .param("instance", instance).param("id", id).update();
    return new Reported(id, reference, prepared.municipality());
  }

  /**
   * An avvik reported with the start form in the Tasklist ({@link ReportedInTasklistListener}): the same
   * checks as the page; the row is stored and the instance gets its reference and variables. The
   * municipality is the instance's (the reporter's own, {@code MunicipalityTenants}); never anonymous,
   * since the engine keeps who started an instance.
   */
  void reportStartedInTasklist(org.camunda.bpm.engine.delegate.DelegateExecution execution, Actor actor) {
    String day = string(execution.getVariable(QualityVariables.INCIDENT_HAPPENED_ON));
    String time = string(execution.getVariable(QualityVariables.INCIDENT_HAPPENED_TIME));
    Report report = new Report(string(execution.getVariable(QualityVariables.INCIDENT_KIND)),
        day == null || time == null ? null : day.strip() + "T" + time.strip(),
        string(execution.getVariable(QualityVariables.INCIDENT_CATEGORY)),
        string(execution.getVariable(QualityVariables.INCIDENT_CONSEQUENCE)),
        string(execution.getVariable(QualityVariables.INCIDENT_DESCRIPTION)),
        string(execution.getVariable(QualityVariables.INCIDENT_IMMEDIATE_ACTION)), false, execution.getTenantId(),
        null);
    Prepared prepared;
    try {
      prepared = prepare(report, actor);
    } catch (InvalidReport invalid) {
      throw new org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException("carepath",
          no.carepath.security.EngineErrors.FORM_REFUSED + " Avviket er ikke meldt. Rett dette og send igjen: "
              + String.join(" ", invalid.problems()));
    }
    UUID id = UUID.randomUUID();
    String reference = reference();
    Map<String, Object> variables = store(prepared, id, reference, actor, execution.getProcessInstanceId());
    execution.setVariables(variables);
    execution.setProcessBusinessKey(reference);
  }

  private static String string(Object value) {
    return value instanceof String text ? text : null;
  }

  private String reference() {
    long number = jdbc.sql("select nextval('quality_incident_number')").query(Long.class).single();
    return "UH-%d-%06d".formatted(clock.instant().atZone(OSLO).getYear(), number);
  }

  private Prepared prepare(Report report, Actor actor) {
    List<String> problems = new ArrayList<>();
    Optional<TaskContext> context = Optional.empty();
    if (report.taskId() != null && !report.taskId().isBlank()) {
      context = taskContext(report.taskId(), actor);
      if (context.isEmpty()) {
        problems.add(report.taskId().contains(":")
            ? "Saken, forløpet eller oppholdet finnes ikke, eller du har ikke tilgang til det. Meld avviket uten det."
            : "Oppgaven finnes ikke, er ferdig, eller er ikke din å melde fra. Meld avviket uten oppgave.");
      }
    }
    String municipality = context.map(TaskContext::municipality).orElse(report.municipality());
    if (context.isEmpty()) {
      if ((municipality == null || municipality.isBlank()) && actor.municipalities().size() == 1) {
        municipality = actor.municipalities().iterator().next();
      }
      if (municipality == null || municipality.isBlank()) {
        problems.add("Velg kommunen avviket gjelder.");
      } else if (!actor.municipalities().contains(municipality)) {
        problems.add("Du kan bare melde avvik i din egen kommune.");
      }
    }
    String kind = choice(report.kind(), IncidentWords.KINDS, "Hva slags hendelse", problems);
    String category = choice(report.category(), IncidentWords.CATEGORIES, "Kategori", problems);
    String consequence = choice(report.consequence(), IncidentWords.CONSEQUENCES, "Konsekvens", problems);
    Instant happenedAt = happenedAt(report.happenedAt(), problems);
    String description = text(report.description(), "Hva skjedde", true, problems);
    String immediateAction = text(report.immediateAction(), "Hva ble gjort med en gang", false, problems);
    if (report.anonymous() && municipality != null && !anonymousAllowed(municipality)) {
      problems.add("Kommunen din tar ikke imot anonyme avviksmeldinger. Meld med navnet ditt.");
    }
    if (!problems.isEmpty()) {
      throw new InvalidReport(problems);
    }
    return new Prepared(municipality, context, kind, category, consequence, happenedAt, description, immediateAction,
        report.anonymous());
  }

  /** Stores the incident's row; returns the variables its process starts with. */
  private Map<String, Object> store(Prepared prepared, UUID id, String reference, Actor actor, String instance) {
    Instant now = clock.instant();
    Optional<TaskContext> context = prepared.context();
    jdbc.sql("""
        insert into quality_incident (incident_id, reference, municipality_number, kind, happened_at, reported_at,
          reported_by, anonymous, process_key, activity_id, task_id, patient_id, category, consequence, description,
          immediate_action, status, process_instance_id)
        values (:id, :reference, :municipality, :kind, :happenedAt, :now, :reportedBy, :anonymous, :processKey,
          :activityId, :taskId, :patientId, :category, :consequence, :description, :immediateAction, 'REPORTED',
          :instance)""")
        .param("id", id).param("reference", reference).param("municipality", prepared.municipality())
        .param("kind", prepared.kind()).param("happenedAt", Timestamp.from(prepared.happenedAt()))
        .param("now", Timestamp.from(now)).param("reportedBy", prepared.anonymous() ? null : actor.id())
        .param("anonymous", prepared.anonymous())
        .param("processKey", context.map(TaskContext::processKey).orElse(null))
        .param("activityId", context.map(TaskContext::activityId).orElse(null))
        .param("taskId", context.filter(found -> !found.fromPage()).map(TaskContext::taskId).orElse(null))
        .param("patientId", context.map(TaskContext::patientId).orElse(null))
        .param("category", prepared.category()).param("consequence", prepared.consequence())
        .param("description", prepared.description()).param("immediateAction", prepared.immediateAction())
        .param("instance", instance).update();

    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, prepared.municipality());
    variables.put(QualityVariables.INCIDENT_ID, id.toString());
    variables.put(QualityVariables.INCIDENT_REFERENCE, reference);
    variables.put(QualityVariables.INCIDENT_KIND, prepared.kind());
    variables.put(QualityVariables.INCIDENT_CATEGORY, prepared.category());
    variables.put(QualityVariables.INCIDENT_CONSEQUENCE, prepared.consequence());
    variables.put(QualityVariables.INCIDENT_DESCRIPTION, prepared.description());
    variables.put(QualityVariables.INCIDENT_IMMEDIATE_ACTION,
        prepared.immediateAction() == null ? "Ikke oppgitt" : prepared.immediateAction());
    variables.put(QualityVariables.INCIDENT_HAPPENED_AT, LocalDateTime.ofInstant(prepared.happenedAt(), OSLO)
        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
    // the cause analysis offers a change request to the process it was reported from
    context.map(TaskContext::processKey).filter(IncidentWords.MODEL_PROCESSES::containsKey)
        .ifPresent(key -> variables.put(QualityVariables.MODEL_CHANGE_PROCESS, key));
    variables.put(QualityVariables.INCIDENT_WHERE, context.map(found -> found.processName() + ": " + found.taskName())
        .orElse("Ikke knyttet til en oppgave"));
    variables.put(QualityVariables.CLASSIFY_DUE_DATE, Date.from(WorkingDays.plusWorkingDays(now.atZone(OSLO),
        IncidentWords.serious(prepared.consequence()) ? CLASSIFY_SERIOUS_WITHIN : CLASSIFY_WITHIN).toInstant()));
    return variables;
  }

  private static String choice(String value, Map<String, String> choices, String label, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("Velg «" + label + "».");
      return null;
    }
    if (!choices.containsKey(value)) {
      problems.add("«" + label + "» må være ett av valgene: " + String.join(", ", choices.values()) + ".");
      return null;
    }
    return value;
  }

  private Instant happenedAt(String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("Skriv når det skjedde.");
      return null;
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(value.strip());
    } catch (java.time.format.DateTimeParseException e) {
      problems.add("«Når skjedde det» må være dato og klokkeslett, for eksempel 2026-12-03T14:30.");
      return null;
    }
    Instant instant = local.atZone(OSLO).toInstant();
    if (instant.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
      problems.add("«Når skjedde det» kan ikke være fram i tid.");
      return null;
    }
    if (instant.isBefore(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, OSLO).toInstant())) {
      problems.add("«Når skjedde det» er for langt tilbake.");
      return null;
    }
    return instant;
  }

  private static String text(String value, String label, boolean required, List<String> problems) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      if (required) {
        problems.add("«" + label + "» må fylles ut.");
      }
      return null;
    }
    if (text.length() > TEXT_LENGTH) {
      problems.add("«" + label + "» er for lang (" + text.length() + " tegn, høyst " + TEXT_LENGTH + ").");
      return null;
    }
    if (NATIONAL_ID_LIKE.matcher(text).find()) {
      problems.add("«" + label + "» ser ut til å inneholde et fødselsnummer (11 siffer). Skriv ikke fødselsnummer"
          + " i teksten: meldt fra en oppgave, knyttes pasienten til avviket av seg selv.");
      return null;
    }
    return text;
  }
}
