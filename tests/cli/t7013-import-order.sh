#!/bin/sh
# t7013: import writes its rows each item's together, and rows that
# supersede nothing several to a statement (db/sqlite.c); the records are
# still those of the file's lines in order: seq follows the lines, and of
# the rows of one id and date the later line wins, whether the two lines
# are next to each other, far apart, or in a file shuffled over rows
# already stored.  The time itself is measured in `make bench`, never here.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

# Weekly-report order: every day of 2024 up to today, each item once,
# with some lines again at once (T-beds), at the end of the file (T-wait)
# and a few days later (M-build, T-emr).
awk 'BEGIN {
	split("31 29 31 30 31 30", ml, " ")
	split("零级 一级 二级 三级 四级 五级", lv, " ")
	print "id,date,value"
	n = 0
	for (m = 1; m <= 6; m++)
		for (d = 1; d <= ml[m] && !(m == 6 && d > 15); d++) {
			day = sprintf("2024-%02d-%02d", m, d)
			n++
			print "T-beds," day "," n
			if (n % 5 == 0)
				print "T-beds," day "," n + 0.5
			print "T-wait," day "," 100 - n % 50
			if (n % 7 == 0)
				late[++nl] = "T-wait," day "," n + 0.25
			print "T-emr," day "," lv[n % 6 + 1]
			print "M-build," day "," n % 100 "%"
			if (n % 3 == 0)
				again[n + 4] = "M-build," day "," (n + 1) % 100 "%"
			if (n % 11 == 0)
				again2[n + 2] = "T-emr," day "," lv[(n + 3) % 6 + 1]
			if (n in again)
				print again[n]
			if (n in again2)
				print again2[n]
		}
	for (i = 1; i <= nl; i++)
		print late[i]
}' > weekly.csv

# What the file says: its lines in order, and the value of each id and
# date's last line.
tail -n +2 weekly.csv | cut -d, -f1,2 > lines.want
last() {
	tail -n +2 "$1" | awk -F, '{ v = $3; sub(/%$/, "", v)
	    if (v ~ /^[0-9.]+$/) v = sprintf("%g", v); last[$1 "," $2] = v }
	    END { for (k in last) print k "," last[k] }' | LC_ALL=C sort
}
current() {
	sqlite3 plan.db "SELECT item || ',' || asof || ',' ||
	    coalesce(level, printf('%g', value)) FROM events
	    WHERE superseded_by IS NULL" | LC_ALL=C sort
}
lines=$(($(wc -l < weekly.csv) - 1))
keys=$(last weekly.csv | wc -l | tr -d ' ')

pw import weekly.csv
is "$rc" 0 "$lines rows in date order import"
is "$(sqlite3 plan.db "SELECT count(*), count(superseded_by) FROM events")" \
    "$lines|$((lines - keys))" "all stored, one current per id and date"
is "$(sqlite3 plan.db "SELECT item || ',' || asof FROM events ORDER BY seq")" \
    "$(cat lines.want)" "seq follows the file's lines"
is "$(current)" "$(last weekly.csv)" "the later line of an id and date wins"
is "$(sqlite3 plan.db "SELECT count(*) FROM events x JOIN events y
    ON y.seq = x.superseded_by WHERE y.item != x.item OR y.asof != x.asof
    OR y.kind != x.kind OR y.seq <= x.seq OR EXISTS (SELECT 1 FROM events z
    WHERE z.item = x.item AND z.asof = x.asof AND z.kind = x.kind
    AND z.seq > x.seq AND z.seq < y.seq)")" 0 \
    "each superseded by the next line of its id and date"

# The same rows shuffled, over those stored: every stored row is
# superseded, and again the later line of the new file wins.
{ echo "id,date,value"; tail -n +2 weekly.csv |
    awk 'BEGIN { srand(7) } { printf "%.9f\t%s\n", rand(), $0 }' |
    LC_ALL=C sort | cut -f2-; } > shuffled.csv
pw import shuffled.csv
is "$rc" 0 "the rows shuffled import over them"
is "$(sqlite3 plan.db "SELECT count(*), count(superseded_by) FROM events")" \
    "$((2 * lines))|$((2 * lines - keys))" "one current per id and date still"
is "$(sqlite3 plan.db "SELECT count(*) FROM events WHERE seq <= $lines
    AND superseded_by IS NULL")" 0 "every row of the first import superseded"
is "$(sqlite3 plan.db "SELECT item || ',' || asof FROM events
    WHERE seq > $lines ORDER BY seq")" \
    "$(tail -n +2 shuffled.csv | cut -d, -f1,2)" "seq follows the lines again"
is "$(current)" "$(last shuffled.csv)" "the later line of the new file wins"

# All or nothing: a bad line anywhere leaves the database as it was.
before=$(sqlite3 plan.db "SELECT count(*), max(seq) FROM events")
{ cat weekly.csv; echo "T-beds,2024-13-01,1"; } > bad.csv
pw import bad.csv
is "$rc" 1 "a file with a bad line is refused"
has "$err" "bad.csv:$((lines + 2)):" "the bad line is named"
is "$(sqlite3 plan.db "SELECT count(*), max(seq) FROM events")" "$before" \
    "nothing of it is stored"
finish
