#!/bin/sh
# t8007: failures of a PostgreSQL store (issue 18 item 7).  A server that
# is down (stopped), a wrong or missing password (scram-sha-256 for one
# role, the password from PGPASSWORD or ~/.pgpass), a role without
# privilege on the schema, the connection killed in the middle of an
# import, and a statement timeout: each is one line on stderr and exit 1
# for status, record, import, log, export and report, and "PLANWATCH
# UNKNOWN", exit 3, within --timeout for check; nothing is written (an
# import is all or nothing on the server too), and the password is never
# shown.  A location whose password libpq cannot parse is not echoed
# either, and what the server says beside results (notices) is not
# printed.  t8003 has check with no server at all and check while the
# records are locked; this test does not repeat them.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

cat > plan.yaml <<'YAML'
format: 1
id: failures
plan: 故障演练
start: 2025-01-01
end: 2025-12-31
departments: [{id: water, name: 水务局}, {id: roads, name: 交通局}]
milestones: [{id: M1, name: 管网改造, due: 2025-06-30, owner: water}]
targets:
  - {id: T1, name: 供水达标率, direction: ">=", target: 95, due: 2025-12-31, owner: water, unit: "%"}
  - {id: T2, name: 路面修复, direction: ">=", target: 80, due: 2025-12-31, owner: roads}
YAML
printf 'id,date,value\nT1,2025-05-31,61\nT2,2025-05-31,40\n' > rows.csv

pg_start || exit 1
loc() {	# ROLE [MORE]: the location of ROLE, MORE appended to its query
	echo "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=$1${2:-}"
}
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-07-01 "$@"
}
count() {
	psql -X -At -c 'SELECT count(*) FROM planwatch.events'
}
# await SQL: wait until SQL answers 1 (at most 120 s); 1 if it never did.
await() {
	_i=0
	until [ "$(psql -X -At -c "$1")" = 1 ]; do
		[ $_i -lt 1200 ] || return 1
		sleep 0.1
		_i=$((_i + 1))
	done
}
pw "$(loc postgres)" db init
is "$rc" 0 "db init"
pw="s3cret-Pw9"
psql -X -q -v ON_ERROR_STOP=1 <<EOF
CREATE ROLE tester LOGIN IN ROLE planwatch_office;
CREATE ROLE nopriv LOGIN;
CREATE ROLE pwuser LOGIN IN ROLE planwatch_office PASSWORD '$pw';
EOF
pw "$(loc tester)" db publish
is "$rc" 0 "db publish"
pw "$(loc tester)" record T1 50 --date 2025-03-31
is "$rc" 0 "a first record"
# pwuser alone logs in with a password (scram-sha-256), on the socket.
sed -i '1i local all pwuser scram-sha-256' "$PGDIR/data/pg_hba.conf"
psql -X -q -c 'SELECT pg_reload_conf()' > /dev/null

# each DESC LOCATION: every command against LOCATION (with the
# environment the caller set) fails in one line, exit 1 (check: UNKNOWN,
# exit 3, within its --timeout), writing nothing; the outputs are kept in
# all.txt for the password's look.  The rows are counted before and after
# unless nocount is set (the records locked, the server stopped): the
# caller counts them then.
nocount=""
each() {
	_desc=$1 _loc=$2
	[ -n "$nocount" ] || _n0=$(count)
	for _c in status "record T1 60" "import rows.csv" log export report; do
		# shellcheck disable=SC2086
		pw "$_loc" $_c
		is "$rc" 1 "$_desc: $_c exits 1"
		is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 \
		    "$_desc: $_c says one line"
		has "$err" "planwatch: " "$_desc: $_c: as planwatch's error"
		is "$out" "" "$_desc: $_c prints nothing on stdout"
		printf '%s\n%s\n' "$out" "$err" >> all.txt
	done
	_t0=$(date +%s)
	pw "$_loc" check --timeout 5
	_t1=$(date +%s)
	is "$rc" 3 "$_desc: check exits 3"
	has "$out" "PLANWATCH UNKNOWN - " "$_desc: check says UNKNOWN"
	is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 \
	    "$_desc: check says one line"
	ok "$_desc: check gives up (in $((_t1 - _t0)) s)" \
	    [ $((_t1 - _t0)) -lt 15 ]
	printf '%s\n%s\n' "$out" "$err" >> all.txt
	[ -n "$nocount" ] || is "$(count)" "$_n0" "$_desc: nothing written"
}

# The password: right, wrong, missing.
HOME=$T
export HOME
printf '*:*:*:pwuser:%s\n' "$pw" > "$T/.pgpass"
chmod 600 "$T/.pgpass"
pw "$(loc pwuser)" record T2 20 --date 2025-03-31
is "$rc:$err" "0:" "the password from ~/.pgpass: pwuser records"
PGPASSWORD=$pw pw "$(loc pwuser)" status
is "$rc" 0 "and from PGPASSWORD"
rm "$T/.pgpass"
PGPASSWORD=wrong-password each "a wrong password" "$(loc pwuser)"
has "$out" "password authentication failed" "saying the password failed"
hasnt "$(cat all.txt)" "wrong-password" "the wrong password is not shown"
each "no password" "$(loc pwuser)"
has "$out" "no password supplied" "saying none was supplied"
# A password in the location that libpq cannot read is not echoed.
pw "postgresql://pwuser:$pw%zz@/planwatch?host=$PGHOST&port=$PGPORT" status
is "$rc" 1 "a location libpq cannot read: exit 1"
has "$err" "invalid percent-encoded token" "saying what is wrong"
printf '%s\n%s\n' "$out" "$err" >> all.txt
pw "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=pwuser&password=${pw}%q" status
is "$rc" 1 "and with the password as a parameter: exit 1"
printf '%s\n%s\n' "$out" "$err" >> all.txt
pw "postgresql://pwuser:$pw@[/planwatch?host=$PGHOST" check
is "$rc" 3 "check on a location libpq cannot read: exit 3"
printf '%s\n%s\n' "$out" "$err" >> all.txt

# No privilege on the schema.
each "a role without privilege" "$(loc nopriv)"
has "$out" "permission denied for schema planwatch" "saying permission is denied"

# A statement timeout: another session holds the records locked.
n0=$(count)
psql -X -q -c 'BEGIN' -c 'LOCK TABLE planwatch.events' \
    -c 'SELECT pg_sleep(600)' > /dev/null 2>&1 &
locker=$!
await "SELECT count(*) FROM pg_locks WHERE granted
    AND relation = 'planwatch.events'::regclass
    AND mode = 'AccessExclusiveLock'"
nocount=1
each "a statement timeout" \
    "$(loc tester '&options=-c%20statement_timeout%3D300')"
has "$out" "canceling statement due to statement timeout" "saying so"
psql -X -q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" \
    > /dev/null
wait "$locker"
nocount=""
is "$(count)" "$n0" "a statement timeout: nothing written"

# The connection killed in the middle of an import: the import's last
# row supersedes T1's value of 2025-03-31, whose row another session
# holds locked, so that the import waits there with its first 180 rows
# inserted; it is killed then.
{
	echo id,date,value
	d=0
	while [ $d -lt 180 ]; do
		echo "T2,$(date -u -d "2025-01-01 + $d days" +%F),$d"
		d=$((d + 1))
	done
	echo "T1,2025-03-31,70"
} > big.csv
before=$(psql -X -At -c 'SELECT seq, item, asof, value, superseded_by
    FROM planwatch.events ORDER BY seq')
psql -X -q -c 'BEGIN' -c "SELECT 1 FROM planwatch.events
    WHERE item = 'T1' FOR UPDATE" -c 'SELECT pg_sleep(600)' \
    > /dev/null 2>&1 &
locker=$!
await "SELECT count(*) FROM pg_stat_activity
    WHERE query LIKE '%pg_sleep(600)%' AND state = 'active'
    AND pid <> pg_backend_pid()"
"$PLANWATCH" -f plan.yaml -d "$(loc tester '&application_name=pw_import')" \
    --today 2025-07-01 import big.csv < /dev/null > import.out \
    2> import.err &
importer=$!
await "SELECT count(*) FROM pg_stat_activity
    WHERE application_name = 'pw_import' AND wait_event_type = 'Lock'"
is "$?" 0 "the import waits for the locked row"
is "$(psql -X -At -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE application_name = 'pw_import'")" t "and is killed"
wait "$importer"
rc=$?
err=$(cat import.err)
is "$rc" 1 "an import whose connection is killed: exit 1"
is "$(wc -l < import.err | tr -d ' ')" 1 "one line"
has "$err" "connection to the server lost: terminating connection due to administrator command" \
    "saying the connection was lost, and why"
hasnt "$err" "FATAL" "without libpq's severity"
is "$(cat import.out)" "" "nothing on stdout"
psql -X -q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" \
    > /dev/null
wait "$locker"
is "$(psql -X -At -c 'SELECT seq, item, asof, value, superseded_by
    FROM planwatch.events ORDER BY seq')" "$before" \
    "nothing of the import written: all or nothing"
pw "$(loc tester)" import big.csv
is "$rc" 0 "the same import, not disturbed, is written"
is "$(count)" "$(($(printf '%s\n' "$before" | wc -l) + 181))" \
    "all of it"

# What the server says beside results is not printed.
pw "$(loc tester '&options=-c%20client_min_messages%3Ddebug2')" record T1 71
is "$rc:$err" "0:" "a server that sends notices: record says nothing on stderr"

# The server stopped (each's count is empty then: counted again once it
# is started again).
n0=$(count)
pg_as pg_ctl -D "$PGDIR/data" -m fast -w -t 60 stop > /dev/null
nocount=1
each "a server that is stopped" "$(loc tester)"
has "$out" "No such file or directory; Is the server running" \
    "saying libpq's words folded into one line"
pg_as pg_ctl -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 start \
    > /dev/null
is "$(count)" "$n0" "a server that was stopped: nothing written"

hasnt "$(cat all.txt)" "$pw" "the password is never shown"
finish
