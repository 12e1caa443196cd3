# tmux.sh: drive the curses review in a detached tmux and read the screen
# back (tmux's own regress/ does the same).  Source after tests/lib.sh.
#
#   tui_fixture                 # $PLAN and $DB: the small test plan, values
#   tui_start 120 40 --today 2025-07-15   # planwatch -f $PLAN -d $DB ...
#   see "Milestones" "the tabs are shown"  # waits up to a few seconds
#   keys 2 Tab                  # tmux send-keys
#   tui_quit                    # q, then waits; $tui_rc is the exit status
#
# Every test gets its own tmux server (-L), so tests can run side by side,
# and every tui_start a new one: a server told to exit may still hold its
# socket for a moment, and a session started on it would die with it.
# The program's stderr goes to $T/stderr, its exit status to $T/rc, and the
# terminal's settings after it exited to $T/stty.
if ! command -v tmux > /dev/null 2>&1; then
	skip "curses review" "tmux is not installed"
	exit 0
fi
tui_n=0
TM="tmux -L pwtest$$.$tui_n -f /dev/null"
# Sanitizer builds are slower to start and to draw.
if [ "${PW_SAN:-0}" = 1 ]; then WAIT=200; else WAIT=60; fi
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT

tui_fixture() {
	PLAN=$T/plan.yaml
	DB=$T/plan.db
	cp "$PW_TOP/tests/data/tui/plan.yaml" "$PLAN"
	"$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-07-15 --by fixture \
	    import "$PW_TOP/tests/data/tui/values.csv" > /dev/null
}

# tui_demo: $PLAN and $DB: the demo (tools/demo.sh), the Sanya plan with
# its values.
tui_demo() {
	PLAN=$T/sanya.yaml
	DB=$T/sanya.db
	cp "$PW_TOP/examples/sanya.yaml" "$PLAN"
	"$PLANWATCH" -f "$PLAN" -d "$DB" --today 2026-11-23 --by demo \
	    import "$PW_TOP/examples/sanya-values.csv" > /dev/null
}

# tui_start COLS LINES [ARGS...]: run planwatch -f $PLAN -d $DB ARGS.
tui_start() {
	_c=$1; _l=$2; shift 2
	tui_stop
	tui_n=$((tui_n + 1))
	TM="tmux -L pwtest$$.$tui_n -f /dev/null"
	rm -f "$T/rc" "$T/stty" "$T/stderr"
	{
		echo "cd '$T'"
		# Ctrl-C reaches the shell too: let it live to write rc.
		echo "trap : INT"
		# TUI_LOCALE=zh_CN.UTF-8 runs the review in Chinese;
		# TUI_ENV='NAME=VALUE ...' sets more of its environment.
		printf '%s LANG=%s LC_ALL=%s TERM=screen-256color "%s" -f "%s" -d "%s"' \
		    "${TUI_ENV:-}" "${TUI_LOCALE:-C.UTF-8}" "${TUI_LOCALE:-C.UTF-8}" \
		    "$PLANWATCH" "$PLAN" "$DB"
		for a in "$@"; do printf " '%s'" "$a"; done
		echo " 2> '$T/stderr'"
		echo "echo \$? > '$T/rc.tmp'"
		echo "stty -a > '$T/stty' 2>&1"
		echo "mv '$T/rc.tmp' '$T/rc'"
		echo "sleep 600"
	} > "$T/run.sh"
	$TM new-session -d -s pw -x "$_c" -y "$_l" "sh '$T/run.sh'" ||
	    echo "# tmux new-session failed"
	$TM set-option -t pw status off > /dev/null
}

# tui_stop: end the tmux server of the last tui_start, and what runs in it.
tui_stop() {
	$TM kill-server 2> /dev/null
}

# The screen as text.
screen() {
	$TM capture-pane -p -t pw 2> /dev/null
}

# wait_for TEXT: poll the screen until it shows TEXT (0) or time runs out.
wait_for() {
	_i=0
	while [ "$_i" -lt "$WAIT" ]; do
		scr=$(screen)
		case $scr in *"$1"*) return 0 ;; esac
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# see TEXT DESC / nosee TEXT DESC: assert what the screen shows.
see() {
	if wait_for "$1"; then _report 1 "$2" ""
	else _report 0 "$2" "missing on screen: $1
$(screen)"; fi
}
nosee() {
	sleep 0.3
	scr=$(screen)
	case $scr in
	*"$1"*) _report 0 "$2" "unexpected on screen: $1
$scr" ;;
	*) _report 1 "$2" "" ;;
	esac
}

keys() {
	$TM send-keys -t pw "$@"
}

# Type literal text.
type_text() {
	$TM send-keys -t pw -l "$1"
}

# The pid of the running planwatch (the pane's shell's child), or "".
tui_pid() {
	_sh=$($TM list-panes -t pw -F '#{pane_pid}' 2> /dev/null)
	[ -n "$_sh" ] && pgrep -P "$_sh" 2> /dev/null | head -1
}

# wait_exit: wait until planwatch exited; sets tui_rc ("" on time-out).
wait_exit() {
	_i=0
	tui_rc=
	while [ "$_i" -lt "$WAIT" ]; do
		if [ -f "$T/rc" ]; then
			tui_rc=$(cat "$T/rc")
			return 0
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

tui_quit() {
	keys q
	wait_exit
}

# The terminal was given back: canonical mode and echo are on again.
terminal_sane() {
	[ -f "$T/stty" ] && grep -qw icanon "$T/stty" &&
	    grep -qw echo "$T/stty" && ! grep -qw -- -icanon "$T/stty" &&
	    ! grep -qw -- -echo "$T/stty"
}
