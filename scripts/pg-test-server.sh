#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the tests (scripts/test.sh runs it):
# installs Debian's postgresql when missing (as root), creates a cluster if there is none, lets the
# postgres and root roles connect from 127.0.0.1 without a password (trust: a test machine only,
# never a production server), starts the cluster and creates the root role and database.
set -euo pipefail
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "pg-test-server: no PostgreSQL on 127.0.0.1:5432 and cannot install one (need root and apt-get)" >&2
  exit 1
fi
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "pg-test-server: installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q .; then pg_createcluster "$ver" main >/dev/null; fi
read -r cver cname _ < <(pg_lsclusters -h | head -1)
hba="/etc/postgresql/$cver/$cname/pg_hba.conf"
if ! grep -q '^host all postgres 127.0.0.1/32 trust' "$hba"; then
  # first match wins in pg_hba.conf: put the test lines on top
  { printf 'host all postgres 127.0.0.1/32 trust\nhost all root 127.0.0.1/32 trust\n'; cat "$hba"; } >"$hba.new"
  chown postgres:postgres "$hba.new"
  mv "$hba.new" "$hba"
fi
if pg_lsclusters -h | head -1 | grep -q online; then
  pg_ctlcluster "$cver" "$cname" reload
else
  pg_ctlcluster "$cver" "$cname" start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -q -h 127.0.0.1 -p 5432
psql -h 127.0.0.1 -U postgres -d postgres -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'root'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE ROLE root SUPERUSER LOGIN'
psql -h 127.0.0.1 -U postgres -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = 'root'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE root OWNER root'
