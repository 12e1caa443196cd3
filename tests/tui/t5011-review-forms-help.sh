#!/bin/sh
# t5011: the forms start in the field to fill and say what Enter does; ?
# lists every key and what each status symbol means; the manual points to
# the status rules where they are (issue 16.8: a note typed into the done
# form landed in its date, "2025-09-30误操作"; time travel said "Enter:
# save"; ? left out Space, h, l and s and had no legend).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

tui_start 120 40 --today 2025-07-15
see "1 Overview" "the review is up"
keys 2 / ; type_text "M-portal"; keys Enter
see "M-portal" "milestones: M-portal selected"
keys d
see "Mark done" "d opens the done form"
type_text "误操作"
nosee "2025-07-15误操作" "what is typed first is not added to the date"
keys Enter
see "M-portal done on 2025-07-15" "the done form saves with the date filled in"
run "$PLANWATCH" -f "$PLAN" -d "$DB" log M-portal
has "$out" "误操作" "what was typed is the note"
keys u
see "Reopen" "u opens the reopen form"
type_text "重新打开"
keys Enter
see "M-portal reopened as of 2025-07-15" "the reopen form saves with the date filled in"
run "$PLANWATCH" -f "$PLAN" -d "$DB" log M-portal
has "$out" "重新打开" "what was typed in it is the note"
keys d Tab Tab
type_text "x"
see "2025-07-15x" "Tab reaches the date"
keys Escape

keys t
see "Time travel" "t opens time travel"
see "Enter: go to the date" "its hint says what Enter does"
nosee "Enter: save" "not save"
nosee "Tab: next field" "nor Tab, which has nowhere to go"
keys Escape
keys 3 r
see "Enter: record the value  Tab: next field  Escape: cancel" \
    "a record form says Enter records the value"
keys Escape

# From the first view, ? lists the keys of every view and a legend.
keys 1 '?'
see "Keys everywhere" "? opens the help"
keys G
see "Symbols of targets" "the help ends with the status symbols"
for want in "Space          fold or unfold" \
    "Enter          on a phase or a recurring milestone: as Space" \
    "h, Left        fold" \
    "l, Right       unfold" "s              sort:" \
    "Shift-Tab, Up  previous field" "Ctrl-U         clear the field" \
    "✔    done       done on or before its due date" \
    "✔!   done late  done after its due date" \
    "✔    met        the latest value by the due date meets the goal" \
    "▲    at risk" "○    pending" "?    no data" "✖    missed" \
    "✖    overdue" "◷    due soon" "▸    active" "↗    on track"; do
	found=0
	keys g
	i=0
	while [ "$i" -lt 6 ]; do
		case $(screen) in *"$want"*) found=1; break ;; esac
		keys PgDn
		sleep 0.2
		i=$((i + 1))
	done
	ok "help lists: $want" [ "$found" = 1 ]
done
keys q
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"

# The manual.
man=$PW_TOP/man/planwatch-review.1
ok "the manual points to planwatch-status(1) for the rules" \
    grep -q '^\.Pq Xr planwatch-status 1 , STATUS RULES' "$man"
hasnt "$(cat "$man")" "Xr planwatch 1 , STATUS RULES" \
    "and not to planwatch(1)"
for k in "Ic Space" "Ic h , Ic Left" "Ic l , Ic Right" "Ic s" "Ic F1" \
    "Ic Shift-Tab" "Ic Backspace" "Ic Ctrl-U"; do
	ok "the manual lists $k" grep -q "$k" "$man"
done
finish
