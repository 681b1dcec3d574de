-- Task sharing by competence (module competence): the register of what each person may do, and a
-- record of every task done, refused, handed on or overridden under a competence. Keycloak says who a
-- person is and their roles; this says what they may do. The catalogue of competences is
-- processes/competence/catalogue.json (deployed with the models it belongs to), copied into
-- competence at start.

create table competence (
    code                varchar(40)   primary key,           -- as named in the models' "competence" property
    name                varchar(100)  not null,              -- Norwegian, what people read
    description         varchar(1000) not null,
    expires             boolean       not null,              -- must be renewed (a training task before expiry)
    validity_months     int,                                  -- default length of a holding, when it expires
    active              boolean       not null default true  -- gone from the catalogue: kept for history
);

-- What one person holds, per municipality (a person working for two municipalities has two team
-- leaders; each maintains the holdings of her own municipality).
create table competence_holding (
    user_id             varchar(100)  not null,
    municipality_number char(4)       not null,
    competence_code     varchar(40)   not null references competence (code),
    level               varchar(20)   not null check (level in ('UNDER_TRAINING', 'INDEPENDENT', 'SUPERVISOR')),
    valid_from          date          not null,
    valid_until         date,                                 -- null: does not expire
    verified_by         varchar(100)  not null,
    verified_at         timestamptz   not null,
    primary key (user_id, municipality_number, competence_code)
);
create index competence_holding_code on competence_holding (municipality_number, competence_code);

-- Every change of the register: who changed whose holding, from what to what.
create table competence_log (
    id                  bigserial     primary key,
    at                  timestamptz   not null,
    changed_by          varchar(100)  not null,
    user_id             varchar(100)  not null,
    municipality_number char(4)       not null,
    competence_code     varchar(40)   not null,
    change              varchar(10)   not null check (change in ('ADDED', 'CHANGED', 'REMOVED')),
    old_level           varchar(20),
    new_level           varchar(20),
    old_valid_until     date,
    new_valid_until     date,
    note                varchar(1000)
);
create index competence_log_user on competence_log (municipality_number, user_id, at);

-- What happened to a task under its competence requirement. COMPLETED is the accountability record
-- (one per completed task that requires competence: who, under which competence and level, the
-- supervisor); REFUSED a claim, assignment or completion the register refused; OVERRIDE a team
-- leader's assignment despite a missing competence, with the reason; HANDED_ON "I lack the
-- competence", passed to someone (or to the team leaders, to_user null); SUPERVISED a trainee's claim
-- with a named supervisor.
create table competence_task_event (
    id                  bigserial     primary key,
    at                  timestamptz   not null,
    kind                varchar(12)   not null
                        check (kind in ('COMPLETED', 'REFUSED', 'OVERRIDE', 'HANDED_ON', 'SUPERVISED')),
    task_id             varchar(64)   not null,
    process_instance_id varchar(64),
    process_key         varchar(100)  not null,
    task_key            varchar(100)  not null,              -- the BPMN activity id
    task_name           varchar(200),                         -- the task's name when it happened
    reference           varchar(40),                          -- SAK-/EP-/OPPH-: the case history it belongs to
    municipality_number char(4)       not null,
    required            varchar(200)  not null,              -- the codes required, comma-separated
    actor               varchar(100)  not null,              -- who did it (completed, claimed, overrode, handed on)
    user_id             varchar(100),                         -- whom it concerns (assignee; hand-on: the new holder)
    competence_code     varchar(40),                          -- the competence the work was done under
    level               varchar(20),
    qualified           boolean,                              -- COMPLETED: held every required competence (or supervised)
    supervisor          varchar(100),
    reason              varchar(1000),                        -- override reason, hand-on note, refusal message
    task_created_at     timestamptz,
    task_due_at         timestamptz
);
create index competence_task_event_at on competence_task_event (municipality_number, kind, at);
create index competence_task_event_task on competence_task_event (task_id);
create index competence_task_event_reference on competence_task_event (reference, at);

-- Whether the patient in follow-up uses insulin (from the start-up plan): a red deviation then also
-- requires diabetes follow-up (the model's competenceIf="insulin: diabetes-followup").
alter table followup_episode add column insulin_treated boolean not null default false;
