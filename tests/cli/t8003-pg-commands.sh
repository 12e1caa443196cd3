#!/bin/sh
# t8003: planwatch on a PostgreSQL store (issue 18 items 1 to 3, 7): db init
# makes the schema (and refuses a newer one), db publish sends the plan's
# departments and items, db grant maps a role to a department; then one
# list of commands (record, progress, done, import, log, export, status,
# check, report) gives the same bytes on SQLite and on PostgreSQL with the
# same data (PW_STORE selects the backend of a run: store_location); a
# department's role records only the items it leads or supports (a
# refusal is one line naming the item and the department, exit 1, nothing
# written); --by does not forge the recorder; loads as of a date agree
# with the whole history (test_differential on the server); check on a
# server that is not there is UNKNOWN, exit 3.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1
export SOURCE_DATE_EPOCH=1751328000

cat > plan.yaml <<'YAML'
format: 1
id: yuan
plan: 禹安
start: 2025-01-01
end: 2025-12-31
departments:
  - {id: health, name: 卫健委}
  - {id: finance, name: 财政局}
milestones:
  - {id: M1, name: 建成平台, due: 2025-06-30, owner: health}
  - {id: M2, name: 资金到位, due: 2025-09-30, owner: finance, support: [health]}
  - {id: M3, name: 月报, due: 2025-12-31, owner: finance, every: month}
targets:
  - {id: T1, name: 覆盖率, direction: ">=", target: 90, due: 2025-12-31, owner: health, unit: "%"}
  - {id: T2, name: 预算执行, direction: ">=", target: 80, due: 2025-12-31, owner: finance}
  - {id: T3, name: 满意度, direction: ">=", target: 良, due: 2025-12-31, owner: health, scale: [差, 中, 良, 优]}
YAML
cat > rows.csv <<'CSV'
id,date,value,note
T1,2025-04-30,55,四月
T1,2025-05-31,61.25,
T2,2025-05-31,40,
T3,2025-05-31,良,
M3@2025-04,2025-04-30,100,
CSV

pg_start || exit 1
# store_location ROLE: where a run of PW_STORE (sqlite, the default, or
# pg) keeps its records; ROLE is the server's login (pg only).
store_location() {
	case ${PW_STORE:-sqlite} in
	pg)	echo "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=$1" ;;
	*)	echo "$T/$1.db" ;;
	esac
}
pw() {	# LOCATION ARGS...
	_d=$1
	shift
	run "$PLANWATCH" -f plan.yaml -d "$_d" --today 2025-07-01 "$@"
}
su=$(PW_STORE=pg store_location postgres)

# The schema.
last=$(grep -c '^-- planwatch:migration [0-9]*$' "$PW_TOP/db/pg_schema.sql")
pw "$su" db init
is "$rc:$out" "0:the schema moved from version 0 to $last" "db init makes the schema"
is "$err" "" "without a word on stderr"
pw "$su" db init
is "$rc:$out" "0:the schema is at version $last already" "and again changes nothing"
psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE tester LOGIN IN ROLE planwatch_office;
CREATE ROLE health_clerk LOGIN;
CREATE ROLE finance_clerk LOGIN;
EOF
office=$(PW_STORE=pg store_location tester)
pw "$office" status
is "$rc:$err" "0:" "before db publish, status reads an empty store"
pw "$office" record T1 50
is "$rc" 1 "and record: exit 1"
has "$err" "no plan published here yet" "saying the plan is not published"

# The plan and the roles.
pw "$office" db publish
is "$rc:$out" "0:published plan 'yuan': 2 departments, 6 items" \
    "db publish: the plan, its departments and items"
is "$(psql -X -At -c "SELECT id, kind, coalesce(lead, '-'), supports
    FROM planwatch.items ORDER BY id")" "M1|milestone|health|{}
M2|milestone|finance|{health}
M3|milestone|finance|{}
T1|target|health|{}
T2|target|finance|{}
T3|target|health|{}" "with each item's lead and supports"
pw "$office" db publish
is "$rc" 0 "publishing again replaces what was published"
is "$(psql -X -At -c 'SELECT count(*) FROM planwatch.items')" 6 \
    "nothing twice"
pw "$office" db grant health_clerk --dept health
is "$rc:$out" "0:role 'health_clerk' answers for department 'health' of plan 'yuan'" \
    "db grant maps a role to a department"
pw "$office" db grant finance_clerk --dept finance
is "$rc" 0 "and another"
pw "$office" db grant finance_clerk --dept police
is "$rc" 1 "a department the plan has not: exit 1"
has "$err" "plan 'yuan' has no department 'police'" "said by the server"
pw "$office" db grant finance_clerk
is "$rc" 2 "grant without --dept: a usage error"
pw "$T/x.db" db init
is "$rc" 1 "db on an SQLite file: exit 1"
has "$err" "db works on a PostgreSQL store" "saying what it needs"
pw "$(PW_STORE=pg store_location health_clerk)" db publish
is "$rc" 1 "a department may not publish"

# A plan file of another id never reads or writes this plan's records.
sed 's/^id: yuan$/id: elsewhere/' plan.yaml > other.yaml
n0=$(psql -X -At -c 'SELECT count(*) FROM planwatch.events')
for c in status "record T1 50" "import rows.csv"; do
	run "$PLANWATCH" -f other.yaml -d "$office" --today 2025-07-01 $c
	is "$rc" 1 "$c with a plan file of another id: exit 1"
	has "$err" "works on plan 'yuan', not the plan file's 'elsewhere'" \
	    "$c: saying which"
done
is "$(psql -X -At -c 'SELECT count(*) FROM planwatch.events')" "$n0" \
    "nothing written"

# The same command list on each backend: the same bytes.
transcript() {	# the office's location
	for _c in "record T1 50 --date 2025-03-31 --note 一季度" \
	    "record T2 20.5 --date 2025-03-31 --source 报表" \
	    "record T1 52 --date 2025-03-31" \
	    "record T3 中 --date 2025-03-31" \
	    "progress M1 40 --date 2025-05-01" \
	    "progress M2 10 --date 2025-05-01" \
	    "done M1 --date 2025-06-20" \
	    "done M3@2025-05 --date 2025-05-31" \
	    "import rows.csv" \
	    "reopen M1 --note 返工" \
	    "log" "log T1" "log M3 --format csv" "log --format json --limit 3" \
	    "export" "export --format json" "status" "status --all" \
	    "status --dept health" "check" "check --format json" \
	    "report" "report --format csv" "report --format md"; do
		# shellcheck disable=SC2086
		pw "$1" $_c
		printf '$ %s\n%s\n%s\n%s\n' "$_c" "$rc" "$out" "$err"
	done | sed 's/20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z/TIME/g'
}
PW_STORE=sqlite transcript "$(PW_STORE=sqlite store_location tester)" \
    > sqlite.txt
PW_STORE=pg transcript "$office" > pg.txt
ok "the commands ran on SQLite" grep -q '^recorded T1 = 50' sqlite.txt
ok "and recorded on PostgreSQL" grep -q '^recorded T1 = 50' pg.txt
ok "log shows the history" grep -q '^TIME  tester  T1' pg.txt
if cmp -s sqlite.txt pg.txt; then
	_report 1 "every command's output is the same on both stores" ""
else
	_report 0 "every command's output is the same on both stores" \
	    "$(diff sqlite.txt pg.txt | head -40)"
fi
is "$(psql -X -At -c "SELECT count(*) FROM planwatch.events")" 14 \
    "every row is on the server"

# Who may write what: the server decides.
health=$(PW_STORE=pg store_location health_clerk)
finance=$(PW_STORE=pg store_location finance_clerk)
rows() {
	psql -X -At -c "SELECT seq, kind, item, asof, value, recorded_by,
	    superseded_by FROM planwatch.events ORDER BY seq"
}
before=$(rows)
pw "$finance" record T1 70 --date 2025-06-30
is "$rc" 1 "finance records T1, which health leads: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "one line"
has "$err" "department 'finance' neither leads nor supports 'T1' of plan 'yuan'" \
    "naming the department and the item"
is "$(rows)" "$before" "nothing written"
printf 'id,date,value\nT2,2025-06-30,50\nT1,2025-06-30,70\n' > mixed.csv
pw "$finance" import mixed.csv
is "$rc" 1 "finance imports T2 and T1: exit 1"
has "$err" "neither leads nor supports 'T1'" "naming T1"
is "$(rows)" "$before" "all or nothing: T2 is not written either"
pw "$finance" done M1 --date 2025-06-30
is "$rc" 1 "finance completing health's milestone: exit 1"
is "$(rows)" "$before" "nothing written"

pw "$health" record T1 71 --date 2025-06-30 --by office
is "$rc" 0 "health records T1, which it leads"
pw "$health" progress M2 30 --date 2025-06-30
is "$rc" 0 "and M2, which it supports"
pw "$health" log --limit 2
has "$out" "health_clerk  M2" "the recorder is the server's login"
hasnt "$out" "office" "not what --by said"
pw "$finance" progress M2 35 --date 2025-06-30
is "$rc" 0 "finance records its own M2"
pw "$finance" status
is "$rc" 0 "a department reads its plan"

# A newer schema is refused, by every command and by db init.
psql -X -q -c 'UPDATE planwatch.schema_version SET version = 99'
pw "$office" status
is "$rc" 1 "status on a newer schema: exit 1"
has "$err" "written by a newer planwatch (schema 99)" "saying so"
pw "$su" db init
is "$rc" 1 "db init does not move it back"
has "$err" "newer planwatch" "saying so too"
is "$(psql -X -At -c 'SELECT version FROM planwatch.schema_version')" 99 \
    "and changes nothing"
psql -X -q -c "UPDATE planwatch.schema_version SET version = $last"

# A backup is pg_dump's work.
pw "$office" backup copy.db
is "$rc" 1 "backup of a PostgreSQL store: exit 1"
has "$err" "pg_dump" "pointing to pg_dump"

# A server that does not answer: check gives up after --timeout, UNKNOWN.
psql -X -q -c 'BEGIN' -c 'LOCK TABLE planwatch.events' \
    -c 'SELECT pg_sleep(600)' > /dev/null 2>&1 &
locker=$!
i=0
until [ "$(psql -X -At -c "SELECT count(*) FROM pg_locks
    WHERE relation = 'planwatch.events'::regclass AND granted
    AND mode = 'AccessExclusiveLock'")" = 1 ] || [ $i -ge 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
pw "$office" check --timeout 2
is "$rc" 3 "check while the records are locked: exit 3 after --timeout"
has "$out" "PLANWATCH UNKNOWN" "UNKNOWN"
psql -X -q -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" \
    > /dev/null
wait "$locker"
pw "$office" check
ok "and answers again once they are not (exit $rc)" [ "$rc" -lt 3 ]

# No server there: check is UNKNOWN; the password is never shown.
gone="postgresql://tester:s3cret@/planwatch?host=$T/nowhere&port=5432"
pw "$gone" check
is "$rc" 3 "check with no server: exit 3"
has "$out" "PLANWATCH UNKNOWN" "UNKNOWN"
hasnt "$out$err" "s3cret" "the password is not shown"
pw "$gone" status
is "$rc" 1 "status with no server: exit 1"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "one line"

# The facts a review reads as of a date are the whole history's, on the
# server too: the differential test of the SQLite store (test_differential)
# with each random plan's history on PostgreSQL.
run env PW_DIFF_PG="$su" PW_DIFF_PLANS=40 \
    "$PW_BUILD/tests/test_differential"
is "$rc" 0 "partial loads from PostgreSQL review as the whole history"
has "$out$err" "[  PASSED  ] 1 test(s)." "test_differential passes"

# Several plans in one database: the plan file's id chooses among them
# (store_use_plan), and a command with no plan file (log) needs the
# location to name one.
pw "$office" log
is "$rc" 1 "with several plans, log on a location that names none: exit 1"
has "$err" "holds several plans" "saying so"
pw "$office" status
is "$rc" 0 "status there reads the plan file's plan"
run "$PLANWATCH" -f other.yaml -d "$office" --today 2025-07-01 status
is "$rc" 1 "a plan file of an id none of them has: exit 1"
has "$err" "holds several plans, none of them the plan file's 'elsewhere'" \
    "saying so"
pw "$office&options=-c%20planwatch.plan%3Dyuan" status
is "$rc" 0 "one that names it (options=-c planwatch.plan=ID) reads it"
finish
