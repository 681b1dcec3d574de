-- Hospital transitions: the stays the hospital tells the municipality about (melding om innlagt
-- pasient, helseopplysninger, utskrivningsklar, avmelding, utskrevet, epikrise) and every message
-- received, idempotent on the hospital's message id. A stay is the business key of its
-- transitions-hospital-stay process; the process reads the stay's state, so messages may arrive
-- out of order or twice.

create sequence transitions_stay_number;

create table transitions_stay (
    stay_id                 varchar(20)  primary key,         -- OPPH-2026-000017
    municipality_number     char(4)      not null,
    hospital_org_number     char(9)      not null,
    hospital_name           varchar(200) not null,
    department              varchar(200),
    hospital_stay_ref       varchar(64)  not null,            -- the hospital's id for the stay
    patient_id              uuid         not null references patient (id),
    patient_known           boolean      not null,            -- a case or an episode in the municipality when the stay began
    episode_id              varchar(20),                      -- digital home follow-up at admission
    status                  varchar(30)  not null check (status in ('ADMITTED', 'READY_FOR_DISCHARGE', 'DISCHARGED', 'CLOSED')),
    admitted_at             timestamptz,
    planned_discharge_date  date,
    ready_at                timestamptz,                      -- the municipality pays from the day after
    ready_answered_at       timestamptz,
    ready_withdrawn_at      timestamptz,
    discharged_at           timestamptz,
    days_waiting            integer,                          -- days from ready to discharged, set at discharge
    summary_at              timestamptz,
    summary_author          varchar(200),
    summary_text            varchar(20000),
    health_information      varchar(20000),
    created_at              timestamptz  not null,
    closed_at               timestamptz,
    unique (hospital_org_number, hospital_stay_ref)
);
create index transitions_stay_open on transitions_stay (municipality_number, status) where status <> 'CLOSED';
create index transitions_stay_patient on transitions_stay (patient_id);

create table transitions_hospital_message (
    hospital_org_number     char(9)      not null,
    message_id              varchar(64)  not null,            -- the hospital's message id: a resend is the same message
    stay_id                 varchar(20)  not null references transitions_stay (stay_id),
    type                    varchar(40)  not null check (type in ('ADMITTED', 'HEALTH_INFORMATION', 'READY_FOR_DISCHARGE',
                                'READY_FOR_DISCHARGE_WITHDRAWN', 'DISCHARGED', 'DISCHARGE_SUMMARY')),
    sent_at                 timestamptz,
    received_at             timestamptz  not null,
    received_by             varchar(100) not null,
    out_of_order            boolean      not null default false,
    primary key (hospital_org_number, message_id)
);
create index transitions_hospital_message_stay on transitions_hospital_message (stay_id, received_at);
