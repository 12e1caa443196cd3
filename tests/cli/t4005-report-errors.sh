#!/bin/sh
# t4005: report, notice and ics: bad input gets a clear message and a
# non-zero exit; -o replaces a file atomically and leaves nothing behind.
. "$PW_TOP/tests/lib.sh"
G=$PW_TOP/tests/golden
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/none.db" --today 2026-11-25 "$@"; }

run pw report --format pdf
is "$rc" 2 "an unknown format is a usage error"
has "$err" "invalid format 'pdf'" "and says which"
run pw report --week 2026-13-01
is "$rc" 2 "a bad --week date is a usage error"
has "$err" "--week" "and names the option"
run pw report extra
is "$rc" 2 "an extra argument is a usage error"
run pw notice --dept nobody
is "$rc" 1 "an unknown department is an error"
has "$err" "no department 'nobody'" "and names it"
run pw notice --format pdf
is "$rc" 2 "notice has only text, md, html and json"
run pw notice --reply-by tomorrow
is "$rc" 2 "a bad --reply-by is a usage error"
run pw ics --bogus
is "$rc" 2 "an unknown option is a usage error"
SOURCE_DATE_EPOCH=soon run pw ics
is "$rc" 1 "a bad SOURCE_DATE_EPOCH is an error"
has "$err" "SOURCE_DATE_EPOCH" "and names it"
run "$PLANWATCH" -f "$T/missing.yaml" -d "$T/none.db" report
is "$rc" 1 "a missing plan is an error"
ok "reading never creates the database" test ! -e "$T/none.db"

# -o: the file is replaced whole, with no temporary left beside it.
echo old > "$T/out.txt"
run pw report -o "$T/out.txt"
is "$rc" 0 "report -o exits 0"
is "$out" "" "nothing on standard output"
has "$(cat "$T/out.txt")" "滨江区基层医疗卫生服务能力提升三年行动方案" "the file has the report"
is "$(ls "$T" | grep -c 'out.txt.tmp')" 0 "no temporary file left"
run pw report -o "$T/no/such/dir/out.txt"
is "$rc" 1 "an unwritable -o is an error"
has "$err" "cannot create" "and says so"
# No department with anything late: a notice says so and writes nothing.
run "$PLANWATCH" -f "$G/plan.yaml" -d "$T/none.db" --today 2025-01-20 notice
is "$rc" 0 "no notice needed exits 0"
is "$out" "" "and prints no notice"
has "$err" "No department" "but says why"
# Every format from a plan on standard input (no database).
for f in text md html csv json; do
	run sh -c "'$PLANWATCH' -f - --today 2026-11-25 report --format $f < '$G/plan.yaml'"
	is "$rc" 0 "report --format $f from standard input"
done
finish
