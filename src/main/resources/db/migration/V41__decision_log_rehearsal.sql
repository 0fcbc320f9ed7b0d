-- The start-up warm-up's rehearsal of the decision log's writes (docs/operations.md): the decision log's
-- columns, its key and its index, written with the log's own insert code and emptied again at once, so that a
-- node's first records under load are not written by code still being compiled. Nothing is kept here; rows are
-- only ever the warm-up's made-up ones, for the moment between its two commits.
create table jurist_decision_log_rehearsal as select * from jurist_decision_log with no data;
alter table jurist_decision_log_rehearsal alter column decision_id set not null;
alter table jurist_decision_log_rehearsal add primary key (decision_id);
create index jurist_decision_log_rehearsal_time on jurist_decision_log_rehearsal (evaluated_at);
