-- Process indicators for managers (module metrics). The indicators are computed from facts: one row
-- per event that counts (a deviation opened or handled, a decision, a finished task, a hospital stay,
-- an outbound message ...) or per municipality and day (patient-days, open tasks). A fact never
-- names a patient: no patient id, national id, case, episode or deviation number is kept beyond
-- source_id, which only makes a refresh idempotent and is never shown or returned.
create table metrics_fact (
    measure             varchar(40)  not null,
    source_id           varchar(80)  not null,
    municipality_number char(4)      not null,
    day                 date         not null,            -- the Oslo date the event counts on
    category            varchar(60)  not null default '',  -- what an indicator filters on (a colour, a task, a status)
    detail              varchar(60)  not null default '',  -- what a Pareto chart groups by (an outcome, a cause, a reason)
    value               double precision,                  -- hours, days or a count, as the measure says
    flag                boolean,                           -- in time / first try / readmitted, as the measure says
    actor               varchar(100),                      -- who did the work (tasks), for work per person
    model_version       integer,                           -- the version of the process model the event ran on
    demo                boolean      not null default false, -- generated demo history, labelled on every page
    primary key (measure, source_id)
);
create index metrics_fact_series on metrics_fact (municipality_number, measure, day)
    include (category, detail, value, flag, model_version);

-- When each measure was last brought up to date, and from which source time the next refresh starts.
create table metrics_refresh (
    measure             varchar(40)  primary key,
    refreshed_at        timestamptz  not null
);

-- A statistical signal a leader is asked to assess: at most one open per indicator and municipality.
create table metrics_signal (
    id                  uuid         primary key,
    indicator           varchar(60)  not null,
    municipality_number char(4)      not null,
    period              varchar(20)  not null,            -- WEEK or MONTH: the chart that signalled
    latest_period       date         not null,
    rule                varchar(2000) not null,           -- the signal in words, as the task shows it
    status              varchar(10)  not null check (status in ('OPEN', 'CLOSED')),
    opened_at           timestamptz  not null,
    closed_at           timestamptz,
    assessment          varchar(20)  check (assessment in ('KNOWN_CAUSE', 'AVVIK', 'MEASURE', 'NOTHING')),
    reason              varchar(4000),
    assessed_by         varchar(100)
);
create unique index metrics_signal_one_open on metrics_signal (indicator, municipality_number) where status = 'OPEN';

-- what the refresh reads by time
create index followup_deviation_closed on followup_deviation (closed_at) where closed_at is not null;
create index allocation_decision_decided on allocation_decision (decided_at);
create index transitions_stay_created on transitions_stay (created_at);
create index messaging_outbox_created on messaging_outbox (created_at);
create index escalation_dialogue_created on escalation_dialogue (created_at);
