-- Digital home follow-up: enrollment, the self-management plan, readings, deviations, and the
-- dialogue messages with the GP. Readings live here, never in the engine; only a deviation
-- reaches the process engine.

-- A changed need found during follow-up comes back to the allocation office as a case of its own.
alter table allocation_case drop constraint allocation_case_channel_check;
alter table allocation_case add constraint allocation_case_channel_check
    check (channel in ('APPLICATION', 'GP_REFERRAL', 'HOSPITAL_NOTICE', 'CHANGED_NEEDS'));
-- the GP named in a referral, so follow-up knows whom to escalate to
alter table allocation_case add column gp jsonb;

create sequence followup_monitoring_key;

alter table followup_episode
    -- STARTUP until the home visit, TRIAL while normal values are established, FOLLOW_UP after
    add column phase               varchar(20)  not null default 'STARTUP'
        check (phase in ('STARTUP', 'TRIAL', 'FOLLOW_UP', 'ENDING', 'ENDED')),
    -- compact key of the episode in followup_reading; set at enrollment (the home visit)
    add column monitoring_key      integer      unique,
    add column enrolled_at         timestamptz,
    add column trial_ends_at       timestamptz,
    -- signs the patient measures (VitalSign codes) and how often, from the devices and then the plan
    add column measured_signs      smallint[]   not null default '{}',
    add column reading_interval    interval     not null default interval '24 hours',
    -- changes whenever the thresholds that apply change; readers cache thresholds by it
    add column thresholds_version  integer      not null default 0,
    -- NEWS2 with SpO2 scale 2 (confirmed hypercapnic respiratory failure)
    add column spo2_scale2         boolean      not null default false,
    add column gp_name             varchar(200),
    add column gp_hpr_number       varchar(9),
    add column gp_practice         varchar(200),
    add column paused_at           timestamptz,
    add column paused_until        date,
    add column pause_reason        varchar(500),
    add column end_reason          varchar(30)
        check (end_reason in ('GOALS_MET', 'PATIENT_WISH', 'MOVED', 'DIED', 'OTHER_SERVICE')),
    add column ended_at            timestamptz;

create table followup_device (
    id                  uuid primary key,
    episode_id          varchar(20)  not null references followup_episode (episode_id),
    kind                varchar(30)  not null,
    serial_number       varchar(100),
    handed_out_at       timestamptz  not null,
    returned_at         timestamptz
);
create index followup_device_episode on followup_device (episode_id);

-- The self-management plan (egenbehandlingsplan): structured and versioned. A version becomes
-- ACTIVE only when the GP has approved it; every version is kept.
create table followup_plan (
    plan_id             uuid primary key,
    episode_id          varchar(20)  not null references followup_episode (episode_id),
    version             integer      not null,
    status              varchar(20)  not null
        check (status in ('AWAITING_GP', 'ACTIVE', 'SUPERSEDED', 'REJECTED', 'WITHDRAWN')),
    what_matters        varchar(2000) not null,   -- Hva er viktig for deg?
    goal                varchar(2000) not null,   -- Målsetting
    sub_goals           varchar(2000) not null,   -- Delmål
    interventions       varchar(4000) not null,   -- Tiltak
    evaluation          varchar(2000),            -- Evaluering
    changed_needs       varchar(2000),            -- Endrede behov
    measured_signs      smallint[]   not null,
    reading_interval    interval     not null,
    evaluation_interval interval     not null,
    thresholds          jsonb        not null,    -- [{sign, redBelow, yellowBelow, yellowAbove, redAbove}]
    reason              varchar(2000),            -- why this version (trial ended, deviation, evaluation)
    created_by          varchar(100) not null,
    created_at          timestamptz  not null,
    gp_comment          varchar(2000),
    gp_answered_at      timestamptz,
    activated_at        timestamptz,
    unique (episode_id, version)
);
-- one version at a time waits for the GP
create unique index followup_plan_one_awaiting on followup_plan (episode_id) where status = 'AWAITING_GP';
create unique index followup_plan_one_active on followup_plan (episode_id) where status = 'ACTIVE';

-- Readings: compact, one row per value (a blood pressure is two). The id is a 128-bit hash of the
-- Observation.identifier (system|value) and the sign, so a resend is the same row, never a second.
-- interpretation: 0 N, 1 L, 2 H, 3 LL, 4 HH (Interpretation ordinal); sign: VitalSign code.
create table followup_reading (
    id                  uuid         primary key,
    monitoring_key      integer      not null,
    sign                smallint     not null,
    interpretation      smallint     not null,
    value               real         not null,
    measured_at         timestamptz  not null,
    received_at         timestamptz  not null
);
create index followup_reading_by_patient on followup_reading (monitoring_key, sign, measured_at);

create sequence followup_deviation_number;

-- A deviation is an episode, not a reading: while one is OPEN for a patient, new deviating
-- readings attach to it (and can raise yellow to red). The engine learns of it through
-- signalled_colour: a deviation whose colour the engine does not have yet is picked up by the
-- dispatcher, which starts or raises the followup-deviation process in the same transaction.
create table followup_deviation (
    deviation_id        varchar(20)  primary key,        -- AVV-2026-000123, business key of followup-deviation
    episode_id          varchar(20)  not null references followup_episode (episode_id),
    kind                varchar(20)  not null check (kind in ('READING', 'MISSED', 'NEWS2')),
    colour              varchar(10)  not null check (colour in ('YELLOW', 'RED')),
    signalled_colour    varchar(10)  check (signalled_colour in ('YELLOW', 'RED')),
    status              varchar(10)  not null check (status in ('OPEN', 'CLOSED')),
    summary             varchar(1000) not null,
    reading_count       integer      not null default 0,
    missed_signs        smallint[],
    opened_at           timestamptz  not null,
    raised_at           timestamptz,
    signalled_at        timestamptz,
    closed_at           timestamptz,
    outcome             varchar(20)
        check (outcome in ('NO_ACTION', 'CONTACTED', 'ADJUST_PLAN', 'ESCALATE_GP', 'ACUTE')),
    outcome_note        varchar(4000),
    handled_by          varchar(100),
    signal_attempts     integer      not null default 0,
    signal_error        varchar(1000)
);
create unique index followup_deviation_one_open on followup_deviation (episode_id) where status = 'OPEN';
create index followup_deviation_unsignalled on followup_deviation (opened_at)
    where status = 'OPEN' and signalled_colour is distinct from colour;
create index followup_deviation_episode on followup_deviation (episode_id, opened_at);

create table followup_deviation_reading (
    deviation_id        varchar(20)  not null references followup_deviation (deviation_id),
    reading_id          uuid         not null,
    primary key (deviation_id, reading_id)
);

-- what happened in an episode, in words a nurse reads (replaces V1's followup_episode_event, never used)
drop table followup_episode_event;
create table followup_episode_note (
    id                  bigint generated always as identity primary key,
    episode_id          varchar(20)  not null references followup_episode (episode_id),
    deviation_id        varchar(20),
    occurred_at         timestamptz  not null,
    author_id           varchar(100) not null,
    author_name         varchar(200) not null,
    kind                varchar(30)  not null,
    text                varchar(4000) not null
);
create index followup_episode_note_episode on followup_episode_note (episode_id, occurred_at);

create sequence escalation_dialogue_number;

-- Dialogue messages (helsefaglig dialog) with the patient's GP: requests (forespørsel), plan
-- approvals, and information (orientering) at the end of follow-up. The answer is correlated to
-- the waiting process by the message id, never by a variable filter.
create table escalation_dialogue (
    dialogue_id         varchar(20)  primary key,        -- DLG-2026-000017, the message id on the wire
    episode_id          varchar(20)  not null,
    patient_id          uuid         not null references patient (id),
    municipality_number char(4)      not null,
    kind                varchar(20)  not null check (kind in ('REQUEST', 'PLAN_APPROVAL', 'INFORMATION', 'REMINDER')),
    subject             varchar(200) not null,
    text                varchar(8000) not null,
    gp_name             varchar(200),
    gp_hpr_number       varchar(9),
    process_instance_id varchar(64),
    answer_message      varchar(100),                    -- BPMN message to correlate when answered
    status              varchar(20)  not null check (status in ('PENDING', 'SENT', 'ANSWERED')),
    created_by          varchar(100) not null,
    created_at          timestamptz  not null,
    sent_at             timestamptz,
    receipt_id          varchar(100),
    answered_at         timestamptz,
    answer_text         varchar(8000),
    answer_approved     boolean,
    answer_from         varchar(200)
);
create index escalation_dialogue_episode on escalation_dialogue (episode_id, created_at);
