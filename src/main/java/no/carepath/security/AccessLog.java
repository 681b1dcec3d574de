package no.carepath.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who read which patient's data, when, through which channel and why (table
 * {@code security_access_log}, append-only: a database trigger refuses updates and deletes). Every
 * channel writes here: Carepath's API and pages (detail and list views), the Tasklist's and
 * Cockpit's engine API and {@code /engine-rest} ({@link EngineReadAudit}), and the workers. The
 * patient is Carepath's internal id, never the national ID number. A patient may ask who read their
 * data ({@code /app/access-report}).
 *
 * <p>List views refreshed over and over (the Tasklist polls its filters) would write the same row
 * every few seconds; a list read identical to one logged in the last five minutes (same person,
 * patient, channel and view) is not written again. A detail read is always written.
 */
@Component
public class AccessLog {

  /** Why the reader had access: the task they may work, a list of their role, or their role alone. */
  public enum Basis {
    TASK, LIST, ROLE, ADMINISTRATOR, SYSTEM, BREAK_GLASS
  }

  /**
   * One read.
   *
   * @param patientId the patient whose data was read
   * @param reference what was read: a case, episode, stay or task id, or {@code null}
   * @param what the kind of view, e.g. {@code case-view}, {@code task-variables}, {@code case-list}
   * @param basis why the reader had access
   * @param detail the task, filter or reason behind the basis, in a few words, or {@code null}
   * @param municipalityNumber the municipality of the data, when known
   * @param ownWork whether the reader works (or worked) on this patient; {@code false} is followed up
   */
  public record Read(UUID patientId, String reference, String what, Basis basis, String detail,
      String municipalityNumber, boolean ownWork) {

    boolean isList() {
      return basis == Basis.LIST;
    }
  }

  static final Duration LIST_REPEAT_WINDOW = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ProcessPatients processPatients;
  private final HistoryService history;
  private final TaskService tasks;
  private final Cache<String, Boolean> recentListReads = Caffeine.newBuilder()
      .expireAfterWrite(LIST_REPEAT_WINDOW).maximumSize(200_000).build();

  AccessLog(JdbcClient jdbc, Clock clock, ProcessPatients processPatients, @Lazy HistoryService history,
      @Lazy TaskService tasks) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.processPatients = processPatients;
    this.history = history;
    this.tasks = tasks;
  }

  /**
   * A detail read through Carepath's own API, pages or workers, on the basis of the reader's role.
   *
   * @param patientId the patient whose data was read
   * @param reference the case, episode or stay read, or {@code null}
   * @param what what was read, e.g. {@code case-view} or {@code decision-letter}
   */
  public void recordRead(UUID patientId, String reference, String what) {
    Actor actor = Actor.current();
    Basis basis = actor == Actor.SYSTEM ? Basis.SYSTEM : actor.isMemberOf(CarepathGroups.ADMINISTRATORS)
        ? Basis.ADMINISTRATOR : Basis.ROLE;
    List<ProcessPatients.Instance> pathway = processPatients.find(processPatients.instancesOf(patientId));
    boolean ownWork = basis == Basis.SYSTEM || basis == Basis.ROLE && worksOn(actor, pathway);
    String municipality = pathway.isEmpty() ? null : pathway.get(0).municipalityNumber();
    record(actor, channel(), List.of(new Read(patientId, reference, what, basis, null, municipality, ownWork)));
  }

  /**
   * Whether the reader works on this patient: has, or had, a task of the patient's pathway
   * assigned, or an open one for one of their groups. A detail view opened on the basis of the role
   * alone, without such a task, is flagged for follow-up (not refused: a case worker may need to
   * look up a case to answer a phone call).
   */
  boolean worksOn(Actor actor, List<ProcessPatients.Instance> pathway) {
    if (pathway.isEmpty()) {
      return false;
    }
    String[] instances = pathway.stream().map(ProcessPatients.Instance::processInstanceId).toArray(String[]::new);
    String[] businessKeys = pathway.stream().map(ProcessPatients.Instance::businessKey).filter(java.util.Objects::nonNull)
        .distinct().toArray(String[]::new);
    if (businessKeys.length > 0 && history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyIn(businessKeys)
        .taskAssignee(actor.id()).count() > 0) {
      return true;
    }
    List<String> groups = actor.roles();
    return !groups.isEmpty() && tasks.createTaskQuery().processInstanceIdIn(instances).taskCandidateGroupIn(groups)
        .includeAssignedTasks().count() > 0;
  }

  /** The patients a list view showed (names on a list page), one row per patient. */
  public void recordListRead(Collection<UUID> patientIds, String what) {
    Actor actor = Actor.current();
    Map<UUID, String> municipalities = processPatients.municipalitiesOf(patientIds);
    record(actor, channel(), patientIds.stream().distinct()
        .map(patient -> new Read(patient, null, what, Basis.LIST, null, municipalities.get(patient), true)).toList());
  }

  /** Reads through a given channel, as the engine-read audit traces them. */
  public void record(Actor actor, String channel, Collection<Read> reads) {
    List<Read> toWrite = new ArrayList<>(reads.size());
    List<String> remembered = new ArrayList<>();
    for (Read read : reads) {
      if (read.isList()) {
        String key = actor.id() + '|' + read.patientId() + '|' + channel + '|' + read.what() + '|' + read.reference();
        if (recentListReads.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
          continue;
        }
        remembered.add(key);
      }
      toWrite.add(read);
    }
    if (toWrite.isEmpty()) {
      return;
    }
    try {
      insert(actor, channel, toWrite);
    } catch (RuntimeException e) {
      // not written: the next list read must try again
      recentListReads.invalidateAll(remembered);
      throw e;
    }
  }

  private void insert(Actor actor, String channel, List<Read> toWrite) {
    Timestamp now = Timestamp.from(clock.instant());
    String roles = String.join(",", actor.roles().isEmpty() ? actor.groups() : actor.roles());
    jdbc.sql("""
            insert into security_access_log (occurred_at, actor_id, actor_name, actor_roles, patient_id, reference, what,
                channel, basis, own_work, municipality_number)
            select :occurredAt, :actorId, :actorName, :actorRoles, read.patient_id, read.reference, read.what,
                :channel, read.basis, read.own_work, read.municipality
            from unnest(:patients::uuid[], :references::varchar[], :whats::varchar[], :bases::varchar[],
                :ownWork::boolean[], :municipalities::varchar[])
                as read(patient_id, reference, what, basis, own_work, municipality)
            """)
        .param("occurredAt", now)
        .param("actorId", actor.id())
        .param("actorName", actor.displayName())
        .param("actorRoles", truncate(roles, 400))
        .param("channel", channel)
        .param("patients", toWrite.stream().map(Read::patientId).toArray(UUID[]::new))
        .param("references", toWrite.stream().map(read -> truncate(read.reference(), 60)).toArray(String[]::new))
        .param("whats", toWrite.stream().map(Read::what).toArray(String[]::new))
        .param("bases", toWrite.stream().map(read -> truncate(read.detail() == null ? read.basis().name()
            : read.basis().name() + ": " + read.detail(), 200)).toArray(String[]::new))
        .param("ownWork", toWrite.stream().map(Read::ownWork).toArray(Boolean[]::new))
        .param("municipalities", toWrite.stream().map(Read::municipalityNumber).toArray(String[]::new))
        .update();
  }

  /** The channel of the current request: {@code api}, {@code app}, {@code fhir}, or {@code system} outside a request. */
  static String channel() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
      return "system";
    }
    HttpServletRequest request = attributes.getRequest();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    int slash = path.indexOf('/', 1);
    String first = slash < 0 ? path.substring(1) : path.substring(1, slash);
    return switch (first) {
      case "api", "app", "fhir", "engine-rest" -> first;
      default -> "system";
    };
  }

  private static String truncate(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }
}
