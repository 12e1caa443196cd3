#!/bin/sh
# t5006: thousands of random keys, escape sequences and resizes: the review
# is still running afterwards, quits cleanly, and (under the sanitizer
# build) reports nothing.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

if [ "${PW_SAN:-0}" = 1 ]; then n=2000; else n=4000; fi
tui_start 120 40 --today 2025-07-15
see "1 Overview" "the review is up"

# Deterministic keys: every key the review binds (but q, Ctrl-C, Ctrl-Z
# and Ctrl-\), movement, editing, function keys, letters, Chinese.
awk -v n="$n" 'BEGIN {
	srand(5006);
	split("Up Down Left Right PPage NPage Home End Tab BTab Enter Escape " \
	    "Space BSpace DC IC F1 F2 F5 F10 C-l C-u C-d C-f C-b C-h " \
	    "1 2 3 4 5 j k h l g G n N / ? f F r p d u t T R s a z 0 9 " \
	    "- . % 2 0 2 5 中 文 测", k, " ");
	nk = length(k);
	for (i = 0; i < n; i++) print k[int(rand() * nk) + 1];
}' > "$T/keys"

i=0
batch=
sizes="200x60 40x12 30x8 80x24 120x40 41x10 300x5"
while read -r key; do
	batch="$batch $key"
	i=$((i + 1))
	if [ $((i % 40)) -eq 0 ]; then
		# shellcheck disable=SC2086
		keys $batch
		batch=
		# Raw escape sequences, complete and broken.
		case $((i % 200)) in
		0) $TM send-keys -t pw -l "$(printf '\033[1;5A\033[999~\033[')" ;;
		80) $TM send-keys -t pw -l "$(printf '\033O\033[M !!\033[<0;3;3M')" ;;
		160) $TM send-keys -t pw -l "$(printf '\033\033[A\033[2J\033]52;c;eA==\007')" ;;
		esac
		if [ $((i % 400)) -eq 0 ]; then
			s=$(echo $sizes | cut -d' ' -f$(( (i / 400) % 7 + 1 )))
			$TM resize-window -t pw -x "${s%x*}" -y "${s#*x}"
		fi
		sleep 0.05
	fi
done < "$T/keys"
[ -n "$batch" ] && keys $batch
$TM resize-window -t pw -x 120 -y 40
sleep 1
ok "still running after $n keys" test -n "$(tui_pid)"
keys Escape Escape Escape
sleep 0.5
keys q
wait_exit || { keys Escape q; wait_exit; }
is "$tui_rc" 0 "then q quits with status 0"
ok "the terminal is restored" terminal_sane
is "$(cat "$T/stderr")" "" "nothing on standard error (no sanitizer report)"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-07-15 check
ok "the database is still sound (check runs)" test "$rc" -le 3
finish
