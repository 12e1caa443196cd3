#!/bin/sh
# t2300-concurrent.sh: four processes recording 500 values each while a
# reader loops; afterwards every value is there and no command failed (no
# "database is locked").
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
N=500
[ "${PW_SAN:-0}" = 1 ] && N=150	# the sanitizer build is several times slower
# The reader: check when it exists, else export and log.
if "$PLANWATCH" help check > /dev/null 2>&1; then
	reader() { "$PLANWATCH" -f plan.yaml --today 2025-12-31 check \
	    > /dev/null 2>> reader.err; [ $? -le 3 ] && [ ! -s reader.err ]; }
else
	reader() { "$PLANWATCH" -f plan.yaml export > /dev/null 2>> reader.err &&
	    "$PLANWATCH" -f plan.yaml log --limit 5 > /dev/null 2>> reader.err; }
fi

writer() {	# name, command, id: one record a day from 2024-01-01
	i=0
	fails=0
	while [ $i -lt $N ]; do
		d=$(date -u -d "2024-01-01 + $i days" +%Y-%m-%d)
		"$PLANWATCH" -f plan.yaml --today 2025-12-31 --by "$1" \
		    "$2" "$3" "$((i % 101))" --date "$d" > /dev/null \
		    2>> "$1.err" || fails=$((fails + 1))
		i=$((i + 1))
	done
	echo "$fails" > "$1.fails"
}
touch reader.run
( r=0; f=0; while [ -e reader.run ]; do reader || f=$((f + 1)); r=$((r + 1)); done
  echo "$r $f" > reader.result ) &
rpid=$!
writer w1 record T-beds & p1=$!
writer w2 record T-wait & p2=$!
writer w3 progress M-build & p3=$!
writer w4 progress M-plan & p4=$!
wait $p1 $p2 $p3 $p4
rm reader.run
wait $rpid

for w in w1 w2 w3 w4; do
	is "$(cat $w.fails)" 0 "writer $w: no command failed"
	is "$(cat $w.err)" "" "writer $w: no error printed"
done
set -- $(cat reader.result)
is "$2" 0 "the reader ran $1 times and never failed"
is "$(cat reader.err)" "" "the reader printed no error"
total=$((N * 4))
is "$(sqlite3 plan.db 'SELECT count(*) FROM events')" "$total" "exactly $total records"
is "$(sqlite3 plan.db 'SELECT count(*) FROM events WHERE superseded_by IS NULL')" "$total" "all of them current"
is "$(sqlite3 plan.db 'PRAGMA integrity_check')" ok "integrity_check says ok"
for w in w1 w2 w3 w4; do
	is "$(sqlite3 plan.db "SELECT count(*) FROM events WHERE recorded_by = '$w'")" "$N" "every record of $w is there"
done
finish
