-- Readings partitioned by the month they were measured in (UTC months), so that a year of readings
-- costs ingestion and a patient's 14-day view nothing, and readings older than the retention period
-- go as whole partitions (detach, drop) instead of a delete of millions of rows.
--
-- Idempotency stays exactly as it was: one row per reading id, whatever time a resend carries.
-- PostgreSQL requires a unique constraint of a partitioned table to include the partition key, so
-- the table's key becomes (id, measured_at), which alone would let a resend with another time land
-- in another partition as a second row. The reading ids are therefore also kept in a table of their
-- own, followup_reading_id, whose primary key is the id alone: ingestion inserts the id there first
-- (on conflict do nothing: a concurrent insert of the same id waits for the other's commit) and the
-- reading only when its id was new. It also carries followup_reading_sent's foreign key (on delete
-- cascade), so removing a reading's id removes its value as sent.
--
-- Partitions: followup_reading_YYYY_MM for [first of month, first of next month) UTC, made ahead by
-- the scheduled maintenance (ReadingPartitions) through followup_reading_add_month, and one default
-- partition that receives whatever has no month partition (a reading measured long ago, a month the
-- maintenance has not reached): no reading is ever refused for want of a partition.

alter table followup_reading rename to followup_reading_unpartitioned;
alter index followup_reading_by_patient rename to followup_reading_unpartitioned_by_patient;
alter table followup_reading_unpartitioned rename constraint followup_reading_pkey to followup_reading_unpartitioned_pkey;

create table followup_reading (
    id                  uuid         not null,
    monitoring_key      integer      not null,
    sign                smallint     not null,
    interpretation      smallint     not null,
    value               numeric      not null,
    measured_at         timestamptz  not null,
    received_at         timestamptz  not null,
    primary key (id, measured_at)
) partition by range (measured_at);
create index followup_reading_by_patient on followup_reading (monitoring_key, sign, measured_at);
create table followup_reading_default partition of followup_reading default;

create table followup_reading_id (
    id                  uuid         primary key
);

-- Adds the partition of one month (idempotent; serialized by an advisory lock, so two nodes may call
-- it at once). Readings of that month already in the default partition move into it in the same
-- transaction. The table is made apart and then attached: attaching takes a lock on the parent that
-- lets inserts and queries go on (creating it as a partition directly would stop them for a moment).
create function followup_reading_add_month(month date) returns boolean language plpgsql as $$
declare
  first_day date := date_trunc('month', month)::date;
  lower_bound timestamptz := first_day::timestamp at time zone 'UTC';
  upper_bound timestamptz := (first_day + interval '1 month')::timestamp at time zone 'UTC';
  name text := 'followup_reading_' || to_char(first_day, 'YYYY_MM');
begin
  perform pg_advisory_xact_lock(hashtext('followup_reading_partitions'));
  if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relname = name and n.nspname = current_schema()) then
    return false;
  end if;
  -- no reading of the month may reach the default partition between the move and the attach
  lock table followup_reading_default in exclusive mode;
  execute format('create table %I (like followup_reading including defaults including constraints)', name);
  execute format('with moved as (delete from followup_reading_default where measured_at >= %L and measured_at < %L'
      || ' returning *) insert into %I select * from moved', lower_bound, upper_bound, name);
  execute format('alter table followup_reading attach partition %I for values from (%L) to (%L)',
      name, lower_bound, upper_bound);
  return true;
end $$;

-- a partition for every month that has readings, and for this month and the next three
select followup_reading_add_month(month)
from (select distinct date_trunc('month', measured_at at time zone 'UTC')::date as month
      from followup_reading_unpartitioned
      union
      select (date_trunc('month', now() at time zone 'UTC') + make_interval(months => ahead))::date
      from generate_series(0, 3) as ahead) months
order by month;

insert into followup_reading (id, monitoring_key, sign, interpretation, value, measured_at, received_at)
select id, monitoring_key, sign, interpretation, value, measured_at, received_at from followup_reading_unpartitioned;
insert into followup_reading_id (id) select id from followup_reading_unpartitioned;

alter table followup_reading_sent drop constraint followup_reading_sent_id_fkey;
alter table followup_reading_sent add constraint followup_reading_sent_id_fkey
    foreign key (id) references followup_reading_id (id) on delete cascade;

drop table followup_reading_unpartitioned;
analyze followup_reading;
analyze followup_reading_id;
