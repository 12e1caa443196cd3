#!/bin/sh
# t2400-crash.sh: an import and a stream of records killed with SIGKILL at
# random points, 20 times each: the database always passes integrity_check,
# holds every batch whole or not at all, and never two current records for
# one item, date and sort.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { "$PLANWATCH" -f plan.yaml --today 2025-12-31 "$@"; }
q() { sqlite3 -cmd '.timeout 10000' plan.db "$1"; }
ROUNDS=20

# Many rows: every day of 2024-2025 for four items, repeated (the repeats
# supersede), so the import runs long enough to be killed part-way.
reps=8
[ "${PW_SAN:-0}" = 1 ] && reps=3
awk -v reps="$reps" 'BEGIN {
	print "id,date,value,note"
	split("31 29 31 30 31 30 31 31 30 31 30 31", ml, " ")
	for (r = 0; r < reps; r++)
		for (y = 2024; y <= 2025; y++)
			for (m = 1; m <= 12; m++) {
				n = ml[m] + (m == 2 && y == 2025 ? -1 : 0)
				for (d = 1; d <= n; d++) {
					day = sprintf("%d-%02d-%02d", y, m, d)
					printf "T-beds,%s,%d.%d,第%d轮\n", day, d, r, r
					printf "T-wait,%s,%d,\n", day, 60 - d
					printf "M-build,%s,%d,\n", day, (d * 3) % 101
					printf "M-plan,%s,%d%%,\n", day, d
				}
			}
}' > many.csv
rows=$(($(wc -l < many.csv) - 1))
printf 'id,date,value\nT-beds,2024-01-01,1\nM-plan,2024-01-01,done\n' > base.csv
pw import base.csv > /dev/null || echo "not ok - the base import failed"

# How long a whole import takes, to spread the kills over it.
cp plan.db base.db
start=$(date +%s%N)
pw import many.csv > /dev/null
ms=$((($(date +%s%N) - start) / 1000000))
is "$(q 'SELECT count(*) FROM events')" "$((rows + 2))" "a whole import holds every row"

consistent() {
	q "SELECT count(*) FROM (SELECT 1 FROM events WHERE superseded_by IS NULL
	    GROUP BY item, asof, CASE kind WHEN 'reopen' THEN 'done' ELSE kind END
	    HAVING count(*) > 1)"
}
rnd() {	# a pseudo-random number below $1
	awk -v n="$1" -v s="$$$2" 'BEGIN { srand(s); print int(rand() * n) }'
}

bad=0
all=0
none=0
i=0
while [ $i -lt $ROUNDS ]; do
	rm -f plan.db plan.db-wal plan.db-shm
	cp base.db plan.db
	pw import many.csv > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v t="$(rnd "$((ms + 20))" $i)" 'BEGIN { printf "%.3f", t / 1000 }')"
	kill -KILL $pid 2> /dev/null
	wait $pid 2> /dev/null
	n=$(q 'SELECT count(*) FROM events')
	if [ "$(q 'PRAGMA integrity_check')" != ok ] || [ "$(consistent)" != 0 ]; then
		bad=$((bad + 1))
	elif [ "$n" = 2 ]; then
		none=$((none + 1))
	elif [ "$n" = "$((rows + 2))" ]; then
		all=$((all + 1))
	else
		echo "# round $i: $n rows"
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
is "$bad" 0 "$ROUNDS killed imports: sound, all or none (all $all, none $none)"
ok "some imports were killed part-way" test "$none" -gt 0

# Records killed at random points: each one whole or absent.
rm -f plan.db plan.db-wal plan.db-shm
cp base.db plan.db
bad=0
i=0
while [ $i -lt $ROUNDS ]; do
	# In a session of its own, so that one kill stops the loop and the
	# record it is running.
	I=$i setsid sh -c 'j=0; while [ $j -lt 50 ]; do
		"$PLANWATCH" -f plan.yaml --today 2025-12-31 record T-wait "$j" \
		    --date 2024-03-01 --note "轮$I" > /dev/null 2>&1
		j=$((j + 1))
	done' &
	pid=$!
	sleep "$(awk -v t="$(rnd 300 $i)" 'BEGIN { printf "%.3f", t / 1000 }')"
	kill -KILL -- -$pid 2> /dev/null
	wait $pid 2> /dev/null
	if [ "$(q 'PRAGMA integrity_check')" != ok ] || [ "$(consistent)" != 0 ] ||
	    [ "$(q "SELECT count(*) FROM events WHERE item = 'T-wait' AND superseded_by IS NULL")" -gt 1 ]; then
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
is "$bad" 0 "$ROUNDS killed runs of record: sound, one current value"
pw export > /dev/null
is "$?" 0 "the database still reads"
finish
