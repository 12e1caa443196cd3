#!/bin/sh
# demo.sh: open planwatch on the bundled Sanya plan with a demo database of
# plausible recorded values (examples/sanya-values.csv), built afresh in
# build/demo/ each time so the demo never touches a real database.
#
# DEMO_TODAY sets the as-of date (default: the date the demo values were
# written for, so the screen looks as intended whatever today is).
set -eu
bin=${1:-build/planwatch}
plan=examples/sanya.yaml
dir=$(dirname "$bin")/demo
db=$dir/sanya.db
today=${DEMO_TODAY:-2026-11-23}
mkdir -p "$dir"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" -f "$plan" -d "$db" --today "$today" --by demo \
    import examples/sanya-values.csv >/dev/null
if [ -t 0 ] && [ -t 1 ] && "$bin" help review >/dev/null 2>&1; then
	exec "$bin" -f "$plan" -d "$db" --today "$today"
fi
exec "$bin" -f "$plan" -d "$db" --today "$today" status
