-- The annual management review (ledelsens gjennomgang, forskrift om ledelse og kvalitetsforbedring § 8):
-- one per municipality and year, handled in process quality-annual-review. Counts and judgements only:
-- nothing here names a patient.
create table quality_review (
    review_id           uuid          primary key,
    reference           varchar(20)   not null unique,       -- LG-2026-1804: what people quote
    municipality_number char(4)       not null,
    year                int           not null,
    status              varchar(10)   not null check (status in ('OPEN', 'SIGNED')),
    started_at          timestamptz   not null,
    started_by          varchar(100)  not null,              -- a person, or 'timer' for the yearly start
    decision            varchar(4000),                        -- the management's conclusion, signed
    signed_by           varchar(100),
    signed_at           timestamptz,
    process_instance_id varchar(64),
    unique (municipality_number, year)
);

-- How the management judges each area of the statistics pack (the indicator catalogue's areas).
create table quality_review_area (
    review_id           uuid          not null references quality_review (review_id),
    area                varchar(60)   not null,
    assessment          varchar(10)   not null check (assessment in ('GOOD', 'WEAK', 'NEUTRAL')),
    note                varchar(4000),
    assessed_by         varchar(100)  not null,
    assessed_at         timestamptz   not null,
    primary key (review_id, area)
);

-- The action plan (tiltaksplan) for the weak areas: measures with an owner and a date, followed up
-- in the Tasklist like the measures against avvik.
create table quality_review_measure (
    measure_id          uuid          primary key,
    review_id           uuid          not null references quality_review (review_id),
    area                varchar(60)   not null,
    description         varchar(4000) not null,
    owner               varchar(100)  not null,              -- a user id: the owner gets the follow-up task
    due_date            date          not null,
    indicator_id        varchar(60),                          -- the indicator it is expected to move, if any
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null,
    status              varchar(10)   not null default 'PLANNED'
                        check (status in ('PLANNED', 'DONE', 'PARTLY', 'NOT_DONE')),
    status_note         varchar(4000),
    followed_up_by      varchar(100),
    followed_up_at      timestamptz
);
create index quality_review_measure_review on quality_review_measure (review_id);

-- Every document of a review, kept: the statistics pack as assembled (version 1) and the signed
-- review with the decision and the action plan (the next versions; a correction after signing is a
-- new version, the earlier ones stay).
create table quality_review_document (
    review_id           uuid          not null references quality_review (review_id),
    version             int           not null,
    kind                varchar(10)   not null check (kind in ('PACK', 'SIGNED')),
    pdf                 bytea         not null,
    sha256              char(64)      not null,
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null,
    primary key (review_id, version)
);
