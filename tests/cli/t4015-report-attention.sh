#!/bin/sh
# t4015: the report shows the attention list (model/attention.h) grouped by
# lead department, the kind and the reason on each row, in every format:
# items with no lead under a heading of their own, two or more targets
# only not reported on time as one line per lead (their ids in CSV and
# JSON), and Chinese aligned at 80 columns (issue 15, items 2, 3 and 6).
. "$PW_TOP/tests/lib.sh"

if ! ${CC:-cc} -std=c17 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
    -D_DEFAULT_SOURCE -I"$PW_TOP" -o "$T/textwidth" \
    "$PW_TOP/tests/tools/textwidth.c" "$PW_TOP/util/text.c" \
    "$PW_TOP/util/buf.c" "$PW_TOP/util/xalloc.c" 2> "$T/cc.err"; then
	_report 0 "build the width tool" "$(cat "$T/cc.err")"
	finish
fi

# As of 2025-06-30: one item of each kind.
cat > "$T/p.yaml" <<'YAML'
format: 1
plan: 督办测试方案
id: att
start: 2025-01-01
end: 2026-12-31
warn_days: 14
departments:
  - {id: health, name: 市卫生健康委员会}
  - {id: fin, name: 市财政局}
milestones:
  - {id: M-over, name: 印发实施方案, due: 2025-05-31, owner: health}
  - {id: M-soon, name: 召开推进会, start: 2025-06-20, due: 2025-07-05, owner: fin, support: [health]}
  - {id: M-far, name: 建设信息平台, start: 2025-01-01, due: 2025-09-30, owner: fin}
  - {id: M-behind, name: 培训基层人员, start: 2025-01-01, due: 2025-12-31, owner: fin}
  - {id: M-nolead, name: 无人牵头的事项, due: 2025-06-01}
targets:
  - {id: T-missed, name: 签约覆盖率, direction: '>=', target: 10, due: 2025-03-31, owner: health}
  - {id: T-risk, name: 诊疗量占比, direction: '>=', target: 100, due: 2025-12-31, owner: health}
  - {id: T-s1, name: 报送甲, direction: '>=', target: 10, due: 2026-12-31, owner: fin}
  - {id: T-s2, name: 报送乙, direction: '>=', target: 10, due: 2026-12-31, owner: fin}
YAML
pw() { "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" --today 2025-06-30 "$@"; }
run pw progress M-far 20 --date 2025-06-20
run pw progress M-behind 35 --date 2025-06-20
run pw record T-risk 10 --date 2025-03-31
run pw record T-risk 12 --date 2025-06-30
is "$rc" 0 "the values are recorded"

# The section of the text report titled $1.
section() {
	printf '%s\n' "$2" | awk -v t="$1" '$0 == t { on = 1; next }
	    on && /^$/ { exit } on { print }'
}

run pw report
is "$rc" 0 "report exits 0"
att=$(section "Needs attention, by lead department" "$out")
has "$att" "  市卫生健康委员会
    T-missed  missed           签约覆盖率
        missed 91 days ago: no value by 2025-03-31
    M-over    overdue          印发实施方案
        30 days overdue" "grouped by lead, worst first: kind, name and reason"
has "$att" "  No lead department
    M-nolead  overdue          无人牵头的事项
        29 days overdue" "an item with no lead under its own heading"
has "$att" "    M-far     far behind pace  建设信息平台
        far behind pace: 20% done, 66% expected, due in 92 days" \
    "far behind pace, with the numbers"
has "$att" "    M-behind  behind pace      培训基层人员" "behind pace"
has "$att" "    T-risk    at risk          诊疗量占比
        at risk: latest 12, trend reaches 16.04 by 2025-12-31, target >= 100,
        due in 184 days" "at risk, its reason wrapped, not cut"
has "$att" "    M-soon" "due soon"
has "$att" "not reported     2 targets not reported for 1+ quarters" \
    "two stale targets of one lead: one line"
hasnt "$att" "T-s1" "no line of its own for a stale target"
is "$(printf '%s\n' "$att" | grep -n -e '^  市财政局$' -e '^  No lead' | cut -d: -f2 | tr '\n' '|')" \
    "  No lead department|  市财政局|" "departments in the order of their worst item"
hasnt "$out" "Overdue, by lead department" "no overdue-only section"

# Every format says the same.
run pw report --format md
has "$out" "| **市卫生健康委员会** |" "md: the lead's heading"
has "$out" "| M-nolead | **overdue** | 无人牵头的事项 | 29 days overdue |" \
    "md: kind and reason on the row"
has "$out" "| **No lead department** |" "md: no lead under its own heading"
run pw report --format html
has "$out" '<tr class="group"><th colspan="4">No lead department</th></tr>' \
    "html: no lead under its own heading"
has "$out" '<td><span class="t-bad">missed</span></td><td class="w"><span>签约覆盖率</span></td><td class="w"><span>missed 91 days ago: no value by 2025-03-31</span></td>' \
    "html: kind and reason on the row"
run pw report --format csv
has "$out" "target,T-s1,,报送甲,,fin,市财政局,,,2025-01-01,2026-12-31,no-data,,,,,,,10,>=,,none,stale,stale,WARNING,\"no value for 1 quarter, none yet, due in 549 days\"," \
    "csv: a stale target's id, kind and reason"
has "$out" "milestone,M-far,M-far,建设信息平台,,fin,市财政局,,,2025-01-01,2025-09-30,active,,92,20,,,,,,,far-behind,far-behind,far-behind,CRITICAL,\"far behind pace: 20% done, 66% expected, due in 92 days\"," \
    "csv: a milestone's kind, severity and reason"
run pw report --format json
is "$(printf '%s' "$out" | jq -r '[.attention[] | .id + ":" + .kind] | join(" ")')" \
    "T-missed:missed M-over:overdue M-nolead:overdue M-far:far-behind M-soon:behind M-behind:behind T-risk:at-risk T-s1:stale T-s2:stale" \
    "json: every id with its kind, worst first"
is "$(printf '%s' "$out" | jq -r '.attention[] | select(.id == "M-nolead") | .lead')" \
    null "json: no lead"
is "$(printf '%s' "$out" | jq -r '.attention[] | select(.id == "M-soon") | [.kinds[], .level, .support[0]] | join(",")')" \
    "behind,due-soon,yellow,health" "json: every kind, the level, the supporting department"
run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" \
    --today 2025-06-30 report --format json
is "$(printf '%s' "$out" | jq -r '.attention[] | select(.id == "M-over") | .reason')" \
    "30 days overdue" "json: the reasons do not change with the locale"

# Chinese aligns at 80 columns.
for loc in C.UTF-8 zh_CN.UTF-8 C; do
	(LC_ALL=$loc; export LC_ALL; pw report) > "$T/out" 2> "$T/err"
	if "$T/textwidth" 80 < "$T/out" > "$T/w" 2> "$T/over"; then
		_report 1 "under $loc: no line over 80 columns" ""
	else
		_report 0 "under $loc: no line over 80 columns" "$(cat "$T/over")"
	fi
done
run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" \
    --today 2025-06-30 report
att=$(section "需督办事项（按牵头单位）" "$out")
has "$att" "  未明确牵头单位
    M-nolead  逾期        无人牵头的事项
        逾期29天" "Chinese: no lead under its own heading, aligned"
has "$att" "未按期报送  2项指标已1个季度以上未报送数据" "Chinese: the stale line"
finish
