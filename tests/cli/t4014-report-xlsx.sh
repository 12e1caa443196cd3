#!/bin/sh
# t4014: planwatch report --format xlsx: the weekly report of the Sanya
# example with the demo's values as a workbook, read back with openpyxl
# (python3-openpyxl) against the report's CSV: a sheet of the header and
# summary, the attention list, the targets, the phases and the ranking;
# never to a terminal; and LibreOffice (libreoffice-calc-nogui) converts
# every sheet of it.
. "$PW_TOP/tests/lib.sh"

plan=$PW_TOP/examples/sanya.yaml
db=$T/sanya.db
pw() { "$PLANWATCH" -f "$plan" -d "$db" --today 2025-09-30 "$@"; }
export SOURCE_DATE_EPOCH=1795852800

py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import openpyxl' > /dev/null 2>&1; then
		py=$p
		break
	fi
done
ok "openpyxl is installed (python3-openpyxl, tools/deps.sh)" test -n "$py"

run "$PLANWATCH" -f "$plan" -d "$db" --today 2026-11-23 --by demo \
    import "$PW_TOP/examples/sanya-values.csv"
is "$rc" 0 "the demo database is built"

run pw report --format xlsx -o "$T/week.xlsx"
is "$rc" 0 "report --format xlsx -o FILE"
is "$(head -c 2 "$T/week.xlsx")" "PK" "a zip file"
run pw report --format csv -o "$T/week.csv"
is "$rc" 0 "the report's CSV, to check against"
pw check --format json > "$T/check.json"
is "$?" 2 "and check's attention list (CRITICAL)"
run pw report --format xlsx -o -
is "$rc" 0 "a workbook to standard output that is no terminal"
has "$(pw report --format xlsx | head -c 2)" "PK" "is the workbook"
script -qec "$PLANWATCH -f $plan -d $db --today 2025-09-30 report -F xlsx" \
    /dev/null > "$T/tty.out" 2>&1 < /dev/null
has "$(cat "$T/tty.out")" "not writing a workbook to a terminal" \
    "a workbook is not written to a terminal"
hasnt "$(cat "$T/tty.out")" "PK" "nothing of it is"
run pw report --format xls
is "$rc" 2 "an unknown format is a usage error"
has "$err" "expected text, md, html, csv, json or xlsx" "naming xlsx"

cat > "$T/check.py" << 'EOF'
import csv, json, sys, openpyxl

book, report, checkjson = sys.argv[1:4]
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)

rep = list(csv.DictReader(open(report, encoding="utf-8")))
wb = openpyxl.load_workbook(book)
names = wb.sheetnames
print(" | ".join(names))
def cells(ws):
    return [[c for c in r] for r in ws.iter_rows(values_only=True)]
def find(title):
    for n in names:
        if n.startswith(title):
            return wb[n]
    bad.append(f"no sheet {title} in {names}")
    return None

s = wb[names[0]]
check(names[0] == "Summary", f"the first sheet is the summary: {names[0]}")
check(s["A1"].value == "三亚市公立医院改革与高质量发展示范项目",
      f"title {s['A1'].value}")
fields = {r[0]: r[1] for r in cells(s) if r[0] is not None}
check(fields.get("Document") == "三府办〔2024〕5号", f"document {fields}")
check(fields.get("As of") == "2025-09-30", "as of")
check(fields.get("Made") == "2026-11-28 08:00 UTC", f"made {fields}")

# The attention list: every item check says needs attention.
a = find("Needs attention")
want = [i["id"] for i in json.load(open(checkjson))["items"]]
if a is not None:
    got = [r[0] for r in cells(a)[1:]]
    missing = [i for i in want if i not in got]
    check(not missing, f"attention list lacks {missing}")
    check(len(want) == 32, f"32 items need attention, not {len(want)}")

# The targets: one row each, numbers as numbers.
t = find("Targets")
if t is not None:
    rows = cells(t)
    check(rows[0][:2] == ["ID", "Target"], f"targets heading {rows[0]}")
    ids = [r[0] for r in rows[1:]]
    check(ids == [r["id"] for r in rep if r["type"] == "target"],
          "every target, in plan order")
    check(t.freeze_panes == "A2", f"heading frozen {t.freeze_panes}")

p = find("Phases")
if p is not None:
    ids = [r[0] for r in cells(p)[1:]]
    check(ids == ["S1", "S2", "S3"], f"phases {ids}")

k = find("Department ranking")
if k is not None:
    rows = cells(k)
    check(rows[0][0] == "#" and rows[0][1] == "Department",
          f"ranking heading {rows[0]}")
    check([r[0] for r in rows[1:]] == list(range(1, len(rows))),
          "ranks are numbers 1..n")
    check(rows[1][1] == "市医保局" and rows[1][2] == 1,
          f"first {rows[1]}")
    check(len(rows) - 1 == 18, f"18 departments, not {len(rows) - 1}")
print("\n".join(bad[:30]))
sys.exit(1 if bad else 0)
EOF
"$py" "$T/check.py" "$T/week.xlsx" "$T/week.csv" "$T/check.json" \
    > "$T/check.out" 2>&1
is "$?" 0 "the workbook holds the report
$(cat "$T/check.out")"

# LibreOffice opens it: every sheet converted in one run, in which the
# ids are.
export HOME="$T"
csv='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
soffice -env:UserInstallation=file://"$T/lo/profile" --headless \
    --convert-to "$csv" \
    --outdir "$T/lo" "$T/week.xlsx" > "$T/lo.log" 2>&1
is "$?" 0 "LibreOffice converts the workbook
$(cat "$T/lo.log")"
nsheets=$(head -1 "$T/check.out" | awk -F ' [|] ' '{ print NF }')
is "$(ls "$T/lo" | grep -c '^week-.*\.csv$')" "$nsheets" \
    "a CSV of each sheet"
missing=""
for id in $(grep '^target,' "$T/week.csv" | cut -d, -f2); do
	grep -q "^$id," "$T/lo/week-Targets.csv" || missing="$missing $id"
done
is "$missing" "" "LibreOffice's targets sheet holds every target"
grep -q '^R-weekly@2024-W06,' "$T"/lo/week-Needs*.csv
is "$?" 0 "and its attention list the oldest overdue meeting"
finish
