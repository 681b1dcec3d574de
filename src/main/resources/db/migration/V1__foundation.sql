-- Carepath's own tables. The engine's ACT_* tables are created and owned by Camunda.
-- Every case and episode carries the municipality number, so one installation can serve several
-- municipalities; isolation between them is enforced in a later step.

create table patient (
    id                  uuid primary key,
    national_id         varchar(11)  not null unique,   -- never in logs, URLs, process variables or metric labels
    given_name          varchar(100) not null,
    family_name         varchar(100) not null,
    birth_date          date         not null,
    municipality_number char(4)      not null,
    created_at          timestamptz  not null
);

create sequence allocation_case_number;

create table allocation_case (
    case_id             varchar(20)  primary key,       -- SAK-2026-000123, the process business key
    patient_id          uuid         not null references patient (id),
    municipality_number char(4)      not null,
    channel             varchar(20)  not null check (channel in ('APPLICATION', 'GP_REFERRAL', 'HOSPITAL_NOTICE')),
    status              varchar(30)  not null,
    received_at         timestamptz  not null,
    summary             varchar(4000) not null,
    version             integer      not null default 0
);
create index allocation_case_patient on allocation_case (patient_id);
create index allocation_case_municipality_status on allocation_case (municipality_number, status);

create table intake_referral (
    id                  uuid primary key,
    case_id             varchar(20)  not null references allocation_case (case_id),
    channel             varchar(20)  not null,
    sender              varchar(100) not null,           -- Keycloak client or user that sent it
    external_reference  varchar(100),
    content_sha256      char(64)     not null,
    content             jsonb        not null,           -- the validated request as received
    received_at         timestamptz  not null
);
create unique index intake_referral_idempotency on intake_referral (sender, channel, external_reference)
    where external_reference is not null;

create table allocation_assessment (
    id                  uuid primary key,
    case_id             varchar(20)  not null references allocation_case (case_id),
    round               integer      not null,           -- 1, then 2 after an appeal
    content             jsonb        not null,
    assessed_by         varchar(100) not null,
    assessed_at         timestamptz  not null,
    unique (case_id, round)
);

create table allocation_decision (
    id                  uuid primary key,
    case_id             varchar(20)  not null references allocation_case (case_id),
    round               integer      not null,
    outcome             varchar(20)  not null check (outcome in ('GRANTED', 'REJECTED')),
    services            jsonb        not null,
    scope               varchar(2000),
    start_date          date,
    reason              varchar(4000) not null,
    legal_basis         varchar(200) not null,
    recommendation      varchar(30),                      -- the DMN advice shown when deciding
    appeal_outcome      varchar(20)  check (appeal_outcome in ('UPHELD', 'OVERTURNED')),
    decided_by          varchar(100) not null,
    decided_by_name     varchar(200) not null,
    decided_at          timestamptz  not null,
    unique (case_id, round)
);

create table allocation_letter (
    id                  uuid primary key,
    case_id             varchar(20)  not null references allocation_case (case_id),
    decision_id         uuid         not null unique references allocation_decision (id),
    created_at          timestamptz  not null,
    pdf                 bytea        not null,
    sha256              char(64)     not null,
    dispatch_status     varchar(20)  not null check (dispatch_status in ('PENDING', 'DISPATCHED')),
    dispatch_id         varchar(100),
    dispatched_at       timestamptz
);

-- what happened to a case besides assessment, decision and letter: hospital answers, overdue
-- follow-ups, appeals, forwarding to the county governor, dispatch, closing
create table allocation_case_event (
    id                  bigint generated always as identity primary key,
    case_id             varchar(20)  not null references allocation_case (case_id),
    occurred_at         timestamptz  not null,
    actor_id            varchar(100) not null,
    kind                varchar(40)  not null,
    content             jsonb        not null
);
create index allocation_case_event_case on allocation_case_event (case_id, occurred_at);

create sequence followup_episode_number;

create table followup_episode (
    episode_id          varchar(20)  primary key,        -- EP-2026-000045, the process business key
    case_id             varchar(20)  not null references allocation_case (case_id),
    patient_id          uuid         not null references patient (id),
    municipality_number char(4)      not null,
    status              varchar(20)  not null check (status in ('PLANNED', 'ACTIVE', 'ON_HOLD', 'FINISHED', 'CANCELLED')),
    decision_id         uuid         not null references allocation_decision (id),
    created_at          timestamptz  not null
);
-- one open episode per patient at a time; a repeated hand-over finds the existing one
create unique index followup_episode_open_per_patient on followup_episode (patient_id)
    where status in ('PLANNED', 'ACTIVE', 'ON_HOLD');

create table followup_episode_event (
    id                  bigint generated always as identity primary key,
    episode_id          varchar(20)  not null references followup_episode (episode_id),
    occurred_at         timestamptz  not null,
    actor_id            varchar(100) not null,
    kind                varchar(40)  not null,
    content             jsonb        not null
);
create index followup_episode_event_episode on followup_episode_event (episode_id, occurred_at);

create table security_access_log (
    id                  bigint generated always as identity primary key,
    occurred_at         timestamptz  not null,
    actor_id            varchar(100) not null,
    actor_roles         varchar(400) not null,
    patient_id          uuid         not null,
    case_id             varchar(20),
    purpose             varchar(60)  not null
);
create index security_access_log_patient on security_access_log (patient_id, occurred_at);

-- People and service accounts that have signed in through Keycloak, with the names and groups of
-- their latest token: what the engine's read-only identity provider answers (Tasklist user
-- pickers, names in the Tasklist, Admin). Keycloak stays the only place users are managed.
create table security_known_user (
    user_id             varchar(100) primary key,
    first_name          varchar(100),
    last_name           varchar(100),
    email               varchar(200),
    groups              varchar(2000) not null,
    last_seen           timestamptz  not null
);
