-- The threshold sets whose alarm preview a nurse has been shown in an edit-plan task: thresholds that
-- differ from those the form was opened with are refused once, with their preview, and accepted when
-- submitted again. Written in a transaction of its own (the refusal rolls the task's back); the rows of a
-- task go when it is completed.
create table followup_threshold_preview (
  task_id text not null,
  fingerprint char(64) not null,
  shown_at timestamptz not null,
  primary key (task_id, fingerprint)
);
