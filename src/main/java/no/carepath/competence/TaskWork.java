package no.carepath.competence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person does with a task's competence outside the form: see what it requires and who could
 * take it; hand it on ("I lack the competence": to a qualified colleague, or to the team leaders when
 * nobody is free); take it under a named supervisor (a trainee); and, for a team leader, assign the
 * suggested person with one click or override a missing competence with a reason. The task stays
 * the same task, so its due date and its escalation timers keep running.
 */
@Component
public class TaskWork {

  /** Someone who could take the task, and why. */
  public record Candidate(String userId, String name, int openTasks, int knowsPatient, List<String> levels) {

    public String reason() {
      List<String> why = new ArrayList<>();
      why.add(String.join(", ", levels));
      why.add(openTasks == 0 ? "ingen åpne oppgaver" : openTasks == 1 ? "1 åpen oppgave" : openTasks + " åpne oppgaver");
      if (knowsPatient > 0) {
        why.add("kjenner pasienten (" + knowsPatient + (knowsPatient == 1 ? " oppgave" : " oppgaver") + " siste 180 dager)");
      }
      return String.join(" · ", why);
    }
  }

  /** A task as the competence page shows it. */
  public record TaskView(String id, String name, String municipality, String assignee, Instant due, List<String> required,
      String card, String supervisor, String override, boolean handedToLeaders, List<String> candidateGroups) {

    public List<String> requiredNames() {
      return required.stream().map(CompetenceCatalogue::name).toList();
    }
  }

  /** Refused: what to correct, in Norwegian. */
  public static final class Refusal extends RuntimeException {
    Refusal(String message) {
      super(message);
    }
  }

  /** Task-local: handed on to the team leaders (nobody with the competence was free). */
  static final String HANDED_TO_LEADERS = "competenceHandedToLeaders";

  private final TaskService tasks;
  private final IdentityService identities;
  private final CompetenceRegister register;
  private final TaskCompetence competence;
  private final JdbcClient jdbc;

  TaskWork(TaskService tasks, IdentityService identities, CompetenceRegister register, TaskCompetence competence,
      JdbcClient jdbc) {
    this.tasks = tasks;
    this.identities = identities;
    this.register = register;
    this.competence = competence;
    this.jdbc = jdbc;
  }

  /**
   * The task, if this person may work with it here: in one of her municipalities, and hers, offered to
   * one of her groups, or (a team leader) any task of her municipality that requires competence.
   */
  public Optional<TaskView> find(String taskId, Actor actor) {
    if (taskId == null || taskId.isBlank() || taskId.length() > 64 || actor.municipalities().isEmpty()) {
      return Optional.empty();
    }
    Task task = tasks.createTaskQuery().taskId(taskId).tenantIdIn(actor.municipalities().toArray(String[]::new))
        .singleResult();
    if (task == null) {
      return Optional.empty();
    }
    List<String> groups = tasks.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    boolean mine = actor.id().equals(task.getAssignee()) || groups.stream().anyMatch(actor.groups()::contains);
    Map<String, Object> local = tasks.getVariablesLocal(taskId);
    List<String> required = local.get(TaskCompetence.REQUIRED) instanceof String text && !text.isBlank()
        ? List.of(text.split(",")) : List.of();
    boolean leader = actor.isMemberOf(CarepathGroups.TEAM_LEADERS) && !required.isEmpty();
    if (!mine && !leader) {
      return Optional.empty();
    }
    return Optional.of(new TaskView(task.getId(), task.getName(), task.getTenantId(), task.getAssignee(),
        task.getDueDate() == null ? null : task.getDueDate().toInstant(), required, (String) local.get(TaskCompetence.CARD),
        (String) local.get(TaskCompetence.SUPERVISOR), (String) local.get(TaskCompetence.OVERRIDE),
        Boolean.TRUE.equals(local.get(HANDED_TO_LEADERS)),
        groups.stream().filter(group -> !group.startsWith(TaskCompetence.GROUP_PREFIX)).toList()));
  }

  /** What this person's holdings say about the task now. */
  public TaskCompetence.Verdict verdict(TaskView task, String userId, boolean self) {
    return competence.verdict(task.required(), task.municipality(), userId, task.supervisor(),
        userId.equals(task.override()), task.id(), self);
  }

  /**
   * Who could take the task: holding every required competence (independent or supervising, valid
   * today) in its municipality, in one of the task's groups; the nurse who already knows the patient
   * first, then the least loaded.
   */
  public List<Candidate> candidates(TaskView task, String reference) {
    Map<String, List<CompetenceRegister.Holding>> byUser = new LinkedHashMap<>();
    for (CompetenceRegister.Holding holding : register.municipality(task.municipality())) {
      byUser.computeIfAbsent(holding.userId(), user -> new ArrayList<>()).add(holding);
    }
    Set<String> inGroups = new HashSet<>();
    Set<String> known = new HashSet<>();
    for (String group : task.candidateGroups()) {
      identities.createUserQuery().memberOfGroup(group).list().forEach(user -> inGroups.add(user.getId()));
    }
    identities.createUserQuery().list().forEach(user -> known.add(user.getId()));
    Map<String, Integer> continuity = reference == null ? Map.of() : continuity(reference);
    List<Candidate> candidates = new ArrayList<>();
    byUser.forEach((userId, holdings) -> {
      if (known.contains(userId) && !inGroups.contains(userId) || task.required().isEmpty()) {
        return;
      }
      TaskCompetence.Verdict verdict = competence.verdict(task.required(), task.municipality(), userId, null, false,
          task.id(), false);
      if (!verdict.allowed()) {
        return;
      }
      List<String> levels = task.required().stream().map(code -> holdings.stream().filter(h -> h.code().equals(code))
          .findFirst().map(h -> h.name() + ": " + h.level().label().toLowerCase()).orElse(code)).toList();
      int open = (int) tasks.createTaskQuery().taskAssignee(userId).count();
      candidates.add(new Candidate(userId, name(userId), open, continuity.getOrDefault(userId, 0), levels));
    });
    // knowing the patient weighs as two open tasks: continuity of care, but not at any load
    candidates.sort(Comparator.comparingInt((Candidate c) -> c.openTasks() - (c.knowsPatient() > 0 ? 2 : 0))
        .thenComparing(Candidate::userId));
    return candidates;
  }

  /** The people who may supervise a trainee in every competence she is training in. */
  public List<Candidate> supervisors(TaskView task, String trainee) {
    List<String> training = register.holdings(trainee, task.municipality()).stream()
        .filter(h -> h.level() == Level.UNDER_TRAINING && task.required().contains(h.code()))
        .map(CompetenceRegister.Holding::code).toList();
    if (training.isEmpty()) {
      return List.of();
    }
    Map<String, List<CompetenceRegister.Holding>> byUser = new LinkedHashMap<>();
    for (CompetenceRegister.Holding holding : register.municipality(task.municipality())) {
      if (holding.level() == Level.SUPERVISOR && holding.validOn(register.today()) && training.contains(holding.code())) {
        byUser.computeIfAbsent(holding.userId(), user -> new ArrayList<>()).add(holding);
      }
    }
    return byUser.entrySet().stream().filter(entry -> !entry.getKey().equals(trainee)
            && entry.getValue().size() == training.size())
        .map(entry -> new Candidate(entry.getKey(), name(entry.getKey()), 0, 0,
            entry.getValue().stream().map(h -> h.name() + ": kan veilede").toList()))
        .toList();
  }

  /** "I lack the competence": to a qualified colleague, or to the team leaders ({@code toUser} null). */
  @Transactional
  public void handOn(TaskView task, Actor actor, String toUser, String note) {
    if (note == null || note.isBlank()) {
      throw new Refusal("Skriv et notat til den som overtar: hva du har sett og hvorfor du gir oppgaven videre.");
    }
    if (note.length() > 1000) {
      throw new Refusal("Notatet kan være høyst 1000 tegn.");
    }
    if (toUser != null) {
      if (toUser.equals(actor.id())) {
        throw new Refusal("Velg en annen enn deg selv.");
      }
      TaskCompetence.Verdict verdict = competence.verdict(task.required(), task.municipality(), toUser, null, false,
          task.id(), false);
      if (!verdict.allowed()) {
        throw new Refusal(toUser + " har ikke kompetansen oppgaven krever. Velg en av de foreslåtte, eller gi den til"
            + " teamleder.");
      }
      tasks.setAssignee(task.id(), toUser);
    } else {
      tasks.setAssignee(task.id(), null);
      tasks.addCandidateGroup(task.id(), CarepathGroups.TEAM_LEADERS);
      tasks.setVariableLocal(task.id(), HANDED_TO_LEADERS, true);
    }
    tasks.createComment(task.id(), null, "Gitt videre" + (toUser == null ? " til teamleder" : " til " + toUser) + " av "
        + actor.id() + " (mangler kompetanse): " + note.strip());
    competence.record("HANDED_ON", facts(task), actor.id(), toUser, null, null, null, null, note.strip());
  }

  /** A trainee takes the task under a named supervisor. */
  @Transactional
  public void takeSupervised(TaskView task, Actor actor, String supervisor) {
    if (supervisor == null || supervisors(task, actor.id()).stream().noneMatch(c -> c.userId().equals(supervisor))) {
      throw new Refusal("Velg en veileder som kan veilede i kompetansen oppgaven krever.");
    }
    tasks.setVariableLocal(task.id(), TaskCompetence.SUPERVISOR, supervisor);
    tasks.setAssignee(task.id(), actor.id());
    competence.record("SUPERVISED", facts(task), actor.id(), actor.id(), null, Level.UNDER_TRAINING.name(), null,
        supervisor, null);
  }

  /** A team leader gives the task to someone qualified (the suggestion, with one click). */
  @Transactional
  public void assign(TaskView task, Actor leader, String userId) {
    requireLeader(leader);
    if (userId == null || userId.isBlank()) {
      throw new Refusal("Velg hvem som skal få oppgaven.");
    }
    TaskCompetence.Verdict verdict = competence.verdict(task.required(), task.municipality(), userId, null, false,
        task.id(), false);
    if (!verdict.allowed()) {
      throw new Refusal(userId + " har ikke kompetansen oppgaven krever. Velg en annen, eller overstyr med en"
          + " begrunnelse.");
    }
    tasks.setAssignee(task.id(), userId);
  }

  /** A team leader assigns despite a missing competence: the reason is logged and counted. */
  @Transactional
  public void override(TaskView task, Actor leader, String userId, String reason) {
    requireLeader(leader);
    if (userId == null || userId.isBlank()) {
      throw new Refusal("Velg hvem som skal få oppgaven.");
    }
    if (!worksHere(task, userId)) {
      throw new Refusal(userId + " arbeider ikke med denne typen oppgaver i kommunen. Velg en i teamet.");
    }
    if (reason == null || reason.strip().length() < 10) {
      throw new Refusal("Skriv en begrunnelse for overstyringen (minst 10 tegn): hvorfor dette er forsvarlig nå.");
    }
    if (reason.length() > 1000) {
      throw new Refusal("Begrunnelsen kan være høyst 1000 tegn.");
    }
    tasks.setVariableLocal(task.id(), TaskCompetence.OVERRIDE, userId);
    tasks.setAssignee(task.id(), userId);
    tasks.createComment(task.id(), null, "Kompetansekrav overstyrt av " + leader.id() + " for " + userId + ": "
        + reason.strip());
    competence.record("OVERRIDE", facts(task), leader.id(), userId, null, null, null, null, reason.strip());
  }

  /** Whether a person works in the task's municipality in one of the groups it is offered to. */
  private boolean worksHere(TaskView task, String userId) {
    if (identities.createUserQuery().userId(userId).memberOfGroup(CarepathGroups.MUNICIPALITY_PREFIX
        + task.municipality()).count() == 0) {
      return false;
    }
    return task.candidateGroups().stream()
        .anyMatch(group -> identities.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
  }

  private static void requireLeader(Actor actor) {
    if (!actor.isMemberOf(CarepathGroups.TEAM_LEADERS)) {
      throw new Refusal("Bare teamleder kan tildele eller overstyre.");
    }
  }

  private TaskCompetence.Facts facts(TaskView view) {
    Task task = tasks.createTaskQuery().taskId(view.id()).singleResult();
    Object reference = tasks.getVariable(view.id(), "cardReference");
    return new TaskCompetence.Facts(task.getId(), task.getProcessInstanceId(), task.getProcessDefinitionId(),
        task.getTaskDefinitionKey(), task.getName(), task.getTenantId(), view.required(),
        reference instanceof String text && text.length() <= 40 ? text : null, task.getCreateTime(), task.getDueDate());
  }

  /** The task's case or episode reference (the Tasklist card's), for continuity. */
  public String reference(String taskId) {
    Object reference = tasks.getVariableLocal(taskId, "cardReference");
    return reference instanceof String text ? text : null;
  }

  private Map<String, Integer> continuity(String reference) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    jdbc.sql("""
            select user_id, count(*) as n from competence_task_event
            where kind = 'COMPLETED' and reference = :reference and user_id is not null and at > now() - interval '180 days'
            group by user_id
            """)
        .param("reference", reference).query((row, n) -> counts.put(row.getString("user_id"), row.getInt("n"))).list();
    return counts;
  }

  private String name(String userId) {
    return CompetenceOverview.name(identities, userId);
  }
}
