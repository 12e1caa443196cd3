#!/bin/sh
# t2102: import takes what departments send back (issue 19 item 2): the
# filled form as a workbook (planwatch form's, filled with openpyxl as a
# department would, and the same saved again by LibreOffice), the CSV form,
# a CSV in GB18030 with Chinese headings and Excel's date forms, and a
# workbook of date serials in either date system.  log shows exactly the
# values, dates, notes and reporting units filled in; empty rows are left.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cp "$PW_TOP/examples/sanya.yaml" plan.yaml
. "$PW_TOP/tests/tools/openpyxl.sh"
pw() { run "$PLANWATCH" -f plan.yaml --today 2025-10-01 "$@"; }
# What was recorded, oldest first: kind,id,date,value,note,source.
logged() {
	"$PLANWATCH" -f plan.yaml -d "$1" --today 2025-10-01 log --format csv |
	    sed 1d | cut -d, -f4-9 | sort
}

# The form of the health commission, as of 2025-09-30.
if "$PLANWATCH" form --help > /dev/null 2>&1; then
	run "$PLANWATCH" -f plan.yaml --today 2025-09-30 form --dept health \
	    -o form.xlsx
else
	run "$PY" "$MK" form form.xlsx 2025-09-30 S1-kickoff S1-structure \
	    S2-monitor T01-groups T01-district-hospitals T15-emr \
	    M08-price-review@2024
fi
is "$rc" 0 "the form of a department"
# Filled: a milestone done (完成), a progress, a value on another date, a
# level, an instance done; a row with only its reporting unit filled, and
# every other row left empty.
run "$PY" "$MK" fill form.xlsx filled.xlsx \
    S1-kickoff 完成 "" 已召开启动会 医政科 \
    S2-monitor 60 "" 按月监测，已通报 "" \
    T01-groups 2 2025-09-15 两家医疗集团 规划发展科 \
    T15-emr 四级 2025-09-20 "" 信息中心 \
    M08-price-review@2024 完成 "" "" "" \
    S1-structure "" "" "" 医政科
is "$rc" 0 "filled in with openpyxl"
expected='done,M08-price-review@2024,2025-09-30,,,
done,S1-kickoff,2025-09-30,,已召开启动会,医政科
progress,S2-monitor,2025-09-30,60,按月监测，已通报,
value,T01-groups,2025-09-15,2,两家医疗集团,规划发展科
value,T15-emr,2025-09-20,四级,,信息中心'
pw -d xlsx.db import filled.xlsx
is "$rc" 0 "the filled workbook imports"
is "$out" "imported 5 records from filled.xlsx" "the five rows filled; the empty ones left"
is "$(logged xlsx.db)" "$expected" "log shows exactly what was filled in"
pw -d xlsx.db import form.xlsx
is "$out" "imported 0 records from form.xlsx" "a form sent back empty imports nothing, without an error"

# Saved again by LibreOffice after filling: its own shared strings, styles
# and date cells.
mkdir lo out
HOME="$T/lo" timeout 300 soffice --headless \
    "-env:UserInstallation=file://$T/lo/profile" --convert-to xlsx \
    --outdir out filled.xlsx > lo.log 2>&1
ok "LibreOffice saves the filled workbook" test -s out/filled.xlsx
pw -d lo.db import out/filled.xlsx
is "$rc" 0 "the workbook LibreOffice saved imports"
is "$(logged lo.db)" "$expected" "with the same values, dates, notes and units"

# The CSV form (BOM, Chinese headings), filled in.
if "$PLANWATCH" form --help > /dev/null 2>&1; then
	run "$PLANWATCH" -f plan.yaml --today 2025-09-30 form --dept health \
	    --format csv -o form.csv
else
	printf '\357\273\277编号,名称,角色,单位,目标,完成时限,最新值,最新值日期,状态,原因,数值,日期,备注,填报单位\r\nS1-kickoff,x,牵头,%%,完成,2023-10-31,,,,,,2025-09-30,,\r\nT01-groups,y,牵头,家,≥ 2 家,2025-12-31,,,,,,2025-09-30,,\r\n' > form.csv
fi
is "$(head -c 3 form.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "the CSV form starts with a byte-order mark"
"$PY" - form.csv > filled.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
head = rows[0]
fill = {'S1-kickoff': ('完成', '已落实', '办公室'),
        'T01-groups': ('3', '第三家集团', '规划发展科')}
w = csv.writer(sys.stdout, lineterminator='\r\n')
sys.stdout.write('\ufeff')
w.writerow(head)
for r in rows[1:]:
    if r[0] in fill:
        r[head.index('数值')], r[head.index('备注')], r[head.index('填报单位')] = fill[r[0]]
    w.writerow(r)
PY
pw -d csv.db import filled.csv
is "$rc" 0 "the filled CSV form imports"
is "$(logged csv.db)" 'done,S1-kickoff,2025-09-30,,已落实,办公室
value,T01-groups,2025-09-30,3,第三家集团,规划发展科' "its two filled rows, exactly"

# GB18030, as Excel on Chinese Windows saves a CSV: Chinese headings, 来源
# for the source, dates as YYYY/M/D and YYYY年M月D日.
printf '编号,日期,数值,备注,来源\r\nT01-groups,2025/9/30,3,第三家集团,规划发展科\r\nT01-district-hospitals,2025年9月1日,2,县域医共体,\r\nS1-duty,2025/9/3,完成,责任到人,\r\nS1-structure,2025/9/30,,,医政科\r\n' |
    iconv -f UTF-8 -t GB18030 > gb.csv
hasnt "$(cat gb.csv)" "编号" "the file is not UTF-8"
pw -d gb.db import gb.csv
is "$rc" 0 "a GB18030 CSV imports"
is "$out" "imported 3 records from gb.csv" "the empty row is left"
is "$(logged gb.db)" 'done,S1-duty,2025-09-03,,责任到人,
value,T01-district-hospitals,2025-09-01,2,县域医共体,
value,T01-groups,2025-09-30,3,第三家集团,规划发展科' \
    "converted, with each date read"
# Named, and with the byte-order mark a converted UTF-8 file keeps.
printf '\357\273\277id,date,value,note,source\nT01-groups,2025-09-30,4,四家,填报单位\n' |
    iconv -f UTF-8 -t GB18030 > gbbom.csv
pw -d gbbom.db import --encoding GB18030 gbbom.csv
is "$rc" 0 "--encoding GB18030, and its byte-order mark"
is "$(logged gbbom.db)" 'value,T01-groups,2025-09-30,4,四家,填报单位' "read as GB18030"
pw -d gbbom.db import --encoding NO-SUCH gbbom.csv
is "$rc" 1 "an unknown encoding is an error"
has "$err" "unknown encoding 'NO-SUCH'" "naming it"

# A workbook of date serials (45930 is 2025-09-30 in the 1900 system, 44468
# in the 1904 one; 61 is 1900-03-01, after Excel's 29 February 1900), text
# dates, shared strings and inline ones, English headings in another order.
TAB=$(printf '\t')
printf 's:value\ts:id\ts:date\ts:note\ts:source\nn:5\ts:T01-groups\tn:45930\ts:serial\ts:市卫健委\nn:70\ts:S2-monitor\tn:45930.75\ns:完成\ts:S1-duty\ts:2025/9/2\n' |
    "$PY" "$MK" sheet serial.xlsx --shared
pw -d serial.db import serial.xlsx
is "$rc" 0 "a workbook of date serials imports"
is "$(logged serial.db)" 'done,S1-duty,2025-09-02,,,
progress,S2-monitor,2025-09-30,70,,
value,T01-groups,2025-09-30,5,serial,市卫健委' \
    "a serial is its day, a time of day left; a text date is read"
printf 's:id\ts:date\ts:value\ns:T01-groups\tn:44468\tn:6\n' |
    "$PY" "$MK" sheet d1904.xlsx --1904
pw -d d1904.db import d1904.xlsx
is "$(logged d1904.db)" 'value,T01-groups,2025-09-30,6,,' "the 1904 date system"
printf 's:id\ts:date\ts:value\ns:T01-groups\td:2025-09-29T00:00:00\tn:7\n' |
    "$PY" "$MK" sheet iso.xlsx
pw -d iso.db import iso.xlsx
is "$(logged iso.db)" 'value,T01-groups,2025-09-29,7,,' "an ISO date cell (t=\"d\")"
printf 's:id\ts:date\ts:value\ns:T01-groups\tn:60\tn:7\n' |
    "$PY" "$MK" sheet leap.xlsx
pw -d leap.db import leap.xlsx
is "$rc" 1 "serial 60, Excel's 29 February 1900, is no date"
has "$err" "leap.xlsx:Sheet1!B2: error: invalid date" "said at its cell"
finish
