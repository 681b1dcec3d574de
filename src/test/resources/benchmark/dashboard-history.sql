-- One year of regional history for the managers' dashboard benchmark (S8, DashboardBenchmark),
-- written with plain SQL into Carepath's tables and the engine's history tables: nothing here goes
-- through the process engine. DashboardHistory runs it step by step after filling b_nid (patient
-- number, synthetic national id, birth date), with search_path = s8load, public: the work tables
-- (b_*, unlogged) and helper functions live in schema s8load, which is dropped at the end. A step
-- marked [parallel] runs on a second connection while the steps after it go on; one marked [copy] is
-- written by DashboardHistory itself. Every ${name} is replaced with a literal.
--
-- Randomness is a hash of a row's key (s8_u), so a run with the same settings writes the same
-- history, relative to the day it runs. Engine timestamps are written as the engine writes them: the JVM's wall clock in a
-- column without time zone (here: the session's time zone, which PgJDBC sets to the JVM's). In the
-- synthetic history a process starts, and a task starts and ends, at the instant the business event
-- happened (no signalling delay), so the HistoryService peer can count the same events.
--
-- Ids: s8_bid(kind, n) gives a UUID-shaped text, increasing with n within a kind:
--   1 patient, 2 first decision, 3 appeal decision, 10 deviation process, 11 handle task,
--   12 yellow task of a deviation raised to red, 13 team leader's task, 20-26 deviation activities,
--   31-35 deviation identity links, 40 variable deviationColour, 50-60 episode process, activities,
--   tasks and links, 61-65 allocation case process, tasks and links, 80-81 hospital stay process and
--   activity, 90 plan, 100-108 outbound message process and activities.

-- step: helpers
create function s8_u(n bigint, salt bigint) returns double precision language sql immutable as
  $$ select (hashint8extended(n, salt) & 2147483647)::double precision / 2147483648.0 $$;
create function s8_bid(kind integer, n bigint) returns text language sql immutable as
  $$ select lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0') $$;
create function s8_reading(i bigint, d integer, j integer) returns uuid language sql immutable as
  $$ select (lpad(to_hex(i), 8, '0') || '-' || lpad(to_hex(d), 4, '0') || '-4' || lpad(to_hex(j), 3, '0') || '-8000-000000000000')::uuid $$;

-- step: patients, cases, decisions and episodes
-- Half the patients were enrolled before the year began, half during it; about a third end.
-- first_day .. last_day: the whole days (from year_start) with readings.
create unlogged table b_episode as
select i, nid, birth, municipality, enrolled_at, ended_at,
       greatest(0, ceil(extract(epoch from enrolled_at - ${year_start}::timestamptz) / 86400))::int as first_day,
       floor(extract(epoch from coalesce(ended_at, ${now}::timestamptz) - ${year_start}::timestamptz) / 86400)::int - 1
         as last_day
from (
  select i, nid, birth, municipality, enrolled_at,
         case when ends and enrolled_at + (30 + 300 * end_u) * interval '1 day' < ${now}::timestamptz - interval '1 day'
              then date_trunc('second', enrolled_at + (30 + 300 * end_u) * interval '1 day') end as ended_at
  from (
    select n.i, n.nid, n.birth,
           (string_to_array('${municipalities}', ','))[1 + floor(${municipality_count} * power(s8_u(n.i, 1), 1.6))::int]
             as municipality,
           date_trunc('second', case when s8_u(n.i, 2) < 0.5
                then ${year_start}::timestamptz - s8_u(n.i, 3) * interval '200 days'
                else ${year_start}::timestamptz
                     + s8_u(n.i, 3) * (${now}::timestamptz - interval '21 days' - ${year_start}::timestamptz) end)
             as enrolled_at,
           s8_u(n.i, 4) < 0.35 as ends, s8_u(n.i, 5) as end_u
    from b_nid n) p) q
order by i;
-- every patient's granted case (k = i), and for a fifth an earlier or later rejected one
create unlogged table b_case as
select c.*, date_trunc('second', c.received_at + (1 + 9 * s8_u(c.k, 11)) * interval '1 day') as decided_at
from (
  select i as k, i, 'SAKB-' || lpad(i::text, 7, '0') as case_id, municipality,
         date_trunc('second', enrolled_at - interval '12 days' - s8_u(i, 7) * interval '20 days') as received_at,
         'GRANTED' as outcome
  from b_episode
  union all
  select 1000000 + i, i, 'SAKB-R' || lpad(i::text, 7, '0'), municipality,
         date_trunc('second', least(${now}::timestamptz - interval '12 days',
                                    enrolled_at - interval '100 days' + s8_u(i, 8) * interval '300 days')),
         'REJECTED'
  from b_episode where s8_u(i, 9) < 0.2) c;
insert into patient (id, national_id, given_name, family_name, birth_date, municipality_number, created_at)
select s8_bid(1, i)::uuid, nid, 'Test', 'Pasient ' || i, birth, municipality,
       date_trunc('second', enrolled_at - interval '120 days')
from b_episode;
insert into allocation_case (case_id, patient_id, municipality_number, channel, status, received_at, summary)
select case_id, s8_bid(1, i)::uuid, municipality,
       (array['APPLICATION', 'GP_REFERRAL', 'HOSPITAL_NOTICE'])[1 + floor(3 * s8_u(k, 12))::int], 'CLOSED',
       received_at, 'Syntetisk sak (ytelsestest)'
from b_case;
insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, decided_by, decided_by_name,
    decided_at)
select s8_bid(2, k)::uuid, case_id, 1, outcome, '["DIGITAL_HOME_FOLLOW_UP"]', 'Syntetisk vedtak',
       'Helse- og omsorgstjenesteloven § 3-2', 'saksbehandler-' || municipality || '-' || (1 + floor(4 * s8_u(k, 13))::int),
       'Saksbehandler', decided_at
from b_case;
insert into allocation_decision (id, case_id, round, outcome, services, reason, legal_basis, appeal_outcome, decided_by,
    decided_by_name, decided_at)
select s8_bid(3, k)::uuid, case_id, 2, case when s8_u(k, 15) < 0.3 then 'GRANTED' else outcome end,
       '["DIGITAL_HOME_FOLLOW_UP"]', 'Syntetisk klagevedtak', 'Helse- og omsorgstjenesteloven § 3-2',
       case when s8_u(k, 15) < 0.3 then 'OVERTURNED' else 'UPHELD' end,
       'saksbehandler-' || municipality || '-1', 'Saksbehandler', decided_at + interval '25 days'
from b_case where s8_u(k, 14) < 0.03 and decided_at + interval '25 days' < ${now}::timestamptz;
insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id, created_at, phase,
    monitoring_key, enrolled_at, trial_ends_at, measured_signs, reading_interval, end_reason, ended_at)
select 'EPB-' || lpad(e.i::text, 7, '0'), c.case_id, s8_bid(1, e.i)::uuid, e.municipality,
       case when e.ended_at is null then 'ACTIVE' else 'FINISHED' end, s8_bid(2, e.i)::uuid,
       c.decided_at + interval '1 hour',
       case when e.ended_at is not null then 'ENDED' when e.enrolled_at > ${now}::timestamptz - interval '14 days' then 'TRIAL'
            else 'FOLLOW_UP' end,
       e.i, e.enrolled_at, e.enrolled_at + interval '14 days', '{1,2,3,4,5}', interval '24 hours',
       case when e.ended_at is not null
            then (array['GOALS_MET', 'PATIENT_WISH', 'MOVED', 'DIED', 'OTHER_SERVICE'])[1 + floor(5 * s8_u(e.i, 16))::int] end,
       e.ended_at
from b_episode e join b_case c on c.k = e.i;
-- an offer that was cancelled before the start, for one patient in 25
insert into followup_episode (episode_id, case_id, patient_id, municipality_number, status, decision_id, created_at, phase,
    ended_at)
select 'EPB-C' || lpad(e.i::text, 7, '0'), c.case_id, s8_bid(1, e.i)::uuid, e.municipality, 'CANCELLED',
       s8_bid(2, e.i)::uuid, c.decided_at + interval '10 minutes', 'ENDED', c.decided_at + interval '2 days'
from b_episode e join b_case c on c.k = e.i
where s8_u(e.i, 17) < 0.04;

-- step: days with readings
-- One row per episode and day: how many readings (rate_floor, or one more), whether a deviation
-- opens that day (lambda), of which kind, on which reading (jdev, its time jit seconds after the
-- hour), and whether it is red.
create unlogged table b_day as
select e.i, d, k.dk, x.count, x.dev, x.kind, x.jdev, x.red, floor(1200 * s8_u(k.dk * 10 + x.jdev, 27))::int as jit
from b_episode e
cross join lateral generate_series(e.first_day, e.last_day) d
cross join lateral (select e.i::bigint * 1000 + d as dk) k
cross join lateral (
  select ${rate_floor} + (s8_u(k.dk, 21) < ${rate_fraction})::int as count,
         s8_u(k.dk, 22) < ${lambda} as dev,
         case when s8_u(k.dk, 23) < 0.80 then 'READING' when s8_u(k.dk, 23) < 0.95 then 'MISSED' else 'NEWS2' end
           as kind,
         floor(greatest(${rate_floor}, 1) * s8_u(k.dk, 24))::int as jdev,
         s8_u(k.dk, 25) < 0.22 as red) x
order by e.i, d;

-- step: readings [parallel] [copy]
-- Written by DashboardHistory with COPY (binary) from b_day, ~18 M rows: per day `count` readings,
-- five signs in turn (systolic, diastolic, pulse, SpO2, temperature) from 06:00 UTC every 100
-- minutes plus up to 20 minutes; reading jdev at jit seconds, HH (red) or H (yellow) when a
-- deviation other than MISSED opened on it; ids s8_reading(i, d, j).

-- step: deviations
-- Red handled in minutes (median 16), yellow in hours (median 3); 4 % of yellow reading deviations
-- are raised to red by a later reading. A nurse takes (is assigned) the task after 80 % of the time
-- to handling. The unhandled timer fires when the task is still open at its deadline; the team
-- leader gets a task when nobody had taken it by then. 2 % close without a nurse's outcome.
create unlogged table b_deviation as
with base as (
  select b.i, b.d, b.dk, b.kind, b.jdev, b.count, e.municipality,
         case when b.kind = 'MISSED'
              then date_trunc('second', ${year_start}::timestamptz + b.d * interval '1 day' + interval '9 hours'
                                        + s8_u(b.dk, 28) * interval '8 hours')
              else ${year_start}::timestamptz + b.d * interval '1 day' + interval '6 hours' + b.jdev * interval '100 minutes'
                   + b.jit * interval '1 second' + interval '30 seconds'
         end as opened_at,
         b.red or (b.kind = 'NEWS2' and s8_u(b.dk, 29) < 0.5) as red_at_open,
         not b.red and b.kind = 'READING' and s8_u(b.dk, 30) < 0.04 as raised,
         sqrt(-2 * ln(1 - s8_u(b.dk, 31))) * cos(2 * pi() * s8_u(b.dk, 32)) as z,
         'sykepleier-' || e.municipality || '-' || lpad((1 + floor(14 * s8_u(b.dk, 35)))::int::text, 2, '0') as nurse,
         'teamleder-' || e.municipality || '-' || (1 + floor(3 * s8_u(b.dk, 37)))::int as leader_name
  from b_day b join b_episode e on e.i = b.i
  where b.dev),
timed as (
  select base.*,
         case when raised then date_trunc('second', opened_at + (30 + 60 * s8_u(dk, 33)) * interval '1 minute') end
           as raised_at,
         red_at_open or raised as red,
         ((opened_at at time zone 'Europe/Oslo')::date + time '23:59') at time zone 'Europe/Oslo' as yellow_deadline
  from base),
handled as (
  select timed.*, coalesce(raised_at, opened_at) as start_at,
         date_trunc('second', coalesce(raised_at, opened_at)
                              + case when red then least(16 * exp(0.8 * z), 720) * interval '1 minute'
                                     else least(3 * exp(0.9 * z), 20) * interval '1 hour' end) as done_at,
         case when red then coalesce(raised_at, opened_at) + ${red_response} else yellow_deadline end as deadline
  from timed),
settled as (
  select handled.*, done_at <= ${now}::timestamptz as closed,
         done_at <= ${now}::timestamptz and s8_u(dk, 34) < 0.02 as unhandled,
         date_trunc('second', start_at + 0.8 * (done_at - start_at)) as claim_at
  from handled),
decided as (
  select settled.*, case when closed then done_at end as closed_at,
         case when closed and not unhandled then nurse end as handled_by,
         case when closed and not unhandled then
           case when s8_u(dk, 36) < 0.60 then 'NO_ACTION' when s8_u(dk, 36) < 0.93 then 'CONTACTED'
                when s8_u(dk, 36) < 0.96 then 'ADJUST_PLAN' when s8_u(dk, 36) < 0.99 then 'ESCALATE_GP'
                else 'ACUTE' end end as outcome,
         case when closed and not unhandled then nurse
              when not closed and claim_at <= ${now}::timestamptz then nurse end as assignee,
         deadline < least(done_at, ${now}::timestamptz) as timer,
         deadline < least(done_at, ${now}::timestamptz) and (unhandled or claim_at > deadline) as leader
  from settled)
select row_number() over (order by opened_at, i) as n, decided.*,
       case when leader then date_trunc('second', deadline + (10 + 40 * s8_u(dk, 38)) * interval '1 minute') end
         as leader_done,
       leader and deadline + (10 + 40 * s8_u(dk, 38)) * interval '1 minute' <= ${now}::timestamptz as leader_closed
from decided;
insert into followup_deviation (deviation_id, episode_id, kind, colour, signalled_colour, status, summary, reading_count,
    missed_signs, opened_at, raised_at, signalled_at, closed_at, outcome, handled_by)
select 'AVB-' || lpad(n::text, 8, '0'), 'EPB-' || lpad(i::text, 7, '0'), kind, case when red then 'RED' else 'YELLOW' end,
       case when red then 'RED' else 'YELLOW' end, case when closed then 'CLOSED' else 'OPEN' end,
       'Syntetisk avvik (ytelsestest)', case kind when 'MISSED' then 0 when 'NEWS2' then 7 else 1 end,
       case when kind = 'MISSED' then '{1}'::smallint[] end, opened_at, raised_at, start_at, closed_at, outcome, handled_by
from b_deviation order by n;
insert into followup_deviation_reading (deviation_id, reading_id)
select 'AVB-' || lpad(n::text, 8, '0'), s8_reading(i, d, jdev)
from b_deviation where kind <> 'MISSED' and jdev < count order by n;

-- step: deviation processes, variables, tasks and identity links in the engine history
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_act_id_, end_act_id_, root_proc_inst_id_, tenant_id_, state_)
select s8_bid(10, n), s8_bid(10, n), 'AVB-' || lpad(n::text, 8, '0'), 'followup-deviation', '${def_deviation}',
       opened_at::timestamp, p.end_at::timestamp, (extract(epoch from p.end_at - opened_at) * 1000)::bigint,
       'StartEvent_DeviationDetected', case when p.end_at is not null then 'EndEvent_DeviationClosed' end,
       s8_bid(10, n), municipality, case when p.end_at is null then 'ACTIVE' else 'COMPLETED' end
from b_deviation
cross join lateral (select case when closed and (not leader or leader_closed) then greatest(closed_at, leader_done) end
                      as end_at) p
order by n;
insert into act_hi_varinst (id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_,
    act_inst_id_, name_, var_type_, create_time_, rev_, text_, tenant_id_, state_)
select s8_bid(40, n), 'followup-deviation', '${def_deviation}', s8_bid(10, n), s8_bid(10, n),
       s8_bid(10, n), s8_bid(10, n), 'deviationColour', 'string', opened_at::timestamp,
       case when raised then 2 else 1 end, case when red then 'RED' else 'YELLOW' end, municipality, 'CREATED'
from b_deviation order by n;
-- the nurse's task (red, or yellow), the yellow task a raise interrupted, the team leader's task
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_, delete_reason_, priority_, due_date_,
    tenant_id_, task_state_)
select s8_bid(11, n), case when red then 'Task_HandleRedDeviation' else 'Task_HandleYellowDeviation' end,
       'followup-deviation', '${def_deviation}', s8_bid(10, n), s8_bid(10, n), s8_bid(10, n),
       s8_bid(21, n), case when red then 'Vurder rødt avvik' else 'Vurder gult avvik' end, assignee,
       start_at::timestamp, closed_at::timestamp, (extract(epoch from closed_at - start_at) * 1000)::bigint,
       case when closed and handled_by is not null then 'completed' when closed then 'deleted' end,
       case when red then 100 else 70 end, deadline::timestamp, municipality,
       case when closed and handled_by is not null then 'Completed' when closed then 'Deleted'
            when assignee is not null then 'Updated' else 'Created' end
from b_deviation order by n;
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_inst_id_, name_, start_time_, end_time_, duration_, delete_reason_, priority_, due_date_,
    tenant_id_, task_state_)
select s8_bid(12, n), 'Task_HandleYellowDeviation', 'followup-deviation', '${def_deviation}', s8_bid(10, n),
       s8_bid(10, n), s8_bid(10, n), s8_bid(22, n), 'Vurder gult avvik', opened_at::timestamp,
       raised_at::timestamp, (extract(epoch from raised_at - opened_at) * 1000)::bigint, 'deleted', 70,
       yellow_deadline::timestamp, municipality, 'Deleted'
from b_deviation where raised order by n;
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_, delete_reason_, priority_, due_date_,
    tenant_id_, task_state_)
select s8_bid(13, n), 'Task_FollowUpUnhandledDeviation', 'followup-deviation', '${def_deviation}',
       s8_bid(10, n), s8_bid(10, n), s8_bid(10, n), s8_bid(23, n), 'Følg opp: avvik er ikke tatt',
       case when leader_closed then leader_name end, deadline::timestamp,
       case when leader_closed then leader_done::timestamp end,
       case when leader_closed then (extract(epoch from leader_done - deadline) * 1000)::bigint end,
       case when leader_closed then 'completed' end, case when red then 100 else 90 end,
       (deadline + interval '30 minutes')::timestamp, municipality,
       case when leader_closed then 'Completed' else 'Created' end
from b_deviation where leader order by n;
insert into act_hi_identitylink (id_, timestamp_, type_, user_id_, group_id_, task_id_, root_proc_inst_id_, proc_def_id_,
    operation_type_, assigner_id_, proc_def_key_, tenant_id_)
select id, at::timestamp, type, user_id, group_id, task_id, s8_bid(10, n), '${def_deviation}', 'add', assigner,
       'followup-deviation', municipality
from (
  select n, municipality, s8_bid(31, n) as id, start_at as at, 'candidate' as type, null as user_id,
         'home-follow-up-nurses' as group_id, s8_bid(11, n) as task_id, null as assigner
  from b_deviation
  union all
  select n, municipality, s8_bid(32, n), claim_at, 'assignee', assignee, null, s8_bid(11, n), assignee
  from b_deviation where assignee is not null
  union all
  select n, municipality, s8_bid(33, n), opened_at, 'candidate', null, 'home-follow-up-nurses', s8_bid(12, n), null
  from b_deviation where raised
  union all
  select n, municipality, s8_bid(34, n), deadline, 'candidate', null, 'team-leaders', s8_bid(13, n), null
  from b_deviation where leader
  union all
  select n, municipality, s8_bid(35, n), deadline + interval '5 minutes', 'assignee', leader_name, null,
         s8_bid(13, n), leader_name
  from b_deviation where leader_closed) l
order by id;
-- step: deviation activities in the engine history [parallel]
insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_id_, task_id_, act_name_, act_type_, assignee_, start_time_, end_time_, duration_, act_inst_state_,
    sequence_counter_, tenant_id_)
select id, s8_bid(10, n), 'followup-deviation', '${def_deviation}', s8_bid(10, n), s8_bid(10, n),
       s8_bid(10, n), act_id, task_id, name, type, assignee, started::timestamp, ended::timestamp,
       (extract(epoch from ended - started) * 1000)::bigint, case when ended is null then 0 else 1 end, seq, municipality
from (
  select n, municipality, s8_bid(20, n) as id, 'StartEvent_DeviationDetected' as act_id, null as task_id,
         'Avvik oppdaget' as name, 'messageStartEvent' as type, null as assignee, opened_at as started, opened_at as ended,
         1 as seq
  from b_deviation
  union all
  select n, municipality, s8_bid(21, n), case when red then 'Task_HandleRedDeviation' else 'Task_HandleYellowDeviation' end,
         s8_bid(11, n), case when red then 'Vurder rødt avvik' else 'Vurder gult avvik' end, 'userTask', assignee,
         start_at, closed_at, 3
  from b_deviation
  union all
  select n, municipality, s8_bid(22, n), 'Task_HandleYellowDeviation', s8_bid(12, n), 'Vurder gult avvik',
         'userTask', null, opened_at, raised_at, 2
  from b_deviation where raised
  union all
  select n, municipality, s8_bid(23, n), 'Task_FollowUpUnhandledDeviation', s8_bid(13, n),
         'Følg opp: avvik er ikke tatt', 'userTask', case when leader_closed then leader_name end, deadline,
         case when leader_closed then leader_done end, 5
  from b_deviation where leader
  union all
  select n, municipality, s8_bid(24, n),
         case when red then 'Timer_RedDeviationUnhandled' else 'Timer_YellowDeviationUnhandled' end, null,
         'Ikke tatt innen fristen', 'boundaryTimer', null, deadline, deadline, 4
  from b_deviation where timer
  union all
  select n, municipality, s8_bid(25, n), 'Timer_YellowDeviationUnhandled', null, 'Ikke tatt innen fristen',
         'boundaryTimer', null, yellow_deadline, yellow_deadline, 2
  from b_deviation where raised and yellow_deadline < raised_at
  union all
  select n, municipality, s8_bid(26, n), 'EndEvent_DeviationClosed', null, 'Avvik lukket', 'noneEndEvent', null,
         closed_at, closed_at, 6
  from b_deviation where closed) a
order by id;

-- step: episode, plan and allocation history in the engine
-- followup-episode: the home visit (the start of follow-up), evaluations every 90 days, the end of
-- the service; allocation-case: assessment and decision.
create unlogged table b_episode_task as
select e.i, e.municipality, 'Task_ConductHomeVisit' as task, 52 as act_kind, 53 as task_kind, 54 as link_kind,
       e.i::bigint as k, 'Gjennomfør hjemmebesøk med opplæring' as name, c.decided_at + interval '2 hours' as started,
       e.enrolled_at as ended, c.decided_at + interval '2 hours' + interval '7 days' as due
from b_episode e join b_case c on c.k = e.i
union all
select e.i, e.municipality, 'Task_EndService', 55, 56, 57, e.i, 'Avslutt digital hjemmeoppfølging',
       e.ended_at - interval '1 day', e.ended_at, e.ended_at + interval '2 days'
from b_episode e where e.ended_at is not null
union all
select e.i, e.municipality, 'Task_EvaluatePlan', 58, 59, 60, e.i * 100 + v, 'Evaluer egenbehandlingsplanen', s.started,
       case when s.ended <= ${now}::timestamptz then s.ended end, s.started + interval '7 days'
from b_episode e
cross join lateral generate_series(1, 5) v
cross join lateral (
  select e.enrolled_at + interval '14 days' + v * interval '90 days' as started,
         date_trunc('second', e.enrolled_at + interval '14 days' + v * interval '90 days'
                              + (1 + 9 * s8_u(e.i * 100 + v, 41)) * interval '1 day') as ended) s
where s.started < coalesce(e.ended_at, ${now}::timestamptz);
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_act_id_, root_proc_inst_id_, tenant_id_, state_)
select s8_bid(50, e.i), s8_bid(50, e.i), 'EPB-' || lpad(e.i::text, 7, '0'), 'followup-episode', '${def_episode}',
       (c.decided_at + interval '1 hour')::timestamp, p.end_at::timestamp,
       (extract(epoch from p.end_at - c.decided_at - interval '1 hour') * 1000)::bigint, 'StartEvent_EpisodeRequested',
       s8_bid(50, e.i), e.municipality, case when p.end_at is null then 'ACTIVE' else 'COMPLETED' end
from b_episode e join b_case c on c.k = e.i
cross join lateral (select case when e.ended_at + interval '2 days' < ${now}::timestamptz
                                then e.ended_at + interval '2 days' end as end_at) p
order by e.i;
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_inst_id_, name_, assignee_, start_time_, end_time_, duration_, delete_reason_, priority_, due_date_,
    tenant_id_, task_state_)
select s8_bid(task_kind, k), task, 'followup-episode', '${def_episode}', s8_bid(50, i), s8_bid(50, i),
       s8_bid(50, i), s8_bid(act_kind, k), name,
       'sykepleier-' || municipality || '-' || lpad((1 + floor(14 * s8_u(k, 42)))::int::text, 2, '0'),
       started::timestamp, ended::timestamp, (extract(epoch from ended - started) * 1000)::bigint,
       case when ended is not null then 'completed' end, 50, due::timestamp, municipality,
       case when ended is not null then 'Completed' else 'Updated' end
from b_episode_task order by started;
insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_, root_proc_inst_id_, proc_def_id_,
    operation_type_, proc_def_key_, tenant_id_)
select s8_bid(link_kind, k), started::timestamp, 'candidate', 'home-follow-up-nurses', s8_bid(task_kind, k),
       s8_bid(50, i), '${def_episode}', 'add', 'followup-episode', municipality
from b_episode_task order by started;
insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_id_, task_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_,
    sequence_counter_, tenant_id_)
select s8_bid(act_kind, k), s8_bid(50, i), 'followup-episode', '${def_episode}', s8_bid(50, i),
       s8_bid(50, i), s8_bid(50, i), task, s8_bid(task_kind, k), name, 'userTask', started::timestamp,
       ended::timestamp, (extract(epoch from ended - started) * 1000)::bigint, case when ended is null then 0 else 1 end,
       1, municipality
from b_episode_task order by started;
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_act_id_, root_proc_inst_id_, tenant_id_, state_)
select s8_bid(61, k), s8_bid(61, k), case_id, 'allocation-case', '${def_case}', received_at::timestamp,
       (decided_at + interval '1 day')::timestamp, (extract(epoch from decided_at + interval '1 day' - received_at) * 1000)::bigint,
       'StartEvent_ApplicationReceived', s8_bid(61, k), municipality, 'COMPLETED'
from b_case where decided_at + interval '1 day' < ${now}::timestamptz order by received_at;
create unlogged table b_case_task as
select k, municipality, 'Task_AssessNeeds' as task, 62 as task_kind, 'Kartlegg behov' as name,
       received_at + interval '1 hour' as started,
       date_trunc('second', received_at + 0.6 * (decided_at - received_at)) as ended,
       received_at + interval '1 hour' + interval '7 days' as due
from b_case where decided_at + interval '1 day' < ${now}::timestamptz
union all
select k, municipality, 'Task_DecideService', 63, 'Fatt vedtak', date_trunc('second', received_at + 0.6 * (decided_at - received_at)),
       decided_at, date_trunc('second', received_at + 0.6 * (decided_at - received_at)) + interval '5 days'
from b_case where decided_at + interval '1 day' < ${now}::timestamptz;
insert into act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, name_, assignee_, start_time_, end_time_, duration_, delete_reason_, priority_, due_date_,
    tenant_id_, task_state_)
select s8_bid(task_kind, k), task, 'allocation-case', '${def_case}', s8_bid(61, k), s8_bid(61, k),
       s8_bid(61, k), name, 'saksbehandler-' || municipality || '-' || (1 + floor(4 * s8_u(k, 43))::int),
       started::timestamp, ended::timestamp, (extract(epoch from ended - started) * 1000)::bigint, 'completed', 50,
       due::timestamp, municipality, 'Completed'
from b_case_task order by started;
insert into act_hi_identitylink (id_, timestamp_, type_, group_id_, task_id_, root_proc_inst_id_, proc_def_id_,
    operation_type_, proc_def_key_, tenant_id_)
select s8_bid(task_kind + 2, k), started::timestamp, 'candidate', 'allocation-office', s8_bid(task_kind, k),
       s8_bid(61, k), '${def_case}', 'add', 'allocation-case', municipality
from b_case_task order by started;

-- step: plans, GP dialogue, hospital stays and outbound messages
-- A first plan after the trial period and a new version for every 'adjust plan' outcome, each
-- sent to the GP for approval.
create unlogged table b_plan as
select p.*, row_number() over (order by created_at, i) as n,
       row_number() over (partition by i order by created_at) as version,
       row_number() over (partition by i order by created_at desc) = 1 as latest,
       case when s8_u(p.k, 44) < 0.92
             and created_at + (0.3 + 9 * s8_u(p.k, 45)) * interval '1 day' <= ${now}::timestamptz
            then date_trunc('second', created_at + (0.3 + 9 * s8_u(p.k, 45)) * interval '1 day') end as answered_at,
       s8_u(p.k, 46) < 0.05 as rejected
from (
  select e.i, e.i::bigint as k, e.municipality, date_trunc('second', e.enrolled_at + interval '14 days') as created_at
  from b_episode e where e.enrolled_at + interval '14 days' < coalesce(e.ended_at, ${now}::timestamptz)
  union all
  select d.i, 100000000 + d.n, d.municipality, d.closed_at + interval '30 minutes'
  from b_deviation d where d.outcome = 'ADJUST_PLAN' and d.closed_at + interval '30 minutes' < ${now}::timestamptz) p;
insert into followup_plan (plan_id, episode_id, version, status, what_matters, goal, sub_goals, interventions,
    measured_signs, reading_interval, evaluation_interval, thresholds, reason, created_by, created_at, gp_answered_at,
    activated_at)
select s8_bid(90, n)::uuid, 'EPB-' || lpad(i::text, 7, '0'), version,
       case when latest and answered_at is null then 'AWAITING_GP' when rejected and answered_at is not null then 'REJECTED'
            when latest then 'ACTIVE' else 'SUPERSEDED' end,
       'Å bo hjemme', 'Stabil pust', 'Måle hver dag', 'Følge planen', '{1,2,3,4,5}', interval '24 hours',
       interval '90 days', '[]', case when version = 1 then 'TRIAL_ENDED' else 'DEVIATION' end,
       'sykepleier-' || municipality || '-01', created_at, answered_at,
       case when answered_at is not null and not rejected then answered_at end
from b_plan order by n;
create unlogged table b_dialogue as
select row_number() over (order by created_at, reference) as n, d.*
from (
  select 'REQUEST' as kind, i, municipality, 'AVB-' || lpad(n::text, 8, '0') as reference,
         closed_at + interval '5 minutes' as created_at,
         case when s8_u(n, 91) < 0.9
               and closed_at + interval '5 minutes' + (1 + 47 * s8_u(n, 92)) * interval '1 hour' <= ${now}::timestamptz
              then date_trunc('second', closed_at + interval '5 minutes' + (1 + 47 * s8_u(n, 92)) * interval '1 hour') end
           as answered_at
  from b_deviation where outcome = 'ESCALATE_GP'
  union all
  select 'PLAN_APPROVAL', i, municipality, s8_bid(90, n), created_at + interval '10 minutes', answered_at from b_plan
  union all
  select 'INFORMATION', i, municipality, 'EPB-' || lpad(i::text, 7, '0'), ended_at + interval '1 hour', null
  from b_episode where ended_at is not null) d
where d.created_at < ${now}::timestamptz;
insert into escalation_dialogue (dialogue_id, episode_id, patient_id, municipality_number, kind, subject, text, gp_name,
    gp_hpr_number, status, created_by, created_at, sent_at, answered_at, answer_text, answer_approved, answer_from)
select 'DLGB-' || lpad(n::text, 8, '0'), 'EPB-' || lpad(i::text, 7, '0'), s8_bid(1, i)::uuid, municipality, kind,
       'Syntetisk dialogmelding', 'Syntetisk tekst (ytelsestest)', 'Fastlege Test', '123456789',
       case when answered_at is not null then 'ANSWERED' else 'SENT' end, 'sykepleier-' || municipality || '-01', created_at,
       created_at + interval '1 minute', answered_at, case when answered_at is not null then 'Svar' end,
       case when kind = 'PLAN_APPROVAL' and answered_at is not null then true end,
       case when answered_at is not null then 'Fastlege Test' end
from b_dialogue order by n;
-- Hospital stays of patients in the region: most during follow-up, some before or after; one in
-- seven is a readmission within 30 days of the same patient's discharge.
create unlogged table b_stay as
with first_stays as (
  select s, e.i, e.municipality,
         date_trunc('second', ${year_start}::timestamptz
                              + s8_u(s, 71) * (${now}::timestamptz - interval '1 day' - ${year_start}::timestamptz))
           as admitted_at
  from generate_series(1, ${stays}) s
  join b_episode e on e.i = 1 + floor(${patients} * s8_u(s, 70))::int),
re_stays as (
  select s + 10000000 as s, i, municipality,
         date_trunc('second', admitted_at + (4 + 8 * s8_u(s, 76)) * interval '1 day'
                              + (2 + 26 * s8_u(s, 72)) * interval '1 day') as admitted_at
  from first_stays where s8_u(s, 73) < 0.17),
stays as (select * from first_stays union all select * from re_stays),
timed as (
  select stays.*,
         case when s8_u(s, 74) < 0.6 then date_trunc('second', admitted_at + (1 + 3 * s8_u(s, 75)) * interval '1 day')
         end as ready_raw,
         floor(3 * s8_u(s, 77))::int as waiting
  from stays),
discharged as (
  select timed.*,
         case when ready_raw is not null then ready_raw + waiting * interval '1 day' + interval '3 hours'
              else date_trunc('second', admitted_at + (4 + 8 * s8_u(s, 76)) * interval '1 day') end as discharged_raw
  from timed)
select d.*, e.enrolled_at, e.ended_at,
       case when d.admitted_at >= e.enrolled_at and d.admitted_at < coalesce(e.ended_at, ${now}::timestamptz)
            then 'EPB-' || lpad(d.i::text, 7, '0') end as episode_id,
       case when d.ready_raw <= ${now}::timestamptz then d.ready_raw end as ready_at,
       case when d.discharged_raw <= ${now}::timestamptz then d.discharged_raw end as discharged_at,
       case when s8_u(d.s, 78) < 0.8 then d.discharged_raw + interval '3 hours'
            else d.discharged_raw + (1 + 2 * s8_u(d.s, 79)) * interval '1 day' end as summary_raw,
       d.admitted_at + case when s8_u(d.s, 80) < 0.95 then (10 + 1190 * s8_u(d.s, 81)) * interval '1 minute'
                            else (25 + 35 * s8_u(d.s, 81)) * interval '1 hour' end as notice_at
from discharged d join b_episode e on e.i = d.i
where d.admitted_at < ${now}::timestamptz;
insert into transitions_stay (stay_id, municipality_number, hospital_org_number, hospital_name, department,
    hospital_stay_ref, patient_id, patient_known, episode_id, status, admitted_at, ready_at, ready_answered_at,
    discharged_at, days_waiting, summary_at, summary_author, created_at, closed_at)
select 'OPPHB-' || lpad(s::text, 8, '0'), municipality, '983974899', 'Nordlandssykehuset', 'Medisinsk avdeling',
       'BS-' || s, s8_bid(1, i)::uuid, true, episode_id,
       case when discharged_at is null and ready_at is not null then 'READY_FOR_DISCHARGE'
            when discharged_at is null then 'ADMITTED'
            when summary_raw <= ${now}::timestamptz then 'CLOSED' else 'DISCHARGED' end,
       admitted_at, ready_at,
       case when ready_at is not null
            then least(ready_at + case when s8_u(s, 82) < 0.9 then interval '2 hours' else interval '20 hours' end,
                       ${now}::timestamptz) end,
       discharged_at, case when discharged_at is not null and ready_at is not null then waiting end,
       case when summary_raw <= ${now}::timestamptz then summary_raw end,
       case when summary_raw <= ${now}::timestamptz then 'Lege Test' end, admitted_at,
       case when summary_raw <= ${now}::timestamptz then summary_raw end
from b_stay order by admitted_at;
insert into transitions_hospital_message (hospital_org_number, message_id, stay_id, type, sent_at, received_at,
    received_by)
select '983974899', 'B-ADM-' || s, 'OPPHB-' || lpad(s::text, 8, '0'), 'ADMITTED', notice_at, notice_at, 'carepath-hospital'
from b_stay where notice_at <= ${now}::timestamptz order by notice_at;
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_act_id_, root_proc_inst_id_, tenant_id_, state_)
select s8_bid(80, s), s8_bid(80, s), 'OPPHB-' || lpad(s::text, 8, '0'), 'transitions-hospital-stay',
       '${def_stay}', admitted_at::timestamp, p.end_at::timestamp, (extract(epoch from p.end_at - admitted_at) * 1000)::bigint,
       'StartEvent_StayStarted', s8_bid(80, s), municipality, case when p.end_at is null then 'ACTIVE' else 'COMPLETED' end
from b_stay cross join lateral (select case when summary_raw <= ${now}::timestamptz then summary_raw end as end_at) p
order by admitted_at;
insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_, sequence_counter_,
    tenant_id_)
select s8_bid(81, s), s8_bid(80, s), 'transitions-hospital-stay', '${def_stay}', s8_bid(80, s),
       s8_bid(80, s), s8_bid(80, s), 'Task_PauseFollowup', 'Sett oppfølgingen på pause', 'serviceTask',
       (admitted_at + interval '1 minute')::timestamp, (admitted_at + interval '1 minute')::timestamp, 0, 1, 3, municipality
from b_stay where episode_id is not null order by admitted_at;
-- Every dialogue message, decision letter and admission report goes out through the outbox.
create unlogged table b_message as
select m.*, row_number() over (order by created_at, reference) as n,
       case when created_at > ${now}::timestamptz - interval '2 days' then 'SENT'
            when s8_u(hashtext(reference), 95) < 0.92 then 'ACKNOWLEDGED'
            when s8_u(hashtext(reference), 95) < 0.95 then 'RESENT'
            when s8_u(hashtext(reference), 95) < 0.965 then 'REJECTED'
            when s8_u(hashtext(reference), 95) < 0.98 then 'NO_RECEIPT' else 'RESOLVED' end as outcome
from (
  select 'GP_DIALOGUE' as channel, case kind when 'REQUEST' then 'FORESPORSEL' when 'PLAN_APPROVAL' then 'PLAN'
                                             else 'ORIENTERING' end as kind,
         municipality, i, 'DLGB-' || lpad(n::text, 8, '0') as reference, created_at + interval '1 minute' as created_at,
         'home-follow-up-nurses' as responsible
  from b_dialogue
  union all
  select 'DECISION_LETTER', 'VEDTAKSBREV', municipality, i, case_id, decided_at + interval '10 minutes', 'allocation-office'
  from b_case where decided_at + interval '10 minutes' < ${now}::timestamptz
  union all
  select 'HOSPITAL', 'INNLEGGELSESRAPPORT', municipality, i, 'OPPHB-' || lpad(s::text, 8, '0'),
         admitted_at + interval '2 hours', 'home-follow-up-nurses'
  from b_stay where episode_id is not null and admitted_at + interval '2 hours' < ${now}::timestamptz) m;
insert into messaging_outbox (message_id, channel, kind, municipality_number, patient_id, reference, subject, payload,
    responsible_group, status, transmission, created_by, created_at, sent_at, receipt_at, receipt_status, resolved_at,
    resolved_by)
select 'MSGB-' || lpad(n::text, 8, '0'), channel, kind, municipality, s8_bid(1, i)::uuid, reference,
       'Syntetisk melding', '{}', responsible,
       case outcome when 'RESENT' then 'ACKNOWLEDGED' else outcome end, case when outcome = 'RESENT' then 2 else 1 end,
       'carepath', created_at, created_at + interval '30 seconds',
       case outcome when 'ACKNOWLEDGED' then created_at + interval '2 minutes'
                    when 'RESENT' then created_at + interval '62 minutes'
                    when 'REJECTED' then created_at + interval '2 minutes' end,
       case outcome when 'ACKNOWLEDGED' then 'OK' when 'RESENT' then 'OK' when 'REJECTED' then 'REJECTED' end,
       case when outcome = 'RESOLVED' then created_at + interval '2 days' end,
       case when outcome = 'RESOLVED' then 'sykepleier-' || municipality || '-01' end
from b_message order by n;
insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, end_time_,
    duration_, start_act_id_, root_proc_inst_id_, tenant_id_, state_)
select s8_bid(100, n), s8_bid(100, n), 'MSGB-' || lpad(n::text, 8, '0'), 'messaging-outbound-message',
       '${def_message}', created_at::timestamp, p.end_at::timestamp, (extract(epoch from p.end_at - created_at) * 1000)::bigint,
       'StartEvent_MessageQueued', s8_bid(100, n), municipality,
       case when p.end_at is null then 'ACTIVE' else 'COMPLETED' end
from b_message
cross join lateral (select case outcome when 'ACKNOWLEDGED' then created_at + interval '2 minutes'
                                        when 'RESENT' then created_at + interval '62 minutes'
                                        when 'RESOLVED' then created_at + interval '2 days' end as end_at) p
order by n;
insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_, root_proc_inst_id_, proc_inst_id_,
    execution_id_, act_id_, act_name_, act_type_, start_time_, end_time_, duration_, act_inst_state_, sequence_counter_,
    tenant_id_)
select s8_bid(kind, n), s8_bid(100, n), 'messaging-outbound-message', '${def_message}', s8_bid(100, n),
       s8_bid(100, n), s8_bid(100, n), act_id, act_id, type, at::timestamp, at::timestamp, 0, 1, kind, municipality
from (
  select n, municipality, 101 as kind, 'Task_DeliverMessage' as act_id, 'serviceTask' as type, created_at as at
  from b_message
  union all
  select n, municipality, 102, 'EndEvent_MessageAcknowledged', 'noneEndEvent',
         created_at + case when outcome = 'RESENT' then interval '62 minutes' else interval '2 minutes' end
  from b_message where outcome in ('ACKNOWLEDGED', 'RESENT')
  union all
  select n, municipality, 103, 'Task_RecordRejection', 'serviceTask', created_at + interval '3 minutes'
  from b_message where outcome in ('RESENT', 'REJECTED')
  union all
  select n, municipality, 104, 'Task_PrepareResend', 'serviceTask', created_at + interval '1 hour'
  from b_message where outcome = 'RESENT'
  union all
  select n, municipality, 105, 'Task_DeliverMessage', 'serviceTask', created_at + interval '1 hour'
  from b_message where outcome = 'RESENT'
  union all
  select n, municipality, 106, 'Timer_ReceiptOverdue', 'intermediateTimer', created_at + interval '1 day'
  from b_message where outcome in ('NO_RECEIPT', 'RESOLVED')
  union all
  select n, municipality, 107, 'Task_RecordMissingReceipt', 'serviceTask', created_at + interval '1 day'
  from b_message where outcome in ('NO_RECEIPT', 'RESOLVED')
  union all
  select n, municipality, 108, 'EndEvent_MessageResolved', 'noneEndEvent', created_at + interval '2 days'
  from b_message where outcome = 'RESOLVED') a
order by kind, n;
