#!/bin/sh
# t5013: d, p and r act on the selected row of any view that shows an
# item: the overview's attention list too (issue 15: they said "select a
# milestone first (view 2, Milestones)" there); a clear message when the
# row is not an item, when the action does not apply to it, and in the
# views that show none.  The help lists F1 and says what Enter does in
# each form (it said "Enter save" for all of them, and had no F1).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_demo

# find TEXT: select the next row matching TEXT in the current view.
find() {
	keys /
	type_text "$1"
	keys Enter
}
# bottom: the screen's last line (messages).
bottom() {
	screen | tail -1
}
# says TEXT DESC: the bottom line shows TEXT.
says() {
	_i=0
	while [ "$_i" -lt "$WAIT" ]; do
		case $(bottom) in *"$1"*) break ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	has "$(bottom)" "$1" "$2"
}

tui_start 200 60 --today 2025-09-30 --by tester
see "Needs attention" "the overview's attention list is up"

# p on a milestone far behind pace in the overview.
find G2025
keys p
see "Set progress" "p on G2025 in the overview opens the progress form"
see "G2025 公立医院" "for G2025"
see "Enter: record the progress" "the form says what Enter does"
keys C-u
type_text 75
keys Enter
says "progress of G2025 set to 75% as of 2025-09-30" "p records G2025's progress"
see "behind pace: 75% done, 91% expected" "the list shows it at once"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 log G2025
has "$out" "tester" "the progress is in the database, by --by"

# d on an overdue instance in the overview.
find "R-weekly@2025-W33"
keys d
see "Mark done" "d on an overdue instance opens the done form"
see "Enter: record the milestone done" "the form says what Enter does"
keys Enter
says "R-weekly@2025-W33 done on 2025-09-30" "d records it done"
nosee "44 days overdue" "it left the attention list"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 log R-weekly@2025-W33
has "$out" "done" "done is in the database"

# r on a target at risk in the overview.
find T05-negative
keys r
see "Record a value" "r on a target at risk opens the record form"
see "Enter: record the value" "the form says what Enter does"
type_text 12
keys Enter
says "recorded 12 for T05-negative as of 2025-09-30" "r records its value"
nosee "latest 8, trend reaches 9.01" "the list shows the new value at once"

# What does not apply, in the overview.
find "R-weekly@2024-W06"
keys r
says "R-weekly@2024-W06 is a milestone: r records a target's value" \
    "r on a milestone says it is one"
find T02-tcm-discharge
keys d
says "T02-tcm-discharge is a target: p, d and u are for milestones" \
    "d on a target says it is one"
keys p
says "T02-tcm-discharge is a target" "p too"
keys g d
says "the selected row is not a milestone" "d on the counts row"
keys r
says "the selected row is not a target" "r on the counts row"

# Milestones: a phase row, and r on an instance.
keys 2 g
keys d
says "the selected row is not a milestone" "Milestones: d on a phase"
find G2025
keys r
says "G2025 is a milestone" "Milestones: r on a milestone"
keys d
see "Mark done" "Milestones: d on a milestone still opens its form"
keys Escape

# Targets: d on a target.
keys 3
find T12-cmi
keys d
says "T12-cmi is a target" "Targets: d on a target says it is one"
keys r
see "Record a value" "Targets: r on a target opens its form"
keys Escape

# The view that shows no item is read-only.
keys 4 d
says "Departments is read-only" "Departments: d says the view is read-only"
keys p
says "Departments is read-only" "Departments: p too"
# History acts on its rows' items (t5015).

# The help: F1, and what Enter does in each form.
keys 1 F1
see "Keys everywhere" "F1 opens the help"
# The help, page by page.
: > "$T/help"
for i in 1 2 3 4 5 6; do
	screen >> "$T/help"
	keys PgDn
	sleep 0.2
done
scr=$(cat "$T/help")
has "$scr" "?, F1 " "the help lists F1"
has "$scr" "Enter (r)      record the value" "Enter in r's form"
has "$scr" "Enter (p)      record the progress" "Enter in p's form"
has "$scr" "Enter (d)      record the milestone done" "Enter in d's form"
has "$scr" "Enter (u)      reopen the milestone" "Enter in u's form"
has "$scr" "Enter (t)      go to the date" "Enter in t's form"
hasnt "$scr" "Enter          save" "no Enter that only saves"
has "$scr" "r, p, d, u" "the overview's keys list r, p, d and u"
keys q
nosee "Keys everywhere" "q closes the help"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
