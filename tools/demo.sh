#!/bin/sh
# demo.sh: open planwatch on the bundled Sanya plan with a demo database of
# plausible recorded values (examples/sanya-values.csv), built afresh in
# build/demo/ each time so the demo never touches a real database.
#
# The values run to 2026-09-30; the review opens as of DEMO_TODAY (default
# 2025-09-30, the last quarter of the plan's implementation stage, when
# targets are still at risk or on track rather than met or missed).  Press
# `t` in the review to travel to another date.
set -eu
bin=${1:-build/planwatch}
plan=examples/sanya.yaml
dir=$(dirname "$bin")/demo
db=$dir/sanya.db
today=${DEMO_TODAY:-2025-09-30}
mkdir -p "$dir"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" -f "$plan" -d "$db" --today 2026-11-23 --by demo \
    import examples/sanya-values.csv >/dev/null
if [ -t 0 ] && [ -t 1 ] && "$bin" help review >/dev/null 2>&1; then
	exec "$bin" -f "$plan" -d "$db" --today "$today"
fi
exec "$bin" -f "$plan" -d "$db" --today "$today" status
