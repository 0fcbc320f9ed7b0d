-- Activation proves its approvals in the database (docs/workflows.md): who asked for each version,
-- and the further approvals a version needs beyond its rule change approval (a re-enablement's gates).
create table jurist_ruleset_requester (
    version  integer      not null references jurist_ruleset_version (version),
    user_id  varchar(128) not null,
    primary key (version, user_id)
);

create table jurist_ruleset_gate (
    version       integer      not null references jurist_ruleset_version (version),
    business_key  varchar(256) not null,
    task_key      varchar(128) not null,
    primary key (version, business_key, task_key)
);

-- Versions proposed before this migration: their proposer is who asked.
insert into jurist_ruleset_requester (version, user_id)
    select version, proposed_by from jurist_ruleset_version where proposed_by is not null;
