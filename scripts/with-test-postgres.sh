#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 + pgvector server on loopback, and exports its URL as
# TEST_DATABASE_URL. The server lives in a temporary directory and is stopped (and deleted) on exit,
# whatever the command's outcome. Usage: scripts/with-test-postgres.sh <command> [args...]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}

"$here/ensure-pgvector.sh"

data=$(mktemp -d /tmp/ytchat-pg.XXXXXX)
log="$data.log"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # postgres refuses to run as root.
  chown postgres "$data"
  touch "$log" && chown postgres "$log"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$data/db" stop -m fast >/dev/null 2>&1 || true
  rm -rf "$data" "$log"
}
trap stop EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$data/db" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
if [ -n "${PG_MAX_CONNECTIONS:-}" ]; then
  # In the configuration file, so that a test's restart of the server keeps it.
  echo "max_connections = $PG_MAX_CONNECTIONS" >> "$data/db/postgresql.auto.conf"
fi
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -l "$log" -w \
  -o "-p $PG_PORT -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$log" >&2; exit 1; }
"${as_pg[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAt -c 'CREATE DATABASE ytchat_test' >/dev/null

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/ytchat_test"
export TEST_PG_DATA="$data/db" TEST_PG_BIN="$PG_BIN" TEST_PG_PORT="$PG_PORT"
echo "test PostgreSQL on 127.0.0.1:$PG_PORT (pgvector $(cat /usr/share/postgresql/15/extension/vector.control | sed -n "s/^default_version = '\(.*\)'/\1/p"))" >&2
"$@"
