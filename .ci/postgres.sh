#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the storage tests.
#
# Installs Debian's postgresql package when no server binaries are present (CI
# runs as root on a fresh Debian machine), initialises a cluster in a temporary
# directory, starts it on 127.0.0.1:${CRMCORE_PG_PORT:-54329} with trust
# authentication, creates the database and prints the DSN on the last line:
#
#     export CRMCORE_PG_DSN="$(bash .ci/postgres.sh | tail -n 1)"
#
# Stop it with: bash .ci/postgres.sh stop. Extra server options (for example
# "-c fsync=off" for a throwaway test run) go in CRMCORE_PG_OPTIONS.
set -euo pipefail

port="${CRMCORE_PG_PORT:-54329}"
base="${CRMCORE_PG_DIR:-/tmp/crmcore-pg-$port}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

bin="$(find_bin || true)"
if [ "${1:-}" = stop ]; then
  [ -n "$bin" ] && [ -d "$base/data" ] && as_postgres "$bin/pg_ctl" -D "$base/data" -m fast stop >&2 || true
  exit 0
fi

if [ -z "$bin" ]; then
  echo "installing PostgreSQL (Debian package)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)"
fi

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir "$base" postgres
fi

if [ -d "$base/data" ] && as_postgres "$bin/pg_ctl" -D "$base/data" status >/dev/null 2>&1; then
  echo "PostgreSQL already running in $base" >&2
else
  rm -rf "$base"
  mkdir -p "$base"
  [ "$(id -u)" = 0 ] && chown postgres "$base"
  as_postgres "$bin/initdb" -D "$base/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -k $base ${CRMCORE_PG_OPTIONS:-}" \
    start >&2
fi

"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'crmcore'" | grep -q 1 \
  || "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres crmcore
echo "postgresql://postgres@127.0.0.1:$port/crmcore"
