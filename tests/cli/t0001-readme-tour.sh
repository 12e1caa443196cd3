#!/bin/sh
# t0001: every command of the README's tour (the indented lines of "## A
# short tour" and its sections) runs as written on what `make demo` leaves
# behind, in a user's shell: no planwatch on the PATH but what the tour puts
# there, the default locale, nothing installed.  Each exits 0 but `check`
# (0, 1, 2 or 3, as the README says); a command that wants a terminal (the
# review) runs in a tmux and quits on q; one run under LANG=zh_CN.UTF-8
# speaks otherwise than without it; and no command touches a database but
# the demo's.
#
# A line is a tour command when its first word after NAME=VALUE
# assignments is `planwatch`; lines of `export` or assignments only set up
# the shell for the commands after them; `make` lines are targets of their
# own (bench, fuzz) and other lines are configuration (cron, Nagios): both
# are listed, not run.
. "$PW_TOP/tests/lib.sh"
if [ "${PW_SAN:-0}" = 1 ]; then WAIT=600; else WAIT=200; fi
TM=:
trap '$TM kill-server 2> /dev/null; rm -rf "$T"' EXIT

# What make demo leaves: the planwatch it built in build/ (here the build
# under test, its catalogues beside it), examples/, and the demo database
# that make demo has tools/demo.sh make.
W=$T/src
mkdir -p "$W/build"
cp -R "$PW_TOP/examples" "$W/"
ln -s "$PLANWATCH" "$W/build/planwatch"
(cd "$W" && sh "$PW_TOP/tools/demo.sh" build/planwatch) < /dev/null \
    > "$T/demo" 2>&1
is "$?" 0 "tools/demo.sh, as make demo runs it, makes the demo database"

# A user's shell: make demo installed no planwatch, so none is on the PATH.
path=
set -f
IFS=:
for d in $PATH; do
	[ -x "$d/planwatch" ] || path=$path${path:+:}$d
done
unset IFS
set +f
export PATH="$path" LANG=C.UTF-8
unset LC_ALL LANGUAGE PLANWATCH_LOCALEDIR

awk '/^## / { tour = /^## A short tour/ } tour && /^    / { print substr($0, 5) }' \
    "$PW_TOP/README.md" > "$T/lines"
echo "cd '$W'" > "$T/env"

# word LINE: the command word, after NAME=VALUE assignments and `export`.
word() {
	set -f
	set -- $1
	set +f
	while [ $# -gt 0 ]; do
		case $1 in
		export|[A-Za-z_]*=*) shift ;;
		*) break ;;
		esac
	done
	echo "${1:-}"
}

# shot LINE: run LINE after the set-up so far; sets rc, out and err.
shot() {
	printf '%s\n' ". '$T/env'" "$1" > "$T/cmd.sh"
	run timeout 300 sh "$T/cmd.sh"
}

# screen: what the tmux shows.
screen() {
	$TM capture-pane -p -t pw 2> /dev/null
}

# tui LINE DESC: run LINE on a terminal, wait for it to draw, press q.
tui() {
	TM="tmux -L pw0001.$$.$n -f /dev/null"
	rm -f "$T/rc" "$T/tui.err"
	{
		echo ". '$T/env'"
		echo "export TERM=screen-256color"
		printf '{ %s\n} 2> %s\n' "$1" "'$T/tui.err'"
		echo "echo \$? > '$T/rc.tmp'; mv '$T/rc.tmp' '$T/rc'"
		echo "sleep 600"
	} > "$T/tui.sh"
	$TM new-session -d -s pw -x 100 -y 30 "sh '$T/tui.sh'"
	i=0
	while [ $i -lt $WAIT ] && [ ! -f "$T/rc" ] &&
	    ! screen | grep -q '[^[:space:]]'; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
	ok "$2: draws on a terminal and waits" [ ! -f "$T/rc" ]
	scr=$(screen)
	$TM send-keys -t pw q
	i=0
	while [ $i -lt $WAIT ] && [ ! -f "$T/rc" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	tui_rc=$(cat "$T/rc" 2> /dev/null)
	err=$(cat "$T/tui.err" 2> /dev/null)
	is "$tui_rc" 0 "$2: quits on q with status 0"
	is "$err" "" "$2: says nothing on standard error"
	[ "$tui_rc" = 0 ] || printf '%s\n' "$scr" | sed 's/^/#   /'
	$TM kill-server 2> /dev/null
	TM=:
}

n=0
while IFS= read -r line <&3; do
	desc=$(printf '%s' "$line" | sed 's/[[:space:]]*#.*//')
	w=$(word "$line")
	case $w in
	"")
		case $line in
		export*)
			shot "$line"
			is "$rc" 0 "set-up \`$desc\`: exit 0"
			echo "$line" >> "$T/env" ;;
		*) echo "# not run (configuration): $line" ;;
		esac
		continue ;;
	planwatch) ;;
	make)
		echo "# not run (a make target of its own): $line"
		continue ;;
	*)
		echo "# not run (configuration): $line"
		continue ;;
	esac
	n=$((n + 1))
	shot "$line"
	if [ "$rc" = 1 ]; then
		case $err in *"no terminal"*)
			tui "$line" "\`$desc\`"
			continue ;;
		esac
	fi
	# The README's exit statuses: check's are 0 1 2 3, the others' 0.
	case " $desc " in
	*" check "*|*" check;"*) want="0 1 2 3" ;;
	*) want=0 ;;
	esac
	case $line in
	*'echo $?'*)	# the status is printed, the line exits with echo's
		is "$rc" 0 "\`$desc\`: exit 0"
		st=$(tail -1 "$T/.out") ;;
	*) st=$rc ;;
	esac
	case " $want " in
	*" $st "*) _report 1 "\`$desc\`: exit status $st (the README: $want)" "" ;;
	*) _report 0 "\`$desc\`: exit status (the README: $want)" "got: $st
stdout: $(head -5 "$T/.out")
stderr: $err" ;;
	esac
	hasnt "$err" "Sanitizer" "\`$desc\`: no sanitizer report"
	case $line in
	*LANG=zh*)
		zh=$out
		shot "$(printf '%s' "$line" | sed 's/LANG=zh[^[:space:]]*/LANG=C.UTF-8/')"
		if [ "$zh" != "$out" ]; then
			_report 1 "\`$desc\`: speaks otherwise than under LANG=C.UTF-8" ""
		else
			_report 0 "\`$desc\`: speaks otherwise than under LANG=C.UTF-8" \
			    "the same words as in English: $(printf '%s\n' "$zh" | head -3)"
		fi ;;
	esac
done 3< "$T/lines"
ok "the tour has commands ($n run)" [ $n -gt 0 ]
ok "no command made examples/sanya.db: all used the demo's database" \
    [ ! -e "$W/examples/sanya.db" ]
finish
