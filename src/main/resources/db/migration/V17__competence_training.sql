-- Training before a competence ends (module competence, process competence-training): a holding whose
-- valid_until falls within carepath.competence.expiry-notice gives its holder one training task. The
-- row is inserted before the process starts, in the same transaction; its unique key lets one start win
-- when two nodes run the daily schedule at once. A holding renewed with a new valid_until is a new holding
-- here, and gets its own training when that date comes near. RENEWED does not change the register: the
-- team leader verifies the training and changes the holding (competence_holding, logged in competence_log).
create table competence_training (
    id                  bigserial     primary key,
    user_id             varchar(100)  not null,
    municipality_number char(4)       not null,
    competence_code     varchar(40)   not null references competence (code),
    valid_until         date          not null,               -- the holding's end when the training started
    process_instance_id varchar(64),                           -- set in the same transaction as the insert
    started_at          timestamptz   not null,
    outcome             varchar(12)   check (outcome in ('RENEWED', 'PLANNED', 'NOT_RENEWED')),  -- null: open
    training_date       date,                                  -- done on (RENEWED) or planned for (PLANNED)
    note                varchar(2000),
    completed_by        varchar(100),
    completed_at        timestamptz,
    unique (user_id, municipality_number, competence_code, valid_until)
);
create index competence_training_municipality on competence_training (municipality_number, valid_until);
