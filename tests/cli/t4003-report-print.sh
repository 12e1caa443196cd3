#!/bin/sh
# t4003: the HTML report is one self-contained file that prints to PDF in
# a real browser (headless Chromium) with the plan title and the overdue
# items in the PDF's text.  Skipped, with a notice, without Chromium or
# pdftotext.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
G=$PW_TOP/tests/golden
export SOURCE_DATE_EPOCH=1795852800

_golden_record "$T/g.db"
run "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" --today 2026-11-25 \
    report --format html -o "$T/report.html"
is "$rc" 0 "report --format html -o exits 0"
html=$(cat "$T/report.html")
has "$html" "<svg class=\"gantt\"" "an inline SVG Gantt chart"
has "$html" "<svg class=\"chart\"" "inline SVG target charts"
has "$html" "size:A4 portrait" "print CSS for A4 portrait"
has "$html" "\"Noto Sans CJK SC\"" "a CJK font stack"
hasnt "$html" "<script" "no script"
hasnt "$html" "http://" "no fetch over http"
hasnt "$html" "https://" "no fetch over https"
hasnt "$html" "src=" "no external source"
hasnt "$html" "@import" "no imported style"

# Hostile text is escaped.
sed 's/^plan: .*/plan: "<script>alert(1)<\/script> \& 计划"/' "$G/plan.yaml" > "$T/evil.yaml"
run "$PLANWATCH" -f "$T/evil.yaml" -d "$T/g.db" --today 2026-11-25 \
    report --format html
has "$out" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 计划" "HTML-escaped title"
hasnt "$out" "<script>" "no raw script from the plan"

chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then
		chromium=$c
		break
	fi
done
if [ -z "$chromium" ] || ! command -v pdftotext > /dev/null 2>&1; then
	skip "print to PDF" "chromium or pdftotext is not installed"
	finish
fi
if [ "${PW_SAN:-0}" = 1 ]; then
	skip "print to PDF" "the browser does not depend on the build; run once"
	finish
fi
mkdir "$T/profile"
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$T/profile" --no-pdf-header-footer \
    --print-to-pdf="$T/report.pdf" "file://$T/report.html" \
    > "$T/chromium.log" 2>&1
ok "chromium printed a PDF" test -s "$T/report.pdf"
text=$(pdftotext -layout "$T/report.pdf" - 2>/dev/null)
has "$text" "滨江区基层医疗卫生服务能力提升三年行动方案" "the PDF has the plan title"
has "$text" "M-build" "the PDF lists the overdue item's id"
has "$text" "新建和改扩建社区卫生服务站12个" "the PDF has the overdue item's full name"
has "$text" "Department ranking" "the PDF reaches the last section"
if command -v pdfinfo > /dev/null 2>&1; then
	has "$(pdfinfo "$T/report.pdf")" "(A4)" "the PDF is A4"
fi
finish
