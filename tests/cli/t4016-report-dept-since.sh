#!/bin/sh
# t4016: report --dept, one department's report (what it leads or
# supports, with its ranking line), and the week-over-week section (the
# attention list as of the date against the list as of --since, by default
# seven days before): items that enter, leave and worsen between two dates
# (issue 15, items 4 and 5).
. "$PW_TOP/tests/lib.sh"

# As of 2025-06-30, against 2025-06-23: M-new enters (due soon), M-done
# leaves (done), M-worse worsens (due soon, then overdue), M-old stays (on
# the list since 2025-05-16: six weeks back), T-sup stays.
cat > "$T/p.yaml" <<'YAML'
format: 1
plan: 周对比测试
id: wow
start: 2025-01-01
end: 2025-12-31
warn_days: 14
departments:
  - {id: health, name: 市卫生健康委员会}
  - {id: fin, name: 市财政局}
milestones:
  - {id: M-new, name: 新任务, start: 2025-06-25, due: 2025-07-10, owner: health}
  - {id: M-done, name: 已办结任务, start: 2025-06-15, due: 2025-06-25, owner: health}
  - {id: M-worse, name: 转为逾期的任务, start: 2025-06-20, due: 2025-06-27, owner: fin}
  - {id: M-old, name: 长期逾期任务, start: 2025-05-01, due: 2025-05-31, owner: fin}
targets:
  - {id: T-sup, name: 配合的指标, direction: '>=', target: 10, due: 2025-03-31, owner: fin, support: [health]}
YAML
pw() { "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" --today 2025-06-30 "$@"; }
run pw done M-done --date 2025-06-26
is "$rc" 0 "M-done recorded done"

section() {
	printf '%s\n' "$2" | awk -v t="$1" 'index($0, t) == 1 { on = 1; next }
	    on && /^$/ { exit } on { print }'
}

run pw report
is "$rc" 0 "report exits 0"
wow=$(section "Week over week, since 2025-06-23" "$out")
has "$wow" "  Newly on the list (1)
    M-new    due soon" "newly on the list"
has "$wow" "  Worse (1)
    M-worse  overdue" "worse: due soon, then overdue"
has "$wow" "was due soon" "worse: what it was"
has "$wow" "  Still on the list (2)" "still on the list"
has "$wow" "    M-old    overdue      长期逾期任务
             on the list for 6 weeks" "still: the number of weeks"
has "$wow" "  Resolved: off the list (1)
    M-done" "resolved"
hasnt "$(section "Needs attention, by lead department" "$out")" "M-done" \
    "a resolved item is off the attention list"

run pw report --since 2025-06-09
has "$out" "Week over week, since 2025-06-09" "--since sets the earlier date"
wow=$(section "Week over week, since 2025-06-09" "$out")
has "$wow" "  Newly on the list (2)" "since 06-09: M-new and M-worse are new"
run pw report --since 2025-06-30
is "$rc" 2 "--since on the as-of date: a usage error"
has "$err" "--since must be before the as-of date" "says why"

run pw report --format json
is "$(printf '%s' "$out" | jq -r '.since.date')" 2025-06-23 "json: the earlier date"
is "$(printf '%s' "$out" | jq -r '[.since.changes[] | .id + ":" + .change + (if .worse then "+worse" else "" end) + ":" + (.weeks | tostring)] | sort | join(" ")')" \
    "M-done:resolved:0 M-new:new:0 M-old:still:6 M-worse:still+worse:2 T-sup:still:25" \
    "json: every change with its weeks"
run pw report --format csv
has "$out" ",overdue,overdue,CRITICAL,3 days overdue,worse,2" "csv: a worse item"
has "$(printf '%s\n' "$out" | grep '^milestone,M-done,')" ",,,,,resolved,0" \
    "csv: a resolved item"

# One department: what it leads or supports, and its ranking line.
run pw report --dept health
is "$rc" 0 "report --dept exits 0"
has "$out" "Department  市卫生健康委员会" "the header names the department"
att=$(section "Needs attention, by lead department" "$out")
has "$att" "  市卫生健康委员会
    M-new" "what it leads, first"
has "$att" "  市财政局
    T-sup" "what it supports, under its lead"
hasnt "$out" "M-old" "nothing it neither leads nor supports"
hasnt "$out" "M-worse" "nothing of another department's in the week over week"
rank=$(section "Department ranking" "$out")
is "$(printf '%s\n' "$rank" | grep -c '市')" 1 "one ranking line"
has "$rank" "市卫生健康委员会" "its own"
run pw report --dept health --format json
is "$(printf '%s' "$out" | jq -r '.dept')" health "json: the department"
is "$(printf '%s' "$out" | jq -r '[.attention[].id] | join(" ")')" \
    "T-sup M-new" "json: only its items"
is "$(printf '%s' "$out" | jq -r '[.targets[].id, .departments[].id] | join(" ")')" \
    "T-sup health" "json: its targets and its ranking"
run pw report --dept nosuch
is "$rc" 1 "an unknown department: an error"
has "$err" "planwatch: unknown department 'nosuch'" "says so"
finish
