#!/bin/sh
# t4013: planwatch form: a reporting workbook for every department of the
# Sanya example with the demo's values (tools/demo.sh), read back with
# openpyxl (python3-openpyxl): the header, the hidden key row, the rows a
# department leads then supports against the report's CSV, the cells to
# fill, their validation and the sheet's protection; the same form as CSV;
# and LibreOffice (libreoffice-calc-nogui) converts every workbook in one
# run, each sheet's CSV holding the ids.
. "$PW_TOP/tests/lib.sh"

plan=$PW_TOP/examples/sanya.yaml
db=$T/sanya.db
pw() { "$PLANWATCH" -f "$plan" -d "$db" --today 2025-09-30 "$@"; }

# A Python with openpyxl (Debian's is /usr/bin/python3 when another
# python3 comes first on the PATH).
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

# Usage.
run pw form
is "$rc" 2 "form without --dept or --all is a usage error"
has "$err" "give --dept ID or --all" "and says so"
run pw form --all
is "$rc" 2 "--all without -o DIR is a usage error"
run pw form --all -o -
is "$rc" 2 "--all to standard output too"
run pw form --dept health --format pdf
is "$rc" 2 "an unknown format is a usage error"
run pw form --dept nosuch -o "$T/nosuch.xlsx"
is "$rc" 1 "an unknown department is an error"
has "$err" "no department 'nosuch' in the plan" "named"
ok "and nothing is written" test ! -e "$T/nosuch.xlsx"
# Standard output that is a terminal gets no workbook.
script -qec "$PLANWATCH -f $plan -d $db --today 2025-09-30 form --dept health" \
    /dev/null > "$T/tty.out" 2>&1 < /dev/null
has "$(cat "$T/tty.out")" "not writing a workbook to a terminal" \
    "a workbook is not written to a terminal"
# To a pipe it is.
pw form --dept health | head -c 2 > "$T/pipe.out"
is "$(cat "$T/pipe.out")" "PK" "a workbook goes to a pipe"
# -o is written as every output is (cli/output.c): never through a link
# planted in a directory others can write.
mkdir "$T/pub" && chmod 1777 "$T/pub"
ln -s "$T/victim" "$T/pub/form.xlsx"
run pw form --dept health -o "$T/pub/form.xlsx"
is "$rc" 1 "-o through a link in a shared directory is refused"
ok "nothing written behind the link" test ! -e "$T/victim"

run pw form --all -o "$T/forms"
is "$rc" 0 "form --all -o DIR"
run pw form --all --format csv -o "$T/csv"
is "$rc" 0 "form --all --format csv -o DIR"
run pw report --format csv -o "$T/report.csv"
is "$rc" 0 "the report's CSV, to check against"
pw check --format json > "$T/check.json"
is "$?" 2 "and check's attention list (CRITICAL)"
# The departments: id and full name, from the plan.
sed -n 's/^  - {id: \([a-z]*\), name: \([^,}]*\).*/\1 \2/p' "$plan" \
    > "$T/depts"
is "$(wc -l < "$T/depts" | tr -d ' ')" 18 "the plan has 18 departments"
ls "$T/forms" | sort > "$T/files"
is "$(cat "$T/files")" "$(sed 's/ .*/.xlsx/' "$T/depts" | sort)" \
    "one workbook a department, named by its id"

cat > "$T/check.py" << 'EOF'
import csv, datetime, json, sys, openpyxl

forms, csvdir, report, depts, checkjson = sys.argv[1:6]
keys = ("id,name,role,unit,target,due,latest,latest_date,status,reason,"
        "value,date,note,source").split(",")
heads = ["编号", "名称", "角色", "单位", "目标", "完成时限", "最新值",
         "最新值日期", "状态", "原因", "数值", "日期", "备注", "填报单位"]
asof = datetime.datetime(2025, 9, 30)
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)

rep = list(csv.DictReader(open(report, encoding="utf-8")))
att = {i["id"]: i for i in json.load(open(checkjson))["items"]}
check(len(att) == 32, f"32 items need attention, not {len(att)}")
plan_levels = {"T15-interop": None}
for dept, name in (l.rstrip("\n").split(" ", 1) for l in open(depts,
                                                            encoding="utf-8")):
    # What the form must list, from the report's CSV: open milestones,
    # open instances whose period has begun, every target; led, then
    # supported.
    want = {True: [], False: []}
    for r in rep:
        led = r["lead"] == dept
        if not led and dept not in r["support"].split(";"):
            continue
        if r["type"] in ("milestone", "instance") and \
                r["status"] in ("done", "late"):
            continue
        if r["type"] == "instance" and r["start"] > "2025-09-30":
            continue
        want[led].append(r)
    order = [r["id"] for r in want[True]] + [r["id"] for r in want[False]]
    byid = {r["id"]: r for r in rep}

    wb = openpyxl.load_workbook(f"{forms}/{dept}.xlsx")
    check(wb.sheetnames == ["填报", "填报说明", "levels"],
          f"{dept}: sheets {wb.sheetnames}")
    check(wb["levels"].sheet_state == "hidden", f"{dept}: levels hidden")
    ws = wb["填报"]
    check("三亚市公立医院改革与高质量发展示范项目" in ws["A1"].value,
          f"{dept}: title {ws['A1'].value}")
    check(ws["A2"].value == "计划" and "三府办〔2024〕5号" in ws["B2"].value,
          f"{dept}: plan and its document")
    check(ws["A3"].value == "填报部门" and ws["B3"].value == name,
          f"{dept}: full name {ws['B3'].value} != {name}")
    check(ws["A4"].value == "截至日期" and ws["B4"].value == asof,
          f"{dept}: as of {ws['B4'].value}")
    check(ws["A5"].value == "报送截止" and
          ws["B5"].value == datetime.datetime(2025, 10, 7),
          f"{dept}: reply by {ws['B5'].value}")
    row7 = [c.value for c in ws[7]]
    check(row7 == keys, f"{dept}: key row {row7}")
    check(ws.row_dimensions[7].hidden, f"{dept}: key row hidden")
    check([c.value for c in ws[8]] == heads, f"{dept}: headings")
    check(ws.protection.sheet, f"{dept}: sheet protected")
    check(wb["填报说明"].protection.sheet, f"{dept}: instructions protected")
    check(ws.freeze_panes == "C9", f"{dept}: panes frozen at {ws.freeze_panes}")
    rows = [r for r in ws.iter_rows(min_row=9) if r[0].value is not None]
    ids = [r[0].value for r in rows]
    check(ids == order, f"{dept}: ids {ids} != {order}")
    dv = {}
    for v in ws.data_validations.dataValidation:
        for rng in str(v.sqref).split():
            dv[rng] = v
    idw = max([len(i) for i in ids] + [4])
    check(ws.column_dimensions["A"].width >= idw + 2,
          f"{dept}: id column {ws.column_dimensions['A'].width} < {idw}")
    for r in rows:
        n = r[0].row
        cid, role = r[0].value, r[2].value
        src = byid[cid]
        led = src["lead"] == dept
        check(role == ("牵头" if led else "配合"), f"{cid}: role {role}")
        for c in r[:10]:
            check(c.protection.locked, f"{dept} {c.coordinate} locked")
        for c in r[10:14]:
            check(not c.protection.locked, f"{dept} {c.coordinate} unlocked")
        check(r[10].value is None and r[12].value is None and
              r[13].value is None, f"{cid}: cells to fill are empty")
        check(r[11].value == asof and r[11].number_format == "yyyy-mm-dd",
              f"{cid}: date {r[11].value} {r[11].number_format}")
        check(r[10].font.name == "等线", f"{cid}: font {r[10].font.name}")
        check(r[5].value == datetime.datetime.strptime(src["due"], "%Y-%m-%d"),
              f"{cid}: due {r[5].value} != {src['due']}")
        # The reason is the attention list's, as check gives it; an item
        # not on it has its status.
        if cid in att:
            check(r[9].value == att[cid]["reason"],
                  f"{cid}: reason {r[9].value!r} != {att[cid]['reason']!r}")
        else:
            check(r[9].value is None, f"{cid}: no reason")
            check(r[8].value.replace(" ", "-") == src["status"],
                  f"{cid}: status {r[8].value} != {src['status']}")
        d = dv.get(f"L{n}")
        check(d is not None and d.type == "date", f"{cid}: date validated")
        v = dv.get(f"K{n}")
        check(v is not None, f"{cid}: value validated")
        if v is None:
            continue
        if src["type"] != "target":
            check(r[4].value == "完成", f"{cid}: target 完成")
            check(v.type == "custom" and f'K{n}="完成"' in v.formula1 and
                  f"K{n}>=0" in v.formula1 and f"K{n}<=100" in v.formula1,
                  f"{cid}: progress rule {v.type} {v.formula1}")
        elif src["latest"] != "" and not src["latest"][0].isdigit():
            # A scale: its levels in a drop-down list, and on the
            # hidden levels sheet.
            lv = v.formula1.strip('"').split(",") if v.formula1 else []
            check(v.type == "list" and src["latest"] in lv,
                  f"{cid}: list {v.type} {v.formula1}")
            check(any(lv == [c.value for c in col if c.value is not None]
                      for col in wb["levels"].iter_cols()),
                  f"{cid}: levels sheet")
            check(r[6].value == src["latest"], f"{cid}: latest level")
        else:
            check(v.type == "decimal", f"{cid}: numeric {v.type}")
            if src["latest"] != "":
                check(r[6].value == float(src["latest"]),
                      f"{cid}: latest {r[6].value} != {src['latest']}")
                check(r[7].value == datetime.datetime.strptime(
                      src["latest_date"], "%Y-%m-%d"), f"{cid}: latest date")
            sign = {">=": "≥", "<=": "≤"}.get(src["direction"],
                                                src["direction"])
            check(r[4].value.startswith(sign + " "),
                  f"{cid}: target {r[4].value} ({src['direction']})")
    # The same form as CSV: a byte-order mark, Chinese headings, the rows.
    raw = open(f"{csvdir}/{dept}.csv", "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), f"{dept}.csv: byte-order mark")
    lines = list(csv.reader(raw[3:].decode("utf-8").splitlines()))
    check(lines[0] == heads, f"{dept}.csv: headings {lines[0]}")
    check([l[0] for l in lines[1:]] == ids, f"{dept}.csv: ids")
    check(all(l[11] == "2025-09-30" for l in lines[1:]), f"{dept}.csv: dates")
    print(dept, len(ids))
print("\n".join(bad[:30]))
sys.exit(1 if bad else 0)
EOF
"$py" "$T/check.py" "$T/forms" "$T/csv" "$T/report.csv" "$T/depts" \
    "$T/check.json" > "$T/check.out" 2>&1
is "$?" 0 "every workbook and CSV form holds what it should
$(cat "$T/check.out")"
has "$(cat "$T/check.out")" "health 5" "health's form has rows"
has "$(cat "$T/check.out")" "taskforce" "and the task force's"

# Specific rows, as the demo has them on 2025-09-30.
grep '^T15-interop,' "$T/csv/health.csv" > "$T/row"
has "$(cat "$T/row")" ",牵头," "health leads T15-interop"
has "$(cat "$T/row")" "at risk" "at risk, from the attention list"
run grep -c '^R-weekly@' "$T/csv/taskforce.csv"
is "$out" 5 "the task force: 4 late weekly meetings and this week's"
hasnt "$(cat "$T/csv/taskforce.csv")" "R-weekly@2025-W41" \
    "not next week's"
grep '^M01-demo-city,' "$T/csv/finance.csv" > "$T/row"
has "$(cat "$T/row")" ",配合," "finance supports M01-demo-city"

# A cell that a spreadsheet would run as a formula is protected.
sed 's/^    name: 建成区级二级综合医院$/    name: "=1+1"/
    s/^    scale: \[一级, 二级, 三级, 四级乙等,/    scale: [一级, 二级, 三级, "四级,乙等",/' \
    "$plan" > "$T/f.yaml"
run "$PLANWATCH" -f "$T/f.yaml" -d "$db" --today 2025-09-30 form \
    --dept health --format csv
has "$out" "\"'=1+1\"" "a name starting with = is written as text in CSV"
# A level with a comma cannot be in a list of levels: the value must be one
# of those on the levels sheet.
run "$PLANWATCH" -f "$T/f.yaml" -d "$db" --today 2025-09-30 form \
    --dept health -o "$T/comma.xlsx"
is "$rc" 0 "a form whose scale has a level with a comma"
"$py" -c 'import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["填报"]
row = [c.row for c in ws["A"] if c.value == "T15-interop"][0]
for v in ws.data_validations.dataValidation:
    if str(v.sqref) == f"K{row}":
        print(v.type, v.formula1)' "$T/comma.xlsx" > "$T/dv"
has "$(cat "$T/dv")" "custom COUNTIF(levels!\$" "is checked against the levels sheet"

# LibreOffice opens every workbook: one run converts them all, every
# sheet (the 12th field of the filter's options, -1).
export HOME="$T"
csv='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
mkdir "$T/lo"
soffice -env:UserInstallation=file://"$T/lo/profile" --headless \
    --convert-to "$csv" \
    --outdir "$T/lo" "$T"/forms/*.xlsx > "$T/lo.log" 2>&1
is "$?" 0 "LibreOffice converts every workbook
$(cat "$T/lo.log")"
hasnt "$(cat "$T/lo.log")" "Error" "without an error"
n=0 missing=""
for f in "$T"/forms/*.xlsx; do
	d=$(basename "$f" .xlsx)
	lo=$T/lo/$d-填报.csv
	[ -s "$lo" ] || { missing="$missing $d(no csv)"; continue; }
	[ -s "$T/lo/$d-填报说明.csv" ] || missing="$missing $d(no 填报说明)"
	for id in $(tail -n +2 "$T/csv/$d.csv" | cut -d, -f1); do
		grep -q "^$id," "$lo" || missing="$missing $d:$id"
	done
	grep -q '^id,name,role,unit,' "$lo" || missing="$missing $d(keys)"
	n=$((n + 1))
done
is "$n" 18 "LibreOffice wrote the form sheet of each department"
is "$missing" "" "each holds the key row and every id"

# LibreOffice takes the validation rules and the protection as its own:
# health's form saved as OpenDocument has a rule for each cell to fill.
soffice -env:UserInstallation=file://"$T/lo/profile" --headless \
    --convert-to ods --outdir "$T/ods" "$T/forms/health.xlsx" \
    > "$T/lo.log" 2>&1
is "$?" 0 "LibreOffice saves health's form as OpenDocument"
"$py" -c 'import sys, zipfile
sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("content.xml").decode())' \
    "$T/ods/health.ods" > "$T/content.xml"
rows=$(tail -n +2 "$T/csv/health.csv" | wc -l)
ms=$(tail -n +2 "$T/csv/health.csv" | grep -c ',完成,')
cond() { grep -o "table:condition=\"of:$1" "$T/content.xml" | wc -l; }
is "$(cond cell-content-is-date)" "$rows" "a date rule for each row"
is "$(cond is-true-formula)" "$ms" "0..100 or 完成 for each milestone"
n=$(($(cond cell-content-is-decimal-number) + $(cond cell-content-is-in-list)))
is "$n" "$((rows - ms))" "a number or a level for each target"
has "$(cat "$T/content.xml")" '[.K9]=&quot;完成&quot;' "the rule as written"
has "$(cat "$T/content.xml")" 'table:protected="true"' "the sheet protected"
finish
