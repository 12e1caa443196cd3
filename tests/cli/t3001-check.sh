#!/bin/sh
# t3001: planwatch check: the Monitoring Plugins contract (every exit
# status, the first line and its perfdata, the lines after it), --quiet,
# --format json, --dept, --warn-days, --timeout, and the cron environment.
#
# The fixture t3-plan.yaml with t3-values.csv, as of:
#   2025-03-01  OK        nothing due soon, M1 on pace
#   2025-03-19  WARNING   M1 due in 12 days and behind pace
#   2025-06-20  CRITICAL  M2 (教育局) 10 days overdue; M3 (财政局) due soon
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"
first() { printf '%s\n' "$out" | sed -n 1p; }
line() { printf '%s\n' "$out" | sed -n "$1p"; }

# OK, WARNING, CRITICAL.
run pw check --today 2025-03-01
is "$rc" 0 "OK exits 0"
is "$(first)" "PLANWATCH OK - t3: nothing overdue or at risk; 0 milestones \
done, 0 targets met | overdue=0 due_soon=0 behind=0 missed=0 at_risk=0 \
stale=0 met=0 done=0" "OK: the first line, no target has a value yet"
is "$(printf '%s\n' "$out" | wc -l)" 1 "OK: one line only"

run pw check --today 2025-03-19
is "$rc" 1 "WARNING exits 1"
has "$(first)" "PLANWATCH WARNING - t3: 1 due soon, 1 behind pace | " \
    "WARNING: keyword and summary"
has "$(first)" "overdue=0 due_soon=1 behind=1 " "WARNING: counts"
is "$(line 2)" "WARNING M1 (财政局) due in 12 days, behind pace: 60% done, \
87% expected: 制定实施方案" "WARNING: the item, lead, days and name (whole \
percents, as every face shows them)"

run pw check --today 2025-06-20
is "$rc" 2 "CRITICAL exits 2"
is "$(first)" "PLANWATCH CRITICAL - t3: 1 overdue, 1 due soon | overdue=1 \
due_soon=1 behind=0 missed=0 at_risk=0 stale=0 met=2 done=1 'T1'=85%;;90: \
'T2'=7.5;;~:7.85 'T3'=50;;50:50 'T4'=2;;3:" \
    "CRITICAL: first line; % only for a % unit, ranges from directions, a \
scale as its level's position"
is "$(line 2)" "CRITICAL M2 (教育局) 10 days overdue: 完成场馆建设" \
    "CRITICAL: the critical item first, with lead and days"
is "$(line 3)" "WARNING M3 (财政局) due in 10 days: 验收准备" \
    "CRITICAL: then the warnings"
is "$(printf '%s\n' "$out" | wc -l)" 3 "CRITICAL: one line per item"

# After the targets' due date, T1 (85 < 90) is missed.
run pw check --today 2026-01-02
is "$rc" 2 "a missed target is critical"
has "$out" "CRITICAL T1 (教育局) missed 2 days ago: 85 by 2025-12-31, target \
>= 90: 覆盖率" "the missed target's line"

# UNKNOWN: bad options, unreadable or invalid plan, corrupt database.
unknown() {	# desc, then the command
	d=$1
	shift
	run "$@"
	is "$rc" 3 "UNKNOWN exits 3: $d"
	case $(first) in
	"PLANWATCH UNKNOWN - "?*) _report 1 "UNKNOWN line on stdout: $d" "" ;;
	*) _report 0 "UNKNOWN line on stdout: $d" "$out" ;;
	esac
}
unknown "unknown option" pw check --frobnicate
unknown "bad --warn-days" pw check --warn-days soon
unknown "negative --warn-days" pw check --warn-days -1
unknown "bad --today" pw check --today 2025-13-01
unknown "bad --timeout" pw check --timeout 1s
unknown "bad --format" pw check --format xml
unknown "stray argument" pw check extra
unknown "unknown department" pw check --dept nobody
has "$out" "unknown department 'nobody'" "says which department"
unknown "missing plan" "$PLANWATCH" -f "$T/nope.yaml" -d "$DB" check
has "$out" "nope.yaml" "names the missing plan"
printf 'format: 1\nplan: [unclosed\n' > "$T/bad.yaml"
unknown "invalid plan" "$PLANWATCH" -f "$T/bad.yaml" -d "$DB" check
has "$out" "bad.yaml:" "gives the plan's position"
head -c 4096 /dev/urandom > "$T/junk.db"
unknown "corrupt database" pw -d "$T/junk.db" check
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
unknown "not a planwatch database" pw -d "$T/other.db" check
run pw check --help
is "$rc" 0 "--help exits 0"

# A database that does not exist reads as empty and is not created.
run pw -d "$T/none.db" check --today 2025-06-20
is "$rc" 2 "missing database: reviewed as empty"
has "$out" "CRITICAL M1 (财政局) 81 days overdue" "nothing recorded for M1"
ok "missing database not created" test ! -e "$T/none.db"

# --quiet: silent only when OK.
run pw check --quiet --today 2025-03-01
is "$rc" 0 "--quiet OK exits 0"
is "$out" "" "--quiet OK prints nothing"
run pw check -q --today 2025-06-20
is "$rc" 2 "--quiet CRITICAL exits 2"
has "$(first)" "PLANWATCH CRITICAL - " "--quiet still reports a problem"
unknown "--quiet still reports UNKNOWN" pw check -q --dept nobody

# --format json: the same states and items, valid JSON.
run pw check --format json --today 2025-06-20
is "$rc" 2 "json: exit status as text"
ok "json: valid" sh -c 'printf "%s" "$1" | jq -e . > /dev/null' - "$out"
is "$(printf '%s' "$out" | jq -r '[.state, .exit, .counts.overdue,
    .counts.due_soon, .counts.met, .counts.done, (.items | length),
    .items[0].id, .items[0].lead, .items[0].days_past_due,
    .items[1].severity] | join(" ")')" "CRITICAL 2 1 1 2 1 2 M2 edu 10 WARNING" \
    "json: state, counts and items"
is "$(printf '%s' "$out" | jq -r '.perfdata | map(.id + "=" +
    (.value | tostring) + ";" + .range) | join(" ")')" \
    "T1=85;90: T2=7.5;~:7.85 T3=50;50:50 T4=2;3:" "json: perfdata"
is "$(printf '%s' "$out" | jq -r .items[0].name)" "完成场馆建设" \
    "json: names in UTF-8"
run pw check --format json --today 2025-03-01
is "$(printf '%s' "$out" | jq -r '.state + " " + (.items | length |
    tostring)')" "OK 0" "json: OK"
run pw check --format json --dept nobody
is "$rc" 3 "json: UNKNOWN exits 3"
is "$(printf '%s' "$out" | jq -r '.state + " " + (.exit | tostring)')" \
    "UNKNOWN 3" "json: UNKNOWN is JSON too"

# --dept: what a department leads or supports.
run pw check --dept fin --today 2025-06-20
is "$rc" 1 "--dept fin: only M3 due soon (M2 is edu's)"
hasnt "$out" "M2" "--dept fin leaves out M2"
has "$(first)" "done=1 'T1'=85%;;90:" "--dept fin: T1 it supports, alone"
hasnt "$(first)" "'T2'" "--dept fin: not T2"
run pw check --dept edu --today 2025-06-20
is "$rc" 2 "--dept edu: M2 overdue"
hasnt "$out" "M3" "--dept edu leaves out M3"

# --warn-days overrides the plan's 14.
run pw check --dept fin --warn-days 5 --today 2025-06-20
is "$rc" 0 "--warn-days 5: M3 due in 10 days is not due soon"
run pw check --dept fin --warn-days 10 --today 2025-06-20
is "$rc" 1 "--warn-days 10: due in exactly 10 days is due soon"

# The keyword and perfdata are never translated.
run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$F/t3-plan.yaml" -d "$DB" check \
    --today 2025-06-20
is "$rc" 2 "zh_CN: same exit status"
has "$(first)" "PLANWATCH CRITICAL - " "zh_CN: keyword untranslated"
has "$(first)" "| overdue=1 due_soon=1 behind=0 missed=0" \
    "zh_CN: perfdata untranslated"

# --timeout: a plan that never arrives (a FIFO nobody writes) is UNKNOWN.
mkfifo "$T/fifo.yaml"
run timeout 20 "$PLANWATCH" -f "$T/fifo.yaml" -d "$DB" check --timeout 1
is "$rc" 3 "--timeout: UNKNOWN after the time"
is "$out" "PLANWATCH UNKNOWN - timed out after 1 seconds" \
    "--timeout: says so"

# Under cron: no terminal, TERM and HOME unset, LANG=C, stdin closed, a
# read-only database directory.  Same verdict, UTF-8 intact, nothing
# written.  Root ignores permissions, so as root run it as nobody.
cron_user=
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv > /dev/null; then
		cron_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		skip "cron: read-only directory" "root and no setpriv"
	fi
fi
chmod 755 "$T"
mkdir "$T/ro"
cp "$DB" "$T/ro/plan.db"
chmod 444 "$T/ro/plan.db"
chmod 555 "$T/ro"
sum_before=$(cksum < "$T/ro/plan.db")
ls_before=$(ls -a "$T/ro")
(cd "$T/ro" && $cron_user env -i PATH=/usr/bin:/bin LANG=C "$PLANWATCH" \
    -f "$F/t3-plan.yaml" -d "$T/ro/plan.db" check --today 2025-06-20 \
    > "$T/cron.out" 2> "$T/cron.err" <&-)
rc=$?
out=$(cat "$T/cron.out")
err=$(cat "$T/cron.err")
is "$rc" 2 "cron: CRITICAL exits 2"
is "$(line 2)" "CRITICAL M2 (教育局) 10 days overdue: 完成场馆建设" \
    "cron: UTF-8 names printed intact under LANG=C"
is "$err" "" "cron: nothing on stderr"
is "$(cksum < "$T/ro/plan.db")" "$sum_before" "cron: database unchanged"
is "$(ls -a "$T/ro")" "$ls_before" "cron: no journal, WAL or lock file left"
$cron_user env -i "$PLANWATCH" -f "$F/t3-plan.yaml" -d "$T/ro/plan.db" \
    check --today 2025-03-01 -q > "$T/cron2.out" 2>&1 <&-
is "$?" 0 "cron: empty environment, OK exits 0"
is "$(cat "$T/cron2.out")" "" "cron: --quiet OK prints nothing"
chmod 755 "$T/ro"

# check never writes: not even to a writable database while reading it.
sum_before=$(cksum < "$DB")
run pw check --today 2025-06-20
is "$(cksum < "$DB")" "$sum_before" "the database is not written"
finish
