#!/bin/sh
# t8009: who may write and read what on a PostgreSQL store, through
# planwatch itself (issue 18, security tests; t8002 has the same rules in
# raw SQL, t8003 record and import by a department).  A department's role
# is refused progress, done, reopen, void and import of an item it
# neither leads nor supports: one line naming the item and the
# department, exit 1, the table unchanged; what it records carries the
# server's session_user whatever --by or a role set in the location say;
# it reads nothing of a plan it was not let read, whatever command asks;
# the office does all of it.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
cd "$T" || exit 1

cat > yuan.yaml <<'YAML'
format: 1
id: yuan
plan: 禹安安全
start: 2025-01-01
end: 2025-12-31
departments: [{id: health, name: 卫健委}, {id: finance, name: 财政局}]
milestones:
  - {id: M1, name: 建成平台, due: 2025-09-30, owner: health}
  - {id: M2, name: 资金到位, due: 2025-09-30, owner: finance, support: [health]}
targets:
  - {id: T1, name: 覆盖率, direction: ">=", target: 90, due: 2025-12-31, owner: health}
  - {id: T2, name: 预算执行, direction: ">=", target: 80, due: 2025-12-31, owner: finance}
YAML
sed -e 's/^id: yuan$/id: other/' -e 's/^plan: .*/plan: 邻县/' yuan.yaml \
    > other.yaml

pg_start || exit 1
loc() {	# ROLE [MORE]
	echo "postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=$1${2:-}"
}
pw() {	# PLAN LOCATION ARGS...
	_f=$1 _d=$2
	shift 2
	run "$PLANWATCH" -f "$_f" -d "$_d" --today 2025-07-01 "$@"
}
rows() {
	psql -X -At -c "SELECT seq, plan, kind, item, asof, value,
	    recorded_by, superseded_by FROM planwatch.events ORDER BY seq"
}
lines() {
	printf '%s\n' "$1" | wc -l | tr -d ' '
}

pw yuan.yaml "$(loc postgres)" db init
is "$rc" 0 "db init"
psql -X -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE office LOGIN IN ROLE planwatch_office;
CREATE ROLE finance_clerk LOGIN;
CREATE ROLE health_clerk LOGIN;
CREATE ROLE nurse LOGIN IN ROLE health_clerk;
EOF
office=$(loc office)
finance=$(loc finance_clerk)
for f in yuan other; do
	pw $f.yaml "$office" db publish
	is "$rc" 0 "the office publishes plan $f"
done
pw yuan.yaml "$office" db grant finance_clerk --dept finance
is "$rc" 0 "finance_clerk answers for finance of yuan"
pw yuan.yaml "$office" db grant health_clerk --dept health
is "$rc" 0 "health_clerk for health"

# The office records in both plans; other's rows carry what must never
# be shown to finance_clerk.
pw yuan.yaml "$office" record T1 50 --date 2025-03-31
is "$rc" 0 "the office records T1 of yuan"
pw yuan.yaml "$office" progress M1 30 --date 2025-03-31
is "$rc" 0 "and M1's progress"
pw yuan.yaml "$office" done M1 --date 2025-06-01
is "$rc" 0 "and M1 done (so that a reopen reaches the server)"
pw other.yaml "$office" record T1 4242.5 --date 2025-03-31 --note 邻县机密
is "$rc" 0 "and T1 of other"
pw other.yaml "$office" done M2 --date 2025-04-30 --source 邻县报表
is "$rc" 0 "and M2 of other"

# What finance_clerk may not do, through planwatch.
printf 'id,date,value\nT2,2025-06-30,50\nT1,2025-06-30,70\n' > mixed.csv
for c in "progress M1 60 --date 2025-06-30" "done M1 --date 2025-06-30" \
    "reopen M1" "void T1 2025-03-31" "void M1 2025-03-31" \
    "import mixed.csv"; do
	before=$(rows)
	# shellcheck disable=SC2086
	pw yuan.yaml "$finance" $c
	is "$rc" 1 "finance: $c: exit 1"
	is "$(lines "$err")" 1 "finance: $c: one line"
	case $c in *M1*) it=M1 ;; *) it=T1 ;; esac
	has "$err" "department 'finance' neither leads nor supports '$it' of plan 'yuan'" \
	    "finance: $c: naming the item and the department"
	is "$out" "" "finance: $c: nothing on stdout"
	is "$(rows)" "$before" "finance: $c: the table unchanged"
done

# What it may: its own items, recorded as itself.
pw yuan.yaml "$finance" record T2 55 --date 2025-06-30 --by office
is "$rc" 0 "finance records T2, its own, with --by office"
pw yuan.yaml "$finance" progress M2 20 --date 2025-06-30 --by 局长
is "$rc" 0 "and M2's progress with --by 局长"
is "$(psql -X -At -c "SELECT item || ':' || recorded_by FROM planwatch.events
    WHERE plan = 'yuan' AND asof = '2025-06-30' ORDER BY seq")" \
    "T2:finance_clerk
M2:finance_clerk" "the recorder is the server's session_user, not --by"
pw yuan.yaml "$finance" log --format csv
has "$out" ",finance_clerk,progress,M2," "log shows finance_clerk"
hasnt "$out" "局长" "never what --by said"
# A login that is a member of a department's role, the role set in the
# location (current_user health_clerk): the recorder is still the login.
pw yuan.yaml "$(loc nurse '&options=-c%20role%3Dhealth_clerk')" \
    record T1 61 --date 2025-06-30 --by health_clerk
is "$rc" 0 "nurse records T1 as role health_clerk"
is "$(psql -X -At -c "SELECT recorded_by FROM planwatch.events
    WHERE plan = 'yuan' ORDER BY seq DESC LIMIT 1")" nurse \
    "recorded by nurse, the login, not the role it set nor --by"
pw yuan.yaml "$(loc nurse)" log T1 --limit 1
has "$out" "nurse" "log says nurse"

# Another plan's records: finance_clerk was not let read plan other.
secret_rows=$(psql -X -At -c "SELECT count(*) FROM planwatch.events
    WHERE plan = 'other'")
is "$secret_rows" 2 "plan other holds two records"
for where in "$finance&options=-c%20planwatch.plan%3Dother" "$finance"; do
	for c in status "status --all" log "log T1" export \
	    "export --format json" report "report --format csv" check \
	    "check --format json"; do
		# shellcheck disable=SC2086
		pw other.yaml "$where" $c
		printf '%s\n%s\n' "$out" "$err" >> other.txt
		ok "finance reading other: $c: not a crash (exit $rc)" \
		    [ "$rc" -le 3 ]
	done
done
for s in 4242 邻县机密 邻县报表 2025-04-30; do
	hasnt "$(cat other.txt)" "$s" "nothing of other's records is shown ($s)"
done
pw other.yaml "$finance&options=-c%20planwatch.plan%3Dother" export
is "$rc:$(lines "$out")" "0:1" "export of other by finance: the header alone"
pw other.yaml "$finance&options=-c%20planwatch.plan%3Dother" log
is "$rc:$out" "0:nothing recorded" "log of other by finance: nothing"
pw other.yaml "$finance&options=-c%20planwatch.plan%3Dother" \
    record T2 1 --date 2025-06-30
is "$rc" 1 "finance recording in other: exit 1"
is "$(lines "$err")" 1 "one line"
has "$err" "answers for no department of plan 'other'" "saying so"
# Once the office lets it read, it does.
psql -X -q -c "SELECT planwatch.grant_read('other', 'finance_clerk')"
pw other.yaml "$finance&options=-c%20planwatch.plan%3Dother" export
has "$out" "4242.5" "once let read, finance reads other's records"

# The office does all of it.
for c in "progress M1 60 --date 2025-06-30" "done M1 --date 2025-06-30" \
    "reopen M1" "void T1 2025-03-31" "import mixed.csv"; do
	# shellcheck disable=SC2086
	pw yuan.yaml "$office&options=-c%20planwatch.plan%3Dyuan" $c
	is "$rc:$err" "0:" "the office: $c"
done
pw yuan.yaml "$office" export
has "$out" "T1,2025-06-30,70" "the office's import is written"
finish
