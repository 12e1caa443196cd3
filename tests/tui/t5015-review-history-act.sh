#!/bin/sh
# t5015: the History view shows items, so r, p, d and u act on its
# selected row's item as in the other views (issue 15: it said "History is
# read-only"); and the reporting unit stored with a record (its source) is
# shown: a column of the History view as width allows, and on each line
# of the detail's history (issue 16.12: stored, never shown); the forms
# have a Source field, proposing the last one saved (they stored "review").
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_demo
pwr() { "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 "$@" > /dev/null; }
pwr record T05-negative-share 39 --date 2025-09-29 --source 吉阳区卫健局 --by clerk
pwr progress G2025 40 --date 2025-09-29 --source 市医保局 --by clerk

find() {
	keys /
	type_text "$1"
	keys Enter
}
bottom() {
	screen | tail -1
}
says() {
	_i=0
	while [ "$_i" -lt "$WAIT" ]; do
		case $(bottom) in *"$1"*) break ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	has "$(bottom)" "$1" "$2"
}

tui_start 160 50 --today 2025-09-30 --by tester
see "Needs attention" "the review is up"

# History: the source is a column at 160 columns.
keys 5
see "Source" "History has a Source column at 160 columns"
see "吉阳区卫健局" "with the unit that reported the value"
see "市医保局" "and the progress"

# r on a target's row opens its form.
find T05-negative-share
keys r
see "Record a value" "History: r on a target's row opens the record form"
see "T05-negative-share" "for that target"
see "Source" "the form has a Source field"
type_text 39.5
keys Tab Tab Tab
type_text 三亚市卫健委
keys Enter
says "recorded 39.5 for T05-negative-share as of 2025-09-30" "and records"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 log T05-negative-share --format csv
has "$out" "39.5,,三亚市卫健委,0" "with the source typed in the form"
hasnt "$out" ",review," "not 'review'"
find T05-negative-share
keys p
says "T05-negative-share is a target" "History: p on a target says it is one"

# p and d on a milestone's row.
find G2025
keys p
see "Set progress" "History: p on a milestone's row opens the progress form"
keys C-u
type_text 55
keys Enter
says "progress of G2025 set to 55% as of 2025-09-30" "and records it"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 log G2025
has "$out" "tester" "the progress is in the database"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 log G2025 --format csv
has "$out" "55,,三亚市卫健委,0" "the next form proposed the source last saved"
find G2025
keys r
says "G2025 is a milestone" "History: r on a milestone's row says it is one"
keys d
see "Mark done" "History: d on a milestone's row opens the done form"
keys Escape

# The detail's history names the source on each line.
keys 3
find T05-negative-share
keys Enter
see "clerk (吉阳区卫健局)" "the detail's history shows who recorded it and the source"
keys Escape

# Narrow: the column goes, the rows stay.
tui_quit
tui_start 100 40 --today 2025-09-30
see "Needs attention" "the review is up at 100 columns"
keys 5
nosee "Source" "no Source column at 100 columns"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
