#!/usr/bin/env bash
# Runs with_server.sh on a private copy of the web fixture's database (an online backup: the
# other tests' servers may be writing), for the tests that change outreach state — the other web
# tests check exact figures of the shared database. The copy is removed afterwards.
# usage: with_copy.sh BAOPHU FIXTURE_DIR CMD...
set -euo pipefail
B=$1; FIX=$2; shift 2
COPY=$(mktemp -d "${TMPDIR:-/tmp}/baophu-web-copy.XXXXXX")
trap 'rm -rf "$COPY"' EXIT
sqlite3 "$FIX/baophu.db" ".backup '$COPY/baophu.db'"
cp "$FIX/fixture.env" "$COPY/"
ln -s "$(cd "$FIX" && pwd)/gen" "$COPY/gen"
bash "$(dirname "$0")/with_server.sh" "$B" "$COPY" "$@"
