#!/bin/sh
# t3000: planwatch status: the one-screen summary, its symbols, colour only
# when asked or on a terminal, --dept, --warn-days, --all, and errors.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"
esc=$(printf '\033')

run pw status --today 2025-06-20
is "$rc" 0 "status exits 0, whatever it finds"
is "$err" "" "nothing on stderr"
has "$out" "测试计划:校园建设三年行动" "the plan's title"
has "$out" "as of 2025-06-20, due soon within 14 days  CRITICAL" \
    "the as-of date and the worst severity"
has "$out" "✖ 1 overdue  ◷ 1 due soon  ▸ 0 active  ○ 0 pending  ✔ 1 done" \
    "milestone counts with their symbols"
has "$out" "✖ 0 missed  ▲ 0 at risk  ↗ 2 on track  ✔ 2 met  ? 0 no data" \
    "target counts with their symbols"
has "$out" "  ✖  M2  教育局  10 days overdue: 完成场馆建设" \
    "the overdue item: id, lead, days and name, aligned"
has "$out" "第一阶段" "the phase"
has "$out" "Departments by on-time rate" "the department ranking"
# 财政局 led M1 (done on time); 教育局 led M2 (overdue).
ranks=$(printf '%s\n' "$out" | sed -n 's/^ *\([0-9]\)\. \([^ ]*\) .*/\1\2/p' |
    tr '\n' ' ')
is "$ranks" "1财政局 2教育局 " "departments ranked by on-time rate"
hasnt "$out" "$esc" "no colour when standard output is not a terminal"

run pw status --today 2026-01-02
has "$out" "Needs attention: 4 items, worst first" "the attention list"
has "$out" "✖  T1  教育局  missed 2 days ago: 85 by 2025-12-31, target >= 90: 覆盖率" \
    "a missed target with its deciding value and target"
has "$out" "✖  T4  教育局  missed 2 days ago: 中 by 2025-12-31, target >= 良: 评估等级" \
    "a missed target of a scale: its levels"

# ASCII symbols outside a UTF-8 locale.
run env LC_ALL=C "$PLANWATCH" -f "$F/t3-plan.yaml" -d "$DB" status \
    --today 2025-06-20
has "$out" "[!] 1 overdue" "ASCII symbols under LC_ALL=C"
has "$out" "完成场馆建设" "names still printed under LC_ALL=C"

# Colour: --color=always, never, and NO_COLOR.
run pw status --today 2025-06-20 --color=always
has "$out" "${esc}[1;31m" "--color=always colours"
run env NO_COLOR=1 "$PLANWATCH" -f "$F/t3-plan.yaml" -d "$DB" status \
    --today 2025-06-20 --color=auto
hasnt "$out" "$esc" "NO_COLOR: no colour"
run pw status --today 2025-06-20 --color=never
hasnt "$out" "$esc" "--color=never: no colour"

# --dept and --warn-days.
run pw status --today 2025-06-20 --dept fin
has "$out" "only what 财政局 leads or supports" "--dept is shown"
has "$out" "✖ 0 overdue  ◷ 1 due soon" "--dept fin: M2 is not its own"
hasnt "$out" "完成场馆建设" "--dept fin leaves out M2"
run pw status --today 2025-06-20 --warn-days 5
has "$out" "◷ 0 due soon" "--warn-days 5: M3 is not due soon"

# Errors: usage (2), a broken plan or database (1).
run pw status --warn-days many
is "$rc" 2 "bad --warn-days is a usage error"
has "$err" "--warn-days" "says which option"
run pw status extra
is "$rc" 2 "a stray argument is a usage error"
run pw status --dept nobody
is "$rc" 1 "unknown department: error"
has "$err" "planwatch: unknown department 'nobody'" "says so"
printf 'format: 1\nplan: [unclosed\n' > "$T/bad.yaml"
run "$PLANWATCH" -f "$T/bad.yaml" -d "$DB" status
is "$rc" 1 "a broken plan: exit 1"
has "$err" "bad.yaml:" "the plan's errors with positions"
head -c 4096 /dev/urandom > "$T/junk.db"
run pw -d "$T/junk.db" status
is "$rc" 1 "a corrupt database: exit 1"
has "$err" "planwatch: " "says why"

# --all lifts the row limits (the example plan has many overdue items).
Y=$PW_TOP/examples/yuan.yaml
run "$PLANWATCH" -f "$Y" -d "$T/y.db" status --today 2025-07-15
has "$out" "… 13 more; --all shows every item" "long lists are cut"
n_cut=$(printf '%s\n' "$out" | wc -l)
run "$PLANWATCH" -f "$Y" -d "$T/y.db" status --today 2025-07-15 --all
hasnt "$out" "more (--all shows them)" "--all shows every row"
ok "--all is longer" test "$(printf '%s\n' "$out" | wc -l)" -gt "$n_cut"
ok "status did not create the database" test ! -e "$T/y.db"
finish
