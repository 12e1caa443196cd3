#!/bin/sh
# t4009: the HTML report as it prints (headless Chromium to PDF, read back
# with pdftotext and pdfinfo), on the Sanya example with the demo's values
# under zh_CN.UTF-8:
#  - the targets table never breaks inside an id, a date, a status word or
#    a sparkline (each target's row is one line of the PDF's text);
#  - the Gantt chart's as-of label is whole when the as-of date is on or
#    after the plan's end; milestones without a phase have a group of their
#    own; labels carry ids, are whole and about 8 to 9 pt; a legend names
#    each state, drawn with a pattern and a mark as well as a colour;
#  - the Gantt comes before the target charts, which have a heading, a
#    legend and units on the value axis;
#  - every page has its number ("3 / 12") and no page holds only the
#    footer (as of 2025-12-31 the 13th page had only "planwatch").
. "$PW_TOP/tests/lib.sh"
export SOURCE_DATE_EPOCH=1795852800
E=$PW_TOP/examples

command -v chromium > /dev/null 2>&1 ||
    _report 0 "chromium is installed (tools/deps.sh, PLANWATCH_TEST_DEPS=1)" ""
command -v pdftotext > /dev/null 2>&1 ||
    _report 0 "pdftotext is installed (poppler-utils)" ""
locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' ||
    _report 0 "the zh_CN.UTF-8 locale exists (tools/deps.sh)" ""

run "$PLANWATCH" -f "$E/sanya.yaml" -d "$T/s.db" --today 2026-11-23 \
    --by demo import "$E/sanya-values.csv"
is "$rc" 0 "the demo's values are imported"

# pdf DATE: the report as of DATE printed to $T/DATE.pdf, its text (laid
# out) in $T/DATE.txt; pages in $pages.
pdf() {
	LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "$PLANWATCH" -f "$E/sanya.yaml" \
	    -d "$T/s.db" --today "$1" report --format html -o "$T/$1.html"
	is "$?" 0 "report as of $1 exits 0"
	rm -rf "$T/profile"
	mkdir "$T/profile"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$T/profile" --no-pdf-header-footer \
	    --print-to-pdf="$T/$1.pdf" "file://$T/$1.html" \
	    > "$T/chromium.log" 2>&1
	ok "chromium printed the report as of $1" test -s "$T/$1.pdf"
	pdftotext -layout "$T/$1.pdf" "$T/$1.txt"
	pages=$(pdfinfo "$T/$1.pdf" | awk '/^Pages:/ { print $2 }')
}

# numbered DATE: each page shows "N / PAGES", and more than that and the
# footer.
numbered() {
	bad=""
	empty=""
	i=1
	while [ "$i" -le "$pages" ]; do
		p=$(pdftotext -f "$i" -l "$i" -layout "$T/$1.pdf" -)
		case $p in
		*"$i / $pages"*) ;;
		*) bad="$bad $i" ;;
		esac
		rest=$(printf '%s\n' "$p" | grep -v -e "$i / $pages" \
		    -e '^ *planwatch *$' | tr -d ' \f\n')
		[ -n "$rest" ] || empty="$empty $i"
		i=$((i + 1))
	done
	is "$bad" "" "as of $1: every page of $pages shows its number"
	is "$empty" "" "as of $1: no page holds only the footer"
}

# --- As of the plan's last day ---------------------------------------
pdf 2025-12-31
txt=$(cat "$T/2025-12-31.txt")
numbered 2025-12-31

# Each target's row is one line: id, date, status word and sparkline (of
# the lines that begin with the id: what needs attention has it too).
ids=$(awk '/^targets:/ { t = 1 } t && /^  - id: / { print $3 }' \
    "$E/sanya.yaml")
broken=""
for id in $ids; do
	line=$(grep -E "^ *$id( |\$)" "$T/2025-12-31.txt")
	printf '%s\n' "$line" | grep -qE \
	    '[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日.*(已达标|有风险|按计划推进|未达标|暂无数据) +[▁▂▃▄▅▆▇█]+ *$' ||
	    broken="$broken $id"
done
is "$broken" "" "each target's id, date, status and sparkline on one line"
is "$(grep -cE '[0-9]{4}年([0-9]{1,2})?($|[^0-9月第])' "$T/2025-12-31.txt")" 0 \
    "no date broken after its year"
is "$(grep -cE '^ *[0-9]{0,2}月[0-9]{1,2}日' "$T/2025-12-31.txt")" 0 \
    "no line begins with the rest of a date"
is "$(grep -cE '有风([^险]|$)|已达([^标]|$)|未达 *$|按计([^划]|$)' \
    "$T/2025-12-31.txt")" 0 "no status word broken"
is "$(grep -E '[▁▂▃▄▅▆▇█]' "$T/2025-12-31.txt" | grep -cvE '^ *[A-Z]')" 0 \
    "no line of a sparkline without its target"
# Instance ids of recurring milestones (R-weekly@2025-W52) stay whole.
is "$(grep -oE '@[^ ]*' "$T/2025-12-31.txt" |
    grep -cvE '^@[0-9]{4}(-(W[0-9]{2}|Q[1-4]|H[12]|[0-9]{2}))?$')" 0 \
    "every instance id whole"

# The Gantt chart: groups, ids, whole labels, their size, the legend.
has "$txt" "未列入阶段的任务" "milestones without a phase have their own group"
gantt=$(sed -n '/未列入阶段的任务/,$p' "$T/2025-12-31.txt")
has "$gantt" "G2023 基本建立符合三亚实际" \
    "a top-level milestone is labelled with its id, in its group"
has "$txt" "S1-kickoff 召开示范项目启动会议" "milestone labels carry their ids"
hasnt "$txt" "…" "no label is cut"
# The first phase's label in the Gantt (its name's second place, after
# the phases table): six characters of 8 pt or more each (6.6 pt before).
w=$(pdftotext -bbox "$T/2025-12-31.pdf" - |
    awk -F'"' '/>组织动员阶段</ && ++n == 2 { printf "%d", ($6 - $2) * 10 / 6 }')
ok "the Gantt's labels are at least 8 pt (${w:-?} tenths)" \
    test "${w:-0}" -ge 80
html=$(cat "$T/2025-12-31.html")
for s in 已完成 逾期完成 逾期 即将到期 进行中 未开始; do
	has "$html" "<span class=\"key\">$s</span>" "the Gantt's legend names $s"
done
for s in pending active due-soon overdue done late; do
	has "$html" "class=\"bar-$s\"" "a bar of state $s has its own pattern"
	has "$html" "class=\"mk-$s\"" "an end of state $s has its own mark"
done

# The Gantt before the charts; the charts with a heading, units, legend.
at() { grep -n -m 1 -e "$1" "$T/2025-12-31.txt" | cut -d: -f1; }
g=$(at '未列入阶段的任务')
c=$(at '指标走势图')
ok "the charts have a heading" test -n "$c"
ok "the Gantt (line ${g:-?}) comes before the charts (line ${c:-?})" \
    test "${g:-0}" -gt 0 -a "${c:-0}" -gt "${g:-0}"
charts=$(sed -n '/指标走势图/,$p' "$T/2025-12-31.txt")
has "$charts" "13.68 亿元" "the value axis has units"
has "$charts" "目标值" "the charts' legend names the goal"
has "$charts" "分阶段目标" "the charts' legend names the stages"

# --- As of a day after the plan's end ---------------------------------
pdf 2026-01-15
numbered 2026-01-15
# The date is in the header once and whole on the Gantt's as-of line.
is "$(grep -o '2026年1月15日' "$T/2026-01-15.txt" | wc -l | tr -d ' ')" 2 \
    "the Gantt's as-of label is whole after the plan's end"
finish
