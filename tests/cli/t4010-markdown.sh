#!/bin/sh
# t4010: the Markdown report reads the same in every renderer: rendered by
# python-markdown with tables, as MkDocs does, it shows no backslash (it
# showed "\<= 20 分钟": a backslash before "<" is no escape there), and
# text from the plan that looks like markup stays text.  "<", ">" and "&"
# are written as the entities &lt;, &gt; and &amp;, which every renderer
# shows as the characters (planwatch-report(1)).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
G=$PW_TOP/tests/golden
export SOURCE_DATE_EPOCH=1795852800

# A Python that has python-markdown (Debian's python3-markdown is in
# /usr/bin/python3 when another python3 comes first on the PATH).
py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import markdown' > /dev/null 2>&1; then
		py=$p
		break
	fi
done
ok "python-markdown is installed (python3-markdown, tools/deps.sh)" \
    test -n "$py"
# render FILE: FILE's Markdown as python-markdown renders it.
render() {
	"$py" -c 'import sys, markdown
sys.stdout.write(markdown.markdown(open(sys.argv[1], encoding="utf-8").read(),
    extensions=["tables"]))' "$1"
}

_golden_record "$T/g.db"
# The overdue milestone's name and the title look like markup.
sed -e 's/^plan: .*/plan: "<b>R\&D<\/b> | *计划* \&lt; #1"/' \
    -e 's/name: 新建和改扩建社区卫生服务站12个/name: "新建 <i>站<\/i> a<b \& c>d \&amp; [x](y) _z_"/' \
    "$G/plan.yaml" > "$T/plan.yaml"
run "$PLANWATCH" -f "$T/plan.yaml" -d "$T/g.db" --today 2026-11-25 \
    report --format md
is "$rc" 0 "report --format md exits 0"
printf '%s\n' "$out" > "$T/report.md"
md=$out
has "$md" "| &lt;= 20 分钟 |" "'<=' is written &lt;="
has "$md" "| &gt;= 65% |" "'>=' is written &gt;="
hasnt "$md" '\<' "no backslash before '<'"

[ -n "$py" ] || finish
html=$(render "$T/report.md")
is "$(printf '%s' "$html" | grep -c '\\')" 0 \
    "rendered, no backslash shows"
has "$html" "&lt;= 20 分钟</td>" "rendered, the goal shows as <= 20 分钟"
has "$html" "&gt;= 65%</td>" "rendered, the goal shows as >= 65%"
has "$html" "<h1>&lt;b&gt;R&amp;D&lt;/b&gt; | *计划* &amp;lt; #1</h1>" \
    "rendered, the title shows as written, no markup"
has "$html" "<td>新建 &lt;i&gt;站&lt;/i&gt; a&lt;b &amp; c&gt;d &amp;amp; [x](y) _z_</td>" \
    "rendered, a name in a table cell shows as written, no markup"
hasnt "$html" "<b>" "no tag from the plan"
hasnt "$html" "<i>" "no other tag from the plan"
hasnt "$html" "<a " "no link from the plan"
is "$(printf '%s\n' "$html" | grep -c '<table>')" \
    "$(grep -c '^| --' "$T/report.md")" "every table is rendered as a table"
finish
