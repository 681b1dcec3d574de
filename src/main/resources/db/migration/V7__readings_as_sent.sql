-- Readings exactly as sent: the value keeps its precision (numeric, not real: 6.7 is 6.7, not
-- 6.699999809265137). A value sent in another unit than the sign's canonical one (weight in g or
-- [lb_av], glucose in mg/dL, temperature in [degF]) is stored converted, with the value and UCUM
-- unit as sent beside it; both are null for a value sent in the canonical unit.
-- real -> text gives the shortest exact spelling of the stored float, so old rows lose their noise.
alter table followup_reading alter column value type numeric using value::text::numeric;
alter table followup_reading add column sent_value numeric, add column sent_unit varchar(40);

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
