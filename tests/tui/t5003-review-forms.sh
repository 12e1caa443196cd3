#!/bin/sh
# t5003: the forms: r, p, d, u validate as they are typed, Escape cancels,
# and what is saved is at once in the history and the statuses.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

tui_start 120 40 --today 2025-07-15 --by 审核员
keys 3
see "T-online" "targets shown"
keys r
see "Record a value" "r opens the record form"
see "T-online 政务服务事项全程网办率 (%)" "for the selected target"
see "As of" "with the as-of date"
see "2025-07-15" "defaulting to the as-of date"
type_text "abc"
see "'abc' is not a number" "a bad value is rejected as it is typed"
keys Enter
see "Record a value" "Enter does not save a bad value"
keys C-u
type_text "85.5"
nosee "is not a number" "a good value clears the error"
keys Tab C-u
type_text "2025-13-01"
see "not a date" "a bad date is rejected"
keys C-u
type_text "2025-07-10"
keys Enter
see "recorded 85.5 for T-online as of 2025-07-10" "Enter saves and says so"
see "85.5 %" "the table shows the new value at once"
run "$PLANWATCH" -f "$PLAN" -d "$DB" log T-online
has "$out" "85.5" "the value is in the database"
has "$out" "审核员" "recorded by --by"

keys r
type_text "99"
keys Escape
see "cancelled" "Escape cancels"
run "$PLANWATCH" -f "$PLAN" -d "$DB" log T-online
hasnt "$out" "99" "a cancelled form saves nothing"

keys 2 g j j j j
see "M-portal" "milestones shown"
keys p
see "Set progress" "p opens the progress form"
keys C-u
type_text "150"
see "outside 0..100" "progress over 100 is rejected"
keys C-u
type_text "80"
keys Enter
see "progress of M-portal set to 80%" "progress saved"
see "80%" "the milestone shows it"
keys d
see "Mark done" "d opens the done form"
keys Enter
see "M-portal done on 2025-07-15" "done on the as-of date by default"
see "✔!   M-portal" "the milestone is now done late"
keys 5
see "M-portal" "the history shows the record at once"
keys 2 u
see "Reopen" "u opens the reopen form"
keys Enter
see "M-portal reopened as of 2025-07-15" "reopened"
see "✖    M-portal" "and overdue again"
keys / ; type_text "M-funds"; keys Enter u
see "is not done" "u on an open milestone says so"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
