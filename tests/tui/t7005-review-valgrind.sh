#!/bin/sh
# t7005: one scripted review session (every view, a search, unfolding,
# Enter and Escape, help, sorting) run under valgrind, or under
# LeakSanitizer in the sanitizer build: no memory error and no leak.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

real=$PLANWATCH
if [ "${PW_SAN:-0}" = 1 ]; then
	# valgrind cannot run an ASan binary; ASan's own LeakSanitizer checks
	# at exit and makes the exit status non-zero on a leak.
	tool="LeakSanitizer"
	cat > "$T/wrap.sh" <<WRAP
#!/bin/sh
ASAN_OPTIONS=detect_leaks=1:exitcode=98 LSAN_OPTIONS=exitcode=99 exec "$real" "\$@"
WRAP
elif command -v valgrind > /dev/null 2>&1; then
	tool="valgrind"
	WAIT=$((WAIT * 10))	# valgrind is some 20 times slower
	cat > "$T/wrap.sh" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --log-file="$T/vg.log" "$real" "\$@"
WRAP
else
	skip "review under valgrind" "valgrind is not installed"
	finish
fi
chmod +x "$T/wrap.sh"
PLANWATCH=$T/wrap.sh

tui_start 120 40 --today 2025-07-15
see "1 Overview" "$tool: the review is up"
if [ "$tool" = valgrind ]; then
	has "$(ps -o args= -p "$(tui_pid)")" "valgrind" "it runs under valgrind"
fi
for k in 2 3 4 5 1; do
	keys $k
	sleep 0.5
done
keys 2
see "Milestone  (sort:" "$tool: the milestones view"
keys / ; type_text "M-review"; keys Enter Space
see "M-review@2025-07" "$tool: a search and an unfolded milestone"
keys Enter
sleep 1
keys Escape
keys '?'
sleep 1
keys Escape
keys Tab
see "Latest" "$tool: the targets view"
keys s s
sleep 0.5
tui_quit
is "$tui_rc" 0 "$tool: the session ends with status 0 (no error, no leak)"
if [ "$tool" = valgrind ]; then
	ok "valgrind wrote its log" [ -f "$T/vg.log" ]
	is "$(cat "$T/vg.log")" "" "valgrind reports nothing"
else
	hasnt "$(cat "$T/stderr")" "LeakSanitizer" "LeakSanitizer reports nothing"
fi
ok "$tool: the terminal is restored" terminal_sane
finish
