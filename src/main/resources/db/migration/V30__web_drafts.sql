-- Rule editor drafts: one row per author and file, kept across reloads and restarts. The base
-- version and the file's base revision tell an author when the active version moved under them;
-- other authors' rows for the same path tell them someone else is editing that file.
create table jurist_draft (
    author        varchar(128)    not null,
    path          varchar(256)    not null,
    content       varchar(1000000) not null,
    base_version  integer         not null,
    base_revision varchar(80)     not null,
    saved_at      timestamp with time zone not null,
    primary key (author, path)
);
create index jurist_draft_path on jurist_draft (path);
