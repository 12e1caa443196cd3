#!/bin/sh
# t4012: notice --format html is a letter for A4 in the official layout
# (title with the level, the notice's number, the addressee by full name,
# body, tables, contact, issuer and date; no status symbols), one
# self-contained file with everything from the plan escaped, and it prints
# from headless Chromium to a PDF whose text (pdftotext) holds all of it,
# every id whole, each notice from a page of its own, on A4 (pdfinfo).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
G=$PW_TOP/tests/golden

_golden_record "$T/g.db"
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" --today 2026-11-25 "$@"; }
run pw notice --format html --number "督办〔2026〕12号" --contact 王敏 \
    --phone 0571-88881234 -o "$T/n.html"
is "$rc" 0 "notice --format html -o exits 0"
html=$(cat "$T/n.html")
has "$html" "<!DOCTYPE html>" "an HTML document"
has "$html" "size:A4 portrait" "print CSS for A4 portrait"
has "$html" "\"Noto Serif CJK SC\"" "a CJK serif font stack, as official documents"
has "$html" "break-after:page" "each notice ends its page"
hasnt "$html" "<script" "no script"
hasnt "$html" "http" "nothing fetched"
hasnt "$html" "src=" "no external source"
is "$(grep -c '<section class="notice">' "$T/n.html")" 5 "five notices"
has "$html" "<span class=\"lv-red\">red</span>" "the level in the title, in its colour and in words"
for s in "✖" "◷" "▸" "✔"; do
	hasnt "$html" "$s" "no status symbol '$s' in a letter"
done
# The ids of every table row, to find in the PDF.
sed -n 's/.*<td class="id">\([^<]*\)<.*/\1/p' "$T/n.html" | sort -u > "$T/ids"
is "$(grep -c "" "$T/ids")" 8 "eight items in the tables"

# Everything from the plan and the command line escaped.
sed 's/^plan: .*/plan: "<script>alert(1)<\/script> \& 计划"/; s/name: 各街道办事处/name: "<b>各街道<\/b>"/' \
    "$G/plan.yaml" > "$T/evil.yaml"
run "$PLANWATCH" -f "$T/evil.yaml" -d "$T/g.db" --today 2026-11-25 \
    notice --format html --dept streets --contact "<i>王敏</i>" \
    --number "a&b" --phone "\"1\""
has "$out" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 计划" "the plan's title escaped"
has "$out" "&lt;b&gt;各街道&lt;/b&gt;" "the addressee escaped"
has "$out" "&lt;i&gt;王敏&lt;/i&gt;" "--contact escaped"
has "$out" "a&amp;b" "--number escaped"
has "$out" "&quot;1&quot;" "--phone escaped"
hasnt "$out" "<script>" "no raw script from the plan"
hasnt "$out" "<b>" "no raw markup from the plan"

chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" > /dev/null 2>&1; then
		chromium=$c
		break
	fi
done
if [ -z "$chromium" ] || ! command -v pdftotext > /dev/null 2>&1 ||
    ! command -v pdfinfo > /dev/null 2>&1; then
	skip "print to PDF" "chromium, pdftotext or pdfinfo is not installed"
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
    --print-to-pdf="$T/n.pdf" "file://$T/n.html" \
    > "$T/chromium.log" 2>&1
ok "chromium printed a PDF" test -s "$T/n.pdf"
info=$(pdfinfo "$T/n.pdf" 2>/dev/null)
has "$info" "(A4)" "the PDF is A4"
pages=$(printf '%s\n' "$info" | sed -n 's/^Pages: *//p')
text=$(pdftotext -layout "$T/n.pdf" - 2>/dev/null)
printf '%s\n' "$text" > "$T/n.txt"
is "$(grep -c 'Reminder notice (' "$T/n.txt")" 5 "five titles in the PDF"
has "$text" "Reminder notice (red)" "a title with its level"
has "$text" "Reminder notice (yellow)" "another level"
is "$(grep -c '督办〔2026〕12号' "$T/n.txt")" 5 "the number under each title"
for d in 滨江区卫生健康局 滨江区财政局 滨江区人力资源和社会保障局 各街道办事处 "IT Office"; do
	has "$text" "$d:" "addressed to $d by full name"
done
has "$text" "Under the plan" "the body"
has "$text" "Please reply in writing" "the request for a reply"
is "$(grep -c 'Contact: 王敏, telephone: 0571-88881234' "$T/n.txt")" 5 \
    "the contact and telephone in each"
is "$(grep -c '滨江区人民政府办公室' "$T/n.txt")" 5 "the issuer signs each"
is "$(grep -c '2026-11-25 *$' "$T/n.txt")" 5 "and dates it"
# Nothing cut: each row's id whole, as a word of the PDF's text.
while read -r id; do
	ok "the PDF has $id whole" grep -q -- "\(^\|[[:space:]]\)$id\([[:space:]]\|$\)" "$T/n.txt"
done < "$T/ids"
hasnt "$text" "…" "no text cut with an ellipsis"
# Names and reasons wrap inside their cells: read them as one line.
flat=$(pdftotext -raw "$T/n.pdf" - 2>/dev/null | tr -d '\n ')
has "$flat" "Unifiedclinicinformationsystem,phaseone" "a long name whole"
has "$flat" "missed56daysago:24by2026-09-30,target<=20" "a reason whole"
# A page of its own for each notice: no page holds two titles.
two=0
i=1
while [ "$i" -le "${pages:-0}" ]; do
	n=$(pdftotext -f "$i" -l "$i" "$T/n.pdf" - 2>/dev/null | grep -c 'Reminder notice (')
	[ "$n" -gt 1 ] && two=$((two + 1))
	i=$((i + 1))
done
is "$two" 0 "each notice starts a page of its own"
ok "at least a page per notice" test "${pages:-0}" -ge 5
finish
