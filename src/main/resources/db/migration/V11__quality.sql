-- The quality loop (module quality): avvik in the sense of the regulation on management and quality
-- improvement, an unwanted event (uønsket hendelse) or a near miss (nesten-hendelse) in the service.
-- Not a measurement deviation (followup_deviation). Called incident in the code.
create sequence quality_incident_number;

create table quality_incident (
    incident_id         uuid          primary key,
    reference           varchar(20)   not null unique,       -- UH-2026-000001: what people quote
    municipality_number char(4)       not null,
    kind                varchar(10)   not null check (kind in ('EVENT', 'NEAR_MISS')),
    happened_at         timestamptz   not null,
    reported_at         timestamptz   not null,
    reported_by         varchar(100),                         -- null when reported anonymously
    anonymous           boolean       not null,
    process_key         varchar(100),                         -- where in the pathway, when known
    activity_id         varchar(100),
    task_id             varchar(64),                          -- the task it was reported from
    patient_id          uuid          references patient (id), -- a reference taken from the task, never typed
    category            varchar(20)   not null,
    consequence         varchar(20)   not null,
    description         varchar(4000) not null,
    immediate_action    varchar(4000),
    status              varchar(20)   not null
                        check (status in ('REPORTED', 'CLASSIFIED', 'ANALYSED', 'MEASURES', 'CLOSED')),
    classified_category    varchar(20),
    classified_consequence varchar(20),
    classification_note    varchar(4000),
    classified_by       varchar(100),
    classified_at       timestamptz,
    cause_categories    varchar(200),                         -- fishbone: PEOPLE,METHOD,... comma-separated
    cause_description   varchar(4000),
    analysed_by         varchar(100),
    analysed_at         timestamptz,
    closed_at           timestamptz,
    close_reason        varchar(4000),                        -- closed without a measure: why
    process_instance_id varchar(64)
);
create index quality_incident_municipality on quality_incident (municipality_number, reported_at);

-- A measure (tiltak) against an incident: who, by when, which indicator it is expected to move, and
-- whether it did (the effect check after the chosen number of weeks).
create table quality_measure (
    measure_id          uuid          primary key,
    incident_id         uuid          not null references quality_incident (incident_id),
    description         varchar(4000) not null,
    owner               varchar(200)  not null,
    due_date            date          not null,
    indicator_id        varchar(60)   not null,
    started_on          date          not null,
    effect_check_on     date          not null,
    planned_by          varchar(100)  not null,
    effect              varchar(12)   check (effect in ('WORKED', 'NOT_WORKED')),
    effect_note         varchar(4000),
    checked_by          varchar(100),
    checked_at          timestamptz
);
create index quality_measure_incident on quality_measure (incident_id);
