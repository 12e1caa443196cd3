#!/bin/sh
# t5010: the Targets view shows who leads each target and when it is due,
# as the width allows (issue 16.7: no lead or due column even at 200
# columns); a lead department's name is not cut while the row has room
# (at 120 columns "市卫生健康…" beside blank columns); the header counts
# milestones and targets each after its word (one tick for both before).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture
# The data office without its short name: a long name to fit.
sed 's/{id: data, name: 县政务服务和大数据管理局, short: 县数据局}/{id: data, name: 县政务服务和大数据管理局}/' \
    "$PW_TOP/tests/data/tui/plan.yaml" > "$PLAN"
run "$PLANWATCH" -f "$PLAN" validate
is "$rc" 0 "the plan without the short name is valid"

tui_start 200 30 --today 2025-07-15
see "1 Overview" "the review is up at 200 columns"
keys 3
see "Latest" "3 opens the targets"
see "Due" "200 columns: a due-date column"
see "Lead" "200 columns: a lead department column"
see "2025-12" "the due date is shown"
see "on track 县发改委" "the lead of T-days is shown (its short name)"

tui_start 120 30 --today 2025-07-15
see "1 Overview" "the review is up at 120 columns"
keys 3
see "Lead" "120 columns: the lead column"
see "县政务服务和大数据管理局" "a long lead name is shown whole while the row has room"
nosee "县政务服务和大…" "it is not cut"
see "T-online 政务服务事项全程网办率" "ids and names are shown"

# The overview's attention list and the milestones' lead column: the
# same, where the name had room to spare.
keys 1
see "M-portal" "overview: an overdue milestone led by the data office"
has "$(screen | grep -F 'M-portal ')" "县政务服务和大数据管理局" \
    "overview: its lead is not cut"
keys 2 / ; type_text "M-portal"; keys Enter
see "县政务服务和大数据管理局 " "milestones: the lead is not cut"
nosee "县政务服务…" "milestones: nor cut short"

tui_start 90 30 --today 2025-07-15
see "1 Overview" "the review is up at 90 columns"
keys 3
see "Due" "90 columns: the due date before the as-of date"
see "T-level" "the id is shown"
see "on track" "and the status"
nosee "As of" "the as-of date gives way first"

tui_start 60 30 --today 2025-07-15
see "1 Overview" "the review is up at 60 columns"
keys 3
see "T-online" "60 columns: the id is never cut"
see "on track" "the status stays"
nosee "Lead" "the lead gives way"

# The header: each group's counts after its word.
tui_start 200 30 --today 2025-07-15
see "milestones ✖ 3 overdue" "the header names the milestones' counts"
see "targets ↗ 3 on track" "and the targets'"
scr=$(screen)
case $(printf '%s\n' "$scr" | head -1) in
*"milestones ✖ 3 overdue"*"✔ 2 done"*"targets ↗ 3"*) r=1 ;;
*) r=0 ;;
esac
ok "milestones' done before the word targets" [ "$r" = 1 ]
tui_start 80 30 --today 2025-07-15
see "milestones ✖3" "80 columns: the counts without labels keep their words"
scr=$(screen)
case $(printf '%s\n' "$scr" | head -1) in
*"milestones ✖3"*"✔2"*"targets ↗3"*) r=1 ;;
*) r=0 ;;
esac
ok "80 columns: the targets' counts after their word" [ "$r" = 1 ]
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
