-- Readings exactly as sent: the value keeps its precision (numeric, not real: 6.7 is 6.7, not
-- 6.699999809265137). real -> text gives the shortest exact spelling of the stored float, so old
-- rows lose their noise. (numeric costs no bytes here: the row's alignment padding takes it.)
alter table followup_reading alter column value type numeric using value::text::numeric;

-- A value sent in another unit than the sign's canonical one (weight in g or [lb_av], glucose in
-- mg/dL, temperature in [degF]) is stored converted in followup_reading, with the value and UCUM
-- unit as sent here. A table of its own, not two nullable columns: a null bitmap would add 8 bytes
-- to every reading, and almost every reading is sent in the canonical unit.
create table followup_reading_sent (
    id                  uuid         primary key references followup_reading (id) on delete cascade,
    sent_value          numeric      not null,
    sent_unit           varchar(40)  not null
);

-- A message that names a known patient differently never overwrites the stored name: the name as
-- the sender wrote it is kept here, with where and when it came from, for the case worker to see.
create table patient_name_report (
    patient_id          uuid         not null references patient (id),
    given_name          varchar(100) not null,
    family_name         varchar(100) not null,
    source              varchar(20)  not null check (source in ('REFERRAL', 'HOSPITAL')),
    reference           varchar(100) not null,
    reported_at         timestamptz  not null
);
create index patient_name_report_by_patient on patient_name_report (patient_id, reported_at);
