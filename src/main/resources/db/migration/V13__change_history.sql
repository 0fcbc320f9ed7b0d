-- The change history: one append-only chain of everything that changed rules, jurisdictions or
-- engagements, and who decided it. Each record carries the hash of the one before it, so an edit,
-- insertion or deletion anywhere shows when the chain is recomputed (GET /api/v1/audit/verify).
create table jurist_change_history (
    seq                 bigint        not null primary key,
    recorded_at         timestamp with time zone not null,
    change_type         varchar(40)   not null,
    actor               varchar(256)  not null,
    subject             varchar(256)  not null,
    jurisdictions       varchar(4000) not null,
    purposes            varchar(1000) not null,
    ruleset_version     integer,
    process_instance_id varchar(64),
    detail              varchar(100000) not null,
    previous_hash       varchar(80)   not null,
    record_hash         varchar(80)   not null
);
create index jurist_change_history_time on jurist_change_history (recorded_at);

-- The head of the chain: its last sequence number and hash. Appending locks this one row, so that
-- appends from every node of a cluster form one chain, in commit order.
create table jurist_change_history_head (
    id        integer     not null primary key,
    last_seq  bigint      not null,
    last_hash varchar(80) not null
);
insert into jurist_change_history_head (id, last_seq, last_hash)
values (1, 0, 'sha256:0000000000000000000000000000000000000000000000000000000000000000');
