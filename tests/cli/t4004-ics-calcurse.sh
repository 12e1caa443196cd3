#!/bin/sh
# t4004: planwatch ics writes RFC 5545 (CRLF, lines folded at 75 octets,
# stable UIDs) that a real calendar program imports: calcurse -i into a
# throwaway directory.  The import is skipped, with a notice, without
# calcurse.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/golden/record.sh"
G=$PW_TOP/tests/golden

_golden_record "$T/g.db"
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" --today 2026-11-25 "$@"; }
run pw ics -o "$T/a.ics"
is "$rc" 0 "ics -o exits 0"
ok "the file is there" test -s "$T/a.ics"
has "$(head -1 "$T/a.ics")" "BEGIN:VCALENDAR" "starts with BEGIN:VCALENDAR"
is "$(grep -c 'VERSION:2.0' "$T/a.ics")" 1 "VERSION:2.0"
is "$(grep -c '^PRODID:' "$T/a.ics")" 1 "a PRODID"
is "$(tr -d '\r' < "$T/a.ics" | grep -c '')" "$(grep -c "$(printf '\r')\$" "$T/a.ics")" \
    "every line ends in CRLF"
is "$(LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) n++ } END { print n + 0 }' "$T/a.ics")" \
    0 "no line longer than 75 octets"
ok "folding never splits a UTF-8 character" iconv -f UTF-8 -t UTF-8 "$T/a.ics" -o /dev/null
if command -v python3 > /dev/null 2>&1; then
	ok "each physical line is valid UTF-8 on its own" python3 -c '
import sys
for l in open(sys.argv[1], "rb").read().split(b"\r\n"):
    l.decode("utf-8")' "$T/a.ics"
fi
has "$(cat "$T/a.ics")" "DTSTART;VALUE=DATE:20261031" "an all-day start"
has "$(cat "$T/a.ics")" "DTEND;VALUE=DATE:20261101" "ending the next day"
has "$(cat "$T/a.ics")" "UID:ms.M-build@binjiang-2025.planwatch" "a stable UID"

# Same plan, same ids: same UIDs, another day and another stamp.
SOURCE_DATE_EPOCH=1700000000 run "$PLANWATCH" -f "$G/plan.yaml" -d "$T/g.db" \
    --today 2026-12-20 ics
is "$(printf '%s\n' "$out" | tr -d '\r' | grep '^UID:' | sort)" \
    "$(tr -d '\r' < "$T/a.ics" | grep '^UID:' | sort)" "UIDs are stable"
has "$out" "DTSTAMP:20231114T221320Z" "DTSTAMP from SOURCE_DATE_EPOCH"

# Text is escaped: commas, semicolons and backslashes.
sed 's/name: 印发实施方案/name: "印发方案, 第一版; 含\\\\附件"/' "$G/plan.yaml" > "$T/esc.yaml"
run "$PLANWATCH" -f "$T/esc.yaml" -d "$T/none.db" --today 2026-11-25 ics
has "$out" 'SUMMARY:印发方案\, 第一版\; 含\\附件' "SUMMARY is escaped"

if ! command -v calcurse > /dev/null 2>&1; then
	skip "calendar import" "calcurse is not installed"
	finish
fi
mkdir "$T/cal"
calcurse -D "$T/cal" -i "$T/a.ics" > "$T/import.log" 2>&1
has "$(cat "$T/import.log")" "0 skipped" "calcurse imports every event"
apts=$(cat "$T/cal/apts")
has "$apts" "10/31/2026 [1] >" "the overdue milestone's due date arrived"
has "$apts" "新建和改扩建社区卫生服务站12个" "with its Chinese name"
has "$apts" "12/31/2026 [1] >" "the last monthly instance arrived"
has "$apts" "基层医疗卫生机构诊疗量占比 >= 65%" "the target's due date arrived"
run calcurse -D "$T/cal" -Q --from 11/30/2026 --days 1
has "$out" "Unified clinic information system, phase one" \
    "calcurse shows the event on its day"
finish
