#!/bin/sh
# t5016: the review's overview shows the attention list that check prints
# (issue 15): on every example plan (Sanya with the demo's values) at four
# dates, each item check lists is on the overview with check's reason on
# its row.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
E=$PW_TOP/examples
tui_demo

overview() {	# plan, date
	p=$1 d=$2
	PLAN=$E/$p.yaml
	DB=$T/$p.db
	[ "$p" = sanya ] && { PLAN=$T/sanya.yaml; DB=$T/sanya.db; }
	"$PLANWATCH" -f "$PLAN" -d "$DB" --today "$d" check --format json \
	    > "$T/check.json" < /dev/null
	jq -r '.items[] | "\(.id)\t\(.reason)"' "$T/check.json" > "$T/want"
	n=$(grep -c '' "$T/want")
	tui_start 320 $((n + 30)) --today "$d"
	see "Needs attention" "$p $d: the overview" || return
	screen > "$T/screen"
	missing=$(while IFS='	' read -r id why; do
		grep -F -- " $id " "$T/screen" | grep -qF -- "$why" ||
		    echo "$id: $why"
	done < "$T/want")
	is "$missing" "" "$p $d: each of check's $n items with its reason"
	tui_quit
}

for d in 2017-06-30 2018-06-30 2019-12-31 2021-01-31; do
	overview hulunbuir $d; done
for d in 2024-06-30 2025-06-30 2025-12-31 2026-12-07; do
	overview linxiang $d; done
for d in 2024-06-30 2025-06-30 2025-09-30 2026-01-31; do
	overview sanya $d; done
for d in 2018-03-31 2018-06-30 2018-10-15 2019-01-31; do
	overview taiyuan $d; done
for d in 2025-03-31 2025-06-30 2025-09-30 2026-01-15; do
	overview yuan $d; done
finish
