package no.carepath.quality;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import no.carepath.metrics.IndicatorReport;
import no.carepath.platform.Documents;
import no.carepath.security.Actor;
import no.carepath.security.CarepathGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The annual management review (ledelsens gjennomgang, § 8), one per municipality and year
 * (process {@code quality-annual-review}; tables {@code quality_review*}): started on demand by a
 * manager or by the yearly start ({@link AnnualReviewSchedule}); the managers judge each area of the
 * statistics pack, at least one as good and at least two as weak or risky, each weak area with an
 * action plan of measures (owner, date); the decision is signed, and the signed review is kept as a
 * PDF, a new version for each correction. The measures become tasks for their owners.
 */
@Service
public class AnnualReviews {

  static final String PROCESS = "quality-annual-review";
  /** Days the managers have for the review once it is started. */
  static final int REVIEW_WITHIN_DAYS = 30;
  static final Map<String, String> ASSESSMENTS = Map.of("GOOD", "Gode resultater", "WEAK",
      "Svake resultater eller høy risiko", "NEUTRAL", "Ingen særskilt merknad");
  static final Map<String, String> MEASURE_STATUSES = Map.of("PLANNED", "Planlagt", "DONE", "Gjennomført",
      "PARTLY", "Delvis gjennomført", "NOT_DONE", "Ikke gjennomført");

  public record Review(UUID id, String reference, String municipality, int year, String status, Instant startedAt,
      String startedBy, String decision, String signedBy, Instant signedAt, String processInstanceId) {

    public boolean signed() {
      return "SIGNED".equals(status);
    }
  }

  public record Area(String area, String assessment, String note) {
  }

  public record Measure(UUID id, String area, String description, String owner, LocalDate dueDate, String indicatorId,
      String status, String statusNote) {
  }

  public record Document(int version, String kind, Instant createdAt, String createdBy, String sha256) {
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identities;
  private final Documents documents;
  private final StatisticsPack packs;
  private final Clock clock;

  AnnualReviews(JdbcClient jdbc, RuntimeService runtime, TaskService tasks, IdentityService identities,
      Documents documents, StatisticsPack packs, Clock clock) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identities = identities;
    this.documents = documents;
    this.packs = packs;
    this.clock = clock;
  }

  /**
   * Starts the municipality's review of the year, unless it has one: then nothing (empty). Safe on
   * several nodes at once: the row's unique key decides, and the process starts in the same transaction.
   */
  @Transactional
  public Optional<Review> start(String municipality, int year, String startedBy) {
    UUID id = UUID.randomUUID();
    String reference = "LG-%d-%s".formatted(year, municipality);
    int inserted = jdbc.sql("""
        insert into quality_review (review_id, reference, municipality_number, year, status, started_at, started_by)
        values (:id, :reference, :municipality, :year, 'OPEN', :now, :by)
        on conflict (municipality_number, year) do nothing""")
        .param("id", id).param("reference", reference).param("municipality", municipality).param("year", year)
        .param("now", Timestamp.from(clock.instant())).param("by", startedBy).update();
    if (inserted == 0) {
      return Optional.empty();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(QualityVariables.MUNICIPALITY, municipality);
    variables.put(QualityVariables.REVIEW_ID, id.toString());
    variables.put(QualityVariables.REVIEW_REFERENCE, reference);
    variables.put(QualityVariables.REVIEW_YEAR, year);
    variables.put(QualityVariables.REVIEW_URL, "/app/reviews/" + id);
    variables.put(QualityVariables.REVIEW_DUE_DATE, Date.from(clock.instant().atZone(Incidents.OSLO).toLocalDate()
        .plusDays(REVIEW_WITHIN_DAYS).atTime(16, 0).atZone(Incidents.OSLO).toInstant()));
    String instance = runtime.createProcessInstanceByKey(PROCESS).businessKey(reference).setVariables(variables)
        .execute().getId();
    jdbc.sql("update quality_review set process_instance_id = :instance where review_id = :id")
        .param("instance", instance).param("id", id).update();
    return find(id);
  }

  public Optional<Review> find(UUID id) {
    return jdbc.sql("select * from quality_review where review_id = :id").param("id", id).query(REVIEW).optional();
  }

  private static final RowMapper<Review> REVIEW = (row, n) -> new Review(row.getObject("review_id", UUID.class),
      row.getString("reference"), row.getString("municipality_number"), row.getInt("year"), row.getString("status"),
      row.getTimestamp("started_at").toInstant(), row.getString("started_by"), row.getString("decision"),
      row.getString("signed_by"), row.getTimestamp("signed_at") == null ? null : row.getTimestamp("signed_at").toInstant(),
      row.getString("process_instance_id"));

  private static final RowMapper<Measure> MEASURE = (row, n) -> new Measure(row.getObject("measure_id", UUID.class),
      row.getString("area"), row.getString("description"), row.getString("owner"),
      row.getDate("due_date").toLocalDate(), row.getString("indicator_id"), row.getString("status"),
      row.getString("status_note"));

  /** The reviews of these municipalities, newest year first. */
  public List<Review> list(Set<String> municipalities) {
    if (municipalities.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from quality_review where municipality_number in (:municipalities)"
            + " order by year desc, municipality_number")
        .param("municipalities", municipalities).query(REVIEW).list();
  }

  public boolean exists(String municipality, int year) {
    return jdbc.sql("select count(*) from quality_review where municipality_number = :municipality and year = :year")
        .param("municipality", municipality).param("year", year).query(Long.class).single() > 0;
  }

  /** The municipality's review of the year before, if there was one. */
  public Optional<Review> previous(Review review) {
    return jdbc.sql("select * from quality_review where municipality_number = :municipality and year = :year")
        .param("municipality", review.municipality()).param("year", review.year() - 1).query(REVIEW).optional();
  }

  public Map<String, Area> areas(UUID review) {
    Map<String, Area> areas = new LinkedHashMap<>();
    jdbc.sql("select area, assessment, note from quality_review_area where review_id = :id").param("id", review)
        .query((row, n) -> new Area(row.getString("area"), row.getString("assessment"), row.getString("note")))
        .list().forEach(area -> areas.put(area.area(), area));
    return areas;
  }

  public List<Measure> measures(UUID review) {
    return jdbc.sql("select * from quality_review_measure where review_id = :id order by area, due_date, created_at")
        .param("id", review).query(MEASURE).list();
  }

  public Optional<Measure> measure(UUID measure) {
    return jdbc.sql("select * from quality_review_measure where measure_id = :id").param("id", measure)
        .query(MEASURE).optional();
  }

  public List<Document> documents(UUID review) {
    return jdbc.sql("""
        select version, kind, created_at, created_by, sha256 from quality_review_document
        where review_id = :id order by version""").param("id", review)
        .query((row, n) -> new Document(row.getInt("version"), row.getString("kind"),
            row.getTimestamp("created_at").toInstant(), row.getString("created_by"), row.getString("sha256"))).list();
  }

  public Optional<byte[]> pdf(UUID review, int version) {
    return jdbc.sql("select pdf from quality_review_document where review_id = :id and version = :version")
        .param("id", review).param("version", version).query(byte[].class).optional();
  }

  /** The people who may own a measure: the municipality's managers and team leaders (as Carepath knows them). */
  public Map<String, String> owners(String municipality, Actor actor) {
    Set<String> inMunicipality = new java.util.HashSet<>();
    identities.createUserQuery().memberOfGroup(CarepathGroups.MUNICIPALITY_PREFIX + municipality).list()
        .forEach(user -> inMunicipality.add(user.getId()));
    Map<String, String> owners = new java.util.TreeMap<>();
    for (String group : List.of(CarepathGroups.MANAGERS, CarepathGroups.TEAM_LEADERS)) {
      for (User user : identities.createUserQuery().memberOfGroup(group).list()) {
        if (inMunicipality.contains(user.getId())) {
          owners.put(user.getId(), name(user.getFirstName(), user.getLastName(), user.getId()));
        }
      }
    }
    owners.putIfAbsent(actor.id(), actor.displayName());
    return owners;
  }

  /** A person's name as Carepath knows it, or the user id. */
  public String personName(String userId) {
    User user = identities.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : name(user.getFirstName(), user.getLastName(), userId);
  }

  private static String name(String first, String last, String id) {
    String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    return name.isEmpty() ? id : name;
  }

  /** The statistics pack as assembled when the review started: version 1 of its documents. */
  @Transactional
  public void assemblePack(UUID id) {
    Review review = find(id).orElseThrow(() -> new IllegalStateException("No review " + id));
    if (!documents(id).isEmpty()) {
      return;
    }
    byte[] pdf = documents.pdf("documents/statistics-pack", packs.model(review, this, false));
    store(id, 1, "PACK", pdf, review.startedBy());
  }

  /** Records the judgement of one area; the review must be open. */
  @Transactional
  public void assess(UUID id, String area, String assessment, String note, Actor actor) {
    Review review = open(id);
    List<String> problems = new ArrayList<>();
    if (!IndicatorReport.areas().contains(area)) {
      problems.add("Ukjent område.");
    }
    if (assessment == null || !ASSESSMENTS.containsKey(assessment)) {
      problems.add("Velg en vurdering av området.");
    }
    String text = text(note, "Begrunnelse", false, problems);
    if ("WEAK".equals(assessment) && text == null) {
      problems.add("Skriv hvorfor resultatene er svake eller risikoen høy.");
    }
    refuseIf(problems);
    jdbc.sql("""
        insert into quality_review_area (review_id, area, assessment, note, assessed_by, assessed_at)
        values (:id, :area, :assessment, :note, :by, :now)
        on conflict (review_id, area) do update set assessment = excluded.assessment, note = excluded.note,
          assessed_by = excluded.assessed_by, assessed_at = excluded.assessed_at""")
        .param("id", review.id()).param("area", area).param("assessment", assessment).param("note", text)
        .param("by", actor.id()).param("now", Timestamp.from(clock.instant())).update();
  }

  /** Adds a measure to the action plan of a weak area; the review must be open. */
  @Transactional
  public UUID addMeasure(UUID id, String area, String description, String owner, String dueDate, String indicator,
      Actor actor) {
    Review review = open(id);
    List<String> problems = new ArrayList<>();
    Area judged = areas(id).get(area);
    if (judged == null || !"WEAK".equals(judged.assessment())) {
      problems.add("Tiltak hører til et område som er vurdert som svakt eller risikofylt. Vurder området først.");
    }
    String text = text(description, "Tiltak", true, problems);
    if (owner == null || !owners(review.municipality(), actor).containsKey(owner)) {
      problems.add("Velg en ansvarlig blant lederne i kommunen.");
    }
    LocalDate due = null;
    try {
      due = dueDate == null || dueDate.isBlank() ? null : LocalDate.parse(dueDate.strip());
    } catch (DateTimeParseException e) {
      due = null;
    }
    LocalDate today = LocalDate.now(clock.withZone(Incidents.OSLO));
    if (due == null) {
      problems.add("«Frist» må være en dato (ÅÅÅÅ-MM-DD).");
    } else if (due.isBefore(today) || due.isAfter(today.plusYears(2))) {
      problems.add("«Frist» må være fra i dag og innen to år.");
    }
    String kept = indicator == null || indicator.isBlank() ? null : indicator.strip();
    if (kept != null && !IndicatorReport.names().containsKey(kept)) {
      problems.add("Velg en indikator fra listen, eller ingen.");
    }
    refuseIf(problems);
    UUID measure = UUID.randomUUID();
    jdbc.sql("""
        insert into quality_review_measure (measure_id, review_id, area, description, owner, due_date, indicator_id,
          created_by, created_at)
        values (:measure, :id, :area, :description, :owner, :due, :indicator, :by, :now)""")
        .param("measure", measure).param("id", review.id()).param("area", area).param("description", text)
        .param("owner", owner).param("due", due).param("indicator", kept).param("by", actor.id())
        .param("now", Timestamp.from(clock.instant())).update();
    return measure;
  }

  @Transactional
  public void removeMeasure(UUID id, UUID measure) {
    open(id);
    jdbc.sql("delete from quality_review_measure where review_id = :id and measure_id = :measure")
        .param("id", id).param("measure", measure).update();
  }

  /**
   * Signs the review: every area judged, at least one good, at least two weak or risky, each weak
   * one with a measure, and a decision. An open review is signed by completing the managers' task
   * with the decision ({@link ConductReviewListener} records it); a signed one can be signed again
   * with a corrected decision: a new version, the earlier ones kept. Returns the new version.
   */
  @Transactional
  public int sign(UUID id, String decision, Actor actor) {
    Review review = find(id).orElseThrow(() -> new Refused(List.of("Gjennomgangen finnes ikke.")));
    List<String> problems = new ArrayList<>();
    String text = text(decision, "Beslutning", true, problems);
    if (!review.signed()) {
      problems.addAll(readiness(id));
    }
    refuseIf(problems);
    if (review.signed()) {
      return recordSignature(id, text, actor.id());
    }
    Task task = tasks.createTaskQuery().processInstanceId(review.processInstanceId())
        .taskDefinitionKey("Task_ConductReview").singleResult();
    if (task == null) {
      throw new Refused(List.of("Carepath setter fortsatt sammen statistikkpakken. Prøv igjen om et øyeblikk."));
    }
    tasks.complete(task.getId(), Map.of(QualityVariables.REVIEW_DECISION, text));
    return documents(id).stream().mapToInt(Document::version).max().orElse(0);
  }

  /** Records the decision as signed now by {@code by}, and keeps the signed review as the next PDF version. */
  int recordSignature(UUID id, String decision, String by) {
    jdbc.sql("update quality_review set status = 'SIGNED', decision = :decision, signed_by = :by, signed_at = :now"
            + " where review_id = :id")
        .param("decision", decision).param("by", by).param("now", Timestamp.from(clock.instant())).param("id", id)
        .update();
    Review signed = find(id).orElseThrow();
    int version = documents(id).stream().mapToInt(Document::version).max().orElse(0) + 1;
    store(id, version, "SIGNED", documents.pdf("documents/statistics-pack", packs.model(signed, this, true)), by);
    return version;
  }

  /** What stands in the way of signing, in Norwegian; empty when it can be signed. */
  public List<String> readiness(UUID id) {
    List<String> problems = new ArrayList<>();
    Map<String, Area> areas = areas(id);
    List<String> missing = IndicatorReport.areas().stream().filter(area -> !areas.containsKey(area)).toList();
    if (!missing.isEmpty()) {
      problems.add("Vurder alle områdene (mangler: " + String.join(", ", missing) + ").");
    }
    long good = areas.values().stream().filter(area -> "GOOD".equals(area.assessment())).count();
    long weak = areas.values().stream().filter(area -> "WEAK".equals(area.assessment())).count();
    if (good < 1) {
      problems.add("Minst ett område må ha gode resultater.");
    }
    if (weak < 2) {
      problems.add("Minst to områder må være vurdert som svake eller med høy risiko.");
    }
    List<Measure> measures = measures(id);
    areas.values().stream().filter(area -> "WEAK".equals(area.assessment()))
        .filter(area -> measures.stream().noneMatch(measure -> measure.area().equals(area.area())))
        .forEach(area -> problems.add("«" + area.area() + "» trenger minst ett tiltak i tiltaksplanen."));
    return problems;
  }

  /** Records how a measure of the action plan went (its owner's task). */
  void followUp(UUID measure, String status, String note, String by) {
    jdbc.sql("""
        update quality_review_measure set status = :status, status_note = :note, followed_up_by = :by,
          followed_up_at = :now where measure_id = :measure""")
        .param("status", status).param("note", note).param("by", by).param("now", Timestamp.from(clock.instant()))
        .param("measure", measure).update();
  }

  private Review open(UUID id) {
    Review review = find(id).orElseThrow(() -> new Refused(List.of("Gjennomgangen finnes ikke.")));
    if (review.signed()) {
      throw new Refused(List.of("Gjennomgangen er signert og kan ikke endres. Rett beslutningen med en ny signering."));
    }
    return review;
  }

  private void store(UUID id, int version, String kind, byte[] pdf, String by) {
    jdbc.sql("""
        insert into quality_review_document (review_id, version, kind, pdf, sha256, created_by, created_at)
        values (:id, :version, :kind, :pdf, :sha, :by, :now)""")
        .param("id", id).param("version", version).param("kind", kind).param("pdf", pdf).param("sha", sha256(pdf))
        .param("by", by).param("now", Timestamp.from(clock.instant())).update();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String value, String label, boolean required, List<String> problems) {
    String text = value == null ? null : value.strip();
    if (text == null || text.isEmpty()) {
      if (required) {
        problems.add("«" + label + "» må fylles ut.");
      }
      return null;
    }
    if (text.length() > Incidents.TEXT_LENGTH) {
      problems.add("«" + label + "» er for lang (" + text.length() + " tegn, høyst " + Incidents.TEXT_LENGTH + ").");
      return null;
    }
    if (Incidents.NATIONAL_ID_LIKE.matcher(text).find()) {
      problems.add("«" + label + "» ser ut til å inneholde et fødselsnummer (11 siffer). Skriv ikke"
          + " pasientopplysninger her.");
      return null;
    }
    return text;
  }

  private static void refuseIf(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new Refused(problems);
    }
  }
}
