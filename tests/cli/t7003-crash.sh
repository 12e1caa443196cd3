#!/bin/sh
# t7003: crash safety.  `planwatch import` and `planwatch record` are killed
# with SIGKILL at random points, again and again: afterwards the database
# always passes PRAGMA integrity_check, planwatch still reads it, and it
# holds all or none of each batch (superseded rows included).
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
NT=20		# targets
ND=500			# dates each: an import of NT * ND rows
KILLS=${PW_KILLS:-25}
{
	echo 'plan: 崩溃测试'
	echo 'start: 2020-01-01'
	echo 'end: 2025-12-31'
	echo 'targets:'
	i=0
	while [ $i -lt $NT ]; do
		echo "  - {id: T$i, name: 指标$i, direction: \">=\", target: 1, due: 2025}"
		i=$((i + 1))
	done
} > plan.yaml
seq 0 $((ND - 1)) | sed 's/.*/2020-01-01 + & day/' | date -f - +%F > dates
TODAY=--today=2025-01-01
ROWS=$((NT * ND))

batch() {	# k: the CSV of batch k, every target on every date
	awk -v k="$1" -v nt=$NT 'BEGIN { print "id,date,value,note" }
	    { for (t = 0; t < nt; t++) printf "T%d,%s,%d,batch %d\n", t, $0, k, k }' dates
}

rand() {	# 0 .. $1 - 1
	echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 ))
}

sq() { sqlite3 plan.db "$1"; }

# kill_within MS CMD...: start CMD and SIGKILL it after a random delay
# below MS milliseconds; sets delay.
kill_within() {
	delay=$(rand "$1"); shift
	"$@" > /dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -KILL $pid 2> /dev/null
	wait $pid 2> /dev/null
}

# The first batch, and how long an import that supersedes a whole batch
# takes (in ms).
batch 0 > b.csv
run "$PLANWATCH" import b.csv $TODAY
is "$rc" 0 "batch 0 of $ROWS rows is imported"
batch 1 > b.csv
t0=$(date +%s%N)
run "$PLANWATCH" import b.csv $TODAY
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
is "$rc" 0 "batch 1 supersedes it (in $ms ms)"
[ $ms -lt 20 ] && ms=20

# Each later batch supersedes the one before; killed at a random point it
# must leave the current rows all from one batch, and the batch's rows all
# there or all absent.
good=1 whole=0 none=0 k=2
while [ $k -le $((KILLS + 1)) ]; do
	batch $k > b.csv
	kill_within $((ms * 12 / 10)) "$PLANWATCH" import b.csv $TODAY
	ic=$(sq 'PRAGMA integrity_check')
	n=$(sq "SELECT count(*) FROM events WHERE note = 'batch $k'")
	cur=$(sq 'SELECT count(*), count(DISTINCT note) FROM events WHERE superseded_by IS NULL')
	total=$(sq 'SELECT count(*) FROM events')
	if [ "$ic" != ok ]; then
		_report 0 "import killed after ${delay} ms: integrity_check" "$ic"
		good=0
	fi
	case $n in
	0) none=$((none + 1)) ;;
	$ROWS) whole=$((whole + 1)) ;;
	*) _report 0 "import killed after ${delay} ms: all or none" \
	    "batch $k has $n of $ROWS rows"; good=0 ;;
	esac
	if [ "$cur" != "$ROWS|1" ] || [ $((total % ROWS)) -ne 0 ]; then
		_report 0 "import killed after ${delay} ms: one current batch" \
		    "current rows and batches: $cur; all rows: $total"
		good=0
	fi
	run "$PLANWATCH" check $TODAY
	if [ "$rc" -gt 2 ]; then
		_report 0 "import killed after ${delay} ms: check still reads" "$out$err"
		good=0
	fi
	k=$((k + 1))
done
is $good 1 "$KILLS imports killed at random points: integrity ok, all or none ($whole whole, $none none)"

# The same for single records, each superseding the one before.
run "$PLANWATCH" record T0 0 --date 2024-12-31 --note r0 $TODAY
is "$rc" 0 "a first record"
t0=$(date +%s%N)
run "$PLANWATCH" record T0 0 --date 2024-12-30 --note r0 $TODAY
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $ms -lt 5 ] && ms=5
good=1 whole=0 none=0 k=1
while [ $k -le $KILLS ]; do
	kill_within $((ms * 12 / 10)) "$PLANWATCH" record T0 $k \
	    --date 2024-12-31 --note r$k $TODAY
	ic=$(sq 'PRAGMA integrity_check')
	n=$(sq "SELECT count(*) FROM events WHERE note = 'r$k'")
	cur=$(sq "SELECT count(*) FROM events WHERE item = 'T0' AND asof = '2024-12-31' AND superseded_by IS NULL")
	[ "$ic" = ok ] || { _report 0 "record killed after ${delay} ms: integrity_check" "$ic"; good=0; }
	case $n in
	0) none=$((none + 1)) ;;
	1) whole=$((whole + 1)) ;;
	*) _report 0 "record killed: all or none" "$n rows for r$k"; good=0 ;;
	esac
	[ "$cur" = 1 ] || { _report 0 "record killed after ${delay} ms: one current value" "$cur"; good=0; }
	k=$((k + 1))
done
is $good 1 "$KILLS records killed at random points: integrity ok, all or none ($whole whole, $none none)"
run "$PLANWATCH" log T0 --format csv $TODAY
is "$rc" 0 "log reads the database after all that"
finish
