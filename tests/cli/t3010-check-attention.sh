#!/bin/sh
# t3010: check's item lines come from the attention list (model/attention.h,
# report/reason.h): targets not reported on time, and nothing else, are one
# line per lead department and severity in the text; JSON keeps every id,
# with its kind and all its kinds.
. "$PW_TOP/tests/lib.sh"
cat > "$T/p.yaml" <<'YAML'
format: 1
plan: 报送测试
id: q
start: 2023-01-01
end: 2026-12-31
departments:
  - {id: health, name: 市卫健委}
  - {id: fin, name: 市财政局}
milestones:
  - {id: M1, name: 方案, due: 2025-05-31, owner: health}
targets:
  - {id: T1, name: 甲, direction: '>=', target: 10, due: 2026-12-31, owner: health}
  - {id: T2, name: 乙, direction: '>=', target: 10, due: 2026-12-31, owner: health}
  - {id: T3, name: 丙, direction: '>=', target: 10, due: 2026-12-31, owner: fin}
  - {id: T4, name: 丁, direction: '>=', target: 10, due: 2025-03-31, owner: fin}
YAML
pw() { "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" "$@"; }

run pw check --today 2025-06-30
is "$rc" 2 "CRITICAL"
is "$(printf '%s\n' "$out" | sed -n 2,3p)" \
    "CRITICAL T4 (市财政局) missed 91 days ago: no value by 2025-03-31: 丁
CRITICAL M1 (市卫健委) 30 days overdue: 方案" \
    "most days past due first: the missed target, the overdue milestone"
has "$out" "CRITICAL 市卫健委: 2 targets not reported for 9+ periods" \
    "two stale targets of one lead: one line"
has "$out" "CRITICAL 市财政局: 1 target not reported for 9+ periods" \
    "one stale target of the other lead: its own line"
hasnt "$out" "T1 (" "no line of its own for a stale target"
is "$(printf '%s\n' "$out" | wc -l)" 5 "five lines in all"

run pw check --today 2025-06-30 --format json
is "$rc" 2 "JSON: CRITICAL"
ids=$(printf '%s' "$out" | jq -r '.items[].id' | sort | tr '\n' ' ')
is "$ids" "M1 T1 T2 T3 T4 " "JSON: every id"
is "$(printf '%s' "$out" | jq -r '.items[] | select(.id=="T1") | .attention')" \
    stale "JSON: the kind of a stale target"
is "$(printf '%s' "$out" | jq -r '.items[] | select(.id=="M1") | .kinds | join(",")')" \
    "overdue" "JSON: the kinds of the overdue milestone"
is "$(printf '%s' "$out" | jq -r '.items[] | select(.id=="T1") | .reason')" \
    "no value for 9 quarters, none yet, due in 549 days" \
    "JSON: the reason in the target's own periods"

# A value recorded: the reason names the last date.
run pw record T1 3 --date 2024-06-30
run pw check --today 2025-06-30 --format json
is "$(printf '%s' "$out" | jq -r '.items[] | select(.id=="T1") | .reason')" \
    "no value for 3 quarters, last 2024-06-30, due in 549 days" \
    "JSON: the last date of a stale target"
finish
