#!/bin/sh
# t4006: the HTML report of a large plan keeps its charts to a few pages
# (planwatch-report(1), "Charts of a large plan"): beyond 120 Gantt rows
# every phase and only the 80 milestones that most need attention, with a
# line for the rest; beyond 60 targets with values only the 60 that most
# need attention; a dense series drawn to the chart's width without dots.
# A document larger than one write is the same on standard output and
# through -o.
. "$PW_TOP/tests/lib.sh"

# Two phases of 70 milestones: in each, 50 due in 2025 (overdue as of
# 2026-06-30, nothing recorded) and 20 due in 2027 (pending).  64 targets
# missed (due 2025-12-31, below their goal) and 6 on track; T-daily has a
# value a day for a year and a half.
awk 'BEGIN {
	print "format: 1"
	print "plan: 大规模测试方案"
	print "id: large"
	print "start: 2025-01"
	print "end: 2027-12"
	print "departments:"
	print "  - {id: d1, name: 第一部门}"
	print "phases:"
	for (ph = 1; ph <= 2; ph++) {
		printf "  - id: P%d\n    name: 阶段%d\n", ph, ph
		printf "    start: 2025-01\n    end: 2027-12\n    milestones:\n"
		for (m = 1; m <= 70; m++) {
			printf "      - id: M%d-%02d\n        name: 任务%d-%d\n", ph, m, ph, m
			printf "        due: %s\n        owner: d1\n", m <= 50 ? \
			    sprintf("2025-%02d-28", 1 + m % 12) : "2027-06-30"
		}
	}
	print "targets:"
	for (t = 1; t <= 70; t++) {
		printf "  - id: T%02d\n    name: 指标%d\n    direction: \">=\"\n", t, t
		printf "    target: 100\n    due: %s\n    cadence: quarter\n", \
		    t <= 64 ? "2025-12-31" : "2027-12-31"
		print "    owner: d1"
	}
	print "  - id: T-daily\n    name: 日指标\n    direction: \">=\"\n    target: 100"
	print "    due: 2027-12-31\n    cadence: week\n    owner: d1"
}' > "$T/large.yaml"
{
	echo "id,date,value,note,source"
	t=1
	while [ $t -le 70 ]; do
		id=$(printf 'T%02d' $t)
		echo "$id,2025-03-31,10,,"
		echo "$id,2025-09-30,20,,"
		[ $t -gt 64 ] && echo "$id,2026-03-31,60,,"
		t=$((t + 1))
	done
	# 2025-01-01 on, 546 days, values 40..76 in a cycle of 13 days.
	awk 'function civil(z,   era, doe, yoe, doy, mp, d, m, y) {
		z += 719468
		era = int(z / 146097)
		doe = z - era * 146097
		yoe = doe - int(doe / 1460) + int(doe / 36524)
		yoe = int((yoe - int(doe / 146096)) / 365)
		y = yoe + era * 400
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
		mp = int((5 * doy + 2) / 153)
		d = doy - int((153 * mp + 2) / 5) + 1
		m = mp < 10 ? mp + 3 : mp - 9
		return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
	}
	BEGIN { for (i = 0; i < 546; i++)
		printf "T-daily,%s,%d,,\n", civil(20089 + i), 40 + (i % 13) * 3
	}'
} > "$T/values.csv"
pw() { "$PLANWATCH" -f "$T/large.yaml" -d "$T/large.db" --today 2026-06-30 "$@"; }
run pw import "$T/values.csv"
is "$rc" 0 "the values import"

run pw report --format html
is "$rc" 0 "report --format html exits 0"
html=$out
printf '%s\n' "$html" > "$T/large.html"
is "$(grep -o 'class="ph">' "$T/large.html" | wc -l | tr -d ' ')" 2 \
    "the Gantt chart draws every phase"
is "$(grep -o 'class="ms">M[12]-[0-9]* 任务' "$T/large.html" | wc -l | tr -d ' ')" 80 \
    "and 80 milestones"
# Every instance needs attention here (the pending are behind pace): the
# 80 most overdue are drawn, the 40 pending and 20 overdue left.
left=$(grep -o 'class="ms">[0-9]* more milestones, [0-9]* of them' \
    "$T/large.html" | sed 's/[^0-9]*\([0-9]*\)[^0-9]*\([0-9]*\).*/\1:\2/' |
    tr '\n' ' ')
is "$(echo $left | awk -v RS=' ' -F: '{ n++; s += $1; a += $2 }
    END { print n, s, a }')" "2 60 60" \
    "a line per phase says how many were left out and need attention"
has "$html" 'class="ms">M1-12 任务1-12</text>' "the most overdue are drawn"
hasnt "$html" 'class="ms">M1-60 任务1-60</text>' "the least urgent are not"
is "$(grep -o '<figure>' "$T/large.html" | wc -l | tr -d ' ')" 60 \
    "60 target charts"
is "$(grep -c '<figcaption>T6[5-9] \|<figcaption>T70 ' "$T/large.html")" 0 \
    "none of a target on track"
has "$html" "<figcaption>T60 " "the missed, in plan order when as bad"
hasnt "$html" "<figcaption>T61 " "up to the cap"
has "$html" "Charts of the 60 targets that most need attention; 11 more targets with values are not charted (5 of them need attention)." \
    "a line says what was not charted"
run pw report --format text
has "$out" "T70" "the text report's table still lists every target"

# A dense series: a plan of T-daily alone charts it (few targets), 546
# values on a chart 252 wide (1,094 days), so four or five a column.
awk '/^targets:/ { t = 1 } t && /^  - id: T[0-9][0-9]$/ { skip = 1 }
    t && /^  - id: T-daily/ { skip = 0 } !skip' "$T/large.yaml" > "$T/daily.yaml"
run "$PLANWATCH" -f "$T/daily.yaml" -d "$T/large.db" --today 2026-06-30 \
    report --format html
is "$rc" 0 "a plan with one dense target reports"
chart=$(printf '%s\n' "$out" | grep -o '<figcaption>T-daily.*</figure>')
points=$(printf '%s\n' "$chart" | sed 's/.*points="\([^"]*\)".*/\1/')
n=$(printf '%s\n' "$points" | tr ' ' '\n' | grep -c ,)
ok "546 values drawn as at most two points a column ($n)" \
    test "$n" -gt 100 -a "$n" -le 256
# Lowest 40 and highest 76 of (35.2, 104.8) on a 104 high frame from 8.
has "$points" ",104.8 " "every dip to the lowest value still shows"
has "$points" ",51.0 " "and every peak"
hasnt "$chart" "<circle" "no dots on a dense line"

# Large enough to be written in several pieces: the same either way.
export SOURCE_DATE_EPOCH=1795852800
for f in html json; do
	pw report --format $f > "$T/stdout.$f"
	run pw report --format $f -o "$T/file.$f"
	is "$rc" 0 "report --format $f -o exits 0"
	ok "a large $f report is written whole (over 64 KiB)" \
	    test "$(wc -c < "$T/file.$f")" -gt 65536
	ok "-o writes what standard output gets ($f)" \
	    cmp -s "$T/stdout.$f" "$T/file.$f"
done
is "$(ls "$T" | grep -c tmp)" 0 "no temporary file is left"
finish
