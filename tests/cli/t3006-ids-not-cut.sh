#!/bin/sh
# t3006: an id is never cut, the name is (issue 16.6): status sizes its id
# column to the widest id (within the terminal, else $COLUMNS, else 80
# columns); the report's text keeps ids whole and a grouped recurring
# milestone's count of periods; the review's History view keeps ids whole
# at 80 columns.
. "$PW_TOP/tests/lib.sh"

cat > "$T/ids.yaml" <<'EOF2'
format: 1
plan: 长编号测试
id: ids
start: 2025-01-01
end: 2025-12-31
departments:
  - {id: gov, name: 区政府}
phases:
  - id: P1
    name: 第一阶段
    start: 2025-01-01
    end: 2025-12-31
    milestones:
      - id: T01-monthly-consultation-meeting
        name: 沟通会商:区分管领导牵头,组织卫健、医保、牵头医院每月会商一次
        start: 2025-04
        due: 2025-12
        every: month
        owner: gov
targets:
  - id: T02-a-target-with-a-rather-long-identifier
    name: 基层医疗卫生机构诊疗量占比
    direction: ">="
    target: 65
    due: 2025-03-31
    owner: gov
EOF2
pw() { "$PLANWATCH" -f "$T/ids.yaml" -d "$T/ids.db" "$@"; }
M=T01-monthly-consultation-meeting

run env -u COLUMNS "$PLANWATCH" -f "$T/ids.yaml" -d "$T/ids.db" \
    --today 2025-06-30 status
is "$rc" 0 "status exits 0"
has "$out" "✖  $M@2025-04    区政府  61 days overdue:" "the first id whole"
has "$out" "✖  $M@2025-05    区政府  30 days overdue:" "the second id whole"
hasnt "$out" "consultatio…" "no id is cut"
has "$out" "✖  T02-a-target-with-a-rather-long-identifier  区政府  missed" \
    "a long target id whole"
has "$out" "沟通会商:区分管领导牵头…" "the name is cut instead"
run env COLUMNS=120 "$PLANWATCH" -f "$T/ids.yaml" -d "$T/ids.db" \
    --today 2025-06-30 status
has "$out" "$M@2025-04    区政府  61 days overdue: 沟通会商:区分管领导牵头,组织卫健、医保、牵头医" \
    "COLUMNS=120: the name has the room"
run env COLUMNS=junk "$PLANWATCH" -f "$T/ids.yaml" -d "$T/ids.db" \
    --today 2025-06-30 status
has "$out" "沟通会商:区分管领导牵头…" "a COLUMNS that is no number: 80"

run pw --today 2025-06-30 report
has "$out" "  $M@2025-04  " "report: the id whole"
has "$out" "  $M@2025-05  " "report: the next period's id whole"
has "$out" "沟通会商:区分管领…" "report: the name cut instead"
has "$out" "  $M@2025-06  " "report: a due-soon id whole"
has "$out" "  T02-a-target-with-a-rather-long-identifier  " \
    "report: a target id whole"

# The History view at 80 columns.
run pw --today 2025-06-30 progress "$M@2025-04" 40 --date 2025-04-20
is "$rc" 0 "progress recorded"
. "$PW_TOP/tests/tui/tmux.sh"
PLAN=$T/ids.yaml
DB=$T/ids.db
tui_start 80 24 --today 2025-06-30
keys 5
see "$M@2025-04" "History at 80 columns: the id whole"
tui_quit
finish
