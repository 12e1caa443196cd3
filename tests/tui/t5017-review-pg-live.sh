#!/bin/sh
# t5017: the live review on a PostgreSQL store (issue 18 item 4).  Two
# reviews of the same plan on the same server: a record made from the
# shell appears in both, and a form's record in one appears in the other,
# each told by LISTEN/NOTIFY: an idle review sends the server no query
# (the server logs every statement of the reviews' role).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
. "$PW_TOP/tests/tui/tmux.sh"
trap '$TM kill-server 2>/dev/null; pg_stop; rm -rf "$T"' EXIT

pg_start || exit 1
PLAN=$T/plan.yaml
cp "$PW_TOP/tests/data/tui/plan.yaml" "$PLAN"
su="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=postgres"
DB="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=watcher"
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f "$PLAN" -d "$_d" --today 2025-07-15 "$@"
}
pw "$su" db init
is "$rc" 0 "db init"
psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE watcher LOGIN IN ROLE planwatch_office;
ALTER ROLE watcher SET log_statement = 'all';
EOF
pw "$DB" db publish
is "$rc" 0 "db publish"
pw "$DB" import "$PW_TOP/tests/data/tui/values.csv"
is "$rc" 0 "the fixture's values imported"

# The screen and the keys of either review: pane pw (tui_start) or pw2.
pane=pw
screen() {
	$TM capture-pane -p -t "$pane" 2> /dev/null
}
keys() {
	$TM send-keys -t "$pane" "$@"
}
type_text() {
	$TM send-keys -t "$pane" -l "$1"
}
# Statements the reviews' role sent (the server's log).
statements() {
	grep -c -e 'LOG:  statement: ' -e 'LOG:  execute ' \
	    "$PGDIR/server.log"
}

tui_start 120 40 --today 2025-07-15 --by 审核员
sed -e "s|'$T/stderr'|'$T/stderr2'|" -e "s|'$T/rc|'$T/rc2|g" \
    -e "s|'$T/stty'|'$T/stty2'|" "$T/run.sh" > "$T/run2.sh"
$TM new-session -d -s pw2 -x 120 -y 40 "sh '$T/run2.sh'"
for pane in pw pw2; do
	keys 3
	see "T-online" "review $pane: the targets"
	see "72 %" "review $pane: the value imported"
done

# Idle reviews ask the server nothing.
n=$(statements)
ok "the reviews' statements are logged ($n)" [ "$n" -gt 0 ]
sleep 3
is "$(statements)" "$n" "idle for 3 seconds, the reviews sent no query"

# A record from the shell appears in both.
pw "$su" record T-online 81 --date 2025-07-10
is "$rc" 0 "a record from the shell"
for pane in pw pw2; do
	see "81 %" "review $pane shows it"
done

# A form's record in review 1 appears in review 2.
pane=pw
keys r
see "Record a value" "review 1: r opens the record form"
type_text "86"
keys Enter
see "recorded 86 for T-online" "review 1 records through the form"
pane=pw2
see "86 %" "review 2 shows review 1's record"
nosee "81 %" "in place of the one before"
pw "$su" log --limit 1
has "$out" "watcher" "recorded by the review's role"

# Waiting on the store's descriptor too, the review still sees a resize.
$TM resize-window -t pw2 -x 30 -y 8
see "window too small: 40x10 needed" "review 2 resized below the minimum"
$TM resize-window -t pw2 -x 120 -y 40
see "Latest" "and back"

for pane in pw2 pw; do
	ok "review $pane is still running" test -n "$($TM list-panes \
	    -t "$pane" -F '#{pane_pid}' | xargs pgrep -P)"
	keys q
done
wait_exit
is "$tui_rc" 0 "review 1: q quits"
i=0
while [ ! -f "$T/rc2" ] && [ $i -lt "$WAIT" ]; do
	sleep 0.1
	i=$((i + 1))
done
is "$(cat "$T/rc2" 2> /dev/null)" 0 "review 2: q quits"
is "$(cat "$T/stderr" "$T/stderr2")" "" "nothing on standard error"
finish
