#!/bin/sh
# t6002: the curses review under LANG=zh_CN.UTF-8: Chinese tabs, labels,
# keys help, forms and their errors, and columns that still line up with
# Chinese headings (measured in display columns), at 120 and 80 columns.
. "$PW_TOP/tests/lib.sh"
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	skip "Chinese review" "locale -a has no zh_CN.utf8 (tools/deps.sh with PLANWATCH_TEST_DEPS=1 makes it)"
	finish
fi
. "$PW_TOP/tests/tui/tmux.sh"
TUI_LOCALE=zh_CN.UTF-8
tui_fixture

# col TEXT LINE: the display column where TEXT starts in LINE (0-based).
col() {
	_p=${2%%"$1"*}
	printf '%s' "$_p" | LC_ALL=C.UTF-8 wc -L
}
# line_with TEXT: the first screen line holding TEXT.
line_with() {
	screen | grep -F -m1 -- "$1"
}
# lined_up DESC HEAD CELL HEADLINE_TEXT ROW_TEXT: HEAD in the heading line
# and CELL in the row start at the same column.
lined_up() {
	_h=$(line_with "$4")
	_r=$(line_with "$5")
	case $_h in *"$2"*) ;; *) _report 0 "$1" "no '$2' in: $_h"; return ;; esac
	case $_r in *"$3"*) ;; *) _report 0 "$1" "no '$3' in: $_r"; return ;; esac
	is "$(col "$2" "$_h")" "$(col "$3" "$_r")" "$1"
}

tui_start 120 40 --today 2025-07-15 --by 审核员
see "1 概况  2 任务  3 指标  4 单位  5 记录历史" "the tabs are Chinese"
see "截至2025-07-15" "the header says 截至"
see "✖ 3 逾期" "overview: counts with Chinese labels"
see "需要关注的事项" "overview: what needs attention"
see "逾期45天" "overview: days overdue in Chinese"
see "?:帮助  /:搜索" "the key line is Chinese"
nosee "overdue" "no English label left on the overview"

keys 2
see "任务  (排序: 方案顺序)" "milestones: the heading and sort order"
see "逾期10天完成" "milestones: done late with its days"
lined_up "milestones: dates under 完成时限" "完成时限" "2025-02-28" \
    "完成时限" "M-plan"
lined_up "milestones: departments under 牵头单位" "牵头单位" "县发改委" \
    "牵头单位" "M-plan"

keys 3
see "最新值" "targets: the headings"
see "按计划推进" "targets: status labels"
lined_up "targets: dates under 截至" "截至 " "2025-06-30" "最新值" "T-online"
lined_up "targets: status under 状态" "状态" "按计划推进" "最新值" "T-online"

keys 4
see "单位（作为牵头单位）" "departments: the heading"
see "县发展和改革委员会" "departments: a department"

keys '?'
see "通用按键" "? shows the keys in Chinese"
see "为所选指标记录数值" "the keys help is translated"
keys q

# A form: labels, the error as it is typed, and the message on save.
keys 3 r
see "记录数值" "r opens the record form"
see "截至 2025-07-15" "with the as-of date"
type_text "abc"
see "“abc”不是数值" "a bad value is rejected in Chinese"
keys C-u
type_text "85.5"
keys Tab C-u
type_text "2025-13-01"
see "不是日期：应为 YYYY-MM-DD" "a bad date is rejected in Chinese"
keys C-u
type_text "2025-07-10"
keys Enter
see "已记录数值85.5（T-online，截至2025-07-10）" "saved, said in Chinese"
tui_quit
is "$tui_rc" 0 "q quits with 0"

# At 80 columns the Chinese headings still leave the columns aligned.
tui_stop
tui_start 80 24 --today 2025-07-15
see "1 概况" "80 columns: the tabs"
keys 2
see "完成时限" "80 columns: milestones"
lined_up "80 columns: dates under 完成时限" "完成时限" "2025-02-28" \
    "完成时限" "M-plan"
scr=$(screen)
w=$(printf '%s\n' "$scr" | LC_ALL=C.UTF-8 wc -L)
ok "80 columns: nothing drawn past the edge ($w)" test "$w" -le 80
tui_quit
is "$tui_rc" 0 "q quits with 0 at 80 columns"
finish
