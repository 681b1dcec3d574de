-- The dashboard's grouped queries read the index only (S8 in docs/benchmarks.md). The category an
-- indicator keeps (a colour, a task, a group, a message status) is part of the key, so a query for
-- all municipalities reads the facts of that category and no others; actor (work per person) and
-- demo, which every query asks for, are included, so no query reads the table. A query that keeps no
-- category reads every day of its measure in each municipality, not just the period's, until
-- PostgreSQL can skip over the category (18: skip scan).
drop index metrics_fact_series;
create index metrics_fact_series on metrics_fact (municipality_number, measure, category, day)
    include (detail, value, flag, model_version, actor, demo);
