#!/bin/sh
# t3004: no "|" reaches check's text output but the one before the
# perfdata: a monitoring system takes what follows the first "|" of a line
# as performance data.  A "|" in the plan's id (from its file name), a
# name, a department or an UNKNOWN reason is shown as "¦"; perfdata labels
# are quoted target ids, with no "=", quote or "|".  JSON keeps the text.
. "$PW_TOP/tests/lib.sh"
F=$PW_TOP/tests/cli
D="$T/ops|x=1;2;3"
mkdir "$D"
P="$D/ops|x=1;2;3.yaml"
DB=$T/plan.db
sed -e '/^id: t3$/d' -e 's/name: 完成场馆建设/name: "Build A | B"/' \
    -e 's/name: 财政局/name: "财政局|预算科"/' "$F/t3-plan.yaml" > "$P"
"$PLANWATCH" -f "$P" -d "$DB" import "$F/t3-values.csv" > /dev/null 2>&1 \
    < /dev/null
pw() { "$PLANWATCH" -f "$P" -d "$DB" "$@"; }
line() { printf '%s\n' "$out" | sed -n "$1p"; }
pipes() { printf '%s' "$1" | tr -cd '|' | wc -c; }

run pw validate
is "$rc" 0 "the plan is valid"

run pw check --today 2025-06-20
is "$rc" 2 "CRITICAL"
is "$(pipes "$(line 1)")" 1 "the status line: one | only"
has "$(line 1)" "PLANWATCH CRITICAL - ops¦x=1;2;3: 1 overdue, 1 due soon | \
overdue=1 " "the plan's id with ¦ before the separator"
is "$(line 2)" "CRITICAL M2 (教育局) 10 days overdue: Build A ¦ B" \
    "a milestone's name with ¦"
is "$(line 3)" "WARNING M3 (财政局¦预算科) due in 10 days: 验收准备" \
    "a department's name with ¦"
is "$(printf '%s\n' "$out" | sed 1d | tr -cd '|' | wc -c)" 0 \
    "no | on the item lines"
# Every perfdata item: 'LABEL'=VALUE[UOM];WARN;CRIT with a label free of
# = and quotes, and numbers of [-0-9.] only.
perf=$(line 1 | sed 's/^[^|]*| //')
for item in $perf; do
	case $item in
	*=*=*) _report 0 "perfdata: one = in $item" "" ;;
	"'"*"'="*)
		label=${item%%\'=*}
		label=${label#\'}
		case $label in
		*"'"* | *"|"* | *" "*) _report 0 "perfdata: label $label" "" ;;
		*) _report 1 "perfdata: label $label" "" ;;
		esac ;;
	[a-z]*=*) _report 1 "perfdata: count $item" "" ;;
	*) _report 0 "perfdata: item $item" "" ;;
	esac
	nums=$(printf '%s' "${item#*=}" | sed 's/%//; s/[;:~]/ /g')
	for n in $nums; do
		case $n in
		*[!-0-9.]*) _report 0 "perfdata: number $n" "" ;;
		esac
	done
done

# UNKNOWN: a plan that cannot be read, named with a |.
run "$PLANWATCH" -f "$T/a|b.yaml" -d "$DB" check
is "$rc" 3 "UNKNOWN"
has "$out" "a¦b.yaml" "UNKNOWN: the name with ¦"
is "$(pipes "$out")" 0 "UNKNOWN: no |"
run pw check --dept "a|b"
is "$rc" 3 "UNKNOWN: an unknown department"
has "$out" "'a¦b'" "UNKNOWN: the department with ¦"
is "$(pipes "$out")" 0 "UNKNOWN: no | in the reason"

# JSON has no separator to protect: the text as it is.
run pw check --format json --today 2025-06-20
is "$(printf '%s' "$out" | jq -r '.plan + " / " + .items[0].name')" \
    "ops|x=1;2;3 / Build A | B" "json: the text unchanged"
finish
