#!/bin/sh
# t7007: reads work on a full disk.  A database at rest (no -wal or -shm
# beside it) on a full file system: check, status, log and export read it
# as usual, and leave no -wal or -shm behind (SQLite could create them
# but not size the -shm, and failed with "disk I/O error").  The file
# system is a small tmpfs mounted for the test and unmounted at its end,
# whatever happens.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1

if [ "$(id -u)" != 0 ]; then
	skip "full disk" "mounting a tmpfs needs root"
	finish
fi
M=$(mktemp -d)
trap 'umount "$M" 2> /dev/null; rmdir "$M"; rm -rf "$T"' EXIT
trap 'exit 143' HUP INT TERM
if ! mount -t tmpfs -o size=256k tmpfs "$M" 2> /dev/null; then
	skip "full disk" "cannot mount a tmpfs here"
	finish
fi
pw() { run "$PLANWATCH" -f plan.yaml -d "$M/p.db" --today 2024-06-15 "$@"; }

pw record T-beds 5 --date 2024-06-01 --note 满盘之前
is "$rc" 0 "a record while there is room"
pw done M-plan --date 2024-06-02
is "$(ls "$M")" "p.db" "the database rests: no -wal or -shm beside it"
dd if=/dev/zero of="$M/fill" bs=4k 2> /dev/null
is "$(df -P "$M" | awk 'NR == 2 { print $4 }')" 0 "the file system is full"

pw check
is "$rc" 2 "check reads it (CRITICAL, as the plan is)"
has "$out" "'T-beds'=5;" "with the value recorded"
hasnt "$out" "UNKNOWN" "not UNKNOWN"
is "$(ls "$M" | tr '\n' ' ')" "fill p.db " "check leaves nothing beside it"
pw status
is "$rc" 0 "status reads it"
has "$out" "记录测试计划" "and shows the plan"
pw log
is "$rc" 0 "log reads it"
has "$out" "满盘之前" "with the note recorded"
pw export
is "$rc" 0 "export reads it"
has "$out" "M-plan,2024-06-02,done" "with the completion"
is "$(ls "$M" | tr '\n' ' ')" "fill p.db " "no -wal or -shm is left behind"

# A write still fails, saying why, and the reads go on afterwards.
pw record T-beds 6 --date 2024-06-03
ok "a record on the full disk fails" test "$rc" -ne 0
has "$err" "No space left on device" "saying the disk is full"
pw check
is "$rc" 2 "check still reads it after the failed write"
is "$(sqlite3 "file:$M/p.db?immutable=1" 'SELECT count(*) FROM events')" 2 \
    "the database holds the two records"
finish
