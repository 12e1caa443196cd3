#!/bin/sh
# t8010: an import on PostgreSQL goes through COPY into a staging table,
# then one INSERT in the file's order (db/pg_copy.c), and keeps what the
# row-by-row INSERTs did (issue 18 items 3 and 7): text with tabs,
# newlines, backslashes, Chinese, \N and the word NULL comes back exactly
# (export and log the same bytes as SQLite's from the same file); of two
# rows of one item and date in a file the later line wins, as on SQLite;
# a row the department may not write in the middle of a large file
# leaves nothing written, in one line naming the item and the department.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

cat > plan.yaml <<'YAML'
format: 1
id: yuan
plan: 禹安县数据导入
start: 2025-01-01
end: 2025-12-31
departments: [{id: health, name: 卫健委}, {id: finance, name: 财政局}]
milestones:
  - {id: M1, name: 上线, due: 2025-06-30, owner: health}
  - {id: M2, name: 拨款, due: 2025-09-30, owner: finance}
targets:
  - {id: T1, name: 覆盖率, direction: ">=", target: 90, due: 2025-12-31, owner: health, unit: "%"}
  - {id: T2, name: 预算执行, direction: ">=", target: 80, due: 2025-12-31, owner: finance}
  - {id: T3, name: 满意度, direction: ">=", target: 良, due: 2025-12-31, owner: health, scale: ["NULL", '\N', 良, 优]}
YAML

pg_start || exit 1
db() {	# ROLE: the role's PostgreSQL location
	echo "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=$1"
}
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-12-31 "$@"
}
rows() {	# the whole table, as the superuser reads it
	psql -X -At -c "SELECT seq, kind, item, asof, value, level, note,
	    source, recorded_by, superseded_by FROM planwatch.events
	    ORDER BY seq"
}
# both FILE: import FILE into a new SQLite file and into the emptied
# server (the office, tester, as $USER is on SQLite); then the same
# commands on each, written to sqlite.txt and pg.txt, times made TIME.
both() {
	rm -f "$T/s.db"
	psql -X -q -c 'DROP SCHEMA IF EXISTS planwatch CASCADE' 2> /dev/null
	pw "$(db postgres)" db init
	pw "$(db tester)" db publish
	for _d in "$T/s.db" "$(db tester)"; do
		for _c in "import $1" "export" "export --format json" \
		    "log --format csv" "log --format json" "log" "status --all" \
		    "check"; do
			# shellcheck disable=SC2086
			pw "$_d" $_c
			printf '$ %s\n%s\n%s\n%s\n' "$_c" "$rc" "$out" "$err"
		done | sed 's/20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/TIME/g' \
		    > "$T/out.txt"
		case $_d in
		*.db)	mv "$T/out.txt" sqlite.txt ;;
		*)	mv "$T/out.txt" pg.txt ;;
		esac
	done
}
same() {	# DESC
	if cmp -s sqlite.txt pg.txt; then
		_report 1 "$1" ""
	else
		_report 0 "$1" "$(diff sqlite.txt pg.txt | head -40)"
	fi
}

pw "$(db postgres)" db init
psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE tester LOGIN IN ROLE planwatch_office;
CREATE ROLE health_clerk LOGIN;
CREATE ROLE finance_clerk LOGIN;
EOF
# What COPY's text format would have to escape, and what reads as NULL
# there or in CSV: tabs, newlines (LF and CR), backslashes, \N, the word
# NULL (as a level of T3's scale, a note and a source), Chinese text.
printf '%s\n' 'id,date,value,note,source' \
    'T3,2025-01-31,NULL,"a	b\\c' 'second line \\N \N\.",\N' \
    'T3,2025-02-28,\N,NULL,"NULL"' \
    'T1,2025-04-30,1e-7,\,\\' \
    'M1,2025-05-31,33.3333333333333,"""引号""",' \
    'T2,2025-06-30,-0,  ,\t' > odd.csv
printf 'T1,2025-03-31,12.5,"中文 备注\t制表 \r\n\r",报表\\x\r\n' >> odd.csv
both odd.csv
ok "the odd rows were imported on SQLite" \
    grep -q '^imported 6 records from odd.csv' sqlite.txt
ok "and on PostgreSQL" grep -q '^imported 6 records from odd.csv' pg.txt
same "export and log give the same bytes from both stores"
is "$(psql -X -At -c "SELECT level || '|' || coalesce(note, '(null)') || '|'
    || coalesce(source, '(null)') FROM planwatch.events
    WHERE asof = '2025-02-28'")" '\N|NULL|NULL' \
    "the words \\N and NULL are stored as text, not as NULL"
is "$(psql -X -At -c "SELECT note FROM planwatch.events
    WHERE asof = '2025-01-31'")" 'a	b\\c
second line \\N \N\.' "a note with a tab, a newline and backslashes, exactly"

# Two rows of one item, date and sort in a file: the later line wins, on
# both stores; done and reopen replace each other, not the progress.
printf '%s\n' 'id,date,value,note' 'T1,2025-03-31,10,first' \
    'T1,2025-03-31,20,second' 'T2,2025-03-31,5,' 'T1,2025-03-31,15,third' \
    'M1,2025-04-30,done,' 'M1,2025-04-30,50,' 'M1,2025-04-30,reopen,' \
    'T2,2025-03-31,6,T2 again' > dup.csv
both dup.csv
ok "the repeated rows were imported" \
    grep -q '^imported 8 records from dup.csv' pg.txt
same "the later line wins on PostgreSQL as on SQLite"
is "$(psql -X -At -c "SELECT string_agg(value || ':' ||
    (superseded_by IS NULL), ' ' ORDER BY seq) FROM planwatch.events
    WHERE item = 'T1'")" "10:false 20:false 15:true" \
    "T1's rows in the file's order, the last one current"
is "$(psql -X -At -c "SELECT string_agg(kind || ':' ||
    (superseded_by IS NULL), ' ' ORDER BY seq) FROM planwatch.events
    WHERE item = 'M1'")" "done:false progress:true reopen:true" \
    "M1's reopen replaces its done of the line before, not the progress"
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events e
    JOIN planwatch.events n ON n.seq = e.superseded_by
    WHERE n.seq < e.seq")" 0 "each superseded by a later row"

# The session's cache (session/cache.c) knows a PostgreSQL store's state
# by its change token: the same location made again, with as many rows
# and other values, is not taken for the state before.
sed 's/,10,/,11,/; s/,20,/,21,/; s/,15,/,16,/; s/,5,/,7,/' dup.csv > dup2.csv
both dup2.csv
ok "the other values were imported" \
    grep -q '^imported 8 records from dup2.csv' pg.txt
same "and are what status and check read on PostgreSQL, as on SQLite"

# A large file of finance's rows with one of health's in the middle.
pw "$(db tester)" db grant finance_clerk --dept finance
n=20000
[ "${PW_SAN:-0}" = 1 ] && n=5000
awk -v n="$n" 'BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
	print "id,date,value,note"
	for (i = 1; i <= n; i++) {
		d = i % 365
		for (m = 1; d >= len[m]; m++)
			d -= len[m]
		day = sprintf("2025-%02d-%02d", m, d + 1)
		if (i == int(n / 2) + 1)
			print "T1," day ",70,健康的"
		else if (i % 7 == 0)
			print "M2," day "," (i % 100) ",行 " i
		else
			print "T2," day "," i / 10 ",第 " i " 行"
	}
}' > big.csv
ok "the large file has its row of T1 in the middle" \
    [ "$(grep -n '^T1,' big.csv | cut -d: -f1)" = $((n / 2 + 2)) ]
before=$(rows)
pw "$(db finance_clerk)" import big.csv
is "$rc" 1 "finance importing a file with one row of T1: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "one line"
has "$err" "department 'finance' neither leads nor supports 'T1' of plan 'yuan'" \
    "naming the department and the item"
is "$(rows)" "$before" "nothing written: the rows before it neither"
hasnt "$out" "imported" "nothing said imported"
grep -v '^T1,' big.csv > finance.csv
pw "$(db finance_clerk)" import finance.csv
is "$rc:$out" "0:imported $((n - 1)) records from finance.csv" \
    "without it, the file is imported"
is "$(psql -X -At -c "SELECT count(*), count(DISTINCT recorded_by)
    FROM planwatch.events WHERE recorded_by = 'finance_clerk'")" \
    "$((n - 1))|1" "every row, recorded by finance_clerk"
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE superseded_by IS NULL AND recorded_by = 'finance_clerk'")" \
    "$(tail -n +2 finance.csv | cut -d, -f1,2 | sort -u | wc -l | tr -d ' ')" \
    "one current row per item and date"
both finance.csv
same "the large file gives the same export and log as on SQLite"
finish
