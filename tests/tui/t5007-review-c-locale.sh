#!/bin/sh
# t5007: the review draws the plan's UTF-8 text, aligned, under LANG=C with
# LC_ALL unset, as over ssh or in a container (issue 16.3: every Chinese
# name showed as "~I  ~Z  ~B" and the columns shifted); its messages stay in
# the user's language.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
# The issue's plan, as its first screen shows it.
PLAN=$T/sanya.yaml
DB=$T/sanya.db
cp "$PW_TOP/examples/sanya.yaml" "$PLAN"
# tui_start sets LANG and LC_ALL: the binary runs through a wrapper that
# gives it the locale of the case.
real=$PLANWATCH
PLANWATCH=$T/planwatch-in-locale
cat > "$PLANWATCH" <<SH
#!/bin/sh
exec env -u LC_ALL -u LC_CTYPE -u LC_MESSAGES -u LANGUAGE \$CASE_LOCALE "$real" "\$@"
SH
chmod +x "$PLANWATCH"

# aligned LABEL: every milestone's due date starts in one display column
# and no line is wider than the window.  The width of a line counts bytes
# (LC_ALL=C, for any awk): a UTF-8 continuation byte adds nothing, a
# character led by E3..EF or F0..F4 (CJK and full-width forms) two
# columns, any other one (ASCII, the symbols led by E2) one.
aligned() {
	screen > "$T/screen.txt"
	LC_ALL=C awk -v cols=120 '
	function width(s,   n, i, c) {
		n = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c >= "\200" && c <= "\277")
				continue
			n += (c >= "\343" && c <= "\364") ? 2 : 1
		}
		return n
	}
	{ if (width($0) > cols) print "too wide: " $0 }
	# Below the header, tabs and captions: a date then the days.
	NR > 3 && match($0, /20[0-9][0-9]-[01][0-9]-[0-3][0-9]  /) {
		due[width(substr($0, 1, RSTART - 1))]++
		rows++
	}
	END { n = 0; for (c in due) n++; print rows " rows, due columns: " n }
	' "$T/screen.txt" > "$T/align.txt"
	is "$(grep -c 'too wide' "$T/align.txt")" 0 \
	    "$1: no line is wider than the window"
	has "$(cat "$T/align.txt")" "17 rows, due columns: 1" \
	    "$1: the due dates start in one display column"
}

CASE_LOCALE="LANG=C"
export CASE_LOCALE
tui_start 120 40 --today 2025-09-30
see "Milestones" "LANG=C: the review starts"
keys 2
see "S2-build 按方案主要任务和项目实施计划表" "LANG=C: a Chinese name is drawn as it is"
see "各建设单位" "LANG=C: a department's Chinese name too"
nosee "~" "LANG=C: no byte shown as a ~ escape"
aligned "LANG=C"
see "as of 2025-09-30" "LANG=C: messages in English"
keys / ; type_text "S2-build"; keys Enter Enter
see "phase: S2 项目实施阶段" "LANG=C: the detail shows Chinese"
keys q
tui_quit
is "$tui_rc" 0 "LANG=C: the review exits 0"
is "$(cat "$T/stderr")" "" "LANG=C: nothing on stderr"

# No locale at all, and LC_CTYPE=C under a Chinese LC_MESSAGES: the same
# text, the messages in the language asked for.
CASE_LOCALE="LANG="
tui_start 120 40 --today 2025-09-30
keys 2
see "S2-build 按方案主要任务和项目实施计划表" "no locale: a Chinese name is drawn as it is"
aligned "no locale"
tui_quit
CASE_LOCALE="LANG=C LC_MESSAGES=zh_CN.UTF-8"
tui_start 120 40 --today 2025-09-30
keys 2
see "S2-build 按方案主要任务和项目实施计划表" "Chinese messages, C characters: names drawn"
see "2 任务" "Chinese messages, C characters: the tabs in Chinese"
aligned "Chinese messages, C characters"
tui_quit
finish
