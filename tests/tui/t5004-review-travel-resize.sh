#!/bin/sh
# t5004: time travel (t, T), resizing at any moment down to "window too
# small" and back, and long Chinese names aligned by display width.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

tui_start 120 40 --today 2025-07-15
see "✖ 3 overdue" "three overdue as of 2025-07-15"
keys t
see "Time travel" "t asks for a date"
keys C-u
type_text "2025-13-40"
see "not a date" "a bad date is rejected as it is typed"
keys C-u
type_text "2025-03-15"
keys Enter
see "as of 2025-03-15 (time travel)" "the header shows the date travelled to"
see "✖ 0 overdue" "nothing was overdue then"
keys 2
see "16d left" "days left are counted from the new date"
keys T
see "as of 2025-07-15" "T comes back to today"
nosee "time travel)" "and the header says so"

# Long Chinese names: every line fits the width and columns line up.
keys 2
see "Milestone  (sort: plan order)" "milestones shown"
if command -v python3 > /dev/null 2>&1; then
	screen > "$T/screen.txt"
	python3 - "$T/screen.txt" 120 > "$T/align.txt" 2>&1 <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
limit = int(sys.argv[2])
cols = set()
for ln in lines:
    if width(ln) > limit:
        print("too wide:", width(ln), ln)
    i = ln.find("2025-0")
    if i > 0 and ("M-" in ln):
        cols.add(width(ln[:i]))
print("due columns:", "aligned" if len(cols) == 1 else sorted(cols))
PY
	hasnt "$(cat "$T/align.txt")" "too wide" "no line is wider than the window"
	has "$(cat "$T/align.txt")" "due columns: aligned" \
	    "the due dates start in one display column beside Chinese names"
	has "$(screen)" "配套…" "a long name is cut with an ellipsis"
else
	skip "alignment" "python3 is not installed"
fi

keys g j
$TM resize-window -t pw -x 200 -y 60
see "support: 县财政局, 县数据局" "at 200x60 the detail pane shows the selection"
keys j
see "lead: 县发展和改革委员会" "the pane follows the selection"
$TM resize-window -t pw -x 40 -y 12
see "1 Ov" "at 40x12 the review still draws"
nosee "window too small" "40x12 is usable"
$TM resize-window -t pw -x 30 -y 8
see "window too small: 40x10 needed" "below the minimum it says so"
keys j k 2 3
$TM resize-window -t pw -x 120 -y 40
see "Latest" "back at 120x40 it recovers (keys were not lost)"
nosee "window too small" "and the notice is gone"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
