package no.carepath.competence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import no.carepath.security.Actor;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine side of a task's competence, called from the listeners every user task with a
 * requirement gets ({@link CompetenceTasks}): on create, what this task requires (the model's codes,
 * and those its conditions add for this patient), kept as task-local variables the Tasklist shows; on
 * every assignment (claim, assign, delegate, hand-on) and on completion, whether the person holds it.
 * A refusal ends the engine command, so nothing of it is kept but the refusal's own record.
 */
@Component
public class TaskCompetence {

  /** Task-local: the codes this task requires, comma-separated. */
  public static final String REQUIRED = "requiredCompetences";
  /** Task-local: what the Tasklist card shows ("Krever: ..."). */
  public static final String CARD = "cardCompetence";
  /** Task-local: the supervisor a trainee named when she took the task. */
  public static final String SUPERVISOR = "competenceSupervisor";
  /** Task-local: the person a team leader assigned the task to despite a missing competence. */
  public static final String OVERRIDE = "competenceOverride";
  /** Candidate groups that say "these competences, in this municipality": what the filter «Kvalifisert for meg» looks for. */
  static final String GROUP_PREFIX = "kompetanse-";

  /** What a person's holdings say about a task. */
  record Verdict(boolean allowed, List<String> codes, String lowestLevel, String supervisor, boolean override,
      String problem) {

    /** The problem without the way out, for the page that is the way out. */
    public String summary() {
      if (problem == null) {
        return null;
      }
      for (String wayOut : List.of(" Gi oppgaven videre", ": velg veileder")) {
        int at = problem.indexOf(wayOut);
        if (at > 0) {
          String before = problem.substring(0, at);
          return before.endsWith(".") ? before : before + ".";
        }
      }
      return problem;
    }
  }

  private final CompetenceRegister register;
  private final java.util.List<PatientFacts> conditions;
  private final JdbcClient jdbc;
  private final TransactionTemplate separate;
  private final Clock clock;

  TaskCompetence(CompetenceRegister register, java.util.List<PatientFacts> conditions, JdbcClient jdbc,
      PlatformTransactionManager transactions, Clock clock) {
    this.register = register;
    this.conditions = conditions;
    this.jdbc = jdbc;
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  void created(DelegateTask task, Requirement requirement) {
    Set<CaseCondition> holding = EnumSet.noneOf(CaseCondition.class);
    if (requirement.when().containsKey(CaseCondition.INSULIN)
        && conditions.stream().anyMatch(facts -> facts.insulinTreated((String) task.getVariable("episodeId")))) {
      holding.add(CaseCondition.INSULIN);
    }
    List<String> codes = requirement.codes(holding);
    task.setVariableLocal(REQUIRED, String.join(",", codes));
    task.setVariableLocal(CARD, "Krever: " + codes.stream().map(CompetenceCatalogue::name).collect(Collectors.joining(", "))
        + (holding.isEmpty() ? "" : " (" + holding.stream().map(CaseCondition::label).collect(Collectors.joining(", ")) + ")"));
    task.addCandidateGroup(group(task.getTenantId(), codes));
  }

  void assigned(DelegateTask task) {
    String assignee = task.getAssignee();
    if (assignee == null) {
      return;
    }
    Verdict verdict = verdict(task, assignee);
    if (!verdict.allowed()) {
      refuse(task, actor(), assignee, verdict);
    }
  }

  void completing(DelegateTask task) {
    String actor = actor();
    String worker = actor != null ? actor : task.getAssignee();
    if (worker == null) {
      // the platform itself (a start-up, a test driving the engine): nobody's competence to record
      record("COMPLETED", task, "system", null, null, null, null, null, null);
      return;
    }
    Verdict verdict = verdict(task, worker);
    if (!verdict.allowed()) {
      refuse(task, worker, worker, verdict);
    }
    record("COMPLETED", task, worker, worker, verdict.codes().isEmpty() ? null : verdict.codes().get(0),
        verdict.lowestLevel(), !verdict.override(), verdict.supervisor(), verdict.override() ? "OVERRIDE" : null);
  }

  /** What this person's holdings say about this task now. */
  Verdict verdict(DelegateTask task, String userId) {
    return verdict(required(task), task.getTenantId(), userId, (String) task.getVariableLocal(SUPERVISOR),
        userId.equals(task.getVariableLocal(OVERRIDE)), task.getId(), userId.equals(actor()));
  }

  Verdict verdict(List<String> codes, String municipality, String userId, String supervisor, boolean override,
      String taskId, boolean self) {
    return judge(codes, register.today(), person -> register.holdings(person, municipality), userId, supervisor, override,
        taskId, self);
  }

  /**
   * The rule, on its own: every required competence held, valid today, independently; or under training
   * in some of them with a named supervisor who holds those at the supervising level; or a team
   * leader's override for this person. Otherwise refused, naming what is missing, expired or under
   * training, and the way out.
   */
  static Verdict judge(List<String> codes, LocalDate today,
      Function<String, List<CompetenceRegister.Holding>> holdingsOf, String userId, String supervisor, boolean override,
      String taskId, boolean self) {
    Map<String, CompetenceRegister.Holding> held = holdingsOf.apply(userId).stream()
        .collect(Collectors.toMap(CompetenceRegister.Holding::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    List<String> missing = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    List<String> training = new ArrayList<>();
    Level lowest = Level.SUPERVISOR;
    for (String code : codes) {
      CompetenceRegister.Holding holding = held.get(code);
      if (holding == null) {
        missing.add(code);
      } else if (!holding.validOn(today)) {
        expired.add(code);
      } else {
        if (holding.level() == Level.UNDER_TRAINING) {
          training.add(code);
        }
        if (holding.level().ordinal() < lowest.ordinal()) {
          lowest = holding.level();
        }
      }
    }
    if (missing.isEmpty() && expired.isEmpty() && training.isEmpty()) {
      return new Verdict(true, codes, codes.isEmpty() ? null : lowest.name(), null, false, null);
    }
    if (override) {
      return new Verdict(true, codes, null, null, true, null);
    }
    String wayOut = " Gi oppgaven videre til en som har kompetansen, eller til teamleder: «Kompetanse og overlevering»"
        + " i oppgaven (/app/tasks/" + taskId + "/competence). Haster det, ring fastlege eller legevakt som før.";
    if (!missing.isEmpty() || !expired.isEmpty()) {
      StringBuilder problem = new StringBuilder("Oppgaven krever ");
      List<String> parts = new ArrayList<>();
      if (!missing.isEmpty()) {
        parts.add(quoted(missing) + ", som " + (self ? "du" : userId) + " ikke har i kompetanseregisteret");
      }
      if (!expired.isEmpty()) {
        parts.add(quoted(expired) + ", der " + (self ? "din" : userId + "s") + " godkjenning er utløpt eller ikke gyldig ennå");
      }
      problem.append(String.join("; og ", parts)).append('.');
      return new Verdict(false, codes, null, null, false, capitalised(problem.toString()) + wayOut);
    }
    // under training only: allowed with a supervisor who holds each of them at the supervising level
    if (supervisor != null && !supervisor.equals(userId)) {
      Map<String, CompetenceRegister.Holding> supervisorHolds = holdingsOf.apply(supervisor).stream()
          .collect(Collectors.toMap(CompetenceRegister.Holding::code, Function.identity(), (a, b) -> a));
      boolean supervises = training.stream().allMatch(code -> supervisorHolds.containsKey(code)
          && supervisorHolds.get(code).level() == Level.SUPERVISOR && supervisorHolds.get(code).validOn(today));
      if (supervises) {
        return new Verdict(true, codes, Level.UNDER_TRAINING.name(), supervisor, false, null);
      }
      return new Verdict(false, codes, null, null, false, "Veilederen " + supervisor + " kan ikke veilede i "
          + quoted(training) + " (krever nivået «Kan veilede» i kompetanseregisteret)." + wayOut);
    }
    return new Verdict(false, codes, null, null, false, capitalised((self ? "du" : userId) + " er under opplæring i "
        + quoted(training) + ", og kan ta oppgaven bare med en navngitt veileder: velg veileder under «Kompetanse og"
        + " overlevering» i oppgaven (/app/tasks/" + taskId + "/competence)."));
  }

  private void refuse(DelegateTask task, String actor, String userId, Verdict verdict) {
    String message = verdict.problem();
    // kept although the command is undone: refusals are counted
    separate.executeWithoutResult(status -> record("REFUSED", task, actor == null ? "system" : actor, userId, null, null,
        null, null, message));
    throw new CompetenceRefused(message);
  }

  /** What an event row says about its task, from a task in a listener or one read through the TaskService. */
  record Facts(String taskId, String processInstanceId, String processDefinitionId, String taskKey, String taskName,
      String municipality, List<String> required, String reference, java.util.Date created, java.util.Date due) {

    static Facts of(DelegateTask task) {
      return new Facts(task.getId(), task.getProcessInstanceId(), task.getProcessDefinitionId(),
          task.getTaskDefinitionKey(), task.getName(), task.getTenantId(), TaskCompetence.required(task), TaskCompetence.reference(task), task.getCreateTime(),
          task.getDueDate());
    }
  }

  void record(String kind, DelegateTask task, String actor, String userId, String code, String level, Boolean qualified,
      String supervisor, String reason) {
    record(kind, Facts.of(task), actor, userId, code, level, qualified, supervisor, reason);
  }

  void record(String kind, Facts task, String actor, String userId, String code, String level, Boolean qualified,
      String supervisor, String reason) {
    jdbc.sql("""
            insert into competence_task_event (at, kind, task_id, process_instance_id, process_key, task_key, task_name,
              reference,
              municipality_number, required, actor, user_id, competence_code, level, qualified, supervisor, reason,
              task_created_at, task_due_at)
            values (:at, :kind, :task, :instance, :process, :taskKey, :taskName, :reference, :municipality, :required, :actor, :user,
              :code, :level, :qualified, :supervisor, :reason, :created, :due)
            """)
        .param("at", Timestamp.from(clock.instant())).param("kind", kind).param("task", task.taskId())
        .param("instance", task.processInstanceId()).param("process", processKey(task.processDefinitionId()))
        .param("taskKey", task.taskKey())
        .param("taskName", task.taskName() == null || task.taskName().length() > 200 ? null : task.taskName())
        .param("reference", task.reference())
        .param("municipality", task.municipality() == null ? "0000" : task.municipality())
        .param("required", String.join(",", task.required())).param("actor", actor).param("user", userId)
        .param("code", code).param("level", level).param("qualified", qualified).param("supervisor", supervisor)
        .param("reason", reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason)
        .param("created", task.created() == null ? null : new Timestamp(task.created().getTime()))
        .param("due", task.due() == null ? null : new Timestamp(task.due().getTime()))
        .update();
  }

  static List<String> required(DelegateTask task) {
    Object codes = task.getVariableLocal(REQUIRED);
    return codes instanceof String text && !text.isBlank() ? List.of(text.split(",")) : List.of();
  }

  static String group(String municipality, java.util.Collection<String> codes) {
    return GROUP_PREFIX + (municipality == null ? "0000" : municipality) + "-" + String.join("+", new TreeSet<>(codes));
  }

  static String reference(org.camunda.bpm.engine.delegate.VariableScope task) {
    Object reference = task.getVariable("cardReference");
    if (reference == null) {
      for (String source : List.of("caseId", "episodeId", "stayId")) {
        reference = task.getVariable(source);
        if (reference != null) {
          break;
        }
      }
    }
    return reference instanceof String text && text.length() <= 40 ? text : null;
  }

  static String processKey(String processDefinitionId) {
    if (processDefinitionId == null) {
      return "";
    }
    int colon = processDefinitionId.indexOf(':');
    return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
  }

  /** The person the engine command runs for (Tasklist, REST), or null for the platform itself. */
  static String actor() {
    var command = Context.getCommandContext();
    String engineUser = command == null ? null : command.getAuthenticatedUserId();
    if (engineUser != null) {
      return engineUser;
    }
    Actor actor = Actor.current();
    return actor == Actor.SYSTEM ? null : actor.id();
  }

  static String quoted(List<String> codes) {
    return codes.stream().map(code -> "«" + CompetenceCatalogue.name(code) + "»").collect(Collectors.joining(" og "));
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
