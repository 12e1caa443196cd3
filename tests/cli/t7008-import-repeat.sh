#!/bin/sh
# t7008: an import of many rows with one id and date supersedes each by the
# next, and finds the row to supersede through the events_current index
# (only current rows), not by walking every superseded row of that id and
# date: such an import was quadratic and held the write lock for minutes.
# The time itself is measured by hand or in `make bench`, never here; this
# checks the result and the query plans of the statements the binary runs.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

n=4000
awk -v n=$n 'BEGIN { print "id,date,value"
	for (i = 1; i <= n; i++) print "T-beds,2024-05-01," i }' > same.csv
pw import same.csv
is "$rc" 0 "$n rows of one id and date import"
is "$(sqlite3 plan.db "SELECT count(*), count(superseded_by) FROM events")" \
    "$n|$((n - 1))" "all stored, all but one superseded"
is "$(sqlite3 plan.db "SELECT value FROM events WHERE superseded_by IS NULL")" \
    "$n.0" "the last row is the current one"
is "$(sqlite3 plan.db "SELECT count(*) FROM events a JOIN events b
    ON b.seq = a.superseded_by WHERE b.seq = a.seq + 1")" "$((n - 1))" \
    "each row superseded by the next"

# A second import of the same rows supersedes the current one once more.
pw import same.csv
is "$(sqlite3 plan.db "SELECT count(*), count(superseded_by) FROM events")" \
    "$((2 * n))|$((2 * n - 1))" "a second import supersedes the first"

# Completions: done and reopen replace each other; a value of the same id
# and date is another sort and stays.
printf 'id,date,value\nM-plan,2024-05-02,done\nM-plan,2024-05-02,reopen\nM-plan,2024-05-02,done\nM-plan,2024-05-02,reopen\n' > done.csv
pw import done.csv
is "$(sqlite3 plan.db "SELECT kind FROM events WHERE item = 'M-plan'
    AND superseded_by IS NULL")" reopen "done and reopen replace each other"
printf 'id,date,value\nM-build,2024-05-02,done\nM-build,2024-05-02,40%%\nM-build,2024-05-02,50%%\n' > mixed.csv
pw import mixed.csv
is "$(sqlite3 plan.db "SELECT kind || ' ' || coalesce(value, '-') FROM events
    WHERE item = 'M-build' AND superseded_by IS NULL ORDER BY seq")" \
    "$(printf 'done -\nprogress 50.0')" "a progress leaves the completion alone"

# The look-ups' SQL as the binary holds it (one per kind: value, progress,
# and done or reopen; and one of every kind, for a void), planned by
# SQLite on this database: every part of
# each must search events_current, the partial index of current rows,
# never the index of all rows or the table.
tr '\0' '\n' < "$PLANWATCH" | grep '^SELECT seq FROM events WHERE' |
    grep 'superseded_by IS NULL' | sort -u > lookups
is "$(wc -l < lookups | tr -d ' ')" 4 "the binary holds a look-up per kind"
while read -r sql; do
	plan=$(sqlite3 plan.db "EXPLAIN QUERY PLAN $sql")
	kind=$(printf '%s\n' "$sql" | sed "s/^[^']*'\([a-z]*\)'.*/\1/")
	has "$plan" "USING COVERING INDEX events_current" \
	    "the $kind look-up searches events_current"
	hasnt "$plan" "events_item_asof" "the $kind look-up: not the index of every row"
	hasnt "$plan" "SCAN" "the $kind look-up scans nothing"
done < lookups
finish
