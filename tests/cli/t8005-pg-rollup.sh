#!/bin/sh
# t8005: the roll-up of several plans on PostgreSQL (issue 18 item 2): one
# database holds the three plans of t3014, each keyed by its id, and
# status and report of the plans' directory with that one location print
# the same bytes as on SQLite (each plan's records in the file beside it);
# a plan the database does not hold is refused, nothing printed.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"
. "$PW_TOP/tests/cli/t3014-plans.inc"
cd "$T" || exit 1
export SOURCE_DATE_EPOCH=1751328000

pg_start || exit 1
su="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=postgres"
office="postgresql:///planwatch?host=$PGHOST&port=$PGPORT&user=tester"
run "$PLANWATCH" -f plans/a-yuan.yaml -d "$su" db init
is "$rc" 0 "db init"
psql -X -q -v ON_ERROR_STOP=1 -c \
    'CREATE ROLE tester LOGIN IN ROLE planwatch_office'
for p in a-yuan b-linxiang c-taihe; do
	run "$PLANWATCH" -f "plans/$p.yaml" -d "$office" db publish
	is "$rc" 0 "publish $p"
done
is "$(psql -X -At -c 'SELECT id FROM planwatch.plans ORDER BY id' |
    tr '\n' ' ')" "linxiang taihe yuan " "one database, three plans"

record_all "$office" "$office" "$office"
is "$?" 0 "each plan's records, through the one location"
is "$(psql -X -At -c 'SELECT plan, count(*) FROM planwatch.events
    GROUP BY plan ORDER BY plan' | tr '\n' ' ')" \
    "linxiang|3 taihe|1 yuan|3 " "kept by plan"
record_all plans/a-yuan.db plans/b-linxiang.db plans/c-taihe.db
is "$?" 0 "and the same on SQLite, beside each plan"

# The same command lines on both stores: the same bytes.
transcript() {	# -d and its location, or nothing
	for _c in "status" "status --all" "report" "report -F csv" \
	    "report -F json" "report -F md" "report -F html"; do
		# shellcheck disable=SC2086
		run "$PLANWATCH" --today 2025-07-01 -f plans "$@" $_c
		printf '$ %s\n%s\n%s\n%s\n' "$_c" "$rc" "$out" "$err"
	done
}
transcript > sqlite.txt
transcript -d "$office" > pg.txt
ok "the roll-up on SQLite" grep -q '^Roll-up of 3 plans' sqlite.txt
ok "and on PostgreSQL" grep -q '^Roll-up of 3 plans' pg.txt
ok "with each plan's records" grep -q \
    '^  yuan      禹安县推进方案           2       1        0      25%       4$' \
    pg.txt
if cmp -s sqlite.txt pg.txt; then
	_report 1 "status and report of the roll-up: the same on both stores" ""
else
	_report 0 "status and report of the roll-up: the same on both stores" \
	    "$(diff sqlite.txt pg.txt | head -40)"
fi
run "$PLANWATCH" --today 2025-07-01 -f plans -d "$office" report -F xlsx \
    -o pg.xlsx
is "$rc" 0 "a workbook from PostgreSQL"
run "$PLANWATCH" --today 2025-07-01 -f plans/b-linxiang.yaml -d "$office" \
    status
is "$rc" 0 "one plan of them, on its own"
has "$out" "临湘市推进方案" "is that plan"

# A plan file the database holds no plan of.
mkdir more
cp plans/*.yaml more/
sed 's/^id: taihe$/id: elsewhere/' plans/c-taihe.yaml > more/c-taihe.yaml
run "$PLANWATCH" --today 2025-07-01 -f more -d "$office" status
is "$rc" 1 "a plan the database does not hold: exit 1"
has "$err" "holds several plans, none of them the plan file's 'elsewhere'" \
    "saying which"
is "$out" "" "nothing printed"
finish
