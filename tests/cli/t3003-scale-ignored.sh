#!/bin/sh
# t3003: values a target's scale no longer has are ignored and counted, in
# the history the rules read and in the years before it: a number recorded
# before the target had a scale, and a level the plan dropped since.
. "$PW_TOP/tests/lib.sh"
DB=$T/scale.db

plan() {	# file, the target's lines
	cat > "$1" <<PLAN
format: 1
plan: 等级测试
id: sc
start: 2020-01-01
end: 2026-12-31
departments:
  - {id: edu, name: 教育局}
targets:
  - id: T1
    name: 评估等级
    direction: ">="
$2
    due: 2026-12-31
    owner: edu
PLAN
}
plan "$T/number.yaml" '    target: 3'
plan "$T/levels.yaml" '    target: 良
    scale: [差, 中, 良, 优]'
plan "$T/dropped.yaml" '    target: 优
    scale: [差, 中, 优]'

rec() {	# plan, value, date
	"$PLANWATCH" -f "$T/$1.yaml" -d "$DB" record T1 "$2" --date "$3" \
	    > /dev/null 2>&1
}
rec number 2 2020-03-01 && rec levels 良 2021-03-01 &&
    rec levels 良 2021-06-01 && rec levels 中 2021-09-01 &&
    rec levels 良 2025-03-01 && rec levels 优 2025-06-01
is "$?" 0 "six values recorded under the plan of their day"

run "$PLANWATCH" -f "$T/levels.yaml" -d "$DB" status --today 2025-12-31
has "$out" "note: 1 recorded level is not in its target's scale and was ignored" \
    "the number recorded before the target had a scale is ignored"
has "$out" "✔ 1 met" "the latest level meets the target"

# As of 2025: 2020's number and 2021's two 良 lie before the year the
# rules read; 2025's 良 within it.
run "$PLANWATCH" -f "$T/dropped.yaml" -d "$DB" status --today 2025-12-31
is "$rc" 0 "status exits 0"
has "$out" "note: 4 recorded levels are not in their targets' scales and were ignored" \
    "a number and three dropped levels, before and within the year"
has "$out" "✔ 1 met" "the latest level, 优, still decides"

run "$PLANWATCH" -f "$T/dropped.yaml" -d "$DB" status --today 2021-12-31
has "$out" "note: 3 recorded levels are not in their targets' scales and were ignored" \
    "as of 2021: the number and 2021's two 良, not 2025's"

finish
