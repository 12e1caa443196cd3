#!/bin/sh
# t5008: the detail's history, in the pager and in the side pane, shows
# what was recorded up to the as-of date, as the History view does
# (issue 16.4: as of 2025-09-30 S2-build listed "2026-04-20 done" and
# T05-negative its values up to 2026-09-30).  The demo database.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
PLAN=$T/sanya.yaml
DB=$T/sanya.db
cp "$PW_TOP/examples/sanya.yaml" "$PLAN"
"$PLANWATCH" -f "$PLAN" -d "$DB" --today 2026-11-23 --by demo \
    import "$PW_TOP/examples/sanya-values.csv" > /dev/null

# find VIEW TEXT: switch to a view and select the first row matching TEXT.
find() {
	keys "$1" /
	type_text "$2"
	keys Enter
}

tui_start 120 40 --today 2025-09-30
find 2 S2-build
keys Enter
see "2025-09-30  progress" "S2-build: the progress of the as-of day is shown"
nosee "2026-04-20  done" "S2-build: the done of 2026-04-20 is not shown"
nosee "2025-12-31  progress" "S2-build: no progress after the as-of date"
keys q
find 3 新增配备负压急救车
keys Enter
see "2025-09-30  value    8" "T05-negative: the value of the as-of day is shown"
nosee "2025-12-31  value" "T05-negative: no value after the as-of date"
nosee "2026-09-30  value" "T05-negative: nor the last, of 2026-09-30"
keys q
tui_quit

# Travelling forward shows them again.
tui_start 120 40 --today 2026-11-23
find 2 S2-build
keys Enter
see "2026-04-20  done" "as of 2026-11-23 the done of 2026-04-20 is shown"
keys q
tui_quit

# The side pane asks the same.
tui_start 170 40 --today 2025-09-30
find 3 新增配备负压急救车
see "2025-09-30  value    8" "side pane: the value of the as-of day is shown"
nosee "2025-12-31  value" "side pane: no value after the as-of date"
tui_quit
finish
