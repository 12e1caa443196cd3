#!/bin/sh
# t3002: check and status show names from the plan made safe: bidi
# embeddings, overrides, isolates and marks and the line and paragraph
# separators as visible \uXXXX escapes, never raw, wherever they stand in
# Chinese text; an escape is as wide as it is shown when status fits
# names to columns and cuts them.
. "$PW_TOP/tests/lib.sh"
F=$PW_TOP/tests/cli
DB=$T/plan.db
cat > "$T/plan.yaml" <<'YAML'
format: 1
plan: 测试计划:校园建设三年行动
id: t3
start: 2025-01-01
end: 2025-12-31
departments:
  - {id: fin, name: "财政\u202d局"}
  - {id: edu, name: 市教育局, short: 教育局}
phases:
  - id: P1
    name: 第一阶段
    start: 2025-01-01
    end: 2025-12-31
    milestones:
      - id: M1
        name: "制定\u202e实施\u2028方案"
        due: 2025-03-31
        owner: fin
      - id: M2
        name: "完成\u2066场馆\u2069建设\U0001F600，逐项验收并报市政府备案\
          后向社会公布结果"
        due: 2025-06-10
        owner: edu
      - id: M3
        name: "验收\u200f准备\u061c"
        due: 2025-06-30
        owner: fin
targets:
  - id: T1
    name: "覆盖\u202a率\u2029"
    unit: "%"
    direction: ">="
    target: 90
    due: 2025-12-31
    owner: edu
YAML
grep -v '^T[234],' "$F/t3-values.csv" > "$T/values.csv"
"$PLANWATCH" -f "$T/plan.yaml" -d "$DB" import "$T/values.csv" \
    > /dev/null 2>&1 < /dev/null
pw() { "$PLANWATCH" -f "$T/plan.yaml" -d "$DB" "$@"; }
line() { printf '%s\n' "$out" | sed -n "$1p"; }
# raw DESC: none of the hazards reaches standard output as itself.
raw() {
	for cp in '\342\200\255' '\342\200\256' '\342\200\252' '\342\201\246' \
	    '\342\201\251' '\342\200\217' '\330\234' '\342\200\250' \
	    '\342\200\251'; do
		hasnt "$out" "$(printf "$cp")" "$1: no raw $cp"
	done
}

run pw check --today 2025-03-19
is "$(line 2)" 'WARNING M1 (财政\u202d局) due in 12 days, behind pace: '\
'60% done, 87% expected: 制定\u202e实施\u2028方案' \
    "check: an override and a separator in the name, one in the lead"
raw "check, WARNING"

run pw check --today 2025-06-20
is "$(line 2)" 'CRITICAL M2 (教育局) 10 days overdue: '\
'完成\u2066场馆\u2069建设😀，逐项验收并报市政府备案后向社会公布结果' \
    "check: isolates between Chinese, an emoji kept"
is "$(line 3)" 'WARNING M3 (财政\u202d局) due in 10 days: '\
'验收\u200f准备\u061c' \
    "check: marks, one at the very end"
raw "check, CRITICAL"

run pw check --today 2026-01-02
has "$out" 'CRITICAL T1 (教育局) missed 2 days ago: 85 by 2025-12-31, '\
'target >= 90: 覆盖\u202a率\u2029' \
    "check: a target's name"

run pw status --today 2025-06-20
has "$out" '  ✖  M2  教育局        10 days overdue: '\
'完成\u2066场馆\u2069建设😀，逐项验收并报
                       市政府备案后向社会公布结果' \
    "status: a long name on a second line, its escapes counted"
has "$out" '   1. 财政\u202d局   100%  1 of 1 on time' \
    "status: the escaped department in its column"
has "$out" '   2. 教育局           0%  0 of 1 on time, 1 overdue' \
    "status: the column as wide as the escaped name"
raw "status"
run env COLUMNS=60 "$PLANWATCH" -f "$T/plan.yaml" -d "$DB" status \
    --today 2025-06-20
has "$out" '                       建设😀，逐项验收并报市政府备案后向社…' \
    "status: cut with an ellipsis on its second line"
is "$(printf '%s\n' "$out" | LC_ALL=C.UTF-8 wc -L)" 60 \
    "status: the cut line ends at its column"

run pw status --today 2026-01-02
has "$out" '  ✖  M2  教育局        206 days overdue: '\
'完成\u2066场馆\u2069建设😀，逐项验收并' \
    "status: a lead padded to the escaped lead's width"
has "$out" '  ✖  M3  财政\u202d局  186 days overdue: 验收\u200f准备\u061c' \
    "status: the escaped lead and name"
has "$out" '  ✖  T1  教育局        missed 2 days ago: 85 by 2025-12-31, '\
'target >= 90:
                       覆盖\u202a率\u2029' \
    "status: a missed target's name"
raw "status, later"
finish
