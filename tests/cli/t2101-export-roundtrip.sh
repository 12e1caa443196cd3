#!/bin/sh
# t2101: export for spreadsheets and back.  A CSV cell that a spreadsheet
# would run as a formula is protected with ' (as report and log do) and
# import undoes exactly that, so export, import, export is byte for byte;
# the JSON export imports too (errors with a line and column, all or
# nothing); --bom writes a byte-order mark; each row names its lead and
# supporting departments.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cat > plan.yaml <<'YAML'
format: 1
plan: 导出测试
start: 2024-01-01
end: 2025-12-31
departments:
  - {id: office, name: 办公室}
  - {id: health, name: 市卫生健康委员会, short: 市卫健委}
  - {id: fin, name: 财政局}
milestones:
  - {id: M-plan, name: 制定方案, due: 2024-06-30, owner: office, support: [health, fin]}
  - {id: M-rep, name: 月报, start: 2024-01-01, due: 2024-12-31, every: month, owner: health}
  - {id: M-none, name: 无牵头, due: 2024-12-31}
targets:
  - {id: T-x, name: 数值, direction: ">=", target: 5, due: 2025-12, owner: health, support: [office]}
  - {id: T-lvl, name: 等级, direction: ">=", target: "+高", scale: ["-低", "=中", "+高"], due: 2025-12, owner: fin}
YAML
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }
TAB=$(printf '\t')
CR=$(printf '\r')

# Texts that start as formulas, or as the protection of one, recorded
# exactly.
pw record T-x --date 2024-03-31 --note '=SUM(A1:A3)' --source '+来源' -- -5
is "$rc" 0 "a negative value with a formula note"
pw record T-x 7 --date 2024-04-30 --note '@cmd' --source "'=already"
pw record T-lvl --date 2024-03-31 --note "${TAB}TAB" --source "''+two" -- -低
pw record T-lvl =中 --date 2024-04-30 --note "${CR}CR" --source "'plain"
pw done M-plan --date 2024-05-01 --note '-'
pw done M-rep@2024-03 --date 2024-04-02 --note '普通, "引号"'
pw progress M-none 40 --date 2024-05-01 --note '=1+1'
is "$rc" 0 "every record is stored"

pw export -o one.csv
is "$rc" 0 "export writes CSV"
out=$(cat one.csv)
is "$(head -1 one.csv)" "id,date,value,note,source,lead,lead_name,support,support_names$CR" \
    "the header names the departments' columns"
has "$out" "T-x,2024-03-31,-5,\"'=SUM(A1:A3)\",\"'+来源\",health,市卫生健康委员会,office,办公室$CR" \
    "= and + are protected, a number is not; lead and support by id and name"
has "$out" "T-x,2024-04-30,7,\"'@cmd\",\"''=already\",health," \
    "@ is protected, and a text that looks protected is protected again"
has "$out" "T-lvl,2024-03-31,\"'-低\",\"'${TAB}TAB\",\"'''+two\",fin,财政局,,$CR" \
    "a level, a leading tab and a run of ' are protected"
has "$out" "T-lvl,2024-04-30,\"'=中\",\"'${CR}CR\",'plain,fin,财政局,,$CR" \
    "a leading CR is protected; ' before plain text is left as it is"
has "$out" "M-plan,2024-05-01,done,\"'-\",,office,办公室,health;fin,市卫生健康委员会;财政局$CR" \
    "a milestone's supporting departments, joined by ;"
has "$out" "M-rep@2024-03,2024-04-02,done,\"普通, \"\"引号\"\"\",,health,市卫生健康委员会,,$CR" \
    "an instance has its milestone's lead"
has "$out" "M-none,2024-05-01,40,\"'=1+1\",,,,,$CR" \
    "a milestone without a lead has empty columns"

# Back: import undoes exactly the protection.
pw -d csv.db import one.csv
is "$rc" 0 "the CSV export imports"
is "$out" "imported 7 records from one.csv" "every record"
pw -d csv.db export -o two.csv
ok "export, import, export is byte for byte" cmp one.csv two.csv
pw export --format json -o one.json
pw -d csv.db export --format json -o csv.json
ok "the stored texts are the same after the CSV round trip" \
    cmp one.json csv.json
is "$(jq -r '.[] | select(.id == "T-lvl" and .date == "2024-03-31") | .source' csv.json)" \
    "''+two" "a text that starts with ' keeps every '"

# The JSON export imports, whatever the file is called.
pw -d json.db import one.json
is "$rc" 0 "the JSON export imports"
is "$out" "imported 7 records from one.json" "every record of it"
pw -d json.db export --format json -o two.json
ok "JSON export, import, export is byte for byte" cmp one.json two.json
pw -d json.db export -o json.csv
ok "and gives the same CSV" cmp one.csv json.csv
cp one.json state.txt
pw -d txt.db import state.txt
is "$rc" 0 "JSON is known by its first character too"
cat > hand.json <<'JSON'
  [ {"value": "60", "date": "2024-05-31", "id": "M-plan", "note": null},
    {"id": "T-x", "date": "2024-05-31", "value": 1.5e1, "kind": "value",
     "note": "\u65b0\ud83d\ude00 \"q\" \\ \/", "source": "手工"},
    {"id": "M-rep@2024-04", "date": "2024-05-02", "kind": "done", "value": null}
  ]
JSON
pw -d hand.db import hand.json
is "$rc" 0 "JSON written by hand: any order, spacing, escapes, no kind"
pw -d hand.db export --format json
has "$out" '"value": 15, "note": "新😀 \"q\" \\ /", "source": "手工"}' \
    "escapes and surrogate pairs are decoded"
has "$out" '{"id": "M-plan", "date": "2024-05-31", "kind": "progress", "value": 60,' \
    "a percent without a kind is progress"

# Errors: a position each, all or nothing.
before=$(jq length one.json)
rejected() {	# file, expected text, description; sets err
	pw -d json.db import "$1"
	is "$rc" 1 "$3: exit 1"
	has "$err" "$2" "$3: reported at its place"
	_err=$err
	pw -d json.db export --format json
	err=$_err
	is "$(printf '%s' "$out" | jq length)" "$before" "$3: nothing imported"
}
printf '[{"id": "T-x", "date": "2024-05-31", "value": 1,}]\n' > comma.json
rejected comma.json "comma.json:1:49: error: expected a key (a string), found '}'" \
    "a trailing comma"
cat > rows.json <<'JSON'
[
  {"id": "T-x", "date": "2024-05-31", "value": 2},
  {"id": "T-x", "date": "2024-05-31", "value": 3, "colour": "red"},
  {"id": "T-x", "date": "2024-06-01", "kind": "progress", "value": 3},
   {"id": "T-x", "value": 3},
  {"id": "M-plan", "date": "2024-05-31", "kind": "done", "value": 3},
  {"id": "T-y", "date": "2024-05-31", "value": 3},
  {"id": 1, "date": "2024-05-31", "value": 3},
  {"id": null, "date": "2024-05-31", "value": 3}
]
JSON
rejected rows.json "rows.json:3:51: error: unknown key 'colour'" "an unknown key"
has "$err" "rows.json:4:3: error: the kind 'progress' does not fit this record, a 'value'" \
    "a kind that does not fit"
has "$err" "rows.json:5:4: error: no 'date'" "a missing key"
has "$err" "rows.json:6:3: error: a 'done' record has no value: null" \
    "done with a value"
has "$err" "rows.json:7:3: error: unknown id 'T-y'" "a record check, as in CSV"
has "$err" "rows.json:8:10: error: 'id' is not a string" "a number for a text"
has "$err" "rows.json:9:3: error: 'id' is null" "null for an id"
has "$err" "rows.json: nothing imported: 7 errors" "every error, then nothing"
printf '{"id": "T-x"}\n' > obj.json
rejected obj.json "obj.json:1:1: error: expected '[' (an array of records" \
    "not an array"
printf '[{"id": "T-x", "date": "2024-05-31", "value": "\\ud800"}]' > sur.json
rejected sur.json "sur.json:1:48: error: the high half of a surrogate pair" \
    "a lone surrogate"
printf '[]\n]\n' > after.json
rejected after.json "after.json:2:1: error: expected the end of the file, found ']'" \
    "text after the array"
printf '[{"id": "T-x", "date": "2024-05-31", "value": 01}]' > zero.json
rejected zero.json "zero.json:1:48: error: expected ',' or '}', found a number" \
    "a number with a leading zero"
printf '[{"id": "T-x\001", "date": "2024-05-31", "value": 1}]' > ctl.json
rejected ctl.json "ctl.json:1:13: error: a control character in a string" \
    "a raw control character"

# For Excel: a byte-order mark, on request, and imported.
pw export --bom -o bom.csv
is "$rc" 0 "export --bom"
is "$(head -c 3 bom.csv | od -An -tx1 | tr -d ' ')" "efbbbf" \
    "begins with the UTF-8 byte-order mark"
ok "then the same CSV" sh -c 'tail -c +4 bom.csv | cmp - one.csv'
pw -d bom.db import bom.csv
is "$rc" 0 "the --bom export imports"
pw -d bom.db export -o bom2.csv
ok "to the same state" cmp one.csv bom2.csv
pw export --bom --format json
is "$rc" 2 "--bom is refused for JSON"
has "$err" "--bom is for CSV" "saying why"
finish
