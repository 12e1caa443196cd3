#!/bin/sh
# t3014: the roll-up of several plans (issue 18 item 2): status and report
# with -f given more than once or -f a directory of plans print one row
# per plan with its counts, its on-time rate and its worst items (the
# first three of its attention list), then the departments ranked across
# the plans (matched by id, named by the first plan that names them,
# ranked as one plan's: rate, then fewer overdue, then id); wide
# characters aligned; every report format; a bad plan in the directory is
# its FILE:LINE:COL error, exit 1, nothing printed; what works on one plan
# is refused.  On SQLite each plan's records are in the database beside
# it; t8005 reads the same plans from one PostgreSQL database.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3014-plans.inc"
cd "$T" || exit 1
export SOURCE_DATE_EPOCH=1751328000
record_all plans/a-yuan.db plans/b-linxiang.db plans/c-taihe.db
is "$?" 0 "the records of the three plans"
pw() { run "$PLANWATCH" --today 2025-07-01 "$@"; }

pw -f plans status
is "$rc" 0 "status of a directory of plans: exit 0"
is "$err" "" "nothing on stderr"
is "$out" "$(cat <<'OUT'
Roll-up of 3 plans
══════════════════
As of  2025-07-01
State  CRITICAL

Plans
─────
  ID        Plan               Overdue  Missed  At risk  On time  Listed
  ────────  ─────────────────  ───────  ──────  ───────  ───────  ──────
  yuan      禹安县推进方案           2       1        0      25%       4
  linxiang  临湘市推进方案           0       0        0      33%       1
  taihe     Taihe county plan        0       0        0        -       1

Worst 3 items of each plan
──────────────────────────
    ID    Kind         Lead            Item
          Reason
    ────  ───────────  ──────────────  ───────────────────
          ──────────────────────────────────────────────────────────────
  yuan: 禹安县推进方案
    T1    missed       卫健委          覆盖率
          missed 92 days ago: no value by 2025-03-31
    M2    overdue      财政局          资金到位
          31 days overdue
    M1    overdue      卫健委          建成平台
          1 day overdue
  linxiang: 临湘市推进方案
    M3    behind pace  市公安局        完成验收
          due in 4 days, behind pace: no progress reported, 98% expected
  taihe: Taihe county plan
    M1    behind pace  Education bur…  Open the new school
          behind pace: 40% done, 67% expected, due in 91 days

Department ranking across plans
───────────────────────────────
     #  ID       Department  Plans  Due so far  On time  Rate  Overdue
  ────  ───────  ──────────  ─────  ──────────  ───────  ────  ───────
     1  finance  财政局          2           3        2   67%        1
     2  edu      市教育局        2           1        0    0%        0
     3  police   市公安局        1           1        0    0%        0
     4  health   卫健委          1           2        0    0%        1
     5  audit    市审计局        1           0        0     -        0
OUT
)" "the roll-up: plans, their worst items, the departments ranked"
dir=$out
pw -f plans/a-yuan.yaml -f plans/b-linxiang.yaml -f plans/c-taihe.yaml status
is "$out" "$dir" "-f given three times: the same"
pw -f plans/c-taihe.yaml -f plans/a-yuan.yaml status
has "$out" "Roll-up of 2 plans" "two plans"
is "$(printf '%s\n' "$out" | awk 'NR == 10 || NR == 11 { print $1 }')" "taihe
yuan" "the plans in the order given"

# The ranking: finance 2 of 3; edu and police 0 of 1 with none overdue,
# by id; health 0 of 2, one overdue; audit with nothing due, last.
ranks=$(printf '%s\n' "$dir" | sed -n '/^Department ranking/,$p' |
    awk '$1 ~ /^[0-9]+$/ { print $1, $2 }' | tr '\n' ' ')
is "$ranks" "1 finance 2 edu 3 police 4 health 5 audit " \
    "ties broken by fewer overdue, then by id"
has "$dir" "finance  财政局          2" \
    "a department named by the first plan that names it (yuan's 财政局)"
hasnt "$dir" "M5" "three of yuan's four items"

# Wide characters: each column of numbers ends in one display column
# (a Chinese character is two wide).
ends=$(printf '%s\n' "$dir" | sed -n '8,12p' | python3 -c '
import sys, unicodedata
for l in sys.stdin:
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in l.rstrip("\n"))
    print(w)' | sort -u | tr '\n' ' ')
is "$ends" "72 " "the plan rows, Chinese or not, end in the same column"

pw -f plans status --all
has "$out" "Needs attention, by plan" "--all: every item of each list"
has "$out" "M5    behind pace  财政局          拨付资金" "yuan's fourth"

# Options that work on one plan.
pw -f plans status --dept finance
is "$rc" 2 "status --dept on a roll-up: a usage error"
has "$err" "--dept works on one plan" "saying so"
pw -f plans status --since 2025-06-01
is "$rc" 2 "status --since: a usage error"
pw -f plans report --week 2025-06-30
is "$rc" 2 "report --week: a usage error"
for c in validate check "log" "record T1 50" export; do
	# shellcheck disable=SC2086
	pw -f plans/a-yuan.yaml -f plans/b-linxiang.yaml $c
	case $c in
	check)	is "$rc" 3 "check of two plans: UNKNOWN, exit 3"
		has "$out" "PLANWATCH UNKNOWN - several plans" "on stdout" ;;
	*)	is "$rc" 2 "$c of two plans: a usage error"
		has "$err" "works on one" "$c: saying so" ;;
	esac
done
pw -f plans/a-yuan.yaml -f plans/b-linxiang.yaml help status
is "$rc" 0 "help reads no plan: two -f are no matter"
set --
i=0
while [ $i -le 64 ]; do
	set -- "$@" -f plans/a-yuan.yaml
	i=$((i + 1))
done
pw "$@" status
is "$rc" 2 "-f 65 times: a usage error"
has "$err" "name a directory of plans" "pointing to a directory"

# The report, in every format.
pw -f plans report
is "$rc" 0 "report of a directory of plans"
is "$out" "$(printf '%s\n' "$dir" | sed '4a\
Made   2025-07-01 00:00 UTC')" "the text: status's roll-up, with when it was made"
pw -f plans report -F csv
is "$out" "$(printf '%s\r\n' \
'type,rank,id,name,plans,overdue,due_soon,active,pending,done,late,missed,at_risk,on_track,met,no_data,stale,due_so_far,on_time,on_time_rate,attention,severity,worst' \
'plan,,yuan,禹安县推进方案,,2,1,0,0,1,1,1,0,0,0,0,0,4,1,0.25,4,CRITICAL,T1;M2;M1' \
'plan,,linxiang,临湘市推进方案,,0,1,1,0,1,2,0,0,0,0,0,0,3,1,0.33,1,WARNING,M3' \
'plan,,taihe,Taihe county plan,,0,0,1,0,0,0,0,0,0,0,0,0,0,0,,1,WARNING,M1' \
'department,1,finance,财政局,2,1,1,,,,,,,,,,,3,2,0.67,,,' \
'department,2,edu,市教育局,2,0,0,,,,,,,,,,,1,0,0,,,' \
'department,3,police,市公安局,1,0,1,,,,,,,,,,,1,0,0,,,' \
'department,4,health,县卫生健康委员会,1,1,0,,,,,,,,,,,2,0,0,,,' \
'department,5,audit,市审计局,1,0,0,,,,,,,,,,,0,0,,,,')" \
    "CSV: a row per plan, then per department, by id"
pw -f plans report -F csv --bom
has "$out" "$(printf '\357\273\277type,rank')" "--bom"
pw -f plans report -F json
is "$rc" 0 "JSON"
ok "JSON that parses" python3 -c 'import json, sys; json.loads(sys.argv[1])' "$out"
has "$out" '"asof":"2025-07-01","generated":"2025-07-01 00:00 UTC","severity":"CRITICAL"' \
    "the date, when it was made, the worst state"
has "$out" '"worst":[{"id":"T1","item":"target","kind":"missed","severity":"CRITICAL","lead":"health","due":"2025-03-31","days_overdue":92}' \
    "a plan's worst items by id, kind and lead"
has "$out" '{"rank":2,"id":"edu","name":"市教育局","plans":2,"due_so_far":1,"on_time":0,"on_time_rate":0,"overdue":0,"due_soon":0}' \
    "a department summed across plans"
pw -f plans report -F md
has "$out" "| yuan | 禹安县推进方案 | **2** | **1** | 0 | **25%** | **4** |" \
    "Markdown"
pw -f plans report -F html -o r.html
is "$rc" 0 "HTML to a file"
ok "with the three sections" [ "$(grep -c '<section id="summary">\|<section id="worst">\|<section id="ranking">' r.html)" = 3 ]
pw -f plans report -F xlsx -o r.xlsx
is "$rc" 0 "a workbook"
is "$(unzip -p r.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"' | tr '\n' ' ')" \
    'sheet name="Plans" sheet name="Worst 3 items of each plan" sheet name="Department ranking across plans" ' \
    "a sheet for each section"

# A directory: its *.yaml and *.yml, by name, not its subdirectories nor
# hidden files; a link to a plan is read as -f reads it.
mkdir -p more/sub
cp plans/a-yuan.yaml more/z.yml
cp plans/b-linxiang.yaml more/sub/b.yaml
cp plans/b-linxiang.yaml more/.hidden.yaml
echo 'not a plan' > more/notes.txt
ln -s ../plans/c-taihe.yaml more/a-link.yaml
pw -f more status
is "$rc" 0 "a directory with a link, a subdirectory and other files"
has "$out" "Roll-up of 2 plans" "two plans in it"
is "$(printf '%s\n' "$out" | awk 'NR == 10 || NR == 11 { print $1 }')" "taihe
yuan" "by name: a-link.yaml, z.yml"
mkdir empty
pw -f empty status
is "$rc" 1 "a directory with no plan: exit 1"
has "$err" "no plans (*.yaml, *.yml) in 'empty'" "saying so"

# A bad plan in the directory: its errors, nothing printed.
cp -R plans bad
printf 'milestones: 3\n' >> bad/b-linxiang.yaml
pw -f bad status
is "$rc" 1 "a bad plan among them: exit 1"
is "$out" "" "nothing half-printed"
has "$err" "bad/b-linxiang.yaml:17:1: error:" "its error at FILE:LINE:COL"
pw -f bad report -o bad.txt
is "$rc" 1 "report: exit 1"
ok "and no file written" [ ! -e bad.txt ]

# Plans are known by id; a SQLite file holds one plan's records.
cp plans/a-yuan.yaml again.yaml
pw -f plans -f again.yaml status
is "$rc" 1 "two plans of one id: exit 1"
has "$err" "are both plan 'yuan'" "saying so"
pw -f plans -d "$T/one.db" status
is "$rc" 1 "several plans on one SQLite file: exit 1"
has "$err" "which holds one plan's records" "saying so"
is "$out" "" "nothing printed"

# One plan: status as it always was.
pw -f plans/a-yuan.yaml status
hasnt "$out" "Roll-up" "one -f: no roll-up"
has "$out" "Needs attention: 4 items, worst first" "the plan's own status"
finish
