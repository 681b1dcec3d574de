-- A discharge the hospital never sent a message about: the allocation office learned it by asking
-- (Task_CheckStayStatus). Managers count these as discharges the municipality was not told of.
alter table transitions_stay add column discharge_notified boolean not null default true;
