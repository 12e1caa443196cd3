#!/bin/sh
# t1006: a plan-level cadence: is the default of the targets that give none
# (quarterly when neither does); a target's own cadence wins; the plan
# cache gives what the file gives (issue 15, item 6).
. "$PW_TOP/tests/lib.sh"
export PLANWATCH_CACHE="$T/cache"

# plan CADENCE-LINE: three targets from 2025-01-01 with nothing recorded;
# T3 says it is quarterly.
plan() {
	cat <<EOF
plan: 报送频次
start: 2025-01-01
end: 2025-12-31
$1
departments:
  - {id: health, name: 市卫健委}
targets:
  - {id: T1, name: 甲, direction: ">=", target: 10, due: 2025-12-31, owner: health}
  - {id: T2, name: 乙, direction: ">=", target: 10, due: 2025-12-31, owner: health}
  - {id: T3, name: 丙, direction: ">=", target: 10, due: 2025-12-31, owner: health, cadence: quarter}
EOF
}
plan "" > "$T/none.yaml"
plan "cadence: month" > "$T/month.yaml"
plan "cadence: week" > "$T/week.yaml"

run "$PLANWATCH" -f "$T/month.yaml" validate
is "$rc" 0 "cadence: month is a plan key"
is "$err" "" "and validate says nothing of it"

# As of 2025-02-15 no quarter has ended, January has.
chk() { "$PLANWATCH" -f "$T/$1.yaml" -d "$T/none.db" --today "$2" check; }
run chk none 2025-02-15
has "$out" "stale=0 " "no plan cadence: quarterly, nothing stale in February"
run chk month 2025-02-15
has "$out" "stale=2 " "cadence: month makes the two targets without their own stale"
has "$out" "WARNING 市卫健委: 2 targets not reported for 1+ periods" \
    "T1 and T2, one month each"
run "$PLANWATCH" -f "$T/month.yaml" -d "$T/none.db" --today 2025-02-15 \
    check --format json
has "$out" "no value for 1 month, none yet" "counted in months"
hasnt "$out" "\"id\":\"T3\"" "T3's own cadence (quarter) wins: not stale"
run chk week 2025-02-15
has "$out" "stale=2 " "cadence: week: T1 and T2"
has "$out" "CRITICAL 市卫健委: 2 targets not reported for 5+ periods" \
    "five whole ISO weeks since the first that began in the plan"
run chk none 2025-07-15
has "$out" "stale=3 " "in July every target has missed a quarter"

# A bad value is refused with the choices.
plan "cadence: fortnight" > "$T/bad.yaml"
run "$PLANWATCH" -f "$T/bad.yaml" validate
is "$rc" 1 "cadence: fortnight is an error"
has "$err" "week" "the error names the choices"

# The cache: a cold run (the file parsed) and a warm one (its image) agree.
rm -rf "$T/cache"
for f in month week none; do
	"$PLANWATCH" -f "$T/$f.yaml" -d "$T/none.db" --today 2025-02-15 \
	    status > "$T/cold" 2>&1
	"$PLANWATCH" -f "$T/$f.yaml" -d "$T/none.db" --today 2025-02-15 \
	    status > "$T/warm" 2>&1
	ok "$f: the warm run prints what the cold run printed" \
	    cmp -s "$T/cold" "$T/warm"
	env PLANWATCH_CACHE= "$PLANWATCH" -f "$T/$f.yaml" -d "$T/none.db" \
	    --today 2025-02-15 status > "$T/nocache" 2>&1
	ok "$f: and what no cache prints" cmp -s "$T/cold" "$T/nocache"
done
ok "the plans were cached" test -n "$(ls "$T/cache" 2>/dev/null)"
run "$PLANWATCH" -f "$T/month.yaml" -d "$T/none.db" --today 2025-02-15 check
has "$out" "stale=2 " "the cached month plan still has T1 and T2 stale"
finish
