#!/bin/sh
# t1005: validate warns for a milestone with no lead (owner): its phase's
# owner does not lead it, and no reminder notice can go to anyone.  A
# warning only: the plan is valid and exits 0; a milestone with an owner,
# and a target (which has its own warning), get none of it.
. "$PW_TOP/tests/lib.sh"

cat > "$T/plan.yaml" <<'YAML'
plan: 无牵头单位的事项
start: 2025-01
end: 2025-12
departments:
  - {id: health, name: 市卫健委}
  - {id: finance, name: 市财政局}
phases:
  - id: P1
    name: 有责任单位的阶段
    end: 2025-06
    owner: health
    milestones:
      - {id: M-led, name: 有牵头单位, due: 2025-03, owner: finance}
      - {id: M-phase, name: 阶段有责任单位, due: 2025-04, support: [finance]}
  - id: P2
    name: 无责任单位的阶段
    end: 2025-12
    milestones:
      - id: M-none
        name: 无人牵头
        due: 2025-09
milestones:
  - {id: M-plan, name: 计划层面的事项, due: 2025-10}
targets:
  - {id: T1, name: 有牵头单位的指标, direction: ">=", target: 1, due: 2025, owner: health}
YAML

run "$PLANWATCH" validate -f "$T/plan.yaml"
is "$rc" 0 "warnings only: the plan is valid"
is "$out" "" "nothing on standard output"
is "$err" "$T/plan.yaml:14:9: warning: milestone 'M-phase' has no owner (its phase's owner 'health' does not lead it)
$T/plan.yaml:19:9: warning: milestone 'M-none' has no owner
$T/plan.yaml:23:5: warning: milestone 'M-plan' has no owner" \
    "each milestone with no lead warned at its position, the phase's owner named"
hasnt "$err" "M-led" "a milestone with an owner is not warned"
hasnt "$err" "'T1'" "nor a target with an owner"

# The other commands load the plan without printing its warnings.
run "$PLANWATCH" -f "$T/plan.yaml" -d "$T/none.db" --today 2025-05-01 status
is "$rc" 0 "status runs on the plan"
hasnt "$err" "warning" "and does not repeat validate's warnings"

# In Chinese the message is translated, the position and "warning" kept.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" validate -f "$T/plan.yaml"
	has "$err" "$T/plan.yaml:19:9: warning: " "zh: the position and keyword"
	hasnt "$err" "has no owner" "zh: the message is Chinese"
else
	skip "Chinese message" "locale -a has no zh_CN.utf8"
fi
finish
