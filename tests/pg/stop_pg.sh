#!/usr/bin/env bash
# Stops the server start_pg.sh DIR started and removes DIR.
# Usage: stop_pg.sh DIR
set -uo pipefail
DIR=${1:?usage: stop_pg.sh DIR}
BIN=${BAOPHU_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
AS=()
if [ "$(id -u)" -eq 0 ]; then AS=(runuser -u postgres --); fi
if [ -f "$DIR/data/postmaster.pid" ]; then
  "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop > /dev/null || { cat "$DIR/server.log" >&2; exit 1; }
fi
rm -rf "$DIR"
