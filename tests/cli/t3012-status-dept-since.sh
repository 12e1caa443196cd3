#!/bin/sh
# t3012: status --dept (only what the department leads or supports, and
# its own ranking line) and status --since (issue 15, items 4 and 5): on
# a fixture where items enter the list, leave it and get worse between
# 2025-06-16 and 2025-07-02: new, resolved, still on it with its weeks,
# worse; both lists from the same records, each seeing those dated on or
# before its date.
. "$PW_TOP/tests/lib.sh"
cat > "$T/p.yaml" <<'YAML'
format: 1
plan: 周比测试
id: wow
start: 2024-01-01
end: 2025-12-31
departments:
  - {id: a, name: 甲局}
  - {id: b, name: 乙局}
phases:
  - {id: P, name: 实施, start: 2025-01-01, end: 2025-12-31}
milestones:
  - {id: M-over, name: 印发方案, start: 2025-05-20, due: 2025-05-31, owner: a}
  - {id: M-soon, name: 召开推进会, start: 2025-06-28, due: 2025-07-05, owner: a}
  - {id: M-fixed, name: 完成验收, start: 2025-06-10, due: 2025-06-20, owner: b}
  - {id: M-far, name: 建成平台, start: 2025-01-01, due: 2025-09-30, owner: a}
targets:
  - {id: T-stale, name: 专项经费, direction: '>=', target: 10, due: 2025-12-31, owner: b, support: [a], phase: P}
  - {id: T-missed, name: 覆盖率, direction: '>=', target: 10, due: 2024-03-31, owner: a}
YAML
pw() { "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" "$@"; }
st() { env COLUMNS=120 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-07-02 "$@"; }
run pw progress M-far 35 --date 2025-03-01
is "$rc" 0 "M-far: 35% done in March"
run pw done M-fixed --date 2025-06-19
is "$rc" 0 "M-fixed: done on 2025-06-19"

run st --since 2025-06-16
is "$rc" 0 "status --since exits 0"
is "$err" "" "nothing on stderr"
has "$out" "Since 2025-06-16: 1 new, 1 resolved, 4 still on the list, 2 of them worse" \
    "the counts of the comparison"
since=$(printf '%s\n' "$out" | sed -n '/^Since/,/^$/p')
has "$since" "  Newly on the list
    ▽  M-soon  甲局  behind pace: 召开推进会" "new: on 07-02's list, not on 06-16's"
has "$since" "  Worse
    ▼   8 weeks  M-far    甲局  far behind pace, was behind pace: 建成平台" \
    "worse: behind, then far behind; on the list for 8 weeks"
has "$since" "◌  13 weeks  T-stale  乙局  no value for 2 quarters, none yet, due in 182 days, was no value for 1 quarter" \
    "worse in the same kind: both reasons; 13 weeks"
has "$since" "  Resolved: off the list
    ▽  M-fixed  乙局  was behind pace: 完成验收" "resolved: done since"
has "$since" "  Still on the list
    ✖  52+ weeks  T-missed  甲局  missed: 覆盖率
    ✖    6 weeks  M-over    甲局  overdue: 印发方案" \
    "still: longest first, the weeks bounded at 52"
# The weeks count whole weekly steps back from the date: M-over was due
# soon from 05-17 (on at 05-21, off at 05-14).
run st --since 2025-06-30
has "$out" "✖    6 weeks  M-over" "the weeks do not depend on --since"

# --dept: only what the department leads or supports, its ranking line.
run st --dept a --since 2025-06-16
has "$out" "only what 甲局 leads or supports" "--dept is said"
has "$out" "Since 2025-06-16: 1 new, 0 resolved, 4 still on the list, 2 of them worse" \
    "--dept a: M-fixed is not its own; T-stale it supports is"
hasnt "$out" "M-fixed" "--dept a leaves out M-fixed"
has "$out" "◌  T-stale   乙局  no value for 2 quarters" \
    "a target it supports, with its lead"
ranks=$(printf '%s\n' "$out" | sed -n '/^Departments/,$p')
is "$ranks" "Departments by on-time rate
   2. 甲局     0%  0 of 1 on time, 1 overdue" "its own ranking line, at its rank"
run st --dept b
has "$out" "Needs attention: 1 item, worst first" "--dept b: only T-stale"
has "$out" "   1. 乙局   100%  1 of 1 on time" "b's ranking line"
hasnt "$out" "Phases" "no phase heading without a phase in scope"
hasnt "$out" "甲局    " "not a's"
hasnt "$out" "Since" "no comparison without --since"

# Each side sees the records dated on or before its date, whenever they
# were entered: M-fixed done as of 06-15, recorded now, leaves 06-16's list.
run pw done M-fixed --date 2025-06-15
run st --since 2025-06-16
has "$out" "Since 2025-06-16: 1 new, 0 resolved" \
    "a record dated before --since, entered after, changes that list"
hasnt "$out" "M-fixed" "M-fixed is on neither list"

# Usage errors.
run st --since 2025-07-02
is "$rc" 2 "--since the as-of date itself is a usage error"
has "$err" "planwatch: --since must be before the as-of date" "says so"
run st --since 2025-13-01
is "$rc" 2 "a bad date is a usage error"
has "$err" "invalid date '2025-13-01' for --since" "says which"
finish
