package no.carepath.competence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Training before a competence ends (process {@code competence-training}, table
 * {@code competence_training}): a holding whose last valid day is within
 * {@code carepath.competence.expiry-notice} gives its holder one task «Forny kompetanse»
 * ({@link TrainingSchedule} starts them), and the holder's answer is kept here for the team leader.
 * An answer never changes the register: the team leader verifies the training and changes the
 * holding ({@link CompetenceRegister#put}).
 */
@Component
public class Trainings {

  static final String PROCESS = "competence-training";
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  /** What the holder answered; the values and labels of the form {@code competence-renew-training}. */
  public enum Outcome {
    RENEWED("Opplæring gjennomført"),
    PLANNED("Opplæring planlagt"),
    NOT_RENEWED("Fornyes ikke");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Where the training of an ending holding stands. */
  public enum Status {
    /** No training started (not yet, or the holding ended before Carepath looked). */
    NONE("Ingen opplæringsoppgave"),
    /** The holder's task is open. */
    OPEN("Oppgave åpen"),
    /** The holder has answered: see the outcome. */
    REPORTED("Svar gitt");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One holding that ends within the notice (or has ended) and its training.
   *
   * @param outcome, trainingDate, note, completedBy, completedAt the holder's answer, when {@link Status#REPORTED}
   * @param processInstanceId, startedAt the training's process, unless {@link Status#NONE}
   */
  public record Training(String userId, String municipality, String code, Level level, LocalDate validUntil,
      Status status, Outcome outcome, LocalDate trainingDate, String note, String processInstanceId, Instant startedAt,
      String completedBy, Instant completedAt) {

    public String name() {
      return CompetenceCatalogue.name(code);
    }
  }

  /** Identifies a holding and its end: at most one training each. */
  record Key(String userId, String municipality, String code, LocalDate validUntil) {

    static Key of(CompetenceRegister.Holding holding) {
      return new Key(holding.userId(), holding.municipality(), holding.code(), holding.validUntil());
    }

    /** The same competence of the same person, whatever its end: "has an open training". */
    Key open() {
      return new Key(userId, municipality, code, null);
    }
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Period notice;

  Trainings(JdbcClient jdbc, RuntimeService runtime, PlatformTransactionManager transactions, Clock clock,
      @Value("${carepath.competence.expiry-notice}") String notice) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.notice = Period.parse(notice);
  }

  /** How long before a holding ends its holder gets the training task. */
  Period notice() {
    return notice;
  }

  /**
   * The municipality's holdings that end within the notice from today, or have ended, soonest first,
   * each with where its training stands. For the competence overview; the caller decides who may see it.
   */
  public List<Training> trainings(String municipality) {
    LocalDate until = LocalDate.now(clock).plus(notice);
    return jdbc.sql("""
            select h.user_id, h.municipality_number, h.competence_code, h.level, h.valid_until, t.id, t.outcome,
              t.training_date, t.note, t.process_instance_id, t.started_at, t.completed_by, t.completed_at
            from competence_holding h
            left join competence_training t on t.user_id = h.user_id and t.municipality_number = h.municipality_number
              and t.competence_code = h.competence_code and t.valid_until = h.valid_until
            where h.municipality_number = :municipality and h.valid_until <= :until
            order by h.valid_until, h.user_id, h.competence_code""")
        .param("municipality", municipality).param("until", Date.valueOf(until))
        .query(Trainings::training).list();
  }

  /**
   * The trainings of holdings ending up to {@code until}, and, with no date ({@link Key#open}), every
   * competence whose training is still open: a holding whose end a team leader moved while its task
   * was open gets no second task.
   */
  Set<Key> started(LocalDate until) {
    Set<Key> started = new HashSet<>();
    jdbc.sql("select user_id, municipality_number, competence_code, valid_until, outcome from competence_training"
            + " where valid_until <= :until or outcome is null")
        .param("until", Date.valueOf(until))
        .query((row, n) -> {
          Key key = new Key(row.getString("user_id"), row.getString("municipality_number"),
              row.getString("competence_code"), row.getDate("valid_until").toLocalDate());
          started.add(key);
          if (row.getString("outcome") == null) {
            started.add(key.open());
          }
          return key;
        }).list();
    return started;
  }

  /**
   * Starts the holding's training, unless it has one: then nothing (empty). Safe on several nodes at
   * once: the row's unique key decides, and the process starts in the same transaction. The business key
   * of what was started.
   */
  Optional<String> start(CompetenceRegister.Holding holding) {
    return transaction.execute(status -> {
      Optional<Long> id = jdbc.sql("""
              insert into competence_training (user_id, municipality_number, competence_code, valid_until, started_at)
              values (:user, :municipality, :code, :until, :now)
              on conflict (user_id, municipality_number, competence_code, valid_until) do nothing
              returning id""")
          .param("user", holding.userId()).param("municipality", holding.municipality())
          .param("code", holding.code()).param("until", Date.valueOf(holding.validUntil()))
          .param("now", Timestamp.from(clock.instant())).query(Long.class).optional();
      if (id.isEmpty()) {
        return Optional.empty();
      }
      String reference = reference(id.get());
      String instance = runtime.createProcessInstanceByKey(PROCESS).businessKey(reference)
          .setVariables(variables(id.get(), holding)).execute().getId();
      jdbc.sql("update competence_training set process_instance_id = :instance where id = :id")
          .param("instance", instance).param("id", id.get()).update();
      return Optional.of(reference);
    });
  }

  /** Records the holder's answer (in the engine's transaction, from the task's completion). */
  void report(long id, Outcome outcome, LocalDate trainingDate, String note, String by) {
    int updated = jdbc.sql("""
            update competence_training set outcome = :outcome, training_date = :date, note = :note,
              completed_by = :by, completed_at = :at
            where id = :id and outcome is null""")
        .param("outcome", outcome.name()).param("date", trainingDate == null ? null : Date.valueOf(trainingDate))
        .param("note", note).param("by", by).param("at", Timestamp.from(clock.instant())).param("id", id).update();
    if (updated != 1) {
      throw new IllegalStateException("Training " + id + " is unknown or has an answer already");
    }
  }

  static String reference(long id) {
    return "KOMP-" + id;
  }

  /** The start variables of {@code competence-training}. */
  static Map<String, Object> variables(long id, CompetenceRegister.Holding holding) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CompetenceVariables.MUNICIPALITY, holding.municipality());
    variables.put(CompetenceVariables.TRAINING_ID, id);
    variables.put(CompetenceVariables.USER, holding.userId());
    variables.put(CompetenceVariables.CODE, holding.code());
    variables.put(CompetenceVariables.NAME, holding.name());
    variables.put(CompetenceVariables.LEVEL, holding.level().label());
    variables.put(CompetenceVariables.VALID_UNTIL_TEXT, DATE.format(holding.validUntil()));
    variables.put(CompetenceVariables.DUE_DATE, dueDate(holding.validUntil()));
    return variables;
  }

  /** The task is due on the holding's last valid day, at the end of the working day. */
  static java.util.Date dueDate(LocalDate validUntil) {
    return java.util.Date.from(validUntil.atTime(16, 0).atZone(OSLO).toInstant());
  }

  private static Training training(ResultSet row, int n) throws SQLException {
    boolean started = row.getObject("id") != null;
    String outcome = row.getString("outcome");
    Status status = !started ? Status.NONE : outcome == null ? Status.OPEN : Status.REPORTED;
    Date trainingDate = row.getDate("training_date");
    Timestamp startedAt = row.getTimestamp("started_at");
    Timestamp completedAt = row.getTimestamp("completed_at");
    return new Training(row.getString("user_id"), row.getString("municipality_number"),
        row.getString("competence_code"), Level.valueOf(row.getString("level")),
        row.getDate("valid_until").toLocalDate(), status, outcome == null ? null : Outcome.valueOf(outcome),
        trainingDate == null ? null : trainingDate.toLocalDate(), row.getString("note"),
        row.getString("process_instance_id"), startedAt == null ? null : startedAt.toInstant(),
        row.getString("completed_by"), completedAt == null ? null : completedAt.toInstant());
  }
}
