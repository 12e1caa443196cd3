#!/bin/sh
# t2100-import-export.sh: import all or nothing with every bad row reported,
# BOM and CRLF, export as CSV and JSON, and the byte-identical round trip.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

# A spreadsheet's file: byte-order mark, CRLF, columns in another order,
# a quoted note with a comma, a quote and a line break.
printf '\357\273\277date,id,value,note\r\n2024-03-31,T-beds,5.1,\r\n2024-03-31,T-emr,二级,"多行\n备注, 含""引号"""\r\n2024-04-30,M-plan,done,\r\n2024-05-31,M-build,35%%,\r\n2024-03-31,M-report@2024-03,done,\r\n' > sheet.csv
pw import sheet.csv
is "$rc" 0 "a spreadsheet's CSV imports"
is "$out" "imported 5 records from sheet.csv" "and says how many"
pw export
has "$out" "$(printf 'T-emr,2024-03-31,二级,"多行\n备注, 含""引号""",,health,')" "the note survives exactly"

# Round trip: export, import into an empty database, export again.
pw export -o one.csv
is "$rc" 0 "export -o writes a file"
pw -d fresh.db import one.csv
is "$rc" 0 "the export imports into an empty database"
pw -d fresh.db export -o two.csv
ok "export, import, export is byte-identical" cmp one.csv two.csv
pw export --format json
printf '%s' "$out" > one.json
ok "the JSON export is valid" jq -e 'length == 5' one.json
is "$(jq -r '.[] | select(.id == "T-emr") | .note' one.json)" "$(printf '多行\n备注, 含"引号"')" "JSON keeps the note"
pw -d empty.db export --format json
is "$out" "[]" "an empty export is an empty JSON array"
ok "export never creates the database" test ! -e empty.db

# All or nothing: every bad row reported, nothing written.
before=$(sqlite3 plan.db 'SELECT count(*) FROM events')
cat > bad.csv <<'CSV'
id,date,value,note,source
T-beds,2024-05-01,5.2,,
T-bedz,2024-05-01,5,,
T-beds,2024-02-30,5,,
T-beds,2024-05-01,NaN,,
M-plan,2024-05-01,120,,
T-beds,2030-01-01,5,,
T-beds,2024-05-01
T-emr,2024-05-01,七级,,
T-beds,2024-05-01,"unterminated
CSV
pw import bad.csv
is "$rc" 1 "a file with bad rows fails"
has "$err" "bad.csv:3: error: unknown id 'T-bedz'; did you mean 'T-beds'" "unknown id, with its line"
has "$err" "bad.csv:4: error: invalid date '2024-02-30'" "invalid date"
has "$err" "bad.csv:5: error: 'NaN' is not a number" "NaN"
has "$err" "bad.csv:6: error: progress '120' is outside 0..100" "percent"
has "$err" "bad.csv:7: error: date 2030-01-01 is in the future" "future date"
has "$err" "bad.csv:8: error: expected 5 fields, found 2" "short row"
has "$err" "bad.csv:9: error: '七级' is not a level" "level"
has "$err" "bad.csv:10: error: unterminated quoted field" "unterminated quote"
has "$err" "nothing imported: 8 errors" "a summary"
is "$(sqlite3 plan.db 'SELECT count(*) FROM events')" "$before" "nothing was written"

printf 'id,when,value\nT-beds,2024-05-01,1\n' > hdr.csv
pw import hdr.csv
is "$rc" 1 "a wrong header fails"
has "$err" "hdr.csv:1: error: unknown column 'when'" "naming the column"
has "$err" "hdr.csv:1: error: the header has no 'date' column" "and the missing one"
: > empty.csv
pw import empty.csv
has "$err" "empty.csv:1: error: no header row" "an empty file has no header"
printf 'id,date,value\nT-beds,2024-05-01,1\377\n' > enc.csv
pw import enc.csv
has "$err" "enc.csv:2: error: field 3 is not valid UTF-8 text" "invalid UTF-8"
printf 'id,date,value\nT-beds,2024-05-01,1\000\n' > nul.csv
pw import nul.csv
is "$rc" 1 "a NUL byte is refused"
pw import missing.csv
is "$rc" 1 "a missing file fails"
has "$err" "missing.csv: No such file or directory" "and says so"
is "$(sqlite3 plan.db 'SELECT count(*) FROM events')" "$before" "still nothing written"

# Import from standard input, and an export -o that cannot be written.
printf 'id,date,value\nT-wait,2024-05-01,31\n' | "$PLANWATCH" -f plan.yaml --today 2024-06-15 import - > /dev/null
is "$?" 0 "import - reads standard input"
pw export -o nodir/x.csv
is "$rc" 1 "export to a missing directory fails"
ok "and leaves no temporary file" test -z "$(ls | grep tmp)"
finish
