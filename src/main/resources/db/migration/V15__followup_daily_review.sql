-- The daily review of green patients (process followup-daily-review): once a day per municipality,
-- the home-follow-up nurses get one list of the patients whose readings are all green but whom
-- nobody has looked at within the review interval (carepath.followup.daily-review.interval).
-- One row per municipality and day; the unique key lets one start win when several nodes try.
create table followup_daily_review (
    review_id           varchar(20)   primary key,              -- GJ-2026-03-14-1804, the business key
    municipality_number char(4)       not null,
    review_date         date          not null,
    status              varchar(10)   not null check (status in ('STARTED', 'EMPTY', 'OPEN', 'DONE')),
    started_at          timestamptz   not null,
    process_instance_id varchar(64),
    patient_count       int,                                    -- set when the list is drawn
    note                varchar(2000),                          -- the nurse's note for the whole list
    completed_by        varchar(100),
    completed_at        timestamptz,
    unique (municipality_number, review_date)
);

-- Each patient on a day's list, and the look: who confirmed, when, and whether something must be done.
-- A confirmed row is a look at the patient: the patient is off the lists until the interval has passed.
create table followup_daily_review_patient (
    review_id           varchar(20)   not null references followup_daily_review (review_id),
    episode_id          varchar(20)   not null references followup_episode (episode_id),
    readings            int           not null,                 -- readings in the window, all green
    last_reading_at     timestamptz   not null,
    last_looked_at      timestamptz,                            -- the look before this list (note or review)
    outcome             varchar(10)   check (outcome in ('FINE', 'ACTION')),
    looked_by           varchar(100),
    looked_at           timestamptz,
    primary key (review_id, episode_id),
    check ((outcome is null) = (looked_at is null) and (looked_at is null) = (looked_by is null))
);
create index followup_daily_review_patient_look on followup_daily_review_patient (episode_id, looked_at)
    where looked_at is not null;

-- An instance about several patients (a team's daily review list): every patient it names, so that a
-- read of its task through the Tasklist or /engine-rest is logged for each (EngineReadAudit). The
-- instance's own row in security_process_patient has no patient.
create table security_process_patient_list (
    process_instance_id varchar(64)   not null references security_process_patient (process_instance_id),
    patient_id          uuid          not null,
    primary key (process_instance_id, patient_id)
);
create index security_process_patient_list_patient on security_process_patient_list (patient_id);
