#!/bin/sh
# t7012: what import refuses of a form sent back (issue 19 item 2): a
# formula in a cell to fill in, a cell of the wrong type, a zip bomb (true
# and lying sizes), a sheet of a million rows, broken XML, a DTD with
# entities (billion laughs), a GB18030 CSV with a byte sequence that is
# not GB18030.  Each is exit 1 with an error at its place (FILE:SHEET!CELL
# or FILE:LINE), the database unchanged, under a cap on the address space.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cp "$PW_TOP/examples/sanya.yaml" plan.yaml
. "$PW_TOP/tests/tools/openpyxl.sh"

# Address space capped with ulimit -v except under ASan (its shadow memory
# needs a huge address space): a refusal must not allocate gigabytes.  The
# timeout only stops a hang; no time is asserted.
bounded() {
	if [ "${PW_SAN:-0}" = 1 ]; then
		timeout 120 "$@"
	else
		(ulimit -v 300000; timeout 120 "$@")
	fi
}

state() { sqlite3 plan.db 'SELECT count(*), coalesce(max(seq), 0) FROM events'; }

# refused FILE PLACE MESSAGE DESC: exit 1, "FILE:PLACE: error: MESSAGE",
# nothing written.
refused() {
	_before=$(state)
	bounded "$PLANWATCH" -f plan.yaml --today 2025-10-01 import "$1" \
	    < /dev/null > "$T/.out" 2> "$T/.err"
	rc=$?
	err=$(cat "$T/.err")
	is "$rc" 1 "$4: exit 1 (not a crash, a timeout or out of memory)"
	has "$err" "$1${2:+:$2}: error: $3" "$4: said at its place"
	is "$(state)" "$_before" "$4: the database unchanged"
}

run "$PLANWATCH" -f plan.yaml --today 2025-10-01 record T01-groups 1 \
    --date 2025-06-30
is "$rc" 0 "a record to keep"

# The form, as a department fills it in.
if "$PLANWATCH" form --help > /dev/null 2>&1; then
	run "$PLANWATCH" -f plan.yaml --today 2025-09-30 form --dept health \
	    -o form.xlsx
else
	run "$PY" "$MK" form form.xlsx 2025-09-30 S1-kickoff S2-monitor \
	    T01-groups T15-emr
fi
is "$rc" 0 "the form"
row() {	# the row of an id in the form
	"$PY" -c 'import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["填报"]
print([r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == sys.argv[2]][0])' form.xlsx "$1"
}
r_groups=$(row T01-groups)
r_monitor=$(row S2-monitor)

# A formula where a value is filled in, even with nothing computed yet;
# good rows beside it are not written either.
"$PY" "$MK" fill form.xlsx formula.xlsx S2-monitor 50 "" "" "" \
    T01-groups "=1+1" "" "" ""
refused formula.xlsx "填报!K$r_groups" "a formula in a cell to fill in" \
    "a formula in the value cell"
"$PY" "$MK" fill form.xlsx fnote.xlsx S2-monitor 50 "" "=A1" ""
refused fnote.xlsx "填报!M$r_monitor" "a formula in a cell to fill in" \
    "a formula in the note"

# Text where a number is wanted: a target's value, a milestone's progress.
"$PY" "$MK" fill form.xlsx text.xlsx T01-groups 两家 "" "" ""
refused text.xlsx "填报!K$r_groups" "'两家' is text where a number is wanted" \
    "text in a numeric target's value cell"
"$PY" "$MK" fill form.xlsx pct.xlsx S2-monitor 六成 "" "" ""
refused pct.xlsx "填报!K$r_monitor" "'六成' is text where a number is wanted" \
    "text for a milestone's progress"
printf 's:id\ts:date\ts:value\ns:T01-groups\tb:1\tn:5\n' |
    "$PY" "$MK" sheet bool.xlsx
refused bool.xlsx "Sheet1!B2" "'1' is not text, a number or a date" \
    "a boolean for a date"
printf 's:id\ts:date\ts:value\ns:T01-groups\tn:45930\te:#N/A\n' |
    "$PY" "$MK" sheet errval.xlsx
refused errval.xlsx "Sheet1!C2" "'#N/A' is not text, a number or a date" \
    "an error value"
printf 's:id\ts:date\ts:value\ns:T01-groups\tn:45930\tn:5\ns:T-nothing\tn:45930\tn:5\n' |
    "$PY" "$MK" sheet unknown.xlsx
refused unknown.xlsx "Sheet1!A3" "unknown id 'T-nothing'" "an unknown id, at its cell"
printf 's:id\ts:when\ts:value\n' | "$PY" "$MK" sheet header.xlsx
refused header.xlsx "Sheet1!B1" "unknown column 'when'" "an unknown heading"

# A zip bomb: 2 KiB of zip whose sheet inflates to 1 GiB, stating its size,
# and the same lying that it is 1000 bytes.
"$PY" "$MK" bomb bomb.xlsx 1024
is "$(( $(wc -c < bomb.xlsx) < 2000000 ))" 1 "the bomb is small"
refused bomb.xlsx "Sheet1" "xl/worksheets/sheet1.xml: inflates to more than 64 MiB" \
    "a zip bomb"
"$PY" "$MK" liar liar.xlsx 1024
refused liar.xlsx "Sheet1" "xl/worksheets/sheet1.xml: inflates to more than the 1000 bytes its zip entry states" \
    "a zip bomb that lies about its size"

# A sheet of a million rows.
"$PY" "$MK" rows rows.xlsx 1000000
refused rows.xlsx "Sheet1!A100001" "more than 100000 rows" "a million rows"

# Broken XML, a tag cut short: said at the row (or cell) begun last.
"$PY" "$MK" broken broken.xlsx
refused broken.xlsx "Sheet1!A3" "xl/worksheets/sheet1.xml: broken XML at line 2" \
    "broken XML"
# Entities that expand to gigabytes: no DTD is read at all.
"$PY" "$MK" laughs laughs.xlsx
refused laughs.xlsx "Sheet1" "xl/worksheets/sheet1.xml: a DTD, which a workbook never has" "billion laughs"
# Not a zip at all, though it starts as one.
printf 'PK\003\004 not really a zip' > fake.xlsx
refused fake.xlsx "" "not a workbook" "a file that is no zip"

# GB18030 with a byte sequence that is not GB18030 (0x81 then a space) on
# its third line.
{ printf '编号,日期,数值,备注,来源\n' | iconv -f UTF-8 -t GB18030
  printf 'T01-groups,2025/9/30,3,,\n'
  printf 'T01-district-hospitals,2025/9/30,2,\201 ,\n'; } > badgb.csv
refused badgb.csv 3 "field 4 is not valid UTF-8 text, nor GB18030" \
    "a GB18030 CSV with an invalid byte sequence"
# A note without a value says something that would be lost: an error, where
# a row left empty is not.
printf '编号,日期,数值,备注,来源\nS1-kickoff,2025-09-30,,只写了备注,\nS1-duty,2025-09-30,,,医政科\n' > noteonly.csv
refused noteonly.csv 2 "a note but no value" "a note without a value"
finish
