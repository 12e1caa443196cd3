#!/bin/sh
# t8002: the PostgreSQL schema (db/pg_schema.sql, built into the library
# as pg_migrations[]) enforces on the server who may write what (issue 18
# item 3): a department inserts records only for the items it leads or
# supports, refused otherwise with an error naming the item and the
# department (SQLSTATE 42501) and nothing written; nobody updates or
# deletes a record, the office included; the recorder is the server's
# session_user whatever the client sends; a department reads only the
# plans it answers for or was let read; the office writes anything; every
# insert notifies LISTEN planwatch.  Every refusal is checked against the
# table itself, read by the superuser (which row-level security does not
# filter).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

# The schema as the library holds it: the same bytes as the file's
# migrations, and what is applied here.
san=""
[ "${PW_SAN:-0}" = 1 ] && san="-fsanitize=address,undefined"
cat > dump.c <<'EOF'
#include <stdio.h>
#include "db/pg_schema.h"
int
main(void)
{
	for (int i = 0; i < PG_SCHEMA_VERSION; i++)
		fputs(pg_migrations[i], stdout);
	printf("-- version %d\n", PG_SCHEMA_VERSION);
	return 0;
}
EOF
ok "a program reading pg_migrations[] links with the library" \
    cc -std=c17 $san -I"$PW_TOP" -o dump dump.c "$PW_BUILD/libplanwatch.a"
./dump > schema.sql
# The schema's version: how many migrations the file has.
last=$(grep -c '^-- planwatch:migration [0-9]*$' "$PW_TOP/db/pg_schema.sql")
{ sed -n '/^-- planwatch:migration 1$/,$p' "$PW_TOP/db/pg_schema.sql"
  echo "-- version $last"; } > expected.sql
ok "pg_migrations[] is db/pg_schema.sql's migrations, byte for byte" \
    cmp schema.sql expected.sql

pg_start || exit 1
# as ROLE SQL...: run each SQL (a psql -c) as ROLE in one session, up to
# the first error (sets rc, out, err); the error's SQLSTATE is in err
# (VERBOSITY verbose).
as() {
	_r=$1
	shift
	_n=$#
	for _a; do
		set -- "$@" -c "$_a"
	done
	shift "$_n"
	run psql -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -U "$_r" "$@"
}
# The table as it is: every row, every column (the superuser sees all).
rows() {
	psql -X -At -U postgres -c "SELECT seq, plan, kind, item, asof,
	    value, level, note, source, recorded_by, recorded, superseded_by
	    FROM planwatch.events ORDER BY seq"
}
count() {
	psql -X -At -U postgres -c "SELECT count(*) FROM planwatch.events"
}
# refused ROLE DESC SQL: SQL as ROLE fails and leaves the table as it was.
refused() {
	_before=$(rows)
	_r=$1 _d=$2
	shift 2
	as "$_r" "$@"
	ok "$_d: refused (exit $rc)" [ "$rc" -ne 0 ]
	is "$(rows)" "$_before" "$_d: the table unchanged"
}

run psql -X -q -v ON_ERROR_STOP=1 -1 -f schema.sql
is "$rc" 0 "the schema applies in one transaction"
is "$err" "" "without a word"
as postgres "SELECT version FROM planwatch.schema_version"
is "$out" "$last" "schema version $last"
# Roles belong to the cluster: a second database beside it shares them.
# No superuser is needed: the database's owner with CREATEROLE will do.
psql -X -q -c 'CREATE ROLE dba LOGIN CREATEROLE' \
    -c 'CREATE DATABASE second OWNER dba'
run psql -X -q -v ON_ERROR_STOP=1 -1 -U dba -d second -f schema.sql
is "$rc" 0 "the schema applies to a second database, by its owner"
is "$err" "" "without a word"
run psql -X -At -d second -c "SELECT DISTINCT tableowner FROM pg_tables
    WHERE schemaname = 'planwatch'"
is "$out" planwatch_owner "every table's owner is planwatch_owner"

psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE office LOGIN IN ROLE planwatch_office;
CREATE ROLE dept_a LOGIN;
CREATE ROLE dept_b LOGIN;
CREATE ROLE clerk_a LOGIN IN ROLE dept_a;
CREATE ROLE reader LOGIN;
CREATE ROLE stranger LOGIN;
EOF

# The office publishes two plans (planwatch db publish will).
as office "
INSERT INTO planwatch.plans (id, title) VALUES ('yuan', '禹安'),
    ('other', '另一县');
INSERT INTO planwatch.departments VALUES ('yuan', 'health', '卫健委'),
    ('yuan', 'finance', '财政局'), ('other', 'health', '卫健委');
INSERT INTO planwatch.items VALUES
    ('yuan', 'T1', 'target', 'health', '{}'),
    ('yuan', 'T2', 'target', 'finance', '{health}'),
    ('yuan', 'T3', 'target', 'finance', '{}'),
    ('yuan', 'M1', 'milestone', 'health', '{}'),
    ('other', 'X1', 'target', 'health', '{}');"
is "$rc" 0 "the office publishes the plans' departments and items"
as office "SELECT planwatch.grant_dept('yuan', 'dept_a', 'health');
    SELECT planwatch.grant_dept('yuan', 'dept_b', 'finance');
    SELECT planwatch.grant_read(NULL, 'reader')"
is "$rc" 0 "and maps dept_a to health, dept_b to finance (db grant)"
as postgres "SELECT pg_has_role('dept_a', 'planwatch_dept', 'MEMBER')"
is "$out" t "dept_a is now a member of planwatch_dept"
as postgres "SELECT pg_has_role('office', 'planwatch_dept', 'MEMBER')"
is "$out" f "the office itself is not"
refused office "grant for a department the plan has no" \
    "SELECT planwatch.grant_dept('yuan', 'stranger', 'police')"
has "$err" "plan 'yuan' has no department 'police'" "which it names"
refused dept_a "a department publishing" \
    "INSERT INTO planwatch.items VALUES ('yuan', 'T9', 'target', 'health', '{}')"
refused dept_a "a department granting" \
    "SELECT planwatch.grant_dept('yuan', 'dept_a', 'finance')"

ins() {	# plan, kind, item, date, value: the statement, on one line
	echo "INSERT INTO planwatch.events (plan, kind, item, asof, value)" \
	    "VALUES ('$1', '$2', '$3', '$4', $5)"
}

# What a department may write.
n=$(count)
as dept_a "$(ins yuan value T1 2025-03-31 10)"
is "$rc:$(count)" "0:$((n + 1))" "dept_a records T1, which health leads"
as dept_a "$(ins yuan value T2 2025-03-31 20)"
is "$rc:$(count)" "0:$((n + 2))" "and T2, which health supports"
as dept_a "$(ins yuan progress M1@2025-Q1 2025-03-31 50)"
is "$rc:$(count)" "0:$((n + 3))" \
    "and M1@2025-Q1, an instance of the milestone health leads"
as clerk_a "$(ins yuan value T1 2025-06-30 11)"
is "$rc:$(count)" "0:$((n + 4))" "clerk_a, a member of dept_a, records T1"
as postgres "SELECT recorded_by FROM planwatch.events ORDER BY seq DESC LIMIT 1"
is "$out" clerk_a "recorded by clerk_a, the login"

# What it may not.
refused dept_a "dept_a recording T3 (finance leads, nobody supports)" \
    "$(ins yuan value T3 2025-03-31 30)"
has "$err" "42501" "SQLSTATE 42501 (insufficient_privilege)"
has "$err" "department 'health' neither leads nor supports 'T3' of plan 'yuan'" \
    "the error names the department, the item and the plan"
refused dept_b "dept_b recording T1 (health's)" \
    "$(ins yuan value T1 2025-03-31 1)"
has "$err" "department 'finance' neither leads nor supports 'T1'" \
    "naming finance and T1"
refused dept_a "dept_a recording an item the plan does not have" \
    "$(ins yuan value T9 2025-03-31 1)"
has "$err" "'T9'" "naming it"
refused dept_a "dept_a recording in a plan it has no department in" \
    "$(ins other value X1 2025-03-31 1)"
has "$err" "role 'dept_a' answers for no department of plan 'other'" \
    "saying so"
refused stranger "a role with no rights" "$(ins yuan value T1 2025-03-31 1)"
has "$err" "permission denied for schema planwatch" "is denied the schema"
refused reader "the read-only role" "$(ins yuan value T1 2025-03-31 1)"
refused dept_a "several rows, one not dept_a's: none is written" \
    "INSERT INTO planwatch.events (plan, kind, item, asof, value)
    VALUES ('yuan', 'value', 'T1', '2025-09-30', 1),
	('yuan', 'value', 'T3', '2025-09-30', 2)"
has "$err" "'T3'" "the refusal names the row's item"
# An import: COPY cannot write to a table under row-level security (for
# the office neither: it is forced), so the rows go to a temporary table
# first, then in one INSERT, in their order.
printf 'yuan\tvalue\tT1\t2025-12-31\t1\n' > one.tsv
refused dept_a "a COPY into the table itself" \
    "\\copy planwatch.events (plan, kind, item, asof, value) from one.tsv"
has "$err" "COPY FROM not supported with row-level security" \
    "PostgreSQL does not allow it"
import() {	# role, file
	as "$1" "CREATE TEMPORARY TABLE import (n serial, plan text,
	    kind text, item text, asof date, value float8)" \
	    "\\copy import (plan, kind, item, asof, value) from $2" \
	    "INSERT INTO planwatch.events (plan, kind, item, asof, value)
	    SELECT plan, kind, item, asof, value FROM import ORDER BY n"
}
printf 'yuan\tvalue\tT1\t2025-12-31\t1\nyuan\tvalue\tT3\t2025-12-31\t2\n' \
    > mixed.tsv
before=$(rows)
import dept_a mixed.tsv
ok "an import of T1 and T3 by dept_a is refused (exit $rc)" [ "$rc" -ne 0 ]
has "$err" "neither leads nor supports 'T3'" "naming T3"
is "$(rows)" "$before" "and writes nothing, T1 neither"
n=$(count)
import dept_a one.tsv
is "$rc:$(count)" "0:$((n + 1))" "an import of T1 alone is written"

# The policy holds by itself: without the trigger's clear message,
# row-level security refuses the row.
psql -X -q -U postgres -c \
    'ALTER TABLE planwatch.events DISABLE TRIGGER events_1_check'
refused dept_a "dept_a recording T3 past the trigger" \
    "$(ins yuan value T3 2025-03-31 30)"
has "$err" "new row violates row-level security policy" \
    "row-level security refuses it"
psql -X -q -U postgres -c \
    'ALTER TABLE planwatch.events ENABLE TRIGGER events_1_check'

# Nobody changes or deletes a record.
for r in dept_a office reader; do
	refused $r "$r updating a record" "UPDATE planwatch.events SET value = 0"
	has "$err" "permission denied for table events" "$r: denied"
	refused $r "$r marking a record superseded" \
	    "UPDATE planwatch.events SET superseded_by = seq"
	refused $r "$r deleting a record" "DELETE FROM planwatch.events"
	refused $r "$r truncating" "TRUNCATE planwatch.events"
done
refused postgres "even the superuser updating a value" \
    "UPDATE planwatch.events SET value = 0"
has "$err" "records are never changed or deleted" "the trigger says why"
refused postgres "or deleting" "DELETE FROM planwatch.events"
refused postgres "or truncating" "TRUNCATE planwatch.events"
as postgres "SELECT planwatch.events_order()"
ok "a trigger function cannot be called to mark rows (exit $rc)" [ "$rc" -ne 0 ]

# The recorder, the time and the order are the server's.
as dept_a "INSERT INTO planwatch.events (seq, plan, kind, item, asof, value,
    recorded_by, recorded, superseded_by) VALUES (1, 'yuan', 'value', 'T2',
    '2025-06-30', 21, 'office', '2000-01-01', 1)"
is "$rc" 0 "dept_a records T2 saying it is the office, in 2000, seq 1"
as postgres "SELECT recorded_by, recorded > now() - interval '1 hour',
    seq > 1, superseded_by IS NULL, date_trunc('second', recorded) = recorded
    FROM planwatch.events ORDER BY seq DESC LIMIT 1"
is "$out" "dept_a|t|t|t|t" \
    "stored as dept_a's, now (to the second), a new seq, superseding nothing"

# Supersession: the same plan, item, date and sort.
as dept_a "$(ins yuan value T1 2025-03-31 12)"
as postgres "SELECT string_agg(value || ':' || (superseded_by IS NULL), ' '
    ORDER BY seq) FROM planwatch.events WHERE item = 'T1'
    AND asof = '2025-03-31'"
is "$out" "10:false 12:true" "a second value of T1 on a date supersedes the first"
as postgres "SELECT count(*) FROM planwatch.events e JOIN planwatch.events n
    ON n.seq = e.superseded_by WHERE n.item <> e.item OR n.asof <> e.asof
    OR n.seq < e.seq"
is "$out" 0 "by a later row of the same item and date"
as dept_a "$(ins yuan done M1@2025-Q1 2025-03-31 NULL);
    $(ins yuan reopen M1@2025-Q1 2025-03-31 NULL)"
as postgres "SELECT string_agg(kind || ':' || (superseded_by IS NULL), ' '
    ORDER BY seq) FROM planwatch.events WHERE item = 'M1@2025-Q1'"
is "$out" "progress:true done:false reopen:true" \
    "done and reopen replace each other, not the progress"
as dept_a "$(ins yuan void M1@2025-Q1 2025-03-31 NULL)"
as postgres "SELECT string_agg(kind || ':' || (superseded_by IS NULL), ' '
    ORDER BY seq) FROM planwatch.events WHERE item = 'M1@2025-Q1'"
is "$out" "progress:false done:false reopen:false void:true" \
    "a void supersedes every current row of its item and date"

# The office writes anything, and its rows are its own.
n=$(count)
as office "$(ins yuan value T3 2025-03-31 30); $(ins other value X1 2025-03-31 5);
    $(ins yuan value OLD7 2024-12-31 1)"
is "$rc:$(count)" "0:$((n + 3))" \
    "the office records T3, X1 of another plan, and an id no longer published"
as postgres "SELECT DISTINCT recorded_by FROM planwatch.events
    WHERE seq > (SELECT max(seq) - 3 FROM planwatch.events)"
is "$out" office "recorded by the office"

# Reading.
as dept_a "SELECT count(*) FROM planwatch.events WHERE plan = 'other'"
is "$out" 0 "dept_a reads none of the other plan's records"
as dept_a "SELECT count(*) FROM planwatch.items WHERE plan = 'other'"
is "$out" 0 "nor its items"
as dept_a "SELECT string_agg(id, ' ' ORDER BY id) FROM planwatch.plans"
is "$out" yuan "it sees its own plan only"
as dept_a "SELECT count(*) FROM planwatch.events WHERE plan = 'yuan'"
yuan=$(psql -X -At -c "SELECT count(*) FROM planwatch.events WHERE plan = 'yuan'")
is "$out" "$yuan" "and every record of it, whoever made it"
as stranger "SELECT count(*) FROM planwatch.events"
ok "a role with no rights reads nothing (exit $rc)" [ "$rc" -ne 0 ]
as reader "SELECT count(*) FROM planwatch.events"
is "$out" "$(count)" "planwatch_reader reads every record"
as office "SELECT count(*) FROM planwatch.events"
is "$out" "$(count)" "so does the office"
as office "SELECT planwatch.grant_read('other', 'dept_a')"
as dept_a "SELECT count(*) FROM planwatch.events WHERE plan = 'other'"
is "$out" 1 "once the office lets it, dept_a reads the other plan"
refused dept_a "but still may not record in it" \
    "$(ins other value X1 2025-06-30 1)"
as dept_a "SELECT version FROM planwatch.schema_version"
is "$out" "$last" "every role reads the schema's version"

# A backup (docs/deploy.md): pg_dump as the superuser (row-level security
# is forced, so that even the owner's dump would miss rows and is refused),
# restored into a new database: the same rows, the same rules.
run pg_dump -U dba -Fc -f owner.dump planwatch
has "$err" "query would be affected by row-level security policy" \
    "pg_dump as the owner's member is refused, not short"
run pg_dump -U postgres -Fc -f backup.dump planwatch
is "$rc" 0 "pg_dump as the superuser"
psql -X -q -c 'CREATE DATABASE restored'
run pg_restore -U postgres -d restored backup.dump
is "$rc:$err" "0:" "pg_restore into a new database"
is "$(PGDATABASE=restored rows)" "$(rows)" "every row as it was"
PGDATABASE=restored as dept_a "$(ins yuan value T1 2025-03-31 13)"
is "$rc" 0 "dept_a records in the restored database"
PGDATABASE=restored as dept_a "$(ins yuan value T3 2025-03-31 13)"
has "$err" "neither leads nor supports 'T3'" "and is refused there as here"
PGDATABASE=restored as postgres "SELECT string_agg(value || ':' ||
    (superseded_by IS NULL), ' ' ORDER BY seq) FROM planwatch.events
    WHERE item = 'T1' AND asof = '2025-03-31'"
is "$out" "10:false 12:false 13:true" "superseding as before, seq going on"

# LISTEN planwatch: an insert notifies with its plan; a refused one does
# not.  The listener runs the writer's psql from within its session.
psql -X -q -U reader > listen.out 2>&1 <<EOF
LISTEN planwatch;
\\! psql -X -q -U dept_b -c "$(ins yuan value T3 2025-06-30 3)"
SELECT 1;
SELECT 1;
EOF
has "$(cat listen.out)" \
    'Asynchronous notification "planwatch" with payload "yuan" received' \
    "a listener hears of dept_b's record, with its plan"
psql -X -q -U reader > listen.out 2>&1 <<EOF
LISTEN planwatch;
\\! psql -X -q -U dept_b -c "$(ins yuan value T1 2025-06-30 3)" 2> /dev/null
SELECT 1;
SELECT 1;
EOF
hasnt "$(cat listen.out)" "Asynchronous notification" \
    "and of nothing when the record is refused"
finish
