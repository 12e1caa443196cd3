#!/bin/sh
# t5002: search (/ n N, Chinese too) and the filter (f, F).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

tui_start 120 40 --today 2025-07-15
keys 2
see "Milestone  (sort: plan order)" "the milestones are shown"
keys /
type_text "一网通办"
keys Enter Enter
see "M-portal" "a Chinese search finds the milestone"
see "support: 县发改委" "Enter on the match shows its detail"
keys Escape
keys / ; type_text "zzzz-nothing"; keys Enter
see "not found: zzzz-nothing" "a search that finds nothing says so"
keys g / ; type_text "m-"; keys Enter
see " 2/7" "the search is case-insensitive for ASCII"
keys n
see " 3/7" "n finds the next match"
keys N
see " 2/7" "N finds the previous match"

keys f
see "Milestones that are" "f opens the filter menu"
see "县政务服务和大数据管理局" "the menu lists the departments"
# everything, (caption), pending, active, due soon, overdue
keys j j j j Enter
see "filter: overdue" "the filter is shown by the tabs"
see "M-portal" "an overdue milestone passes"
nosee "M-funds" "an active one is hidden"
keys 3
see "nothing matches the filter" "targets: a milestone status hides them"
keys F
nosee "filter: overdue" "F clears the filter"
see "T-days" "the targets are back"
keys f G Enter
see "filter: 县数据局" "a department filter"
see "T-online" "its targets pass"
nosee "T-days" "another department's are hidden"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
