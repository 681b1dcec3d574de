-- The quality loop, onwards (issue 12): a serious avvik reported to Helsetilsynet through the
-- outbox, a change request to the process owners, and overdue steps escalated to the managers.

-- A message about no patient: the notification of a serious event to Helsetilsynet names the avvik
-- by its reference, never a patient. The channel says whether a message may carry a patient
-- (Channel.carriesPatient); the row's patient_id is then required by the code, not the table.
alter table messaging_outbox alter column patient_id drop not null;
alter table messaging_outbox drop constraint messaging_outbox_channel_check;
alter table messaging_outbox add constraint messaging_outbox_channel_check
    check (channel in ('GP_DIALOGUE', 'DECISION_LETTER', 'HOSPITAL', 'MUNICIPAL_RECORD', 'HEALTH_SUPERVISION'));
alter table messaging_outbox add constraint messaging_outbox_patient_check
    check (patient_id is not null or channel = 'HEALTH_SUPERVISION');

-- The onward report (varsel) of a serious avvik: what was sent, when Helsetilsynet took it (its id
-- for the notification) and its application receipt.
alter table quality_incident add column onward_text         varchar(4000);
alter table quality_incident add column onward_message_id   varchar(20);
alter table quality_incident add column onward_reported_by  varchar(100);
alter table quality_incident add column onward_sent_at      timestamptz;
alter table quality_incident add column onward_receipt_id   varchar(100);   -- Helsetilsynet's id for the notification
alter table quality_incident add column onward_receipt_status varchar(20);  -- OK, OK_WITH_ERRORS, REJECTED
alter table quality_incident add column reported_onwards_at timestamptz;   -- the positive receipt
create index quality_incident_onward_message on quality_incident (onward_message_id);

-- An avvik about a model (wrong routing, a missing step): the process owners assess it in process
-- quality-change-request. No patient: the avvik's reference, the process, the activity and the text.
create table quality_change_request (
    change_request_id   uuid          primary key,
    incident_id         uuid          not null references quality_incident (incident_id),
    municipality_number char(4)       not null,
    process_key         varchar(100)  not null,
    activity            varchar(200),
    description         varchar(4000) not null,
    requested_by        varchar(100)  not null,
    requested_at        timestamptz   not null,
    outcome             varchar(20)   check (outcome in ('ACCEPTED', 'REJECTED', 'ALREADY_DONE')),
    outcome_reason      varchar(4000),
    assessed_by         varchar(100),
    assessed_at         timestamptz
);
create index quality_change_request_incident on quality_change_request (incident_id);

-- A leader's step of an avvik past its deadline, escalated to the managers (process quality-escalation).
create table quality_escalation (
    escalation_id       uuid          primary key,
    incident_id         uuid          not null references quality_incident (incident_id),
    step                varchar(100)  not null,                -- the task's id in quality-incident
    step_due_at         timestamptz   not null,
    escalated_at        timestamptz   not null,
    followed_up_by      varchar(100),
    followed_up_at      timestamptz,
    note                varchar(4000),
    step_done_at        timestamptz                            -- the step was done before the manager followed up
);
create index quality_escalation_incident on quality_escalation (incident_id);
