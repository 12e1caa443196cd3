#!/bin/sh
# t8011: db copy of a hostile FROM (issue 18 item 5), SQLite to SQLite,
# which needs no server: a row superseded by itself, or by a row before
# it (a cycle), is named as such, not as a row "not there"; one the
# destination refuses (an impossible date, a progress with no number)
# names the source's record; a link to a missing row is named.  Each is
# one line, exit 1, and TO holds no record.  FROM == TO, by the same name
# or through a link, is refused as a store that holds records.  Then on a
# throwaway server, whose seq differ from the file's: a missing row is
# named by the file's seq, not the server's; the same URI as FROM and TO,
# spelt alike or not, is refused.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cp "$PW_TOP/tests/data/plans/yuan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2025-07-01 "$@"; }

pw -d a.db done M1 --date 2025-03-30
pw -d a.db progress M2 60 --date 2025-06-01
pw -d a.db progress M2 70 --date 2025-06-01
is "$(sqlite3 a.db 'SELECT seq, superseded_by FROM events' | tr '\n' ' ')" \
    "1| 2|3 3| " "three records, the second superseded by the third"

hostile() {	# SQL: h.db is a.db changed by it, copied into o.db
	rm -f h.db o.db
	cp a.db h.db
	sqlite3 h.db "$1"
	pw db copy h.db o.db
	if [ -e o.db ]; then
		n=$(sqlite3 o.db 'SELECT count(*) FROM events')
	else
		n=0
	fi
}

hostile "UPDATE events SET superseded_by = 2 WHERE seq = 2"
is "$rc:$n" "1:0" "a record superseded by itself: exit 1, nothing copied"
is "$err" "planwatch: h.db: record 2 is superseded by record 2, which is not a later one" \
    "named as such"
hostile "UPDATE events SET superseded_by = 2 WHERE seq = 3"
is "$rc:$n" "1:0" "a cycle (3 superseded by 2, 2 by 3): exit 1"
is "$err" "planwatch: h.db: record 3 is superseded by record 2, which is not a later one" \
    "named as such"
hostile "UPDATE events SET superseded_by = 99 WHERE seq = 2"
is "$rc:$n" "1:0" "superseded by a record that is not there: exit 1"
is "$err" "planwatch: h.db: record 2 is superseded by record 99, which is not there" \
    "named as such"
hostile "UPDATE events SET asof = '2025-13-45' WHERE seq = 1"
is "$rc:$n" "1:0" "a record of an impossible date: exit 1"
is "$err" "planwatch: h.db: record 1 cannot be copied: o.db: refusing to record an invalid date" \
    "naming the source's record"
hostile "UPDATE events SET value = NULL WHERE seq = 3"
is "$rc:$n" "1:0" "a progress with no number: exit 1"
is "$err" "planwatch: h.db: record 3 cannot be copied: o.db: refusing to record an invalid value" \
    "naming the source's record"

# FROM == TO.
pw db copy a.db a.db
is "$rc" 1 "a copy into itself: exit 1"
is "$err" "planwatch: a.db holds records already: a copy goes only into an empty store" \
    "one line"
ln -s a.db l.db
pw db copy a.db l.db
is "$rc" 1 "into itself through a link: exit 1"
is "$(sqlite3 a.db 'SELECT count(*) FROM events')" 3 "a.db unchanged"

pg_start || exit 1
su="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=postgres"
pw -d "$su" db init
is "$rc" 0 "db init"
psql -X -q -c "CREATE ROLE tester LOGIN IN ROLE planwatch_office"
office="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=tester"
pw -d "$office" db publish
is "$rc" 0 "db publish"
count() {
	psql -X -At -c "SELECT count(*) FROM planwatch.events"
}
rm -f h.db
cp a.db h.db
sqlite3 h.db "UPDATE events SET seq = seq + 1000;
    UPDATE events SET superseded_by = 1099 WHERE seq = 1002"
pw db copy h.db "$office"
is "$rc:$(count)" "1:0" "to the server, a link to a missing row: exit 1"
is "$err" "planwatch: h.db: record 1002 is superseded by record 1099, which is not there"     "named by the file's seq"
pw db copy a.db "$office"
is "$rc:$(count)" "0:3" "a.db copied to the server"
pw db copy "$office" "$office"
is "$rc" 1 "the server into itself: exit 1"
has "$err" "holds records already: a copy goes only into an empty store" \
    "refused as a store with records"
pw db copy "$office" \
    "postgresql:///planwatch?port=$PGPORT&user=tester&host=$PGHOST"
is "$rc:$(count)" "1:3" "spelt otherwise: refused, nothing written"
finish
