#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests: initdb into DIR/data, listening only on the
# unix socket DIR/.s.PGSQL.5432 (no TCP port to collide with), superuser `baophu` trusted on the
# socket, and an empty database `baophu`. The tests connect with
#   postgresql://baophu@/baophu?host=DIR
# and make one database per test. PostgreSQL refuses to run as root: as root (CI) the server
# runs as the `postgres` system user of Debian's package. Stop it with stop_pg.sh DIR.
# Usage: start_pg.sh DIR
set -euo pipefail
DIR=${1:?usage: start_pg.sh DIR}
BIN=${BAOPHU_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "Không thấy PostgreSQL (initdb) trong /usr/lib/postgresql/*/bin; hãy chạy scripts/install-deps.sh" >&2
  exit 1
fi
AS=()
if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u postgres --); fi
# A server left by an interrupted run: stop it first.
if [ -f "$DIR/data/postmaster.pid" ]; then "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop > /dev/null 2>&1 || true; fi
rm -rf "$DIR"
mkdir -p "$DIR"
chmod 700 "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DIR"; fi
"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U baophu --auth=trust --encoding=UTF8 --locale=C.UTF-8 --lc-collate=C \
  > "$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
# Durability is not what the tests are about: no fsync makes CREATE DATABASE and commits cheap.
cat >> "$DIR/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start > /dev/null \
  || { cat "$DIR/server.log" >&2; exit 1; }
# Everyone may reach the socket (the tests may run as another user than the server).
chmod 755 "$DIR"
"$BIN/psql" -q -v ON_ERROR_STOP=1 "postgresql://baophu@/postgres?host=$DIR" -c "CREATE DATABASE baophu" > /dev/null
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') chạy tại postgresql://baophu@/baophu?host=$DIR"
