#!/bin/sh
# t8008: twenty departments record on one PostgreSQL store at once (issue
# 18, concurrency): a plan of 20 departments, each leading 5 targets, one
# role per department (db grant); 20 clients, one per role, each run
# planwatch record 100 times (5 targets x 20 dates) in a loop of its own,
# all at the same time, while a check loop and a status loop read the
# plan.  Afterwards every value is present (counted, and the export
# compared with what was recorded), no client said a word on stderr,
# every exit status was 0 (check's 0 to 2: never UNKNOWN), and the server
# saw no deadlock.  Under ASan+UBSan ($PW_SAN=1) each client records 20
# values (5 targets x 4 dates), not 100: a sanitised planwatch starts
# several times slower, and 2,000 of them on 2 cores would take minutes.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

depts="01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20"
ndates=20
[ "${PW_SAN:-0}" = 1 ] && ndates=4
{
	echo "format: 1"
	echo "id: county"
	echo "plan: 二十部门"
	echo "start: 2025-01-01"
	echo "end: 2025-12-31"
	echo "departments:"
	for d in $depts; do
		echo "  - {id: d$d, name: 部门$d}"
	done
	echo "targets:"
	for d in $depts; do
		for k in 1 2 3 4 5; do
			echo "  - {id: d$d-t$k, name: 指标$d-$k, direction: \">=\","
			echo "     target: 100, due: 2025-12-31, owner: d$d}"
		done
	done
} > plan.yaml

pg_start || exit 1
loc() {
	echo "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=$1"
}
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-12-31 "$@"
}
pw "$(loc postgres)" db init
is "$rc" 0 "db init"
{
	echo "CREATE ROLE office LOGIN IN ROLE planwatch_office;"
	for d in $depts; do
		echo "CREATE ROLE clerk$d LOGIN;"
	done
} | psql -X -q -v ON_ERROR_STOP=1
office=$(loc office)
pw "$office" db publish
is "$rc:$out" "0:published plan 'county': 20 departments, 100 items" \
    "the office publishes 20 departments and 100 targets"
granted=0
for d in $depts; do
	pw "$office" db grant "clerk$d" --dept "d$d"
	[ "$rc" = 0 ] && granted=$((granted + 1))
done
is "$granted" 20 "each clerk answers for its department"

# value D K I: what clerk D records for target K on date number I.
value() {
	echo "$(((1$1 - 100) * 1000 + $2 * 100 + $3)).5"
}
date_of() {
	printf '2025-%02d-%02d' $(($1 / 28 + 1)) $(($1 % 28 + 1))
}
# What will have been recorded, as export's first three columns.
for d in $depts; do
	for k in 1 2 3 4 5; do
		i=0
		while [ $i -lt $ndates ]; do
			echo "d$d-t$k,$(date_of $i),$(value "$d" $k $i)"
			i=$((i + 1))
		done
	done
done | sort > expected.csv

# client D: record clerk D's values one planwatch run at a time; every
# status other than 0 and every word on stderr kept in its files.
client() {
	_loc=$(loc "clerk$1")
	_i=0
	while [ $_i -lt $ndates ]; do
		for _k in 1 2 3 4 5; do
			"$PLANWATCH" -f plan.yaml -d "$_loc" --today 2025-12-31 \
			    record "d$1-t$_k" "$(value "$1" $_k $_i)" \
			    --date "$(date_of $_i)" < /dev/null \
			    > /dev/null 2>> "client$1.err" ||
			    echo "record d$1-t$_k $_i: exit $?" >> "client$1.rc"
		done
		_i=$((_i + 1))
	done
}
# reader CMD MAX: run CMD on the office's location until stop exists; a
# status above MAX or a word on stderr is kept.  Counts its runs.
reader() {
	_n=0
	while [ ! -e stop ] || [ $_n -eq 0 ]; do
		"$PLANWATCH" -f plan.yaml -d "$office" --today 2025-12-31 $1 \
		    < /dev/null > /dev/null 2>> "$1.err"
		_rc=$?
		[ $_rc -le "$2" ] || echo "$1: exit $_rc" >> "$1.rc"
		_n=$((_n + 1))
	done
	echo $_n > "$1.runs"
}

reader check 2 &
checker=$!
reader status 0 &
stater=$!
pids=""
for d in $depts; do
	client "$d" &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p"
done
touch stop
wait "$checker"
wait "$stater"

total=$((20 * 5 * ndates))
is "$(cat client*.rc 2> /dev/null)" "" "every record exited 0"
is "$(cat client*.err 2> /dev/null)" "" "no client said a word on stderr"
is "$(cat check.rc status.rc 2> /dev/null)" "" \
    "check (0 to 2) and status (0) exited well all along"
is "$(cat check.err status.err 2> /dev/null)" "" "and said nothing on stderr"
ok "check ran while they recorded ($(cat check.runs) runs)" \
    [ "$(cat check.runs)" -ge 1 ]
ok "status ran while they recorded ($(cat status.runs) runs)" \
    [ "$(cat status.runs)" -ge 1 ]
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE plan = 'county'")" "$total" "all $total values are on the server"
is "$(psql -X -At -c "SELECT count(DISTINCT recorded_by) FROM planwatch.events
    WHERE plan = 'county'")" 20 "recorded by the 20 clerks"
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE plan = 'county' AND recorded_by <> 'clerk' || substr(item, 2, 2)")" 0 \
    "each value by its department's clerk"
pw "$office" export
is "$rc" 0 "export"
printf '%s\n' "$out" | sed 1d | cut -d, -f1-3 | sort > exported.csv
ok "export holds every value recorded, as recorded" \
    cmp -s exported.csv expected.csv
has "$out" "d07-t3,$(date_of 2),$(value 07 3 2)" "for one (spot check)"
has "$out" "d20-t5,$(date_of $((ndates - 1))),$(value 20 5 $((ndates - 1)))" \
    "and the last of the last"
pw "$office" check
ok "check answers afterwards (exit $rc)" [ "$rc" -le 2 ]
hasnt "$(cat "$PGDIR/server.log")" "deadlock detected" \
    "the server saw no deadlock"
finish
