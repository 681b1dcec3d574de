package no.carepath.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import no.carepath.followup.FollowupProperties;
import no.carepath.platform.WorkingDays;
import no.carepath.security.Municipalities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings table {@code metrics_fact} up to date from Carepath's tables and the engine's history: one
 * statement per {@link Measure}, an idempotent upsert of the source rows that changed since the
 * measure's last refresh (less a margin for late commits), or of everything on the first run. Runs
 * every few minutes, on one node at a time (a transaction-scoped advisory lock; a node that finds it
 * taken skips the round). Nothing a fact holds names a patient; the patient id is used inside the
 * readmission statement only, to find the same patient's earlier stay.
 */
@Component
public class MetricsFacts {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsFacts.class);
  /** Source rows are read again this far back: a commit may land after a refresh has read past it. */
  static final Duration MARGIN = Duration.ofDays(2);
  static final String OSLO = "'Europe/Oslo'";

  /**
   * What a measure's facts are. Each has its SQL below; {@code docs/indicators.md} lists them.
   */
  public enum Measure {
    DEVIATION_OPENED("A deviation opened: category = colour (RED, YELLOW), detail = cause (SIGN_n, MISSED, NEWS2)"),
    DEVIATION_HANDLED("A deviation a nurse handled: category = colour, detail = outcome, value = hours from red (or"
        + " yellow) to handled, flag = within the municipality's response time (yellow: the same day)"),
    DEVIATION_NOT_TAKEN("A deviation not assessed when its deadline passed: the team leader got the task"
        + " 'Følg opp: avvik er ikke vurdert i tide' (a yellow one nobody had taken; a red one taken or not, from"
        + " followup-deviation 1.1; before, a red one taken but not finished gave none); category = the colour of"
        + " the timer that fired"),
    PATIENT_DAYS("Per municipality and day: value = patients in digital home follow-up that day"),
    EPISODE_RESOLVED("An episode offered after a grant that either started (flag) or was cancelled before start"),
    EPISODE_ENDED("An episode that ended: detail = the reason"),
    PLAN_TO_GP("A plan sent to the GP for approval: flag = approved within five working days"),
    DECISION("A first decision: value = days from the case was received, category = outcome, detail = channel"),
    APPEAL("An appeal decided: category = UPHELD or OVERTURNED, flag = overturned"),
    TASK_FINISHED("A user task completed: category = task id, detail = process, value = hours open, flag = by its"
        + " due date, actor = who completed it"),
    TASKS_OPEN("Per municipality, day and candidate group: value = tasks open at the end of the day, category ="
        + " group; detail = OVERDUE for those past their due date"),
    GP_REQUEST("A dialogue message to the GP: category = kind, value = hours from sent to answered, flag = answered"),
    ADMISSION("A hospital admission of a patient in follow-up: category = READMISSION (flag) when within 30 days of the"
        + " same patient's discharge, else FIRST"),
    READY_FOR_DISCHARGE("A patient reported ready for discharge: flag = answered the same day"),
    DAYS_WAITING("A discharge after ready-for-discharge: value = days waited"),
    HOSPITAL_MESSAGE("A hospital message due: category = ADMISSION_NOTICE (flag = within 24 hours) or"
        + " DISCHARGE_SUMMARY (flag = on the discharge day)"),
    OUTBOUND_MESSAGE("An outbound message settled: category = DELIVERED_FIRST_TRY, DELIVERED_AFTER_RESEND, REJECTED"
        + " or NO_RECEIPT, detail = channel"),
    INCIDENT_REPORTED("An avvik reported: category = its category (the leader's, once classified), detail = its"
        + " consequence, flag = a near miss"),
    INCIDENT_AT_ACTIVITY("An avvik reported from a task: category = the task's activity, detail = its process (both"
        + " empty when reported on its own)"),
    INCIDENT_CLOSED("An avvik closed: category = its category, value = days from reported to closed"),
    MEASURE_CHECKED("The effect check of a measure against an avvik: category = the indicator it was to move, flag ="
        + " it worked");

    private final String description;

    Measure(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Municipalities municipalities;
  private final FollowupProperties followup;
  private final IndicatorSeries series;
  private final org.springframework.beans.factory.ObjectProvider<SignalWatch> signals;
  private final boolean signalsEnabled;

  MetricsFacts(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Municipalities municipalities,
      FollowupProperties followup, IndicatorSeries series,
      org.springframework.beans.factory.ObjectProvider<SignalWatch> signals,
      @org.springframework.beans.factory.annotation.Value("${carepath.metrics.signals:true}") boolean signalsEnabled) {
    this.signals = signals;
    this.signalsEnabled = signalsEnabled;
    this.series = series;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.municipalities = municipalities;
    this.followup = followup;
  }

  @Scheduled(fixedDelayString = "${carepath.metrics.refresh-interval:PT5M}", initialDelayString = "PT20S")
  void scheduled() {
    try {
      if (refresh() && signalsEnabled) {
        signals.getObject().check();
      }
    } catch (RuntimeException e) {
      LOG.warn("Refreshing the indicator facts or looking for signals failed; the next round tries again: {}",
          e.getClass().getSimpleName());
    }
  }

  /**
   * Refreshes every measure; {@code false} when another node holds the lock.
   */
  public boolean refresh() {
    return refresh(false);
  }

  /**
   * Builds every measure's facts afresh from all source rows, as the first refresh does: after source
   * rows were restored or loaded with past times (a refresh only reads what changed lately).
   */
  public boolean rebuild() {
    return refresh(true);
  }

  private boolean refresh(boolean everything) {
    Boolean done = transactions.execute(status -> {
      Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('metrics_fact'))").query(Boolean.class)
          .single();
      if (!locked) {
        return false;
      }
      Instant now = clock.instant();
      Map<String, Instant> last = new LinkedHashMap<>();
      jdbc.sql("select measure, refreshed_at from metrics_refresh").query((rs, n) -> {
        last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        return null;
      }).list();
      for (Measure measure : Measure.values()) {
        Instant since = !everything && last.containsKey(measure.key()) ? last.get(measure.key()).minus(MARGIN)
            : Instant.EPOCH;
        refresh(measure, since, now);
        jdbc.sql("""
            insert into metrics_refresh (measure, refreshed_at) values (:measure, :now)
            on conflict (measure) do update set refreshed_at = excluded.refreshed_at""")
            .param("measure", measure.key()).param("now", Timestamp.from(now)).update();
      }
      return true;
    });
    if (Boolean.TRUE.equals(done)) {
      series.forget();
    }
    return Boolean.TRUE.equals(done);
  }

  private void refresh(Measure measure, Instant since, Instant now) {
    Timestamp from = Timestamp.from(since);
    LocalDate today = now.atZone(ZoneId.of("Europe/Oslo")).toLocalDate();
    LocalDate fromDay = since.equals(Instant.EPOCH) ? LocalDate.of(2000, 1, 1)
        : since.atZone(ZoneId.of("Europe/Oslo")).toLocalDate();
    switch (measure) {
      case PLAN_TO_GP -> refreshPlans(since, now);
      case PATIENT_DAYS, TASKS_OPEN -> {
        jdbc.sql("delete from metrics_fact where measure = :measure and day >= :from and not demo")
            .param("measure", measure.key()).param("from", fromDay).update();
        jdbc.sql(upsert(measure)).param("since", from).param("fromDay", fromDay).param("today", today).update();
      }
      default -> jdbc.sql(upsert(measure)).param("since", from).param("today", today).update();
    }
  }

  private String upsert(Measure measure) {
    String insert = "insert into metrics_fact (measure, source_id, municipality_number, day, category, detail, value,"
        + " flag, actor, model_version) ";
    String conflict = " on conflict (measure, source_id) do update set municipality_number = excluded.municipality_number,"
        + " day = excluded.day, category = excluded.category, detail = excluded.detail, value = excluded.value,"
        + " flag = excluded.flag, actor = excluded.actor, model_version = excluded.model_version"
        // unchanged facts stay as they are: no new row version, and the roll-up triggers recount nothing
        + " where (metrics_fact.municipality_number, metrics_fact.day, metrics_fact.category, metrics_fact.detail,"
        + " metrics_fact.value, metrics_fact.flag, metrics_fact.actor, metrics_fact.model_version) is distinct from"
        + " (excluded.municipality_number, excluded.day, excluded.category, excluded.detail, excluded.value,"
        + " excluded.flag, excluded.actor, excluded.model_version)";
    String key = "'" + measure.key() + "'";
    return insert + switch (measure) {
      case DEVIATION_OPENED -> """
          select %s, d.deviation_id, e.municipality_number, (d.opened_at at time zone %s)::date, d.colour,
                 case when d.kind <> 'READING' then d.kind
                      else coalesce((select 'SIGN_' || min(r.sign) from followup_deviation_reading dr
                                     join followup_reading r on r.id = dr.reading_id
                                     where dr.deviation_id = d.deviation_id), 'READING') end,
                 null, null, null, %s
          from followup_deviation d join followup_episode e on e.episode_id = d.episode_id
          where d.opened_at >= :since
          """.formatted(key, OSLO, version("followup-deviation", "d.deviation_id"));
      case DEVIATION_HANDLED -> """
          select %s, d.deviation_id, e.municipality_number, (d.closed_at at time zone %s)::date, d.colour,
                 coalesce(d.outcome, ''),
                 extract(epoch from d.closed_at - case when d.colour = 'RED' then coalesce(d.raised_at, d.opened_at)
                                                       else d.opened_at end) / 3600.0,
                 case when d.colour = 'RED'
                      then d.closed_at - coalesce(d.raised_at, d.opened_at) <= %s
                      else (d.closed_at at time zone %s)::date = (d.opened_at at time zone %s)::date end,
                 null, %s
          from followup_deviation d join followup_episode e on e.episode_id = d.episode_id
          where d.status = 'CLOSED' and d.handled_by is not null and d.closed_at >= :since
          """.formatted(key, OSLO, responseTime("e.municipality_number"), OSLO, OSLO,
          version("followup-deviation", "d.deviation_id"));
      case DEVIATION_NOT_TAKEN -> """
          select %s, a.id_, a.tenant_id_, (a.start_time_::timestamptz at time zone %s)::date,
                 coalesce((select case when t.act_id_ = 'Timer_RedDeviationUnhandled' then 'RED' else 'YELLOW' end
                           from act_hi_actinst t
                           where t.proc_inst_id_ = a.proc_inst_id_
                             and t.act_id_ in ('Timer_RedDeviationUnhandled', 'Timer_YellowDeviationUnhandled')
                             and t.start_time_ <= a.start_time_
                           order by t.start_time_ desc limit 1), ''), '', null, null, null, p.version_
          from act_hi_actinst a join act_re_procdef p on p.id_ = a.proc_def_id_
          where a.act_id_ = 'Task_FollowUpUnhandledDeviation' and a.start_time_ >= :since and a.tenant_id_ is not null
          """.formatted(key, OSLO);
      case PATIENT_DAYS -> """
          select %s, e.municipality_number || '/' || d::date, e.municipality_number, d::date, '', '', count(*), null,
                 null, null
          from followup_episode e
          cross join lateral generate_series(greatest((e.enrolled_at at time zone %s)::date, :fromDay),
                     least(coalesce((e.ended_at at time zone %s)::date, :today), :today), interval '1 day') d
          where e.enrolled_at is not null
            and (e.ended_at is null or (e.ended_at at time zone %s)::date >= :fromDay)
          group by e.municipality_number, d::date
          """.formatted(key, OSLO, OSLO, OSLO);
      case EPISODE_RESOLVED -> """
          select %s, e.episode_id, e.municipality_number, (e.created_at at time zone %s)::date, e.status, '', null,
                 e.enrolled_at is not null, null, %s
          from followup_episode e
          where (e.enrolled_at is not null or e.status = 'CANCELLED')
            and coalesce(e.enrolled_at, e.ended_at, e.created_at) >= :since
          """.formatted(key, OSLO, version("followup-episode", "e.episode_id"));
      case EPISODE_ENDED -> """
          select %s, e.episode_id, e.municipality_number, (e.ended_at at time zone %s)::date, e.status,
                 coalesce(e.end_reason, 'UNKNOWN'), null, null, null, %s
          from followup_episode e
          where e.ended_at is not null and e.enrolled_at is not null and e.ended_at >= :since
          """.formatted(key, OSLO, version("followup-episode", "e.episode_id"));
      case DECISION -> """
          select %s, d.id::text, c.municipality_number, (d.decided_at at time zone %s)::date, d.outcome, c.channel,
                 extract(epoch from d.decided_at - c.received_at) / 86400.0, null, null, %s
          from allocation_decision d join allocation_case c on c.case_id = d.case_id
          where d.round = 1 and d.decided_at >= :since
          """.formatted(key, OSLO, version("allocation-case", "c.case_id"));
      case APPEAL -> """
          select %s, d.id::text, c.municipality_number, (d.decided_at at time zone %s)::date,
                 coalesce(d.appeal_outcome, 'UPHELD'), '', null, d.appeal_outcome = 'OVERTURNED', null,
                 %s
          from allocation_decision d join allocation_case c on c.case_id = d.case_id
          where d.round > 1 and d.decided_at >= :since
          """.formatted(key, OSLO, version("allocation-case", "c.case_id"));
      case TASK_FINISHED -> """
          select %s, t.id_, t.tenant_id_, (t.end_time_::timestamptz at time zone %s)::date, t.task_def_key_, t.proc_def_key_,
                 extract(epoch from t.end_time_ - t.start_time_) / 3600.0,
                 t.due_date_ is null or t.end_time_ <= t.due_date_, t.assignee_, p.version_
          from act_hi_taskinst t join act_re_procdef p on p.id_ = t.proc_def_id_
          where t.end_time_ >= :since and t.tenant_id_ is not null and t.delete_reason_ = 'completed'
          """.formatted(key, OSLO);
      case TASKS_OPEN -> """
          select %s, t.tenant_id_ || '/' || d::date || '/' || l.group_id_ || '/' || overdue.kind, t.tenant_id_, d::date,
                 l.group_id_, overdue.kind, count(*), null, null, null
          from act_hi_taskinst t
          join act_hi_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ is not null
                                    and l.operation_type_ = 'add'
          cross join lateral generate_series(greatest((t.start_time_::timestamptz at time zone %s)::date, :fromDay),
                     least(coalesce((t.end_time_::timestamptz at time zone %s)::date - 1, :today), :today), interval '1 day') d
          cross join lateral (values ('OPEN'), ('OVERDUE')) overdue(kind)
          where t.tenant_id_ is not null and (t.end_time_ is null or t.end_time_ >= cast(:fromDay as timestamp) at time zone %s)
            and (overdue.kind = 'OPEN' or t.due_date_ < (d::date + 1) at time zone %s)
          group by t.tenant_id_, d::date, l.group_id_, overdue.kind
          """.formatted(key, OSLO, OSLO, OSLO, OSLO);
      case GP_REQUEST -> """
          select %s, g.dialogue_id, g.municipality_number, (g.created_at at time zone %s)::date, g.kind, '',
                 extract(epoch from g.answered_at - coalesce(g.sent_at, g.created_at)) / 3600.0,
                 g.answered_at is not null, null, null
          from escalation_dialogue g
          where g.kind in ('REQUEST', 'PLAN_APPROVAL') and coalesce(g.answered_at, g.sent_at, g.created_at) >= :since
          """.formatted(key, OSLO);
      case ADMISSION -> """
          select %s, s.stay_id, s.municipality_number, (s.admitted_at at time zone %s)::date,
                 case when r.readmitted then 'READMISSION' else 'FIRST' end, '', null, r.readmitted, null, null
          from transitions_stay s
          cross join lateral (select exists (select 1 from transitions_stay earlier
                         where earlier.patient_id = s.patient_id and earlier.stay_id <> s.stay_id
                           and earlier.discharged_at is not null and earlier.discharged_at <= s.admitted_at
                           and earlier.discharged_at > s.admitted_at - interval '30 days') readmitted) r
          where s.episode_id is not null and s.admitted_at is not null and s.admitted_at >= :since
          """.formatted(key, OSLO);
      case READY_FOR_DISCHARGE -> """
          select %s, s.stay_id, s.municipality_number, (s.ready_at at time zone %s)::date, '', '', null,
                 s.ready_answered_at is not null
                   and (s.ready_answered_at at time zone %s)::date = (s.ready_at at time zone %s)::date,
                 null, null
          from transitions_stay s
          where s.ready_at is not null and s.ready_withdrawn_at is null
            and (s.ready_answered_at is not null or s.ready_at < now() - interval '1 day')
            and coalesce(s.ready_answered_at, s.ready_at) >= :since
          """.formatted(key, OSLO, OSLO, OSLO);
      case DAYS_WAITING -> """
          select %s, s.stay_id, s.municipality_number, (s.discharged_at at time zone %s)::date, '', '', s.days_waiting,
                 null, null, null
          from transitions_stay s
          where s.days_waiting is not null and s.discharged_at >= :since
          """.formatted(key, OSLO);
      case HOSPITAL_MESSAGE -> """
          select %s, s.stay_id || '/' || m.kind, s.municipality_number, (m.due at time zone %s)::date, m.kind, '', null,
                 m.ok, null, null
          from transitions_stay s
          cross join lateral (
            select 'ADMISSION_NOTICE' kind, s.admitted_at + interval '24 hours' due,
                   exists (select 1 from transitions_hospital_message h where h.stay_id = s.stay_id
                           and h.type = 'ADMITTED' and h.received_at <= s.admitted_at + interval '24 hours') ok
            where s.admitted_at is not null
            union all
            select 'DISCHARGE_SUMMARY', s.discharged_at,
                   s.summary_at is not null
                     and (s.summary_at at time zone %s)::date <= (s.discharged_at at time zone %s)::date
            where s.discharged_at is not null) m
          where m.due <= now() and greatest(s.created_at, s.admitted_at, s.discharged_at, s.summary_at) >= :since
          """.formatted(key, OSLO, OSLO, OSLO);
      case OUTBOUND_MESSAGE -> """
          select %s, o.message_id, o.municipality_number, (o.created_at at time zone %s)::date,
                 case when o.status = 'ACKNOWLEDGED' and o.transmission = 1 then 'DELIVERED_FIRST_TRY'
                      when o.status = 'ACKNOWLEDGED' then 'DELIVERED_AFTER_RESEND'
                      when o.status = 'REJECTED' or o.receipt_status = 'REJECTED' then 'REJECTED'
                      else 'NO_RECEIPT' end,
                 o.channel, null, null, null, null
          from messaging_outbox o
          where o.status in ('ACKNOWLEDGED', 'REJECTED', 'NO_RECEIPT', 'RESOLVED')
            and coalesce(o.resolved_at, o.receipt_at, o.sent_at, o.created_at) >= :since
          """.formatted(key, OSLO);
      case INCIDENT_REPORTED -> """
          select %s, i.incident_id::text, i.municipality_number, (i.reported_at at time zone %s)::date,
                 coalesce(i.classified_category, i.category), coalesce(i.classified_consequence, i.consequence), null,
                 i.kind = 'NEAR_MISS', null, %s
          from quality_incident i
          where i.reported_at >= :since or i.classified_at >= :since
          """.formatted(key, OSLO, version("quality-incident", "i.reference"));
      case INCIDENT_AT_ACTIVITY -> """
          select %s, i.incident_id::text, i.municipality_number, (i.reported_at at time zone %s)::date,
                 coalesce(i.activity_id, ''), coalesce(i.process_key, ''), null, null, null, null
          from quality_incident i
          where i.reported_at >= :since
          """.formatted(key, OSLO);
      case INCIDENT_CLOSED -> """
          select %s, i.incident_id::text, i.municipality_number, (i.closed_at at time zone %s)::date,
                 coalesce(i.classified_category, i.category), '',
                 extract(epoch from i.closed_at - i.reported_at) / 86400.0, null, null, %s
          from quality_incident i
          where i.closed_at >= :since
          """.formatted(key, OSLO, version("quality-incident", "i.reference"));
      case MEASURE_CHECKED -> """
          select %s, m.measure_id::text, i.municipality_number, (m.checked_at at time zone %s)::date, m.indicator_id,
                 '', null, m.effect = 'WORKED', null, %s
          from quality_measure m join quality_incident i on i.incident_id = m.incident_id
          where m.checked_at >= :since
          """.formatted(key, OSLO, version("quality-incident", "i.reference"));
      case PLAN_TO_GP -> throw new IllegalStateException("computed in Java");
    } + conflict;
  }

  /** The version of the process model the instance with this business key ran on. */
  private static String version(String processKey, String businessKey) {
    return "(select p.version_ from act_hi_procinst h join act_re_procdef p on p.id_ = h.proc_def_id_"
        + " where h.business_key_ = " + businessKey + " and h.proc_def_key_ = '" + processKey + "'"
        + " order by h.start_time_ limit 1)";
  }

  /** The red response time of the municipality in the SQL, as an interval: a CASE over the configured ones. */
  private String responseTime(String municipalityColumn) {
    StringBuilder sql = new StringBuilder("case ").append(municipalityColumn);
    for (String municipality : municipalities.getMunicipalities().keySet()) {
      sql.append(" when '").append(municipality.replaceAll("[^0-9]", "")).append("' then interval '")
          .append(followup.redResponseTime(municipality).toSeconds()).append(" seconds'");
    }
    return sql.append(" else interval '").append(followup.redResponseTime().toSeconds()).append(" seconds' end")
        .toString();
  }

  /** Whether the GP approved a plan within five working days counts Norwegian holidays, so it is done here. */
  private void refreshPlans(Instant since, Instant now) {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    record Plan(String id, String municipality, Instant created, Instant answered, String status, Integer version) {
    }
    List<Plan> plans = jdbc.sql("""
        select p.plan_id::text, e.municipality_number, p.created_at, p.gp_answered_at, p.status,
               %s as version
        from followup_plan p join followup_episode e on e.episode_id = p.episode_id
        where (p.gp_answered_at is not null or p.status = 'AWAITING_GP')
          and (p.gp_answered_at >= :since or p.created_at >= :sinceCreated)
        """.formatted(version("followup-episode", "e.episode_id")))
        .param("since", Timestamp.from(since)).param("sinceCreated", Timestamp.from(since.minus(Duration.ofDays(14))))
        .query((rs, n) -> new Plan(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5),
            (Integer) rs.getObject(6)))
        .list();
    List<Object[]> rows = new ArrayList<>();
    for (Plan plan : plans) {
      ZonedDateTime deadline = WorkingDays.plusWorkingDays(plan.created().atZone(oslo), 5);
      if (plan.answered() == null && now.isBefore(deadline.toInstant())) {
        continue; // not yet late, not yet answered
      }
      boolean approved = plan.answered() != null && !plan.answered().isAfter(deadline.toInstant())
          && !"REJECTED".equals(plan.status());
      rows.add(new Object[] {plan.id(), plan.municipality(), plan.created().atZone(oslo).toLocalDate(), approved,
          plan.version()});
    }
    if (rows.isEmpty()) {
      return;
    }
    // one statement: the roll-up triggers on metrics_fact run once per statement
    jdbc.sql("""
        insert into metrics_fact (measure, source_id, municipality_number, day, flag, model_version)
        select 'plan_to_gp', id, town, day, flag, version
        from unnest(cast(:ids as varchar[]), cast(:towns as varchar[]), cast(:days as date[]),
                    cast(:flags as boolean[]), cast(:versions as integer[])) as plan(id, town, day, flag, version)
        on conflict (measure, source_id) do update set day = excluded.day, flag = excluded.flag,
          model_version = excluded.model_version
        where (metrics_fact.day, metrics_fact.flag, metrics_fact.model_version)
          is distinct from (excluded.day, excluded.flag, excluded.model_version)""")
        .param("ids", rows.stream().map(row -> (String) row[0]).toArray(String[]::new))
        .param("towns", rows.stream().map(row -> (String) row[1]).toArray(String[]::new))
        .param("days", rows.stream().map(row -> row[2].toString()).toArray(String[]::new))
        .param("flags", rows.stream().map(row -> (Boolean) row[3]).toArray(Boolean[]::new))
        .param("versions", rows.stream().map(row -> (Integer) row[4]).toArray(Integer[]::new))
        .update();
  }

  /** The measures' descriptions, for the documentation. */
  static String describe() {
    return java.util.Arrays.stream(Measure.values())
        .map(measure -> "| `" + measure.key() + "` | " + measure.description() + " |")
        .collect(Collectors.joining("\n"));
  }
}
