#!/bin/sh
# t6001: every command-line front end under LANG=zh_CN.UTF-8: --help and
# usage, status, validate, report and notice speak Chinese and keep to 80
# columns; check keeps its keyword, perfdata and exit status; CSV and JSON
# do not change with the locale; "error" in FILE:LINE:COL: error: stays.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"
G=$PW_TOP/tests/golden

if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	skip "Chinese front ends" "locale -a has no zh_CN.utf8 (tools/deps.sh with PLANWATCH_TEST_DEPS=1 makes it)"
	finish
fi
zh() { LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$@"; }
en() { LANG=C LC_ALL=C "$@"; }
# widest FILE: the widest line in display columns (Chinese counts two).
widest() { LC_ALL=C.UTF-8 wc -L < "$1"; }
# at_most80 DESC FILE
at_most80() {
	w=$(widest "$2")
	if [ "$w" -le 80 ]; then _report 1 "$1: no line over 80 columns" ""
	else _report 0 "$1: no line over 80 columns" \
	    "$(LC_ALL=C.UTF-8 awk 'length($0) > 40' "$2" | head -5)"; fi
}

# --help and usage.
run zh "$PLANWATCH" --help
is "$rc" 0 "--help exits 0"
has "$out" "用法: planwatch [-f PLAN] [-d DB] [--today DATE] [--color WHEN]
                [COMMAND [ARGS]]" "--help: the usage in Chinese, in two lines"
has "$out" "命令：" "--help: the commands heading"
has "$out" "notice     向进度滞后的单位发送督办提示函" "--help: command summaries"
has "$out" "--today DATE      以 DATE（YYYY-MM-DD）" "--help: options keep their names"
printf '%s\n' "$out" > "$T/help"
at_most80 "--help" "$T/help"
run zh "$PLANWATCH" help record
has "$out" "用法: planwatch record TARGET VALUE" "help record: usage"
has "$out" "记录指标截至某日的数值" "help record: summary"
run zh pw status --all extra
is "$rc" 2 "a usage error exits 2 under zh_CN"
has "$err" "多余的参数“extra”" "the usage error is Chinese"
has "$err" "用法: planwatch status" "and is followed by the usage"

# status.
run zh pw status --today 2025-06-20
is "$rc" 0 "status exits 0"
has "$out" "截至2025年6月20日" "status: the as-of date as 年月日"
has "$out" "✖ 1 逾期" "status: overdue count labelled 逾期"
has "$out" "◷ 1 即将到期" "status: due soon labelled 即将到期"
has "$out" "需督办事项：2项，按严重程度排列
  ✖  M2  教育局  逾期10天：完成场馆建设" "status: what needs attention, in Chinese"
has "$out" "各单位按期完成率" "status: departments heading"
hasnt "$out" "overdue" "status: no English label left"
printf '%s\n' "$out" > "$T/status"
at_most80 "status" "$T/status"

# validate: Chinese messages, the same positions, "error" untranslated.
cat > "$T/bad.yaml" <<'EOF'
format: 1
plan: 校验
start: 2025-01-01
end: 2025-12-31
departments:
  - {id: a, name: 甲}
milestones:
  - {id: M1, name: x, due: 2025-05-01, owner: b, wieght: 2}
  - {id: M1, name: y, due: 2025-13-01}
EOF
run zh "$PLANWATCH" validate -f "$T/bad.yaml"
is "$rc" 1 "validate exits 1 under zh_CN"
zherr=$err
run en "$PLANWATCH" validate -f "$T/bad.yaml"
is "$(printf '%s\n' "$zherr" | cut -d' ' -f1-2)" \
    "$(printf '%s\n' "$err" | cut -d' ' -f1-2)" \
    "validate: the same FILE:LINE:COL: error: in both languages"
has "$zherr" "$T/bad.yaml:8:" "validate: positions kept"
has "$zherr" ": error: 未知单位“b”" "validate: 'error' stays, the message is Chinese"
has "$zherr" "是否应为“weight”？" "validate: did you mean, in Chinese"
has "$zherr" "编号“M1”重复（首次出现于第8行）" "validate: duplicate id"
hasnt "$zherr" "unknown" "validate: no English message left"

# import errors keep FILE:LINE: error: too.
printf 'id,date,value\nT1,2025-13-01,3\n' > "$T/bad.csv"
run zh pw import "$T/bad.csv"
is "$rc" 1 "import of a bad file exits 1"
has "$err" "bad.csv:2: error: 日期“2025-13-01”无效" "import: FILE:LINE: error: then Chinese"

# report and notice on the golden fixture.
_golden_record "$T/g.db"
gw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" --today 2026-11-25 "$@"; }
zh gw report > "$T/report" 2> "$T/report.err"
is "$?" 0 "report exits 0"
r=$(cat "$T/report")
has "$r" "周次      2026年第48周（2026年11月23日 – 2026年11月29日）" \
    "report: 第48周 and 年月日 in the header"
for h in 总体情况 "需督办事项（按牵头单位）" 本周完成事项 指标 \
    阶段 本周报送数据 责任单位排名; do
	is "$(grep -c "^$h\$" "$T/report")" 1 "report: heading $h"
done
has "$r" "✖ 未达标" "report: target status labels"
has "$r" "严重滞后" "report: pace labels"
at_most80 "report" "$T/report"

zh gw notice > "$T/notice" 2> "$T/notice.err"
is "$?" 0 "notice exits 0"
n=$(cat "$T/notice")
has "$n" "督办提示函" "notice: the title"
has "$n" "各街道办事处：" "notice: the addressee by full name"
# The body wraps at 80 columns: read it as one line.
has "$(printf '%s' "$n" | tr -d ' \n')" "按照《滨江区基层医疗卫生服务能力提升三年行动方案》（滨政办发〔2025〕12号）要求" \
    "notice: the body cites the plan and its document number"
has "$n" "你单位牵头的事项" "notice: the table of items led"
has "$n" "请于2026年12月2日前" "notice: the reply-by date"
has "$n" "滨江区人民政府办公室" "notice: the issuer"
is "$(grep -c '^ *2026年11月25日$' "$T/notice")" \
    "$(grep -c '督办提示函' "$T/notice")" "notice: each one dated, signed right"
at_most80 "notice" "$T/notice"

# Without the catalogue a Chinese locale gets English throughout, dates too.
PLANWATCH_LOCALEDIR=$T/none zh gw report > "$T/nocat" 2>&1
has "$(cat "$T/nocat")" "Week       2026-W48, 2026-11-23 – 2026-11-29" \
    "no catalogue: English headings and ISO dates"
hasnt "$(cat "$T/nocat")" "年11月" "no catalogue: no Chinese date"

# check: keyword, perfdata and exit status do not depend on the locale.
for d in 2025-03-01 2025-03-19 2025-06-20; do
	run zh pw check --today "$d"
	zrc=$rc zout=$out
	run en pw check --today "$d"
	is "$zrc" "$rc" "check $d: the same exit status ($rc)"
	z1=$(printf '%s\n' "$zout" | sed -n 1p)
	e1=$(printf '%s\n' "$out" | sed -n 1p)
	is "${z1%% - *}" "${e1%% - *}" "check $d: the same keyword (${e1%% - *})"
	is "${z1#* | }" "${e1#* | }" "check $d: the same perfdata"
	is "$(printf '%s\n' "$zout" | sed 1d | cut -d' ' -f1-2)" \
	    "$(printf '%s\n' "$out" | sed 1d | cut -d' ' -f1-2)" \
	    "check $d: the same state and item on each detail line"
done
run zh pw check --today 2025-06-20
has "$out" "PLANWATCH CRITICAL - t3: 逾期1项，即将到期1项 | " \
    "check: the summary for people is Chinese"

# Machine output is byte-identical across locales.
same() {	# DESC CMD...
	_d=$1
	shift
	zh "$@" > "$T/z" 2>&1
	en "$@" > "$T/e" 2>&1
	if cmp -s "$T/z" "$T/e"; then _report 1 "$_d: the same bytes" ""
	else _report 0 "$_d: the same bytes" "$(diff "$T/e" "$T/z" | head)"; fi
}
same "check --format json" pw check --today 2025-06-20 --format json
same "export --format json" pw export --format json
same "export --format csv" pw export --format csv
same "log --format json" pw log --format json
same "log --format csv" pw log --format csv
same "report --format json" gw report --format json
same "report --format csv" gw report --format csv
# The calendar's descriptions are for people; its events are not.  DTSTAMP
# is the time of the run unless SOURCE_DATE_EPOCH fixes it: two runs can
# straddle a second (a clean-clone CI failed here once).
export SOURCE_DATE_EPOCH=1795852800
zh gw ics | grep -E '^(BEGIN|END|UID|DTSTART|DTEND|DTSTAMP):' > "$T/zi"
en gw ics | grep -E '^(BEGIN|END|UID|DTSTART|DTEND|DTSTAMP):' > "$T/ei"
ok "ics: the same events and dates" cmp -s "$T/zi" "$T/ei"
finish
