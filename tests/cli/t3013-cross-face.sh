#!/bin/sh
# t3013: one attention list, every face (issue 15): on every example plan
# (Sanya with the demo's values) at four dates, each item check lists
# appears with its kind in the report's JSON and CSV, in status --all, in
# the text, Markdown and HTML report, and in its lead department's notice.
. "$PW_TOP/tests/lib.sh"
E=$PW_TOP/examples
"$PLANWATCH" -f "$E/sanya.yaml" -d "$T/sanya.db" --today 2026-11-23 \
    --by demo import "$E/sanya-values.csv" > /dev/null 2>&1 < /dev/null
is "$?" 0 "the demo's values imported"

faces() {	# plan, date
	p=$1 d=$2 dir=$T/$1-$2
	mkdir -p "$dir"
	set -- -f "$E/$p.yaml" -d "$T/$p.db" --today "$d"
	"$PLANWATCH" "$@" check --format json > "$dir/check.json"
	"$PLANWATCH" "$@" status --all > "$dir/status.txt"
	for f in json csv md html; do
		"$PLANWATCH" "$@" report --format $f > "$dir/report.$f"
	done
	"$PLANWATCH" "$@" report > "$dir/report.txt"
	"$PLANWATCH" "$@" notice --format json > "$dir/notice.json"
	/usr/bin/python3 "$PW_TOP/tests/tools/crossface.py" "$dir" "$p $d"
}

for d in 2017-06-30 2018-06-30 2019-12-31 2021-01-31; do
	faces hulunbuir $d; done
for d in 2024-06-30 2025-06-30 2025-12-31 2026-12-07; do
	faces linxiang $d; done
for d in 2024-06-30 2025-06-30 2025-09-30 2026-01-31; do
	faces sanya $d; done
for d in 2018-03-31 2018-06-30 2018-10-15 2019-01-31; do
	faces taiyuan $d; done
for d in 2025-03-31 2025-06-30 2025-09-30 2026-01-15; do
	faces yuan $d; done
finish
