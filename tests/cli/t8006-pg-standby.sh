#!/bin/sh
# t8006: reads from a hot standby (issue 18 item 6).  A primary and a
# standby streaming from it (pg_basebackup, both throwaway); records made
# on the primary are replayed on the standby, and the read-only commands
# (status, check, report in text and JSON, notice, log, export) print the
# same bytes from both.  A write on the standby is one line naming the
# read-only server, exit 1, and so are db publish's; the review opens on
# the standby, its forms say they cannot record there, and a record made
# on the primary appears in it (a standby refuses LISTEN: the review asks
# the change counter every second, as on SQLite).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1
export SOURCE_DATE_EPOCH=1751328000
cp "$PW_TOP/tests/data/tui/plan.yaml" plan.yaml

pg_start || exit 1
primary="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=postgres"
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-07-15 "$@"
}
pw "$primary" db init
is "$rc" 0 "db init on the primary"
pw "$primary" db publish
is "$rc" 0 "db publish on the primary"

sport=$(pg_standby standby)
ok "a standby streams from the primary (port ${sport:-none})" [ -n "$sport" ]
standby="postgresql:///planwatch?host=$PGHOST&port=$sport&user=postgres"
is "$(psql -X -At -p "$sport" -c 'SELECT pg_is_in_recovery()')" t \
    "the standby is in recovery"

# Records on the primary, after the standby started.
pw "$primary" import "$PW_TOP/tests/data/tui/values.csv"
is "$rc" 0 "import on the primary"
pw "$primary" record T-online 74 --date 2025-07-10 --note 七月
is "$rc" 0 "record on the primary"
pw "$primary" progress M-funds 80 --date 2025-07-01
is "$rc" 0 "progress on the primary"
pw "$primary" done M-review@2025-05 --date 2025-05-31
is "$rc" 0 "done on the primary"
pw "$primary" void T-days 2025-06-30 --note 重报
is "$rc" 0 "void on the primary"
ok "the standby replays them" pg_replayed "$sport"

# The same bytes from both.
for c in status "status --all" check "check --format json" report \
    "report --format json" notice "notice --format json" log \
    "log --format json" export "export --format json"; do
	# shellcheck disable=SC2086
	pw "$primary" $c
	prc=$rc pout=$out perr=$err
	# shellcheck disable=SC2086
	pw "$standby" $c
	is "$rc:$err" "$prc:$perr" "$c on the standby: exit $prc, same stderr"
	if [ "$out" = "$pout" ] && [ -n "$out" ]; then
		_report 1 "$c on the standby: the primary's output" ""
	else
		_report 0 "$c on the standby: the primary's output" \
		    "$(printf '%s\n' "$pout" > p.txt; printf '%s\n' "$out" \
		    > s.txt; diff p.txt s.txt | head -20)"
	fi
done
pw "$standby" log T-online
has "$out" "七月" "log on the standby shows the primary's record"

# Writes on the standby: one line naming the read-only server, exit 1.
n0=$(psql -X -At -c 'SELECT count(*) FROM planwatch.events')
printf 'id,date,value\nT-days,2025-07-01,1\n' > one.csv
for c in "record T-online 70" "progress M-funds 90" "done M-funds" \
    "reopen M-plan" "void T-online 2025-07-10" "import one.csv"; do
	# shellcheck disable=SC2086
	pw "$standby" $c
	is "$rc" 1 "$c on the standby: exit 1"
	is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "$c: one line"
	has "$err" "read-only server (a hot standby)" "$c: naming it"
	has "$err" "port=$sport" "$c: and where it is"
done
pw "$standby" db publish
is "$rc" 1 "db publish on the standby: exit 1"
has "$err" "read-only server (a hot standby)" "db publish: saying why"
ok "the primary's records are unchanged" \
    [ "$(psql -X -At -c 'SELECT count(*) FROM planwatch.events')" = "$n0" ]

# The review reads the standby; its forms cannot record there.
. "$PW_TOP/tests/tui/tmux.sh"
trap '$TM kill-server 2>/dev/null; pg_stop; rm -rf "$T"' EXIT
PLAN=$T/plan.yaml
DB=$standby
tui_start 120 40 --today 2025-07-15
see "测试县营商环境" "the review opens on the standby"
keys 3
see "74 %" "with the value recorded on the primary"
keys r
see "a read-only server (a hot standby): record on the primary" \
    "r says the server is read-only"
nosee "Record a value" "and opens no form"
keys p
see "a read-only server (a hot standby)" "so does p"
# Without LISTEN on a standby, the review asks the change counter.
pw "$primary" record T-online 79 --date 2025-07-12
is "$rc" 0 "another record on the primary"
see "79 %" "appears in the review on the standby"
ok "planwatch is still running" test -n "$(tui_pid)"
tui_quit
is "$tui_rc" 0 "q quits"
is "$(cat "$T/stderr")" "" "nothing on standard error"
finish
