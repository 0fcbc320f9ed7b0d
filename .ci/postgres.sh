# Sourced by .ci/run (as root, on Debian): installs PostgreSQL from Debian's packages, starts a
# cluster of its own for the tests, makes a role and a database, and exports JURIST_TEST_POSTGRES_*
# for the PostgreSQL run of the integration tests. Safe to repeat: an installed package, a running
# server, an existing role or database are kept. Stops the server on exit only if it started it.
#   JURIST_CI_PG_PORT  port for a cluster made here (default: the first free one pg_createcluster finds)

ci_pg_cluster=jurist-ci
ci_pg_role=jurist
ci_pg_password=jurist
ci_pg_database=jurist_ci

if ! dpkg -s postgresql >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
fi

# The newest installed server (a client of a newer version may sit beside it).
ci_pg_version=$(ls -d /usr/lib/postgresql/*/bin/postgres | awk -F/ '{print $5}' | sort -V | tail -n 1)
ci_pg_cluster_field() { # the given column of pg_lsclusters for our cluster, empty if there is none
  pg_lsclusters -h | awk -v v="$ci_pg_version" -v c="$ci_pg_cluster" -v f="$1" '$1 == v && $2 == c {print $f}'
}
if [ -z "$(ci_pg_cluster_field 2)" ]; then
  # A throwaway test cluster: durability is not wanted here, speed is.
  pg_createcluster ${JURIST_CI_PG_PORT:+-p "$JURIST_CI_PG_PORT"} "$ci_pg_version" "$ci_pg_cluster" -- \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  cat > "/etc/postgresql/$ci_pg_version/$ci_pg_cluster/conf.d/jurist-ci.conf" <<'CONF'
listen_addresses = 'localhost'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi
ci_pg_port=$(ci_pg_cluster_field 3)
if [ "$(ci_pg_cluster_field 4)" != online ]; then
  pg_ctlcluster "$ci_pg_version" "$ci_pg_cluster" start
  trap 'pg_ctlcluster "$ci_pg_version" "$ci_pg_cluster" stop || true' EXIT
fi

ci_psql() {
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$ci_pg_port" -d postgres "$@"
}
ci_psql <<SQL
set client_min_messages = warning;
select format('create role %I', '$ci_pg_role') where not exists (select from pg_roles where rolname = '$ci_pg_role')
\gexec
alter role $ci_pg_role login createdb password '$ci_pg_password';
-- The tests drop their databases "with (force)", which may have to end an autovacuum worker there.
grant pg_signal_backend to $ci_pg_role;
select format('create database %I owner %I', '$ci_pg_database', '$ci_pg_role')
  where not exists (select from pg_database where datname = '$ci_pg_database')
\gexec
-- Databases left by an earlier run that was killed before its tests could drop them.
select format('drop database %I with (force)', datname) from pg_database where datname like 'jurist\_test\_%'
\gexec
SQL

export JURIST_TEST_POSTGRES_URL="jdbc:postgresql://localhost:$ci_pg_port/$ci_pg_database"
export JURIST_TEST_POSTGRES_USER="$ci_pg_role"
export JURIST_TEST_POSTGRES_PASSWORD="$ci_pg_password"
echo "PostgreSQL $ci_pg_version for the tests: $JURIST_TEST_POSTGRES_URL"
