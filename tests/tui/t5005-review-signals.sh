#!/bin/sh
# t5005: SIGTERM, SIGHUP and SIGINT end the review and give the terminal
# back (canonical mode and echo on again); Ctrl-C is SIGINT.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
tui_fixture

for sig in TERM HUP INT; do
	tui_start 100 30 --today 2025-07-15
	see "1 Overview" "SIG$sig: the review is up"
	keys 2 f
	see "Milestones that are" "SIG$sig: with a menu open"
	pid=$(tui_pid)
	if [ -z "$pid" ]; then
		_report 0 "SIG$sig: found the process" "no pid"
		tui_stop
		continue
	fi
	kill -s "$sig" "$pid"
	wait_exit
	case $sig in TERM) n=15 ;; HUP) n=1 ;; INT) n=2 ;; esac
	is "$tui_rc" "$((128 + n))" "SIG$sig: it dies of the signal after cleaning up"
	ok "SIG$sig: the terminal is restored" terminal_sane
	ok "SIG$sig: the screen is given back" \
	    sh -c "! $TM capture-pane -p -t pw | grep -q 'Milestones that are'"
	# The shell may say "Terminated"; planwatch itself says nothing.
	is "$(grep -v -x -e Terminated -e Hangup -e Interrupt "$T/stderr")" "" \
	    "SIG$sig: nothing on standard error"
	tui_stop
done

tui_start 100 30 --today 2025-07-15
see "1 Overview" "Ctrl-C: the review is up"
keys C-c
wait_exit
is "$tui_rc" 130 "Ctrl-C ends the review as SIGINT"
ok "Ctrl-C: the terminal is restored" terminal_sane
finish
