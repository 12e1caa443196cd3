#!/bin/sh
# t3007: the on-time rate counts what is due so far: an instance due today
# and still open is not late (issue 16.9); past its due date it is.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"

# dept NAME: the department's line of the ranking, spaces squeezed.
dept() {
	printf '%s\n' "$out" | sed -n "s/^ *[0-9]*\. $1 /$1 /p" | tr -s ' '
}

H=$PW_TOP/examples/hulunbuir.yaml
# The Hulunbuir plan's first items are due 2017-12-31: nothing overdue.
run "$PLANWATCH" -f "$H" -d "$T/h.db" --today 2017-12-31 status --all
is "$rc" 0 "status exits 0"
has "$out" "✖ 0 overdue" "nothing is overdue on the due date"
hasnt "$out" "0 of 1 on time" "an item due today is not counted as late"
is "$(dept 市编办)" "市编办 - nothing due yet" \
    "市编办, whose item is due today, has nothing due yet"
run "$PLANWATCH" -f "$H" -d "$T/h.db" --today 2018-01-01 status --all
is "$(dept 市编办)" "市编办 0% 0 of 1 on time, 1 overdue" \
    "the day after, the open item counts against the rate"

# The fixture: 财政局 did M1 on time; its M3 is due 2025-06-30.
run pw status --today 2025-06-30
is "$(dept 财政局)" "财政局 100% 1 of 1 on time" \
    "due today and open: only M1 counts"
run pw status --today 2025-07-01
is "$(dept 财政局)" "财政局 50% 1 of 2 on time, 1 overdue" \
    "past due: M3 counts"
"$PLANWATCH" -f "$F/t3-plan.yaml" -d "$DB" --today 2025-06-30 done M3 \
    > /dev/null 2>&1 < /dev/null
run pw status --today 2025-06-30
is "$(dept 财政局)" "财政局 100% 2 of 2 on time" \
    "done on its due date, it counts as on time"
finish
