#!/bin/sh
# t4007: -o naming a pipe (as /dev/null or /dev/stdout would be a device)
# is written in place, never replaced by a renamed file; backup refuses a
# destination that is not a regular file.  A FIFO stands in for a device,
# so that a regression cannot break the machine's /dev/null.
. "$PW_TOP/tests/lib.sh"
G=$PW_TOP/tests/golden
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/plan.db" --today 2026-11-25 "$@"; }

# reader FILE: copies the FIFO to FILE in the background until the writer
# closes it (or 10 seconds pass with none, should a writer never open it).
reader() { timeout 10 cat "$T/fifo" > "$1" & }

mkfifo "$T/fifo" || { skip "mkfifo not available"; finish; }
"$PLANWATCH" -f "$G/plan.yaml" -d "$T/plan.db" record T-visits 1 \
    --date 2026-11-01 > /dev/null 2>&1

for cmd in "report --format text" "report --format html" "notice" "ics" \
    "export" "export --format json"; do
	reader "$T/got"
	run pw $cmd -o "$T/fifo"
	wait
	is "$rc" 0 "$cmd -o FIFO exits 0"
	ok "$cmd: the FIFO is still a FIFO" test -p "$T/fifo"
	ok "$cmd: its reader got the output" test -s "$T/got"
done
ok "nothing left beside the FIFO" test "$(ls "$T" | grep -c tmp)" -eq 0

run pw backup "$T/fifo"
is "$rc" 1 "backup to a FIFO is refused"
has "$err" "not a regular file" "and says why"
ok "the FIFO is left alone" test -p "$T/fifo"

mkdir "$T/dir"
run pw report -o "$T/dir"
is "$rc" 1 "report -o a directory fails"
has "$err" "dir" "naming it"
ok "the directory is left alone" test -d "$T/dir"
finish
