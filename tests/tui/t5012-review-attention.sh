#!/bin/sh
# t5012: the overview's attention list is the model's (issue 15, the
# review): every item check lists, worst first, each with its kind's
# symbol and why in numbers; far behind and behind pace have their own
# symbol and colour (the demo's G2025, critical in check, was a calm
# "▸ … 92d left" like any active item); the reason is cut at its end when
# narrow, an id never; the ? legend lists the symbols.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
# The demo (tools/demo.sh) as of 2025-09-30.
tui_demo
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-09-30 check
printf '%s\n' "$out" | sed 1d | awk '{ print $2 }' > "$T/check.ids"
ok "check lists items" [ -s "$T/check.ids" ]

# line ID: the screen's line showing the attention entry ID.
line() {
	printf '%s\n' "$scr" | grep -E "^  [^ ]+ +$1 " | head -1
}

tui_start 200 60 --today 2025-09-30
see "Needs attention" "the overview's attention list is up"
see "G2025" "G2025 is on it"
scr=$(screen)
has "$(line G2025)" "far behind pace: 45% done, 91% expected" \
    "G2025: far behind pace, in numbers"
has "$(line G2025)" "▼" "G2025 has the symbol of far behind pace"
hasnt "$(line G2025)" "▸" "not the symbol of an active item"
hasnt "$(line G2025)" "92d left" "nor a calm count of days"
has "$(line G2025)" "市卫健委" "its lead department"
hasnt "$scr" "▼2025-09-30" \
    "the timeline's as-of mark is not the symbol of far behind pace"
has "$(line S2-build)" "▽" "S2-build has the symbol of behind pace"
has "$(line S2-build)" "behind pace: 74% done, 96% expected" \
    "S2-build: behind pace, in numbers"
has "$(line 'R-weekly@2024-W06')" "597 days overdue" "an overdue instance"
has "$(line 'R-weekly@2024-W06')" "✖" "with the symbol of overdue"
has "$(line 'R-weekly@2025-W40')" "due in 5 days" "an instance due soon"
has "$(line 'T01-primary-share')" \
    "at risk: latest 46.3, trend reaches 47.13 by 2025-12-31, target >= 50" \
    "a target at risk, in numbers"
has "$(line 'T01-primary-share')" "▲" "with the symbol of at risk"

# The same items as check, in the same order (worst first).
printf '%s\n' "$scr" | sed -n '/Needs attention/,$p' |
    awk '$1 ~ /^(✖|▼|◌|▲|▽|◷)$/ { print $2 }' > "$T/review.ids"
is "$(cat "$T/review.ids")" "$(cat "$T/check.ids")" \
    "the overview lists what check lists, in its order"

# Colours: far behind and behind pace are not the active items' colour.
# tmux writes the symbols with their SGR attributes.
sgr_of() {	# the escape sequences just before the symbol on ID's line
	$TM capture-pane -e -p -t pw | grep -F "$1 " | grep -F "$2" |
	    head -1 | sed "s/$2.*//; s/.* //" | od -An -c | tr -d ' \n'
}
far=$(sgr_of G2025 ▼)
behind=$(sgr_of S2-build ▽)
keys 2 / ; type_text "G2025"; keys Enter
see "G2025 公立医院" "the Milestones view shows G2025, an active item"
keys j
active=$(sgr_of G2025 ▸)
ok "the active item's symbol has a colour" [ -n "$active" ]
echo "# far behind: $far, behind: $behind, active: $active"
ok "far behind pace has a colour" [ -n "$far" ]
ok "behind pace has a colour" [ -n "$behind" ]
ok "far behind pace is not coloured as an active item" [ "$far" != "$active" ]
ok "behind pace is not coloured as an active item" [ "$behind" != "$active" ]
ok "far behind and behind pace differ" [ "$far" != "$behind" ]

# Narrow: the id whole, the reason cut at its end.
tui_start 80 60 --today 2025-09-30
see "Needs attention" "the overview at 80 columns"
scr=$(screen)
has "$(line T07-tcm-apprentices)" "T07-tcm-apprentices " \
    "80 columns: the longest id is whole"
has "$(line T07-tcm-apprentices)" "at risk: latest 20" \
    "80 columns: the reason starts"
has "$(line T07-tcm-apprentices)" "…" "and is cut with an ellipsis"
has "$(line G2025)" "far behind pace" "80 columns: G2025's reason"

# The filter applies to the list: what the last department (the
# building units) leads or supports.
tui_start 200 60 --today 2025-09-30
see "Needs attention" "the overview again"
keys f G Enter
see "filter: 各建设单位" "filtered by the building units"
scr=$(screen)
has "$(line S2-build)" "behind pace" "what they lead is listed"
has "$(line S2-monitor)" "behind pace" "what they support too"
hasnt "$scr" "G2025" "another department's item is not"

# The legend.
keys F
keys '?'
see "Keys" "? opens the help"
keys G
see "far behind pace" "the legend names far behind pace"
scr=$(screen)
has "$(printf '%s\n' "$scr" | grep -F 'far behind pace' | head -1)" "▼" \
    "with its symbol"
has "$(printf '%s\n' "$scr" | grep -F ' behind pace ' | grep -v far |
    head -1)" "▽" "behind pace with its symbol"
has "$(printf '%s\n' "$scr" | grep -F 'not reported' | head -1)" "◌" \
    "not reported with its symbol"
keys q
nosee "Symbols of" "q closes the help"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
