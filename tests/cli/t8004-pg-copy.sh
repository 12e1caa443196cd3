#!/bin/sh
# t8004: planwatch db copy FROM TO (issue 18 item 5): every record of a
# SQLite file, with its corrections, voids, notes, sources, Chinese text
# and several recorders at their own times, copied to a PostgreSQL store
# and from there to a new SQLite file: log (text, CSV, JSON), export and
# status give the same bytes at each step, and the rows keep their seq,
# recorder, time and supersessions.  A copy into a store that holds
# records is refused, nothing written; a department's role cannot copy
# (nor use the copy's way around the server's recorder and supersession);
# a copy that fails part way (a row the destination refuses) leaves the
# destination empty.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

cp "$PW_TOP/tests/data/plans/yuan.yaml" plan.yaml
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-07-01 "$@"
}
copy() {	# FROM TO
	run "$PLANWATCH" -f plan.yaml db copy "$@"
}

# The history to copy: corrections, voids, notes, sources, several
# recorders; then each row given a time of its own, long ago, so that a
# copy that stamped the time of copying is seen.
for c in "record T1 50 --date 2025-03-31 --note 一季度 --by 张三" \
    "record T2 20.5 --date 2025-03-31 --source 报表 --by alice" \
    "record T1 52 --date 2025-03-31 --note 更正 --by 李四" \
    "record T3 中 --date 2025-03-31 --by alice" \
    "progress M1 40 --date 2025-05-01 --by 张三" \
    "progress M2 10 --date 2025-05-01 --source 周报 --by bob" \
    "record T2 30 --date 2025-04-30 --by bob" \
    "void T2 2025-04-30 --note 报错了 --by alice" \
    "record T2 31 --date 2025-04-30 --by bob" \
    "done M1 --date 2025-06-20 --by 张三" \
    "done M3@2025-05 --date 2025-05-31 --by bob" \
    "reopen M1 --note 返工 --by 李四" \
    "record T3 良 --date 2025-06-30 --note 回访 --source 问卷 --by alice" \
    "void T3 2025-06-30 --by alice" \
    "record T3 优 --date 2025-06-30 --by bob" \
    "void T3 2025-06-30 --note 再撤销 --by bob" \
    "progress M1 45 --date 2025-05-01 --note 更正 --by 李四" \
    "done M3@2025-05 --date 2025-05-31 --note 重报 --by alice" \
    "record T1 61.25 --date 2025-06-30 --by 张三"; do
	# shellcheck disable=SC2086
	pw a.db $c
	[ "$rc" = 0 ] || echo "# $c: $rc $err"
done
sqlite3 a.db "UPDATE events SET recorded =
    printf('2025-%02d-%02dT%02d:%02d:07Z', seq % 12 + 1, seq + 3, seq, seq * 3)"
nrows=$(sqlite3 a.db 'SELECT count(*) FROM events')
is "$nrows" 19 "the history to copy has 19 rows"
is "$(sqlite3 a.db 'SELECT count(*) FROM events
    WHERE superseded_by IS NOT NULL')" 7 "7 of them superseded"
links() {	# the rows as stored in a SQLite file
	sqlite3 "$1" "SELECT seq, kind, item, asof, iif(value IS NULL, '',
	    printf('%g', value)), level, note,
	    source, recorded_by, recorded, superseded_by FROM events
	    ORDER BY seq"
}

# What a copy keeps: the commands' output, byte for byte.
CMDS="log|log T2|log --format csv|log --format json|export|export --format json|status --all|report --format csv"
transcript() {	# LOCATION
	_ifs=$IFS
	IFS='|'
	for _c in $CMDS; do
		IFS=$_ifs
		# shellcheck disable=SC2086
		pw "$1" $_c
		printf '$ %s\n%s\n%s\n%s\n' "$_c" "$rc" "$out" "$err"
	done
	IFS=$_ifs
}
transcript a.db > a.txt
ok "the times are the rows' own" grep -q '2025-04-06T03:09:07Z' a.txt

pg_start || exit 1
su="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=postgres"
pw "$su" db init
is "$rc" 0 "db init"
psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE tester LOGIN IN ROLE planwatch_office;
CREATE ROLE health_clerk LOGIN;
EOF
office="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=tester"
health="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=health_clerk"
count() {
	psql -X -At -c "SELECT count(*) FROM planwatch.events"
}
pgrows() {	# as links() has them, for the plan yuan
	psql -X -At -F '|' -c "SELECT seq, kind, item, asof, value, level,
	    note, source, recorded_by, to_char(recorded AT TIME ZONE 'UTC',
	    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), superseded_by
	    FROM planwatch.events WHERE plan = 'yuan' ORDER BY seq"
}

copy a.db "$office"
is "$rc" 1 "before the plan is published: exit 1"
has "$err" "no plan published here yet" "saying so"
pw "$office" db publish
is "$rc" 0 "db publish"
pw "$office" db grant health_clerk --dept health
is "$rc" 0 "db grant"

# A department may not copy, even into its own empty plan.
copy a.db "$health"
is "$rc" 1 "a department's copy: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "one line"
has "$err" "permission denied for function copy_record" "refused by the server"
is "$(count)" 0 "nothing written"

# SQLite to PostgreSQL.
copy a.db "$office"
is "$rc" 0 "db copy a.db to the server"
has "$out" "copied 19 records from a.db to postgresql:///planwatch" "saying how many"
is "$err" "" "without a word on stderr"
is "$(count)" 19 "every row is on the server"
is "$(pgrows)" "$(links a.db)" \
    "with its seq, recorder, time, note, source and supersession"
transcript "$office" > pg.txt
if cmp -s a.txt pg.txt; then
	_report 1 "log, export, status and report: the same bytes" ""
else
	_report 0 "log, export, status and report: the same bytes" \
	    "$(diff a.txt pg.txt | head -40)"
fi

# And back, to a new SQLite file.
copy "$office" b.db
is "$rc" 0 "db copy from the server to a new file"
has "$out" "copied 19 records from postgresql:///planwatch" "saying how many"
is "$(links b.db)" "$(links a.db)" "the same rows as the first file's"
transcript b.db > b.txt
ok "the same bytes again" cmp a.txt b.txt

# Only into an empty store: nothing merged, nothing written.
copy a.db "$office"
is "$rc" 1 "into a server plan that has records: exit 1"
is "$err" "planwatch: postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=tester holds records already: a copy goes only into an empty store" \
    "one line saying so"
is "$(count)" 19 "nothing written"
copy "$office" a.db
is "$rc" 1 "into a file that has records: exit 1"
is "$err" "planwatch: a.db holds records already: a copy goes only into an empty store" \
    "one line saying so"
is "$(links a.db)" "$(links b.db)" "the file unchanged"
copy nowhere.db c.db
is "$rc:$err" "1:planwatch: nowhere.db holds no record: nothing to copy" \
    "from a file that does not exist: exit 1"
ok "and no file made" [ ! -e c.db ]
copy a.db
is "$rc" 2 "without TO: a usage error"

# A copy that fails part way leaves the destination empty: a last row the
# server refuses (not UTF-8), into another plan of the database...
sed 's/^id: yuan$/id: spare/' plan.yaml > spare.yaml
run "$PLANWATCH" -f spare.yaml -d "$office" db publish
is "$rc" 0 "another plan published"
spare="$office&options=-c%20planwatch.plan%3Dspare"
copy a.db bad.db
sqlite3 bad.db "INSERT INTO events (kind, item, asof, value, note,
    recorded_by, recorded) VALUES ('value', 'T1', '2025-06-30', 1,
    CAST(X'E4B8AD80' AS TEXT), 'alice', '2025-07-01T00:00:00Z')"
run "$PLANWATCH" -f spare.yaml db copy bad.db "$spare"
is "$rc" 1 "a copy whose 20th row the server refuses: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "one line"
has "$err" "UTF8" "the server's reason"
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE plan = 'spare'")" 0 "none of the 19 before it written"
# ...and the other way: a row on the server that no store takes.
psql -X -q -c "INSERT INTO planwatch.events (plan, kind, item, asof, value)
    VALUES ('yuan', 'value', 'T2', '2025-06-30', 'NaN')"
copy "$office" c.db
is "$rc" 1 "a copy of a row with no number: exit 1"
has "$err" "c.db: refusing to record an invalid value" "saying so"
is "$(sqlite3 c.db 'SELECT count(*) FROM events')" 0 \
    "the new file holds nothing"

# The copy's way past the server's recorder and supersession is the
# office's alone: a department calling copy_record() is refused, and its
# row asking to supersede nothing (superseded_by -1) is stamped and
# supersedes as any other.
before=$(pgrows)
run psql -X -At -U health_clerk -c "SELECT planwatch.copy_record('yuan',
    'value', 'T1', '2025-06-30', 1, NULL, NULL, NULL, 'alice',
    '2020-01-01T00:00:00Z', '{}')"
ok "a department calling copy_record(): refused" [ "$rc" -ne 0 ]
has "$err" "permission denied for function copy_record" "by the server"
is "$(pgrows)" "$before" "nothing written"
run psql -X -At -U health_clerk -c "INSERT INTO planwatch.events (plan,
    kind, item, asof, value, recorded_by, recorded, superseded_by)
    VALUES ('yuan', 'value', 'T1', '2025-06-30', 70, 'alice',
    '2020-01-01', -1)"
is "$rc" 0 "a department's own row with superseded_by -1 is added"
is "$(psql -X -At -c "SELECT recorded_by, recorded > '2025-01-01'
    FROM planwatch.events ORDER BY seq DESC LIMIT 1")" "health_clerk|t" \
    "stamped with its login and the time"
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE plan = 'yuan' AND item = 'T1' AND asof = '2025-06-30'
    AND superseded_by IS NULL")" 1 \
    "and it supersedes the earlier value as any row does"
finish
