#!/bin/sh
# t7002: concurrent writers and a reader: 4 processes recording 500 values
# each while another runs `check` in a loop.  Afterwards exactly 2,000
# values are stored, every command succeeded (none failed with "database is
# locked"), and the database is intact.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cat > plan.yaml <<'YAML'
plan: 并发写入测试
start: 2024-01-01
end: 2026-12-31
departments: [{id: office, name: 办公室}]
targets:
  - {id: W0, name: 写入者〇, direction: ">=", target: 1, due: 2026, owner: office}
  - {id: W1, name: 写入者一, direction: ">=", target: 1, due: 2026, owner: office}
  - {id: W2, name: 写入者二, direction: ">=", target: 1, due: 2026, owner: office}
  - {id: W3, name: 写入者三, direction: ">=", target: 1, due: 2026, owner: office}
YAML
N=500
TODAY=--today=2026-06-30
seq 0 $((N - 1)) | sed 's/.*/2024-01-01 + & day/' | date -f - +%F > dates
is "$(sort -u dates | wc -l)" $N "$N distinct dates"
# The database exists before the race so that every writer migrates nothing.
run "$PLANWATCH" record W0 0 --date 2024-01-01 $TODAY
is "$rc" 0 "the first record creates the database"
sqlite3 plan.db 'DELETE FROM events'

writer() {	# n: record W<n> for every date; failures go to fail.<n>
	i=0
	: > "fail.$1"
	while read -r d; do
		i=$((i + 1))
		if ! "$PLANWATCH" record "W$1" "$i" --date "$d" \
		    --note "写入者 $1 第 $i 条" $TODAY \
		    > /dev/null 2> "err.$1"; then
			{ echo "record W$1 $d failed:"; cat "err.$1"; } >> "fail.$1"
		fi
	done < dates
}

reader() {	# check in a loop until the writers are done
	: > fail.r
	n=0
	while [ ! -f done ]; do
		"$PLANWATCH" check $TODAY > out.r 2> err.r
		c=$?
		n=$((n + 1))
		# 0..2 are OK, WARNING, CRITICAL; 3 (UNKNOWN) means check
		# could not read.
		if [ $c -gt 2 ] || [ -s err.r ]; then
			{ echo "check exited $c:"; cat out.r err.r; } >> fail.r
		fi
	done
	echo $n > reads
}

reader &
rpid=$!
writer 0 & w0=$!
writer 1 & w1=$!
writer 2 & w2=$!
writer 3 & w3=$!
wait $w0 $w1 $w2 $w3
touch done
wait $rpid

for w in 0 1 2 3; do
	is "$(cat fail.$w)" "" "writer $w: all $N records succeeded"
done
is "$(cat fail.r)" "" "reader: every check succeeded ($(cat reads) runs)"
ok "the reader ran while the writers wrote" [ "$(cat reads)" -gt 1 ]
is "$(sqlite3 plan.db 'SELECT count(*) FROM events')" $((4 * N)) \
    "exactly $((4 * N)) values stored"
is "$(sqlite3 plan.db 'SELECT count(DISTINCT item || asof) FROM events WHERE superseded_by IS NULL')" \
    $((4 * N)) "each writer's values are all current"
for w in 0 1 2 3; do
	is "$(sqlite3 plan.db "SELECT count(DISTINCT value) FROM events
	    WHERE item = 'W$w' AND note = '写入者 $w 第 ' || CAST(value AS INTEGER) || ' 条'")" \
	    $N "writer $w: $N whole rows, each value with its own note"
done
is "$(sqlite3 plan.db 'PRAGMA integrity_check')" ok "integrity_check says ok"
run "$PLANWATCH" log --format csv $TODAY
is "$(printf '%s\n' "$out" | wc -l)" $((4 * N + 1)) "log shows all of them"
finish
