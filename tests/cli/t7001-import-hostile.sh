#!/bin/sh
# t7001: hostile CSV rows for `planwatch import` and hostile text for
# `planwatch record`: each bad row gets exit 1 and FILE:LINE: error: with
# nothing written, within bounded time and memory; text that is accepted is
# stored byte for byte and shown escaped by log, never raw.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cp "$PW_TOP/tests/data/store/plan.yaml" plan.yaml
TODAY=--today=2025-01-01
# Memory ceiling for one command, in KiB of peak RSS (ASan's shadow memory
# and quarantine need more).
if [ "${PW_SAN:-0}" = 1 ]; then maxrss=700000; else maxrss=150000; fi

# bounded SECONDS CMD...: run with a time limit, measuring peak memory;
# sets rc, out, err and kb.
bounded() {
	_s=$1; shift
	/usr/bin/time -o "$T/.time" -f '%M' timeout "$_s" "$@" \
	    < /dev/null > "$T/.out" 2> "$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
	kb=$(tail -1 "$T/.time")
	case $kb in *[!0-9]*|'') kb=999999999 ;; esac
}

events() {	# how many rows the database holds
	if [ -f plan.db ]; then sqlite3 plan.db 'SELECT count(*) FROM events'
	else echo 0; fi
}

# rejected FILE LINE MESSAGE DESC: import exits 1 quickly in bounded memory,
# reports the row, and writes nothing.
rejected() {
	_before=$(events)
	bounded 20 "$PLANWATCH" import "$1" $TODAY
	is "$rc" 1 "$4: exit 1 (not a crash or a timeout)"
	has "$err" "$1:$2: error: $3" "$4: reported at its line"
	is "$(( kb < maxrss ))" 1 "$4: peak memory ${kb} KiB under ${maxrss}"
	is "$(events)" "$_before" "$4: nothing written"
	hasnt "$err" "$(printf '\033')" "$4: no raw ESC in the message"
}

hdr='id,date,value,note,source'
{ echo "$hdr"; echo 'T-beds,2024-01-31,6.1,,'; } > good.csv
run "$PLANWATCH" import good.csv $TODAY
is "$rc" 0 "a good import works"
is "$(events)" 1 "one row stored"

# Bytes that are not text.
{ echo "$hdr"; echo 'T-beds,2024-02-29,6.2,,'; printf 'T-beds,2024-03-31,6.3,a\000b,\n'; } > nul.csv
rejected nul.csv 3 "field 4 is not valid UTF-8 text" "a NUL byte in a note"
{ echo "$hdr"; echo 'T-beds,2024-02-29,6.2,,'; printf 'T-beds,2024-03-31,6.3,\377\376,\n'; } > utf8.csv
rejected utf8.csv 3 "field 4 is not valid UTF-8 text" "invalid UTF-8"
{ echo "$hdr"; printf 'T-beds\000x,2024-03-31,6.3,,\n'; } > nulid.csv
rejected nulid.csv 2 "field 1 is not valid UTF-8 text" "a NUL byte in an id"

# Numbers and dates.
{ echo "$hdr"; echo 'T-beds,2024-02-29,6.2,,'; echo 'T-beds,2024-03-31,1e999,,'; } > inf.csv
rejected inf.csv 3 "'1e999' is not a number" "1e999"
{ echo "$hdr"; echo 'T-beds,2024-03-31,NaN,,'; echo 'T-wait,2024-03-31,nan,,'; } > nan.csv
rejected nan.csv 2 "'NaN' is not a number" "NaN"
has "$err" "nan.csv:3: error: 'nan' is not a number" "and every bad row is reported"
{ echo "$hdr"; echo 'T-beds,2024-03-31,-inf,,'; echo 'T-beds,2024-04-30,0x10,,'; } > inf2.csv
rejected inf2.csv 2 "'-inf' is not a number" "-inf"
{ echo "$hdr"; echo 'M-plan,2024-03-31,1e999,,'; } > pinf.csv
rejected pinf.csv 2 "'1e999' is not a percent" "1e999 as progress"
{ echo "$hdr"; echo 'T-beds,2024-02-30,1,,'; } > date.csv
rejected date.csv 2 "invalid date '2024-02-30'" "an impossible date"
{ echo "$hdr"; echo 'T-beds,2024-13-01,1,,'; } > month.csv
rejected month.csv 2 "invalid date '2024-13-01'" "month 13"
{ echo "$hdr"; echo 'T-beds,99999-01-01,1,,'; } > year.csv
rejected year.csv 2 "invalid date '99999-01-01'" "a five-digit year"
{ echo "$hdr"; echo 'T-beds,2030-01-01,1,,'; } > future.csv
rejected future.csv 2 "date 2030-01-01 is in the future" "a date after today"

# A 1 MB line: a 1 MB id is refused, a 1 MB note is stored whole.
{ echo "$hdr"; printf 'T-'; head -c 1000000 /dev/zero | tr '\0' x; echo ',2024-03-31,1,,'; } > longid.csv
rejected longid.csv 2 "unknown id 'T-xxx" "a 1 MB id"
{ echo "$hdr"; printf 'T-beds,2024-04-30,7,'; head -c 1000000 /dev/zero | tr '\0' y; echo ','; } > longnote.csv
bounded 20 "$PLANWATCH" import longnote.csv $TODAY
is "$rc" 0 "a 1 MB note is imported"
is "$(( kb < maxrss ))" 1 "a 1 MB note: peak memory ${kb} KiB under ${maxrss}"
is "$(sqlite3 plan.db "SELECT length(note) FROM events WHERE asof = '2024-04-30'")" \
    1000000 "the 1 MB note is stored whole"
bounded 20 "$PLANWATCH" log T-beds $TODAY
is "$rc" 0 "log shows the 1 MB note"
is "$(( kb < maxrss ))" 1 "log of a 1 MB note: peak memory ${kb} KiB under ${maxrss}"
# 10,000 bad rows: every one reported, promptly, nothing written.
awk -v h="$hdr" 'BEGIN { print h; for (i = 0; i < 10000; i++)
    print "T-beds,2024-02-30," i ",," }' > many.csv
rejected many.csv 10001 "invalid date '2024-02-30'" "10,000 bad rows"
is "$(grep -c 'error: invalid date' "$T/.err")" 10000 "each of them reported"
# An unterminated quote runs to the end of the file and is one error.
{ echo "$hdr"; printf 'T-beds,2024-03-31,1,"no end\n'; head -c 1000000 /dev/zero | tr '\0' '\n'; } > quote.csv
rejected quote.csv 2 "unterminated quoted field" "an unterminated quote"

# Text that is accepted is stored exactly and shown escaped.
esc=$(printf 'clear\033[2J osc\033]52;c;cHduZWQ=\007 bidi\342\200\256dcba\342\200\254 csi\302\233x')
sql="x'); DROP TABLE events; --"
fmt='%s%n%x%p%%'
{
	echo "$hdr"
	printf 'T-wait,2024-05-31,18,"%s",src\n' "$esc"
	printf 'T-wait,2024-06-30,17,"%s","%s"\n' "$(printf '%s' "$sql" | sed 's/"/""/g')" "$fmt"
	printf 'T-wait,2024-07-31,16,"%s","中文 注释"\n' "$fmt"
} > text.csv
run "$PLANWATCH" import text.csv $TODAY
is "$rc" 0 "escapes, SQL and formats in notes are imported"
is "$(sqlite3 plan.db "SELECT note FROM events WHERE asof = '2024-05-31'")" "$esc" \
    "ESC [2J, OSC 52 and bidi overrides are stored exactly"
is "$(sqlite3 plan.db "SELECT note FROM events WHERE asof = '2024-06-30'")" "$sql" \
    "SQL-looking text is stored exactly"
is "$(sqlite3 plan.db "SELECT source FROM events WHERE asof = '2024-06-30'")" "$fmt" \
    "printf formats are stored exactly"
is "$(sqlite3 plan.db 'PRAGMA integrity_check')" ok "the database is intact"

run "$PLANWATCH" record T-wait 15 --date 2024-08-31 --note "$esc" \
    --source "$fmt" $TODAY
is "$rc" 0 "record takes the same text"
is "$(sqlite3 plan.db "SELECT note FROM events WHERE asof = '2024-08-31'")" "$esc" \
    "and stores it exactly"
run "$PLANWATCH" record "$esc" 1 $TODAY
is "$rc" 1 "an id with escapes is refused"
has "$err" 'clear\x1b[2J' "and shown escaped"

rawesc=$(printf '\033')
rawbidi=$(printf '\342\200\256')
rawcsi=$(printf '\302\233')
for f in text csv json; do
	run "$PLANWATCH" log --format $f $TODAY
	is "$rc" 0 "log --format $f works"
	has "$out" "$fmt" "log --format $f shows printf formats literally"
	hasnt "$out" "$rawesc" "log --format $f: no raw ESC"
	hasnt "$out" "$rawbidi" "log --format $f: no raw bidi override"
	hasnt "$out" "$rawcsi" "log --format $f: no raw C1 CSI"
done
run "$PLANWATCH" log T-wait $TODAY
has "$out" 'clear\x1b[2J' "log shows ESC as \\x1b"
has "$out" '\u202e' "log shows the bidi override as \\u202e"
for c in status check; do
	run "$PLANWATCH" $c $TODAY
	hasnt "$out$err" "$rawesc" "$c: no raw ESC"
	hasnt "$out$err" "$rawbidi" "$c: no raw bidi override"
done
run "$PLANWATCH" import "$(printf 'bad\033[2J.csv')" $TODAY
is "$rc" 1 "a missing file with escapes in its name"
hasnt "$err" "$rawesc" "its name is shown escaped"
finish
