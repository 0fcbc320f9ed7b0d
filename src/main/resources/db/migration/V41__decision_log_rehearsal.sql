-- The start-up warm-up's rehearsal of the decision log's writes (docs/operations.md): the decision log's
-- shape, written with the log's own insert code and emptied again at once, so that a node's first records under
-- load are not written by code still being compiled. Nothing is kept here; rows are only ever the warm-up's
-- made-up ones, for the moment between its two commits.
create table jurist_decision_log_rehearsal (
    decision_id      varchar(36)   not null primary key,
    batch_id         varchar(36),
    evaluated_at     timestamp with time zone not null,
    evaluated_day    date          not null,
    client           varchar(128)  not null,
    subject_hash     varchar(64)   not null,
    country          varchar(2)    not null,
    region           varchar(64),
    purpose          varchar(64)   not null,
    consent          varchar(16)   not null,
    age_band         varchar(8)    not null,
    decided_for      timestamp with time zone not null,
    decision         varchar(8)    not null,
    reason_codes     varchar(4000) not null,
    rules_fired      varchar(4000) not null,
    ruleset_version  integer       not null,
    ruleset_revision varchar(80)   not null
);
create index jurist_decision_log_rehearsal_time on jurist_decision_log_rehearsal (evaluated_at);
