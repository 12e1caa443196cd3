#!/bin/sh
# t4011: notices for everything a department must answer for (issue 15.3).
# On a plan and database that put every kind on the attention list
# (overdue, far behind and behind pace, due soon, missed, at risk, not
# reported): one notice per department that leads or supports something on
# it, in sections by kind, in each the items it leads apart from those it
# supports, the level of its worst item in the title and in JSON; no letter
# with an empty list; nothing for an item with no lead; departments kept
# out by notices: false and --exclude-dept.
. "$PW_TOP/tests/lib.sh"

cat > "$T/plan.yaml" <<'YAML'
plan: 提示函测试计划
document: 测办〔2025〕1号
issuer: 测试市人民政府办公室
contact: 王敏
contact_phone: 0898-88881234
start: 2025-01
end: 2025-12
warn_days: 14
departments:
  - {id: health, name: 测试市卫生健康委员会, short: 市卫健委}
  - {id: finance, name: 测试市财政局, short: 市财政局}
  - {id: streets, name: 各街道办事处, short: 各街道}
  - {id: it, name: 测试市大数据局, short: 大数据局}
  - {id: idle, name: 测试市无事局, short: 无事局}
  - {id: mayor, name: 测试市人民政府, short: 市政府, notices: false}
milestones:
  - {id: M-over, name: 逾期的事项, start: 2025-01, due: 2025-05-31, owner: health, support: [finance]}
  - {id: M-far, name: 严重滞后的事项, start: 2025-01, due: 2025-12-31, owner: streets}
  - {id: M-behind, name: 滞后的事项, start: 2025-01, due: 2025-12-31, owner: streets, support: [health]}
  - {id: M-soon, name: 即将到期的事项, start: 2025-01, due: 2025-07-10, owner: it}
  - {id: M-nolead, name: 无人牵头的逾期事项, start: 2025-01, due: 2025-05-31, support: [finance]}
  - {id: M-mayor, name: 市政府牵头的逾期事项, start: 2025-01, due: 2025-04-30, owner: mayor, support: [finance]}
  - {id: M-idle, name: 按期完成的事项, start: 2025-01, due: 2025-03-31, owner: idle}
targets:
  - {id: T-missed, name: 未达标的指标, direction: ">=", target: 10, due: 2025-03-31, owner: finance}
  - {id: T-risk, name: 有风险的指标, direction: ">=", target: 100, due: 2025-12-31, owner: health, support: [streets]}
  - {id: T-stale, name: 未按期报送的指标, direction: ">=", target: 5, due: 2025-12-31, cadence: month, owner: health}
YAML
pw() { "$PLANWATCH" -f "$T/plan.yaml" -d "$T/t.db" --today 2025-06-30 "$@"; }
set -e
pw progress M-far 10 --date 2025-06-30 > /dev/null
pw progress M-behind 35 --date 2025-06-30 > /dev/null
pw progress M-soon 95 --date 2025-06-30 > /dev/null
pw done M-idle --date 2025-03-20 > /dev/null
cat > "$T/values.csv" <<'CSV'
id,date,value
T-missed,2025-03-31,5
T-risk,2025-03-31,50
T-risk,2025-06-30,60
T-stale,2025-02-28,3
CSV
pw import "$T/values.csv" > /dev/null
set +e

# Text: one letter per department with something to answer for.
run pw notice
is "$rc" 0 "notice exits 0"
printf '%s\n' "$out" > "$T/all.txt"
is "$(grep -c 'Reminder notice' "$T/all.txt")" 4 \
    "four letters: health, finance, streets, it"
is "$(tr -cd '\f' < "$T/all.txt" | wc -c | tr -d ' ')" 3 \
    "a form feed between letters"
is "$(grep -E '^(测试市|各街道)[^ ]*:$' "$T/all.txt" | tr '\n' '|')" \
    "测试市卫生健康委员会:|测试市财政局:|各街道办事处:|测试市大数据局:|" \
    "addressed by full name, in plan order"
hasnt "$out" "测试市无事局" "no letter to a department with nothing on the list"
hasnt "$out" "测试市人民政府:" "no letter to a department with notices: false"
hasnt "$out" "M-nolead" "an item with no lead is on no notice"
hasnt "$out" "M-idle" "nor an item done on time"
for s in "✖" "◷" "▸" "[!]"; do
	hasnt "$out" "$s" "no status symbol '$s' in a letter"
done

# One letter at a time.
notice_of() { pw notice --dept "$1" > "$T/$1.txt" 2> "$T/$1.err"; }
notice_of health
h=$(cat "$T/health.txt")
has "$h" "Reminder notice (red)" "health: red (its worst item is overdue)"
is "$(grep -E '^[A-Z][a-z]' "$T/health.txt" | grep -v '^Under\|^Please' | tr '\n' '|')" \
    "Items overdue|Behind the expected pace|Targets at risk|Not reported on time|" \
    "health: its sections, in order"
# The section of M-behind (which health supports) holds only the
# supported part, with the lead; the others only the led part.
sect() {	# file, heading: the lines of that section
	awk -v h="$2" '$0 == h { on = 1; next } /^[A-Z]/ { on = 0 } on' "$1"
}
b=$(sect "$T/health.txt" "Behind the expected pace")
has "$b" "  Items your department supports" "health: M-behind under supports"
hasnt "$b" "Items your department leads" "health: nothing it leads is behind"
has "$b" "M-behind  滞后的事项  各街道  2025-12-31" \
    "health: a supported item names its lead"
has "$b" "behind pace: 35% done, 50% expected" "health: the reason in numbers"
o=$(sect "$T/health.txt" "Items overdue")
has "$o" "  Items your department leads" "health: M-over under leads"
has "$o" "30 days overdue" "health: days overdue"
has "$(sect "$T/health.txt" "Not reported on time")" \
    "no value for 3 months, last 2025-02-28" "health: stale, in months"
has "$(sect "$T/health.txt" "Targets at risk")" "T-risk" "health: at risk"
has "$h" "Contact: 王敏, telephone: 0898-88881234" "the contact from the plan"

notice_of finance
f=$(cat "$T/finance.txt")
has "$f" "Reminder notice (red)" "finance: red"
o=$(sect "$T/finance.txt" "Items overdue")
has "$o" "Items your department supports" "finance: supports overdue items"
hasnt "$o" "Items your department leads" "finance: leads none of them"
has "$o" "M-mayor" "finance: an item led by a department kept out is still listed"
has "$(sect "$T/finance.txt" "Targets missed")" "T-missed" "finance: missed"
hasnt "$f" "M-nolead" "finance: not the item with no lead it supports"

notice_of streets
s=$(cat "$T/streets.txt")
has "$s" "Reminder notice (yellow)" "streets: yellow (behind pace, at risk)"
b=$(sect "$T/streets.txt" "Behind the expected pace")
has "$b" "far behind pace: 10% done, 50% expected" "streets: far behind"
has "$b" "behind pace: 35% done" "streets: behind, in the same section"
has "$(sect "$T/streets.txt" "Targets at risk")" "Items your department supports" \
    "streets: supports the target at risk"

notice_of it
has "$(cat "$T/it.txt")" "Reminder notice (blue)" "it: blue (due soon only)"
has "$(sect "$T/it.txt" "Due soon")" "due in 10 days" "it: due soon"

# No empty letter: said on standard error, nothing on standard output.
notice_of idle
is "$?" 0 "--dept with nothing on the list exits 0"
is "$(cat "$T/idle.txt")" "" "and writes nothing"
has "$(cat "$T/idle.err")" "department 'idle' has nothing that needs attention" \
    "but says so"
notice_of mayor
is "$?" 0 "--dept of a department with notices: false exits 0"
is "$(cat "$T/mayor.txt")" "" "and writes nothing"
has "$(cat "$T/mayor.err")" "department 'mayor' is kept out of notices" "but says why"
for f in md html json; do
	run pw notice --dept idle --format "$f"
	is "$rc/$out" "0/" "--format $f: nothing written for an empty list"
done

# --exclude-dept, repeatable.
run pw notice --exclude-dept health --exclude-dept it
is "$rc" 0 "--exclude-dept exits 0"
is "$(printf '%s\n' "$out" | grep -c 'Reminder notice')" 2 "two letters left"
hasnt "$out" "测试市卫生健康委员会:" "no letter to health"
hasnt "$out" "测试市大数据局:" "no letter to it"
run pw notice --dept health --exclude-dept health
is "$rc/$out" "0/" "--dept of an excluded department writes nothing"
run pw notice --exclude-dept nobody
is "$rc" 1 "--exclude-dept of an unknown department is an error"
has "$err" "no department 'nobody'" "and names it"
run pw --today 2024-12-01 notice
is "$rc/$out" "0/" "nothing on the list at all: nothing written"
has "$err" "No department has anything that needs attention." "and said"

# Options override the plan's contact.
run pw notice --dept it --contact 李华 --phone 12345 --number "督办〔2025〕12号"
has "$out" "Contact: 李华, telephone: 12345" "--contact and --phone override the plan"
has "$out" "督办〔2025〕12号" "--number under the title"

# Markdown: the same sections as headings.
run pw notice --dept health --format md
has "$out" "# Reminder notice (red)" "md: the title with the level"
has "$out" "### Not reported on time" "md: a section heading"
has "$out" "#### Items your department supports" "md: led and supported apart"

# JSON: one object per notice.
if command -v jq > /dev/null 2>&1; then
	pw notice --format json > "$T/n.json"
	ok "json parses" jq -e . "$T/n.json" > /dev/null
	is "$(jq -r '[.notices[] | .dept + ":" + .level] | join(" ")' "$T/n.json")" \
	    "health:red finance:red streets:yellow it:blue" \
	    "json: a notice per department, with its level"
	is "$(jq -r '.notices[] | select(.dept == "health") | [.sections[].key] | join(" ")' "$T/n.json")" \
	    "overdue behind at-risk stale" "json: health's sections"
	is "$(jq -r '.notices[] | select(.dept == "health") | .sections[] | select(.key == "behind") | [(.led | length), (.supported[] | .id + "/" + .lead)] | join(" ")' "$T/n.json")" \
	    "0 M-behind/streets" "json: led and supported apart, with the lead"
	is "$(jq -r '[.notices[].sections[] | (.led + .supported)[] | .kinds[]] | unique | join(" ")' "$T/n.json")" \
	    "at-risk behind due-soon far-behind missed overdue stale" \
	    "json: every kind on some notice"
	is "$(jq -r '.notices[] | select(.dept == "streets") | .sections[0].led[0] | [.id, .type, .kind, .level, .due, .reason] | join("|")' "$T/n.json")" \
	    "M-far|milestone|far-behind|yellow|2025-12-31|far behind pace: 10% done, 50% expected, due in 184 days" \
	    "json: an item's id, type, kind, level, due and reason"
	hasnt "$(cat "$T/n.json")" "M-nolead" "json: no item without a lead"
	is "$(jq -r '.contact + " " + .phone' "$T/n.json")" "王敏 0898-88881234" \
	    "json: the contact"
	run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$T/plan.yaml" -d "$T/t.db" \
	    --today 2025-06-30 notice --format json
	is "$(printf '%s' "$out" | jq -r '[.notices[] | .dept + ":" + .level] | join(" ")')" \
	    "health:red finance:red streets:yellow it:blue" \
	    "json: keys and levels do not change with the locale"
else
	skip "json checks" "jq is not installed"
fi

# Chinese: the sections as an office words them.
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
	run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$T/plan.yaml" -d "$T/t.db" \
	    --today 2025-06-30 notice --dept health
	for w in "督办提示函（红色）" "已逾期" "进度滞后（低于序时进度）" "指标有风险" \
	    "未按期报送" "你单位牵头的事项" "你单位配合的事项" \
	    "联系人：王敏，联系电话：0898-88881234。"; do
		has "$out" "$w" "zh: $w"
	done
	run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$T/plan.yaml" -d "$T/t.db" \
	    --today 2025-06-30 notice --dept it
	has "$out" "督办提示函（蓝色）" "zh: blue"
	has "$out" "即将到期" "zh: due soon"
else
	skip "Chinese notices" "locale -a has no zh_CN.utf8"
fi
finish
