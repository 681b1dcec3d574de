-- Who sees what (see docs/access.md).

-- The access log Normen asks for: every read of patient data, through every channel, with why.
alter table security_access_log rename column case_id to reference;
alter table security_access_log alter column reference type varchar(60);
alter table security_access_log rename column purpose to what;
alter table security_access_log
    add column actor_name          varchar(200),
    add column channel             varchar(30)  not null default 'app',
    add column basis               varchar(200),
    add column own_work            boolean      not null default true,
    add column municipality_number varchar(4);
alter table security_access_log alter column channel drop default;
alter table security_access_log alter column own_work drop default;
create index security_access_log_actor on security_access_log (actor_id, occurred_at);
create index security_access_log_time on security_access_log (occurred_at);

-- Append-only for the application: a row once written is never changed or removed by it.
create function security_access_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'security_access_log is append-only';
end;
$$;
create trigger security_access_log_no_update before update or delete on security_access_log
    for each row execute function security_access_log_append_only();
create trigger security_access_log_no_truncate before truncate on security_access_log
    for each statement execute function security_access_log_append_only();

-- Which patient and municipality each process instance is about, written when the instance starts
-- (a called process inherits its caller's): how a read through the Tasklist, Cockpit or the
-- engine's REST API is traced to the patient whose data it showed.
create table security_process_patient (
    process_instance_id      varchar(64)  primary key,
    root_process_instance_id varchar(64)  not null,
    patient_id               uuid,
    municipality_number      varchar(4)   not null,
    process_key              varchar(255) not null,
    business_key             varchar(255),
    started_at               timestamptz  not null
);
create index security_process_patient_patient on security_process_patient (patient_id);

-- Every request an administrator (a Camunda admin: no authorization or municipality check applies)
-- makes to the engine's API and the webapps, without query strings.
create table security_admin_action (
    id           bigint generated always as identity primary key,
    occurred_at  timestamptz  not null,
    actor_id     varchar(100) not null,
    method       varchar(10)  not null,
    path         varchar(500) not null,
    status       integer      not null
);
create index security_admin_action_time on security_admin_action (occurred_at);
create trigger security_admin_action_no_update before update or delete on security_admin_action
    for each row execute function security_access_log_append_only();
