#!/usr/bin/env bash
# Issue 12, item 8, and `baophu backup` / `baophu restore`: a store restored from a backup,
# with the index snapshot of a later state left beside it, then imported into, must report the
# store's figures — whether the backup was put back by `baophu restore` or by copying the file
# (the generation counter then climbs back to the snapshot's). And the round trip: backup →
# change → restore gives the backup's row counts and report.
# usage: restored_store.sh BAOPHU VN_ADMIN
BAOPHU=$1; VN_ADMIN=$2
source "$(dirname "$0")/common.inc"
setup_store
count() { sqlite3 "$DB" "SELECT (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM card)"; }
generation() { sqlite3 "$DB" "SELECT generation FROM store_state"; }

"$BAOPHU" --db "$DB" engine snapshot > /dev/null
"$BAOPHU" --db "$DB" backup --out "$TMP/backup.db" > /dev/null
[ "$(stat -c %a "$TMP/backup.db")" = 600 ] || fail "the backup is not owner-only"
"$BAOPHU" --db "$DB" backup --out "$TMP/backup.db" > /dev/null 2>&1 && fail "backup over an existing file"
AT_BACKUP=$(fresh_figures); COUNTS_AT_BACKUP=$(count)
"$BAOPHU" --db "$DB" import cards "$DATA/cards_b.csv" > /dev/null
"$BAOPHU" --db "$DB" engine snapshot > /dev/null      # the snapshot of the later state
SNAP_GEN=$(generation); LATER=$(figures)
echo "insured: at the backup $(echo "$AT_BACKUP" | insured), in the later snapshot $(echo "$LATER" | insured)"
[ "$LATER" != "$AT_BACKUP" ] || fail "cards_b changed nothing (test data)"

# 1. Put back by a file copy, as an operator might; written to until the generation is the snapshot's.
cp "$TMP/s.snap" "$TMP/later.snap"
rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$TMP/backup.db" "$DB"
"$BAOPHU" --db "$DB" import cards "$DATA/cards_c.csv" > /dev/null
[ "$(generation)" = "$SNAP_GEN" ] || echo "note: generation $(generation), snapshot's $SNAP_GEN"
EXPECTED=$(fresh_figures); GOT=$(figures)
echo "copied back + import: store $(echo "$EXPECTED" | insured), from the snapshot path $(echo "$GOT" | insured)"
[ "$GOT" = "$EXPECTED" ] || { diff <(echo "$EXPECTED") <(echo "$GOT") | head; fail "the old snapshot was trusted after a copy-back"; }

# 2. `baophu restore` with the later snapshot beside the store, then an import.
cp "$TMP/later.snap" "$TMP/s.snap"
"$BAOPHU" --db "$DB" import cards "$DATA/cards_b.csv" > /dev/null
"$BAOPHU" --db "$DB" engine snapshot > /dev/null
"$BAOPHU" --db "$DB" restore "$TMP/backup.db" > /dev/null
[ "$(count)" = "$COUNTS_AT_BACKUP" ] || fail "restore: counts $(count), backup's $COUNTS_AT_BACKUP"
[ "$(fresh_figures)" = "$AT_BACKUP" ] || fail "restore: the report differs from the backup's"
[ "$(figures)" = "$AT_BACKUP" ] || fail "restore: the old snapshot was trusted"
"$BAOPHU" --db "$DB" import cards "$DATA/cards_c.csv" > /dev/null
EXPECTED=$(fresh_figures); GOT=$(figures)
echo "restored + import: store $(echo "$EXPECTED" | insured), from the snapshot path $(echo "$GOT" | insured); backup $(echo "$AT_BACKUP" | insured)"
[ "$GOT" = "$EXPECTED" ] || { diff <(echo "$EXPECTED") <(echo "$GOT") | head; fail "the old snapshot was trusted after a restore"; }

# 3. A backup taken while an import writes is one consistent state: before the import or after it.
BEFORE_IMPORT=$(count)
"$BAOPHU" --db "$DB" import cards "$DATA/cards_b.csv" > /dev/null &
IMPORT=$!
"$BAOPHU" --db "$DB" backup --out "$TMP/during.db" > /dev/null
wait $IMPORT
DURING=$(sqlite3 "$TMP/during.db" "SELECT (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM card)")
[ "$(sqlite3 "$TMP/during.db" "PRAGMA integrity_check")" = ok ] || fail "the backup taken during an import is damaged"
echo "backup during an import: $DURING (before $BEFORE_IMPORT, after $(count))"
[ "$DURING" = "$BEFORE_IMPORT" ] || [ "$DURING" = "$(count)" ] || fail "the backup taken during an import is half of it"
EXPECTED=$(fresh_figures)

# 4. Refusals: not a store; a PostgreSQL URL names the right tools.
echo "not a database" > "$TMP/junk.db"
"$BAOPHU" --db "$DB" restore "$TMP/junk.db" > /dev/null 2>&1 && fail "restore of a non-store"
[ "$(fresh_figures)" = "$EXPECTED" ] || fail "a refused restore changed the store"
"$BAOPHU" --db postgresql://nobody@/nothing backup --out "$TMP/pg.db" 2> "$TMP/pg.err" && fail "backup of a PostgreSQL URL"
grep -q pg_dump "$TMP/pg.err" || fail "the PostgreSQL answer does not name pg_dump"
echo "ok: restored_store"
