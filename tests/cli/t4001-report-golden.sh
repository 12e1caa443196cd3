#!/bin/sh
# t4001: report, notice and ics against golden files.
#
# The fixture plan tests/golden/plan.yaml with the values recorded by
# tests/golden/record.sh, reviewed as of 2026-11-25 with SOURCE_DATE_EPOCH
# fixed, must print exactly tests/golden/<name>.  After an intended change
# of the output, rewrite the golden files with
#
#	UPDATE_GOLDEN=1 TESTS=t4001 sh tests/run.sh build
#
# and read the diff before committing it.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
G=$PW_TOP/tests/golden
export SOURCE_DATE_EPOCH=1795852800	# 2026-11-28 08:00 UTC

_golden_record "$T/g.db"
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" --today 2026-11-25 "$@"; }
# pw_in LOCALE ARGS...: the same under another LC_ALL.
pw_in() { (LC_ALL=$1; export LC_ALL; shift; pw "$@"); }

# golden NAME CMD...: the command's standard output equals $G/NAME.
golden() {
	name=$1
	shift
	"$@" < /dev/null > "$T/$name" 2> "$T/$name.err"
	rc=$?
	is "$rc" 0 "$name: exits 0"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$T/$name" "$G/$name"
		echo "# updated $G/$name"
	fi
	if cmp -s "$T/$name" "$G/$name"; then
		_report 1 "$name: matches the golden file" ""
	else
		_report 0 "$name: matches the golden file" \
		    "$(diff -u "$G/$name" "$T/$name" | head -40)"
	fi
}

golden report.txt pw report
golden report.md pw report --format md
golden report.html pw report --format html
golden report.csv pw report --format csv
golden report.json pw report --format json
golden report-w47.txt pw report --week 2026-11-18
golden notice.txt pw notice
golden notice.md pw notice --format md --dept streets --reply-by 2026-12-10
golden plan.ics pw ics
golden report-ascii.txt pw_in C report
golden report-zh.txt pw_in zh_CN.UTF-8 report
golden notice-zh.txt pw_in zh_CN.UTF-8 notice --dept streets
golden report-color.txt pw report --color=always
# An example plan with nothing recorded.
golden hulunbuir.txt "$PLANWATCH" -f "$PW_TOP/examples/hulunbuir.yaml" \
    -d "$T/none.db" --today 2018-06-15 report
golden hulunbuir.json "$PLANWATCH" -f "$PW_TOP/examples/hulunbuir.yaml" \
    -d "$T/none.db" --today 2018-06-15 report --format json

# What the golden files must say, so that a careless update shows.
has "$(cat "$G/report.txt")" "2026-W48, 2026-11-23 – 2026-11-29" \
    "the header names the ISO week"
has "$(cat "$G/report.txt")" "滨政办发〔2025〕12号" "the header cites the document"
has "$(cat "$G/report.txt")" "Made       2026-11-28 08:00 UTC" \
    "the made time comes from SOURCE_DATE_EPOCH"
hasnt "$(cat "$G/report.txt")" "$(printf '\033')" "no colour unless asked"
has "$(cat "$G/report-color.txt")" "$(printf '\033[1;31m')" \
    "--color=always colours the overdue"
has "$(cat "$G/report-ascii.txt")" "[!] overdue" "ASCII symbols in the C locale"
hasnt "$(cat "$G/report-ascii.txt")" "█" "no block characters in the C locale"
has "$(cat "$G/report-zh.txt")" "2026年第48周" "the week reads naturally in Chinese"
has "$(cat "$G/notice-zh.txt")" "各街道办事处" "the notice is addressed by full name"
has "$(cat "$G/notice-zh.txt")" "2026年12月2日" "reply by as-of + 7 days"

# Sections in the order of the issue.
order=$(grep -n -E '^(Summary|Needs attention, by lead department|Week over week, since 2026-11-18|Completed this week|Targets|Phases|Recorded this week|Department ranking)$' "$T/report.txt" | cut -d: -f2 | tr '\n' '|')
is "$order" "Summary|Needs attention, by lead department|Week over week, since 2026-11-18|Completed this week|Targets|Phases|Recorded this week|Department ranking|" \
    "sections come in the agreed order"

# The JSON parses, and says what the text says.
if command -v jq > /dev/null 2>&1; then
	ok "report.json is valid JSON" jq -e . "$T/report.json" > /dev/null
	is "$(jq -r '.milestones[] | select(.id == "M-build") | .status' "$T/report.json")" \
	    overdue "json: M-build is overdue"
	is "$(jq -r '.milestones[] | select(.id == "M-build") | .days_overdue' "$T/report.json")" \
	    25 "json: 25 days overdue"
	is "$(jq -r '[.milestones[] | select(.milestone == "M-report")] | length' "$T/report.json")" \
	    11 "json: every instance begun by the as-of date"
	is "$(jq -r '.targets[] | select(.id == "T-wait") | .status' "$T/report.json")" \
	    missed "json: T-wait missed"
	is "$(jq -r '.targets[] | select(.id == "T-grade") | .latest.value' "$T/report.json")" \
	    三级 "json: a scale value is its level"
	is "$(jq -r '.week.id' "$T/report.json")" 2026-W48 "json: the week"
	ok "hulunbuir.json is valid JSON" jq -e . "$T/hulunbuir.json" > /dev/null
	run env LC_ALL=zh_CN.UTF-8 "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" \
	    --today 2026-11-25 report --format json
	is "$out" "$(cat "$T/report.json")" "json does not change with the locale"
else
	skip "json checks" "jq is not installed"
fi

# CSV: a header and one row per instance and target, all of one width.
is "$(head -1 "$T/report.csv" | tr -d '\r')" \
    "type,id,milestone,name,phase,lead,lead_name,support,support_names,start,due,status,days_overdue,days_left,progress,done,latest,latest_date,goal,direction,unit,pace,attention,kinds,severity,reason,change,weeks" \
    "csv header"
is "$(grep -c '' "$T/report.csv")" 22 "csv: 17 instances, 4 targets and the header"
has "$(cat "$T/report.csv")" "milestone,M-build,M-build,新建和改扩建社区卫生服务站12个,P2,streets,各街道办事处,finance,滨江区财政局,2025-07-01,2026-10-31,overdue,25," \
    "csv: M-build row, its departments by id and by name"

# --bom for Excel (it reads a CSV without one in the system's code page),
# CSV only.
run pw report --format csv --bom
is "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' ')" efbbbf \
    "csv --bom: the byte-order mark first"
is "$(printf '%s' "$out" | tail -c +4)" "$(cat "$T/report.csv")" \
    "csv --bom: then the same bytes"
run pw report --format md --bom
is "$rc" 2 "--bom with md: a usage error"
has "$err" "--bom is for CSV" "--bom with md: says why"
# The calendar has every instance, those not begun too.
is "$(grep -c '^UID:ms\.M-report+' "$T/plan.ics")" 12 \
    "ics: all twelve monthly instances"
finish
