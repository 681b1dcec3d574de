package no.carepath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import no.carepath.IntegrationTest;
import no.carepath.metrics.IndicatorSeries.Filter;
import no.carepath.metrics.IndicatorSeries.Period;
import no.carepath.metrics.IndicatorSeries.Row;
import no.carepath.metrics.IndicatorSeries.Series;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The indicator SQL on PostgreSQL against seeded rows with known answers: Carepath's tables and the
 * engine's history tables are filled directly for a municipality no other test uses (5001), the facts
 * are refreshed, and every figure of the week of Monday 5 October 2026 is checked against the answer
 * worked out by hand in the comments. Also: a refresh twice changes nothing, a later change is picked
 * up by the next refresh, and another municipality sees none of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorsIT extends IntegrationTest {

  static final String TOWN = "5001";
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final LocalDate WEEK = LocalDate.of(2026, 10, 5);
  static final LocalDate WEEK_BEFORE = LocalDate.of(2026, 9, 28);

  @Autowired
  JdbcClient jdbc;
  @Autowired
  MetricsFacts facts;
  @Autowired
  IndicatorSeries series;

  private UUID patient1;
  private String episode1;
  private String episode2;

  @BeforeAll
  void seed() {
    patient1 = patient("Indikator", "En");
    UUID patient2 = patient("Indikator", "To");
    episode1 = episode(patient1, at(2026, 9, 28, 8, 0));
    episode2 = episode(patient2, at(2026, 9, 28, 9, 0));
    // three red deviations handled in 10, 20 and 50 minutes; two yellow (6 h the same day, 10 h over midnight)
    deviation(episode1, "READING", "RED", at(2026, 10, 5, 10, 0), at(2026, 10, 5, 10, 10), "CONTACTED");
    deviation(episode1, "READING", "RED", at(2026, 10, 6, 10, 0), at(2026, 10, 6, 10, 20), "NO_ACTION");
    deviation(episode1, "NEWS2", "RED", at(2026, 10, 7, 10, 0), at(2026, 10, 7, 10, 50), "CONTACTED");
    deviation(episode1, "READING", "YELLOW", at(2026, 10, 8, 9, 0), at(2026, 10, 8, 15, 0), "NO_ACTION");
    deviation(episode1, "READING", "YELLOW", at(2026, 10, 9, 22, 0), at(2026, 10, 10, 8, 0), "ADJUST_PLAN");
    // a missed measurement, still open (and marked as signalled, so DeviationSignals starts no real task for it)
    deviation(episode2, "MISSED", "YELLOW", at(2026, 10, 10, 12, 0), null, null);

    String deviationDefinition = definition("followup-deviation");
    String caseDefinition = definition("allocation-case");
    // the timer "not taken in time" fired three times: twice nobody had taken the task (the team leader got
    // one), once a nurse had taken it but not finished (no team leader task): one deviation not taken
    String notTaken = "it-" + UUID.randomUUID();
    String takenLate = "it-" + UUID.randomUUID();
    activity(deviationDefinition, notTaken, "Timer_YellowDeviationUnhandled", at(2026, 10, 6, 23, 59));
    activity(deviationDefinition, notTaken, "Timer_RedDeviationUnhandled", at(2026, 10, 7, 10, 30));
    activity(deviationDefinition, notTaken, "Task_FollowUpUnhandledDeviation", at(2026, 10, 7, 10, 30));
    activity(deviationDefinition, takenLate, "Timer_RedDeviationUnhandled", at(2026, 10, 7, 11, 30));
    // three red tasks completed by two nurses, one after its due time; one assessment open past its due time
    task(deviationDefinition, "followup-deviation", "Task_HandleRedDeviation", "nurse.a", at(2026, 10, 5, 10, 0),
        at(2026, 10, 5, 10, 10), at(2026, 10, 5, 10, 30), null);
    task(deviationDefinition, "followup-deviation", "Task_HandleRedDeviation", "nurse.a", at(2026, 10, 6, 10, 0),
        at(2026, 10, 6, 10, 20), at(2026, 10, 6, 10, 30), null);
    task(deviationDefinition, "followup-deviation", "Task_HandleRedDeviation", "nurse.b", at(2026, 10, 7, 10, 0),
        at(2026, 10, 7, 10, 50), at(2026, 10, 7, 10, 30), null);
    task(caseDefinition, "allocation-case", "Task_AssessNeeds", null, at(2026, 10, 5, 9, 0), null,
        at(2026, 10, 7, 9, 0), "allocation-office");

    // a decision five days after the referral came
    String caseId = allocationCase(patient1, at(2026, 10, 1, 12, 0));
    decision(caseId, at(2026, 10, 6, 12, 0));
    // a stay ending 2 October, then a readmission on 6 October notified within 24 hours
    stay(patient1, episode1, at(2026, 9, 20, 10, 0), at(2026, 10, 2, 10, 0), null);
    stay(patient1, episode1, at(2026, 10, 6, 10, 0), null, at(2026, 10, 6, 12, 0));
    // four outbound messages: three acknowledged on the first try, one rejected
    for (String status : List.of("ACKNOWLEDGED", "ACKNOWLEDGED", "ACKNOWLEDGED", "REJECTED")) {
      outbound(patient1, status, at(2026, 10, 6, 9, 0));
    }
    // a plan approved on Thursday after Monday (in time), one sent in September never answered (late)
    plan(episode1, 1, "ACTIVE", at(2026, 10, 5, 10, 0), at(2026, 10, 8, 10, 0));
    plan(episode2, 1, "AWAITING_GP", at(2026, 9, 14, 10, 0), null);
    // three avvik: one reclassified as medication and closed after 3 days with a measure that worked; a near
    // miss reported from a red deviation's task, closed after 1.5 days, its measure did not work; one open
    UUID medication = incident("FALL", "MEDICATION", "MODERATE", "EVENT", null, at(2026, 10, 5, 10, 0),
        at(2026, 10, 8, 10, 0));
    UUID nearMiss = incident("OTHER", null, "MINOR", "NEAR_MISS", "Task_HandleRedDeviation", at(2026, 10, 6, 10, 0),
        at(2026, 10, 7, 22, 0));
    incident("FALL", null, "SERIOUS", "EVENT", null, at(2026, 10, 7, 10, 0), null);
    measure(medication, "red-response-time", "WORKED", at(2026, 10, 8, 9, 0));
    measure(nearMiss, "yellow-same-day", "NOT_WORKED", at(2026, 10, 7, 12, 0));
    rebuild(facts);
  }

  private Series week(String indicator) {
    return series.series(Indicators.byId(indicator).orElseThrow(),
        new Filter(Set.of(TOWN), Period.WEEK, WEEK_BEFORE, WEEK.plusWeeks(1), null, 0));
  }

  private Row row(String indicator) {
    Series values = week(indicator);
    assertThat(values.rows()).extracting(Row::start).containsExactly(WEEK_BEFORE, WEEK);
    return values.rows().get(1);
  }

  @Test
  void deviationRatesArePer100PatientDays() {
    // two patients all week: 14 patient-days
    assertThat(row("patient-days").value()).isEqualTo(14.0);
    assertThat(row("patients-in-follow-up").value()).isEqualTo(2.0);
    // three red of 14 patient-days = 21.43 per 100
    Row red = row("red-deviations-rate");
    assertThat(red.numerator()).isEqualTo(3);
    assertThat(red.denominator()).isCloseTo(0.14, within(1e-9));
    assertThat(red.value()).isCloseTo(300.0 / 14, within(1e-9));
    // three yellow (one of them a missed measurement)
    assertThat(row("yellow-deviations-rate").value()).isCloseTo(300.0 / 14, within(1e-9));
    assertThat(row("missed-measurements-rate").value()).isCloseTo(100.0 / 14, within(1e-9));
    // one "not taken in time" of six deviations opened
    assertThat(row("deviations-not-taken").value()).isCloseTo(1.0 / 6, within(1e-9));
    // counted once, with the colour of the timer that fired last before the team leader's task
    assertThat(jdbc.sql("select category from metrics_fact where measure = 'deviation_not_taken' and"
        + " municipality_number = :town").param("town", TOWN).query(String.class).list()).containsExactly("RED");
  }

  @Test
  void responseTimesAndTheShareWithinTheResponseTime() {
    // median of 10, 20 and 50 minutes
    assertThat(row("red-response-time").value()).isCloseTo(20.0 / 60, within(1e-9));
    // 90th percentile, interpolated as percentile_cont does: 20 + 0.8 * (50 - 20) = 44 minutes
    assertThat(row("red-response-time-p90").value()).isCloseTo(44.0 / 60, within(1e-9));
    // within 30 minutes (the default response time of a municipality without its own): two of three
    assertThat(row("red-within-response-time").value()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(row("yellow-response-time").value()).isCloseTo(8.0, within(1e-9));
    assertThat(row("yellow-same-day").value()).isCloseTo(0.5, within(1e-9));
    // the week before had none: no value (not zero) for times and shares, zero for counts
    assertThat(week("red-response-time").rows().get(0).value()).isNull();
    assertThat(week("red-within-response-time").rows().get(0).value()).isNull();
    assertThat(week("red-deviations-rate").rows().get(0).value()).isZero();
  }

  @Test
  void tasksFromTheEngineHistory() {
    assertThat(row("tasks-per-person").value()).isCloseTo(1.5, within(1e-9));
    // the assessment opened Monday, due Wednesday, still open on Sunday night
    assertThat(row("open-tasks-allocation-office").value()).isEqualTo(1.0);
    assertThat(row("overdue-tasks-allocation-office").value()).isEqualTo(1.0);
    assertThat(week("open-tasks-allocation-office").rows().get(0).value()).isZero();
    assertThat(row("assessments-on-time").value()).isNull();
    // completed after the due date, by activity (the Pareto of overdue tasks)
    assertThat(series.countsByCategory(MetricsFacts.Measure.TASK_FINISHED,
        new Filter(Set.of(TOWN), Period.WEEK, WEEK, WEEK.plusWeeks(1), null, 0), true))
        .containsExactly(Map.entry("Task_HandleRedDeviation", 1L));
  }

  @Test
  void allocationHospitalMessagesAndPlans() {
    assertThat(row("days-to-decision-median").value()).isCloseTo(5.0, within(1e-9));
    // one admission of 14 patient-days, and it is a readmission: 71.4 per 1,000
    assertThat(row("admissions-rate").value()).isCloseTo(1000.0 / 14, within(1e-9));
    assertThat(row("readmissions-rate").value()).isCloseTo(1000.0 / 14, within(1e-9));
    assertThat(row("admission-notice-on-time").value()).isEqualTo(1.0);
    assertThat(row("messages-first-try").value()).isCloseTo(0.75, within(1e-9));
    assertThat(row("messages-rejected").value()).isCloseTo(0.25, within(1e-9));
    assertThat(row("messages-no-receipt").value()).isZero();
    assertThat(row("plans-approved-in-time").value()).isEqualTo(1.0);
    Series plans = series.series(Indicators.byId("plans-approved-in-time").orElseThrow(),
        new Filter(Set.of(TOWN), Period.WEEK, LocalDate.of(2026, 9, 14), LocalDate.of(2026, 9, 21), null, 0));
    assertThat(plans.rows().get(0).value()).isZero();
  }

  @Test
  void paretoOfOutcomes() {
    Filter filter = new Filter(Set.of(TOWN), Period.WEEK, WEEK, WEEK.plusWeeks(1), null, 0);
    assertThat(series.countsByDetail(MetricsFacts.Measure.DEVIATION_HANDLED, null, filter, false))
        .containsOnly(Map.entry("CONTACTED", 2L), Map.entry("NO_ACTION", 2L), Map.entry("ADJUST_PLAN", 1L));
    assertThat(series.countsByDetail(MetricsFacts.Measure.DEVIATION_OPENED, null, filter, false))
        .containsOnly(Map.entry("SIGN_4", 4L), Map.entry("NEWS2", 1L), Map.entry("MISSED", 1L));
  }

  @Test
  void avvikTheirTimeToCloseAndWhetherMeasuresWorked() {
    assertThat(row("incidents-reported").value()).isEqualTo(3.0);
    assertThat(row("incident-days-to-close").value()).isCloseTo(2.25, within(1e-9));
    Row worked = row("measures-worked");
    assertThat(worked.numerator()).isEqualTo(1);
    assertThat(worked.denominator()).isEqualTo(2);
    Filter filter = new Filter(Set.of(TOWN), Period.WEEK, WEEK, WEEK.plusWeeks(1), null, 0);
    // the leader's category once classified, the reporter's before
    assertThat(series.countsByCategory(MetricsFacts.Measure.INCIDENT_REPORTED, filter, false))
        .containsOnly(Map.entry("MEDICATION", 1L), Map.entry("OTHER", 1L), Map.entry("FALL", 1L));
    assertThat(series.countsByDetail(MetricsFacts.Measure.INCIDENT_REPORTED, null, filter, false))
        .containsOnly(Map.entry("MODERATE", 1L), Map.entry("MINOR", 1L), Map.entry("SERIOUS", 1L));
    assertThat(series.countsByCategory(MetricsFacts.Measure.INCIDENT_AT_ACTIVITY, filter, false))
        .containsOnly(Map.entry("Task_HandleRedDeviation", 1L), Map.entry("", 2L));
  }

  @Test
  void aRefreshIsIdempotentAndPicksUpLaterChanges() {
    List<String> before = facts();
    refresh(facts);
    assertThat(facts()).as("a refresh right after a rebuild").containsExactlyInAnyOrderElementsOf(before);
    rebuild(facts);
    assertThat(facts()).as("a rebuild").containsExactlyInAnyOrderElementsOf(before);
    // the open missed measurement is handled now: one more handled deviation, in the week it was handled
    jdbc.sql("""
        update followup_deviation set status = 'CLOSED', closed_at = now(), outcome = 'CONTACTED', handled_by = 'nurse.c'
        where episode_id = :episode and status = 'OPEN'""").param("episode", episode2).update();
    refresh(facts);
    assertThat(count()).isEqualTo(before.size() + 1);
    jdbc.sql("update followup_deviation set handled_by = null, status = 'OPEN', closed_at = null, outcome = null"
        + " where episode_id = :episode and kind = 'MISSED'").param("episode", episode2).update();
    jdbc.sql("delete from metrics_fact where measure = 'deviation_handled' and municipality_number = :town"
        + " and day > :week").param("town", TOWN).param("week", WEEK.plusWeeks(1)).update();
  }

  @Test
  void anotherMunicipalitySeesNothingAndNoFactNamesAPatient() {
    Series other = series.series(Indicators.byId("red-deviations-rate").orElseThrow(),
        new Filter(Set.of("5002"), Period.WEEK, WEEK_BEFORE, WEEK.plusWeeks(1), null, 0));
    assertThat(other.rows()).allSatisfy(row -> assertThat(row.facts()).isZero());
    List<String> texts = jdbc.sql("""
        select concat_ws('|', category, detail, actor, municipality_number) from metrics_fact where municipality_number = :town""")
        .param("town", TOWN).query(String.class).list();
    assertThat(texts).isNotEmpty().noneMatch(text -> text.contains(patient1.toString()) || text.contains(episode1)
        || text.contains("Indikator"));
  }

  private UUID incident(String category, String classifiedAs, String consequence, String kind, String activity,
      Instant reported, Instant closed) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        insert into quality_incident (incident_id, reference, municipality_number, kind, happened_at, reported_at,
          reported_by, anonymous, process_key, activity_id, category, consequence, description, status,
          classified_category, classified_consequence, classified_at, closed_at)
        values (:id, :reference, :town, :kind, :reported, :reported, 'nurse.a', false, :process, :activity, :category,
          :consequence, 'Hendelse', :status, :classifiedAs, :classifiedConsequence, :classifiedAt, :closed)""")
        .param("id", id).param("reference", "UH-IT-" + id.toString().substring(0, 8)).param("town", TOWN)
        .param("kind", kind).param("reported", Timestamp.from(reported))
        .param("process", activity == null ? null : "followup-deviation").param("activity", activity)
        .param("category", category).param("consequence", consequence)
        .param("status", closed != null ? "CLOSED" : classifiedAs != null ? "CLASSIFIED" : "REPORTED")
        .param("classifiedAs", classifiedAs).param("classifiedConsequence", classifiedAs == null ? null : consequence)
        .param("classifiedAt", classifiedAs == null ? null : Timestamp.from(reported.plusSeconds(3600)))
        .param("closed", closed == null ? null : Timestamp.from(closed)).update();
    return id;
  }

  private void measure(UUID incident, String indicator, String effect, Instant checked) {
    jdbc.sql("""
        insert into quality_measure (measure_id, incident_id, description, owner, due_date, indicator_id, started_on,
          effect_check_on, planned_by, effect, effect_note, checked_by, checked_at)
        values (:id, :incident, 'Tiltak', 'Teamleder', date '2026-10-01', :indicator, date '2026-09-01',
          date '2026-10-01', 'leader.a', :effect, 'Vurdert', 'leader.a', :checked)""")
        .param("id", UUID.randomUUID()).param("incident", incident).param("indicator", indicator)
        .param("effect", effect).param("checked", Timestamp.from(checked)).update();
  }

  /** Refreshes the facts, waiting while the scheduled refresh holds the lock. */
  static void refresh(MetricsFacts facts) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(facts::refresh);
  }

  /** Builds the facts from all rows (the seeded ones have past times), waiting for the lock. */
  static void rebuild(MetricsFacts facts) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(facts::rebuild);
  }

  private List<String> facts() {
    return jdbc.sql("""
        select concat_ws('|', measure, source_id, day, category, detail, value, flag, actor) from metrics_fact
        where municipality_number = :town""").param("town", TOWN).query(String.class).list();
  }

  private int count() {
    return jdbc.sql("select count(*) from metrics_fact where municipality_number = :town").param("town", TOWN)
        .query(Integer.class).single();
  }

  // ---------------------------------------------------------------- seeding

  static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(OSLO).toInstant();
  }

  private String definition(String key) {
    return jdbc.sql("select id_ from act_re_procdef where key_ = :key order by version_ desc limit 1")
        .param("key", key).query(String.class).single();
  }

  private UUID patient(String family, String given) {
    UUID id = UUID.randomUUID();
    // synthetic: month + 80 (the Norwegian test-id convention), random serial
    String nationalId = String.format("%02d%02d%02d%05d", 1 + ThreadLocalRandom.current().nextInt(28),
        81 + ThreadLocalRandom.current().nextInt(12), 40, ThreadLocalRandom.current().nextInt(100_000));
    jdbc.sql("""
        insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
        values (:id, :nid, :given, :family, date '1940-01-01', :town, now())""")
        .param("id", id).param("nid", nationalId).param("given", given).param("family", family).param("town", TOWN)
        .update();
    return id;
  }

  private String allocationCase(UUID patient, Instant received) {
    String caseId = "SAK-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
        values (:id, :patient, :town, 'GP_REFERRAL', 'DECIDED', :received, 'Indikatortest')""")
        .param("id", caseId).param("patient", patient).param("town", TOWN).param("received", Timestamp.from(received))
        .update();
    return caseId;
  }

  private UUID decision(String caseId, Instant decided) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by,
                                         decided_by_name, decided_at)
        values (:id, :case, 1, 'GRANTED', '[]'::jsonb, 'Test', 'Test', 'it', 'IT', :decided)""")
        .param("id", id).param("case", caseId).param("decided", Timestamp.from(decided)).update();
    return id;
  }

  private String episode(UUID patient, Instant enrolled) {
    String caseId = allocationCase(patient, enrolled.minusSeconds(86_400 * 10));
    UUID decision = decision(caseId, enrolled.minusSeconds(86_400 * 5));
    String episodeId = "EP-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id,
                                      created_at, phase, enrolled_at, monitoring_key)
        values (:id, :case, :patient, :town, 'ACTIVE', :decision, :created, 'FOLLOW_UP', :enrolled,
                nextval('followup_monitoring_key'))""")
        .param("id", episodeId).param("case", caseId).param("patient", patient).param("town", TOWN)
        .param("decision", decision).param("created", Timestamp.from(enrolled.minusSeconds(86_400 * 4)))
        .param("enrolled", Timestamp.from(enrolled)).update();
    return episodeId;
  }

  private void deviation(String episode, String kind, String colour, Instant opened, Instant closed, String outcome) {
    String id = "AVV-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into followup_deviation (deviation_id, episode_id, kind, colour, signalled_colour, status, summary,
                                        opened_at, closed_at, outcome, handled_by)
        values (:id, :episode, :kind, :colour, :colour, :status, 'Indikatortest', :opened, :closed, :outcome, :by)""")
        .param("id", id).param("episode", episode)
        .param("kind", kind).param("colour", colour).param("status", closed == null ? "OPEN" : "CLOSED")
        .param("opened", Timestamp.from(opened)).param("closed", closed == null ? null : Timestamp.from(closed))
        .param("outcome", outcome).param("by", closed == null ? null : "nurse.a").update();
    if (kind.equals("READING")) {
      reading(jdbc, id, episode, opened);
    }
  }

  /** The oxygen saturation of 88 % behind a seeded reading deviation (no deviation without its reading). */
  static void reading(JdbcClient jdbc, String deviationId, String episode, Instant measured) {
    UUID reading = UUID.randomUUID();
    jdbc.sql("""
        insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
        values (:id, (select monitoring_key from followup_episode where episode_id = :episode), 4, 1, 88, :at, :at)""")
        .param("id", reading).param("episode", episode).param("at", Timestamp.from(measured)).update();
    jdbc.sql("insert into followup_deviation_reading (deviation_id, reading_id) values (:deviation, :reading)")
        .param("deviation", deviationId).param("reading", reading).update();
  }

  private void task(String definition, String key, String taskKey, String assignee, Instant start, Instant end,
      Instant due, String candidateGroup) {
    String id = "it-" + UUID.randomUUID();
    jdbc.sql("""
        insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, proc_inst_id_, name_, assignee_,
                                     start_time_, end_time_, delete_reason_, due_date_, tenant_id_)
        values (:id, :task, :key, :def, :id, 'Test', :assignee, :start, :end, :reason, :due, :town)""")
        .param("id", id).param("task", taskKey).param("key", key).param("def", definition).param("assignee", assignee)
        .param("start", Timestamp.from(start)).param("end", end == null ? null : Timestamp.from(end))
        .param("reason", end == null ? null : "completed").param("due", Timestamp.from(due)).param("town", TOWN)
        .update();
    if (candidateGroup != null) {
      jdbc.sql("""
          insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_, operation_type_, tenant_id_)
          values (:link, :start, 'candidate', :group, :id, 'add', :town)""")
          .param("link", "it-" + UUID.randomUUID()).param("start", Timestamp.from(start)).param("group", candidateGroup)
          .param("id", id).param("town", TOWN).update();
    }
  }

  private void stay(UUID patient, String episode, Instant admitted, Instant discharged, Instant notified) {
    String stayId = "OPPH-IT-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc.sql("""
        insert into transitions_stay (stay_id, municipality_number, hospital_org_number, hospital_name,
                                      hospital_stay_ref, patient_id, patient_known, episode_id, status, admitted_at,
                                      discharged_at, created_at)
        values (:id, :town, '983974880', 'Testsykehuset', :ref, :patient, true, :episode, :status, :admitted,
                :discharged, :admitted)""")
        .param("id", stayId).param("town", TOWN).param("ref", UUID.randomUUID().toString()).param("patient", patient)
        .param("episode", episode).param("status", discharged == null ? "ADMITTED" : "DISCHARGED")
        .param("admitted", Timestamp.from(admitted))
        .param("discharged", discharged == null ? null : Timestamp.from(discharged)).update();
    if (notified != null) {
      jdbc.sql("""
          insert into transitions_hospital_message (hospital_org_number, message_id, stay_id, type, received_at,
                                                    received_by)
          values ('983974880', :id, :stay, 'ADMITTED', :at, 'it')""")
          .param("id", UUID.randomUUID().toString()).param("stay", stayId).param("at", Timestamp.from(notified))
          .update();
    }
  }

  private void outbound(UUID patient, String status, Instant created) {
    jdbc.sql("""
        insert into messaging_outbox (message_id, channel, kind, municipality_number, patient_id, reference, subject,
                                      payload, responsible_group, status, created_by, created_at, receipt_status)
        values (:id, 'GP_DIALOGUE', 'FORESPORSEL', :town, :patient, 'IT', 'Test', '{}'::jsonb,
                'home-follow-up-nurses', :status, 'it', :created, :receipt)""")
        .param("id", "MSG-IT-" + UUID.randomUUID().toString().substring(0, 8)).param("town", TOWN)
        .param("patient", patient).param("status", status).param("created", Timestamp.from(created))
        .param("receipt", status.equals("REJECTED") ? "REJECTED" : "OK").update();
  }

  private void plan(String episode, int version, String status, Instant created, Instant answered) {
    jdbc.sql("""
        insert into followup_plan (plan_id, episode_id, version, status, what_matters, goal, sub_goals, interventions,
                                   measured_signs, reading_interval, evaluation_interval, thresholds, created_by,
                                   created_at, gp_answered_at)
        values (:id, :episode, :version, :status, 'x', 'x', 'x', 'x', '{1}', interval '1 day', interval '30 days',
                '[]'::jsonb, 'it', :created, :answered)""")
        .param("id", UUID.randomUUID()).param("episode", episode).param("version", version).param("status", status)
        .param("created", Timestamp.from(created)).param("answered", answered == null ? null : Timestamp.from(answered))
        .update();
  }

  /** An activity instance of the engine's history, in {@link #TOWN}. */
  private void activity(String definition, String processInstance, String activity, Instant at) {
    jdbc.sql("""
        insert into act_hi_actinst (id_, proc_def_key_, proc_def_id_, proc_inst_id_, execution_id_, act_id_, act_type_,
                                    start_time_, end_time_, tenant_id_)
        values (:id, 'followup-deviation', :def, :instance, :instance, :activity, :type, :at, :at, :town)""")
        .param("id", "it-" + UUID.randomUUID()).param("def", definition).param("instance", processInstance)
        .param("activity", activity).param("type", activity.startsWith("Timer") ? "boundaryTimer" : "userTask")
        .param("at", Timestamp.from(at)).param("town", TOWN).update();
  }
}
