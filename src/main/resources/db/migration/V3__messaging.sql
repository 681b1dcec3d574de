-- One reliable way out: every message Carepath sends (dialogue messages to the GP, decision
-- letters, the admission report to the hospital, journal notes to the municipal record) is
-- written here in the same transaction as the process step that sends it, and delivered by the
-- worker of process outbound-message, with retries, an incident after the last one, and the
-- receiver's application receipt (kvittering). The patient's identity is added at delivery, from
-- the patient table; it is never copied into a message row.

create sequence messaging_outbox_number;

create table messaging_outbox (
    message_id          varchar(20)  primary key,         -- MSG-2026-000017, business key of its outbound-message process
    channel             varchar(20)  not null check (channel in ('GP_DIALOGUE', 'DECISION_LETTER', 'HOSPITAL', 'MUNICIPAL_RECORD')),
    kind                varchar(30)  not null,            -- FORESPORSEL, PURRING, ORIENTERING, VEDTAKSBREV, INNLEGGELSESRAPPORT, JOURNALNOTAT, ...
    municipality_number char(4)      not null,
    patient_id          uuid         not null references patient (id),
    reference           varchar(40)  not null,            -- the case, episode, dialogue message, letter or hospital stay it belongs to
    subject             varchar(200) not null,
    payload             jsonb        not null,            -- what the channel's format needs, never the national ID
    responsible_group   varchar(40)  not null,            -- who follows up a rejected or missing receipt
    status              varchar(20)  not null check (status in ('PENDING', 'SENT', 'ACKNOWLEDGED', 'REJECTED', 'NO_RECEIPT', 'RESOLVED')),
    transmission        integer      not null default 1,  -- the idempotency key on the wire is message_id, then message_id-2, -3 ... for deliberate resends
    created_by          varchar(100) not null,
    created_at          timestamptz  not null,
    sent_at             timestamptz,
    remote_id           varchar(100),                     -- the receiving service's id for the transmission
    receipt_at          timestamptz,
    receipt_status      varchar(20),                      -- OK, OK_WITH_ERRORS, REJECTED
    receipt_text        varchar(2000),
    resolved_at         timestamptz,
    resolved_by         varchar(100),
    resolution          varchar(2000)
);
create index messaging_outbox_reference on messaging_outbox (reference, created_at);
create index messaging_outbox_open on messaging_outbox (status, created_at) where status <> 'ACKNOWLEDGED' and status <> 'RESOLVED';
