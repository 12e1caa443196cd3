#!/bin/sh
# t3011: status's "Needs attention" is the attention list (issue 15, item
# 2): every kind with its reason and lead, worst first; pace counted on the
# Milestones line for milestones and on the Targets line for targets;
# items with no lead under their own heading; cut to one screen, --all
# shows every item.
. "$PW_TOP/tests/lib.sh"
cat > "$T/p.yaml" <<'YAML'
format: 1
plan: 督办测试
id: att
start: 2025-01-01
end: 2025-12-31
warn_days: 14
departments:
  - {id: health, name: 市卫健委}
  - {id: fin, name: 市财政局}
milestones:
  - {id: M-over, name: 印发方案, due: 2025-06-10, owner: health}
  - {id: M-far, name: 建成平台, start: 2025-01-01, due: 2025-12-31, owner: fin}
  - {id: M-behind, name: 培训骨干, start: 2025-01-01, due: 2025-12-31, owner: health}
  - {id: M-soon, name: 召开推进会, start: 2025-06-20, due: 2025-07-05, owner: health}
  - {id: M-nolead, name: 挂牌, due: 2025-06-20}
  - {id: R, name: 每周调度, start: 2025-05-01, due: 2025-06-08, every: week, owner: health}
targets:
  - {id: T-missed, name: 覆盖率, direction: '>=', target: 10, due: 2025-03-31, owner: health}
  - {id: T-risk, name: 诊疗量占比, direction: '>=', target: 50, due: 2025-12-31, owner: health}
  - {id: T-pace, name: 签约率, direction: '>=', target: 100, due: 2025-12-31, baseline: 0, baseline_date: 2025-01-01, owner: health}
  - {id: T-stale, name: 专项经费, direction: '>=', target: 10, due: 2025-12-31, owner: fin}
YAML
cat > "$T/v.csv" <<'CSV'
id,date,value,note
T-missed,2025-03-31,4,
T-risk,2025-01-31,40,
T-risk,2025-03-31,41,
T-risk,2025-05-31,42,
T-pace,2025-02-28,10,
T-pace,2025-04-30,20,
T-pace,2025-06-15,30,
M-soon,2025-06-29,70,
CSV
pw() { "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" "$@"; }
run pw import "$T/v.csv"
is "$rc" 0 "import the fixture's values"
run pw progress M-far 10 --date 2025-06-01
is "$rc" 0 "progress recorded (far behind)"
run pw progress M-behind 30 --date 2025-06-01
is "$rc" 0 "progress recorded (behind)"
for w in 18 19 20 21 22; do
	pw done "R@2025-W$w" --date 2025-06-01 > /dev/null 2>&1
done

run env COLUMNS=100 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-06-30 --all
is "$rc" 0 "status exits 0"
is "$err" "" "nothing on stderr"
has "$out" "Needs attention: 9 items, worst first" \
    "the section, with every item led by a department counted"
hasnt "$out" "Overdue, most overdue first" "in place of the overdue list"
hasnt "$out" "Targets missed or at risk" "and of the missed or at-risk list"
# Each kind with its reason, its lead and its symbol.
has "$out" "✖  T-missed    市卫健委  missed 91 days ago: 4 by 2025-03-31, target >= 10: 覆盖率" \
    "missed: the deciding value and the target"
has "$out" "✖  M-over      市卫健委  20 days overdue: 印发方案" "overdue: its days"
has "$out" "▼  M-far       市财政局  far behind pace: 10% done, 50% expected, due in 184 days: 建成平台" \
    "far behind pace: done against expected (序时进度)"
has "$out" "◌  T-stale     市财政局  no value for 1 quarter, none yet, due in 184 days: 专项经费" \
    "not reported: the periods in the target's cadence"
has "$out" "▲  T-risk      市卫健委  at risk: latest 42, trend reaches 45.57 by 2025-12-31, target >= 50," \
    "at risk: the latest value and the trend"
has "$out" "▲  T-pace      市卫健委  at risk: latest 30, trend reaches 64.92" \
    "a target at risk and behind pace: at risk is its kind"
has "$out" "behind pace: 30, 49.45 expected, due in 184 days: 签约率" "and its pace is in its reason"
has "$out" "▽  M-behind    市卫健委  behind pace: 30% done, 50% expected, due in 184 days: 培训骨干" \
    "behind pace"
has "$out" "◷  M-soon      市卫健委  due in 5 days: 召开推进会" "due soon"
has "$out" "✖  R@2025-W23  市卫健委  22 days overdue: 每周调度" \
    "a recurring milestone's instance"
# Worst first: critical before warning, most days past due first.
order=$(printf '%s\n' "$out" | sed -n '/^Needs attention/,/^$/p' |
    awk '/^  [^ ]/ { print $2 }' | tr '\n' ' ')
is "$order" "T-missed R@2025-W23 M-over M-far M-soon M-behind T-risk T-pace T-stale " \
    "worst first: critical, then most days past due, milestones first"
# Items with no lead: their own heading, not in the list above.
has "$out" "No lead department: 1 item, to be given one
  ✖  M-nolead  10 days overdue: 挂牌" "an item with no lead under its own heading"
# Pace counts on the line of their kind of item (wide enough for one line
# each).
run env COLUMNS=200 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-06-30
ms=$(printf '%s\n' "$out" | grep '^Milestones')
tg=$(printf '%s\n' "$out" | grep '^Targets')
has "$ms" "▼ 1 far behind pace  ▽ 1 behind pace" \
    "milestones behind pace counted on the Milestones line"
has "$tg" "✖ 1 missed  ▲ 2 at risk" "targets counted by status"
has "$tg" "▼ 0 far behind pace  ▽ 1 behind pace  ◌ 1 not reported" \
    "targets behind pace and not reported on the Targets line"

# One screen by default: ten rows and how many more.  Five more weekly
# instances overdue, reopened.
for w in 18 19 20 21 22; do
	pw reopen "R@2025-W$w" --today 2025-06-02 > /dev/null 2>&1
done
run env COLUMNS=100 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-06-30
has "$out" "Needs attention: 14 items, worst first" "fourteen items"
has "$out" "… 4 more; --all shows every item" "ten shown, the rest counted"
hasnt "$out" "T-stale" "the last of them not shown"
run env COLUMNS=100 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-06-30 --all
hasnt "$out" "more; --all" "--all: nothing cut"
has "$out" "◌  T-stale" "--all: every item shown"

# Long reasons go on a second line at 80 columns, under the first.
run env COLUMNS=80 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" status \
    --today 2025-06-30 --all
long=$(printf '%s\n' "$out" | awk 'length > 0' | while IFS= read -r l; do
	printf '%s\n' "$l" | wc -L; done | sort -n | tail -1)
ok "no line wider than 80 columns ($long)" test "$long" -le 80
has "$out" "target >= 50, due in" "a long reason is not cut short"

# ASCII symbols outside a UTF-8 locale.
run env LC_ALL=C COLUMNS=100 "$PLANWATCH" -f "$T/p.yaml" -d "$T/p.db" \
    status --today 2025-06-30 --all
has "$out" "[<<] M-far" "far behind in ASCII"
has "$out" "[.]  T-stale" "not reported in ASCII"
finish
