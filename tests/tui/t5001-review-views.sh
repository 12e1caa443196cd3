#!/bin/sh
# t5001: the review's five views, help, details, and no-terminal refusal.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

run "$PLANWATCH" -f "$PLAN" -d "$DB" review
is "$rc" 1 "without a terminal the review exits 1"
has "$err" "no terminal; use 'planwatch status', 'report' or 'check'" \
    "and says what to use instead"
run "$PLANWATCH" -f "$PLAN" -d "$DB"
is "$rc" 1 "no command and no terminal: the same"

tui_start 120 40 --today 2025-07-15
see "测试县营商环境优化提升行动实施方案" "the header shows the plan's title"
see "as of 2025-07-15" "the header shows the as-of date"
see "1 Overview" "the tabs are shown"
see "Phases" "overview: the phases"
see "部署启动阶段" "overview: a phase on the timeline"
see "↓2025-07-15" "overview: the as-of line is marked"
see "Needs attention, worst first" "overview: what needs attention"
see "M-review@2025-05" "overview: the most overdue instance is listed"
see "45 days overdue" "overview: with its days overdue"
see "✖ 3 overdue" "overview: counts by status with symbols"

keys 2
see "Milestone  (sort: plan order)" "2 opens the milestones"
see "[-] P1 部署启动阶段" "milestones: a tree by phase"
see "[+] M-review 专班每月调度" "milestones: a recurring milestone folded"
nosee "M-review@2025-07" "its instances are hidden while folded"
keys / ; type_text "M-review"; keys Enter Space
see "M-review@2025-07" "Space unfolds the instances"
keys s
see "sort: most urgent" "s sorts"
keys s s s s
see "sort: plan order" "s cycles back to plan order"

keys Tab
see "Latest" "Tab opens the targets"
see "T-online 政务服务事项全程网办率" "targets: a target"
see "72 %" "targets: the latest value with its unit"
see ">= 90 %" "targets: direction and goal"
see "二级" "targets: a scale value shows its level"
keys Enter
see "goal: >= 90 % by 2025-12" "Enter shows the target's detail"
see "History" "the detail has the history"
keys Escape
keys 4
see "Department (as lead)" "4 opens the departments"
see "县发展和改革委员会" "departments: ranked"
keys Enter
see "Leads" "Enter lists what a department leads"
see "Supports" "and what it supports"
keys q 5
see "Recorded (UTC)" "5 opens the history"
see "fixture" "history: who recorded"
keys BTab
see "Department (as lead)" "Shift-Tab goes back a view"
keys '?'
see "Keys everywhere" "? shows the keys"
see "time travel" "help lists t"
see "search names and ids" "help lists /"
keys q
nosee "Keys everywhere" "q closes the help"
tui_quit
is "$tui_rc" 0 "q quits with status 0"
ok "the terminal is restored after q" terminal_sane
is "$(cat "$T/stderr")" "" "nothing on standard error"

# PLANWATCH_KEYLOG: the first screen, then a line per key with its
# processor time and the time that passed, in microseconds.
TUI_ENV="PLANWATCH_KEYLOG='$T/keys.log'" tui_start 120 40 --today 2025-07-15
see "1 Overview" "with PLANWATCH_KEYLOG the review is up"
keys j Tab
see "Milestone  (sort: plan order)" "and takes keys"
tui_quit
is "$tui_rc" 0 "and quits with status 0"
ok "keylog: the first screen, in microseconds" \
    grep -Eq '^first-screen [0-9]+$' "$T/keys.log"
is "$(grep -Ec '^(j|\^I) [0-9]+ [0-9]+$' "$T/keys.log")" 2 \
    "keylog: a line per key handled (q ends it): name, processor time, time passed"
finish
