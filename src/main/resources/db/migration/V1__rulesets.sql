-- Ruleset versions: stored whole and never edited. A change is a new version.
create table jurist_ruleset_version (
    version          integer       not null primary key,
    revision         varchar(80)   not null,
    status           varchar(16)   not null,
    summary          varchar(4000),
    proposed_by      varchar(128),
    base_version     integer,
    created_at       timestamp with time zone not null,
    activated_at     timestamp with time zone,
    activated_by     varchar(128),
    process_instance_id varchar(64)
);

create table jurist_ruleset_file (
    version  integer        not null references jurist_ruleset_version (version),
    path     varchar(512)   not null,
    content  varchar(1000000) not null,
    primary key (version, path)
);

-- The one active version. Activation is a compare-and-set on this row, so two approvals that
-- raced on the same base cannot both win, on one node or many.
create table jurist_active_ruleset (
    id            integer not null primary key,
    version       integer not null references jurist_ruleset_version (version),
    activated_at  timestamp with time zone not null
);
