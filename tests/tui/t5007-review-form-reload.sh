#!/bin/sh
# t5007: a form stays on the review it was opened on: the plan file
# changing under an open form (here losing the target being recorded) is
# reloaded once the form closes, never while it holds its indexes.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

tui_start 120 40 --today 2025-07-15 --by 审核员
keys 3
see "T-days" "targets shown"
keys j r
see "Record a value" "r opens the record form"
see "T-days" "for the second target"
# The plan without its last two targets, T-days among them.
head -60 "$PLAN" > "$T/plan.new" && mv "$T/plan.new" "$PLAN"
sleep 2.5
nosee "the plan file changed" "no reload while the form is open"
type_text "3"
keys Enter
see "recorded 3 for T-days as of 2025-07-15" "the form saves what it was opened on"
see "the plan file changed; reloaded" "then the changed plan is reloaded"
nosee "T-level" "without the targets it lost"
ok "planwatch is still running" test -n "$(tui_pid)"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
