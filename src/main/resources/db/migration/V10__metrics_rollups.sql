-- Daily roll-ups of the indicator facts (S8 in docs/benchmarks.md). A dashboard query over a year of a
-- region reads 10^5-10^6 facts; the same counts, sums and people per day are a few thousand rows.
-- The roll-ups are kept by statement triggers on metrics_fact, so every writer (the refresh, the demo
-- history, a test) leaves them equal to the facts: each statement's changed (measure, municipality,
-- day) are counted again from metrics_fact. Like the facts, they name no patient.

-- Per municipality, measure, category, detail, model version and day: what counts, shares, rates,
-- sums and means need.
create table metrics_day (
    municipality_number char(4)          not null,
    measure             varchar(40)      not null,
    category            varchar(60)      not null,
    detail              varchar(60)      not null,
    model_version       integer,
    day                 date             not null,
    demo                boolean          not null,
    facts               bigint           not null,
    flagged             bigint           not null, -- facts whose flag is true
    total               double precision,          -- sum of the values
    valued              bigint           not null, -- facts with a value
    constraint metrics_day_key unique nulls not distinct
        (measure, municipality_number, day, category, detail, model_version, demo)
);
create index metrics_day_series on metrics_day (municipality_number, measure, category, day)
    include (detail, model_version, demo, facts, flagged, total, valued);

-- Per municipality, measure, person, model version and day: the tasks each person completed, for work
-- per person (a distinct count of people per period); only finished tasks name a person.
create table metrics_day_actor (
    municipality_number char(4)          not null,
    measure             varchar(40)      not null,
    model_version       integer,
    day                 date             not null,
    actor               varchar(100),              -- null: nobody recorded (counts, but is no person)
    demo                boolean          not null,
    facts               bigint           not null,
    constraint metrics_day_actor_key unique nulls not distinct
        (measure, municipality_number, day, actor, model_version, demo)
);
create index metrics_day_actor_series on metrics_day_actor (municipality_number, measure, day)
    include (actor, model_version, demo, facts);

-- Median and 90th percentile per ISO week ('W') and month ('M') over the facts of every municipality
-- together, per category and for all categories (category null): an exact percentile needs every value
-- of the period, and across a region that is the one dashboard query a roll-up per day cannot serve.
create table metrics_percentile (
    measure             varchar(40)      not null,
    category            varchar(60),               -- null: every category
    period              char(1)          not null check (period in ('W', 'M')),
    period_start        date             not null,
    facts               bigint           not null,
    median              double precision,
    p90                 double precision,
    demo                boolean          not null,
    constraint metrics_percentile_key unique nulls not distinct (measure, period, period_start, category)
);

-- What the triggers read: the facts of a measure on given days, every municipality.
create index metrics_fact_day on metrics_fact (measure, day, municipality_number)
    include (category, detail, value, flag, actor, model_version, demo);

-- Counts the given (measure, municipality, day) again from metrics_fact: the day roll-ups of exactly
-- those, and the percentiles of their weeks and months.
create function metrics_roll_up(measures varchar[], towns char(4)[], days date[]) returns void
language plpgsql as $$
begin
  delete from metrics_day d using unnest(measures, towns, days) c(measure, municipality_number, day)
  where d.measure = c.measure and d.municipality_number = c.municipality_number and d.day = c.day;
  insert into metrics_day (municipality_number, measure, category, detail, model_version, day, demo, facts, flagged,
                           total, valued)
  select f.municipality_number, f.measure, f.category, f.detail, f.model_version, f.day, f.demo, count(*),
         count(*) filter (where f.flag), sum(f.value), count(f.value)
  from unnest(measures, towns, days) c(measure, municipality_number, day)
  join metrics_fact f on f.measure = c.measure and f.day = c.day and f.municipality_number = c.municipality_number
  group by f.municipality_number, f.measure, f.category, f.detail, f.model_version, f.day, f.demo;

  delete from metrics_day_actor d using unnest(measures, towns, days) c(measure, municipality_number, day)
  where d.measure = c.measure and d.municipality_number = c.municipality_number and d.day = c.day;
  insert into metrics_day_actor (municipality_number, measure, model_version, day, actor, demo, facts)
  select f.municipality_number, f.measure, f.model_version, f.day, f.actor, f.demo, count(*)
  from unnest(measures, towns, days) c(measure, municipality_number, day)
  join metrics_fact f on f.measure = c.measure and f.day = c.day and f.municipality_number = c.municipality_number
  group by f.municipality_number, f.measure, f.model_version, f.day, f.actor, f.demo;

  -- the weeks and months of those days, over every municipality; patient-days and open tasks are sums
  delete from metrics_percentile p
  using (select distinct c.measure, (c.day - ((c.day - date '2000-01-03') % 7 + 7) % 7) as week,
                (c.day - extract(day from c.day)::int + 1) as month
         from unnest(measures, days) c(measure, day)) c
  where p.measure = c.measure and ((p.period = 'W' and p.period_start = c.week)
                                   or (p.period = 'M' and p.period_start = c.month));
  insert into metrics_percentile (measure, category, period, period_start, facts, median, p90, demo)
  select c.measure, case when grouping(f.category) = 0 then f.category end, c.period, c.period_start, count(*),
         percentile_cont(0.5) within group (order by f.value), percentile_cont(0.9) within group (order by f.value),
         bool_or(f.demo)
  from (select distinct c.measure, 'W' as period, (c.day - ((c.day - date '2000-01-03') % 7 + 7) % 7) as period_start
        from unnest(measures, days) c(measure, day)
        union
        select distinct c.measure, 'M', (c.day - extract(day from c.day)::int + 1)
        from unnest(measures, days) c(measure, day)) c
  join metrics_fact f on f.measure = c.measure and f.day >= c.period_start
       and f.day < case when c.period = 'W' then c.period_start + 7 else (c.period_start + interval '1 month')::date end
  where c.measure not in ('patient_days', 'tasks_open')
  group by grouping sets ((c.measure, c.period, c.period_start, f.category), (c.measure, c.period, c.period_start));
end $$;

-- inserted or deleted rows: one transition table, named metrics_changed by both triggers
create function metrics_fact_changed() returns trigger language plpgsql as $$
begin
  perform metrics_roll_up(array_agg(measure), array_agg(municipality_number), array_agg(day))
  from (select distinct measure, municipality_number, day from metrics_changed) changed;
  return null;
end $$;
-- updated rows: the days they left and the days they came to
create function metrics_fact_updated() returns trigger language plpgsql as $$
begin
  perform metrics_roll_up(array_agg(measure), array_agg(municipality_number), array_agg(day))
  from (select measure, municipality_number, day from metrics_new
        union select measure, municipality_number, day from metrics_old) changed;
  return null;
end $$;

create trigger metrics_fact_inserted after insert on metrics_fact
    referencing new table as metrics_changed for each statement execute function metrics_fact_changed();
create trigger metrics_fact_updated after update on metrics_fact
    referencing old table as metrics_old new table as metrics_new for each statement execute function metrics_fact_updated();
create trigger metrics_fact_deleted after delete on metrics_fact
    referencing old table as metrics_changed for each statement execute function metrics_fact_changed();

create function metrics_roll_up_truncate() returns trigger language plpgsql as $$
begin
  truncate metrics_day, metrics_day_actor, metrics_percentile;
  return null;
end $$;
create trigger metrics_fact_truncated after truncate on metrics_fact
    for each statement execute function metrics_roll_up_truncate();

-- the facts already there
insert into metrics_day (municipality_number, measure, category, detail, model_version, day, demo, facts, flagged,
                         total, valued)
select municipality_number, measure, category, detail, model_version, day, demo, count(*),
       count(*) filter (where flag), sum(value), count(value)
from metrics_fact group by municipality_number, measure, category, detail, model_version, day, demo;
insert into metrics_day_actor (municipality_number, measure, model_version, day, actor, demo, facts)
select municipality_number, measure, model_version, day, actor, demo, count(*)
from metrics_fact group by municipality_number, measure, model_version, day, actor, demo;
insert into metrics_percentile (measure, category, period, period_start, facts, median, p90, demo)
select measure, case when grouping(category) = 0 then category end, period, period_start, count(*),
       percentile_cont(0.5) within group (order by value), percentile_cont(0.9) within group (order by value),
       bool_or(demo)
from (select measure, category, value, demo, 'W' as period, (day - ((day - date '2000-01-03') % 7 + 7) % 7) as period_start
      from metrics_fact where measure not in ('patient_days', 'tasks_open')
      union all
      select measure, category, value, demo, 'M', (day - extract(day from day)::int + 1)
      from metrics_fact where measure not in ('patient_days', 'tasks_open')) f
group by grouping sets ((measure, period, period_start, category), (measure, period, period_start));
