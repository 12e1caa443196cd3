#!/bin/sh
# t7010: a CSV file that another program truncates or rewrites while
# `planwatch import` reads it is an error with a message and nothing is
# imported; never SIGBUS (the file was mapped: the truncated pages raised
# it, exit 135, no message).
#
# Deterministic: the database is held locked by sqlite3 while import runs,
# so import waits in the middle (the file read, the header checked, the
# database open, the rows not yet written); the file is changed then, and
# the lock released.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cp "$PW_TOP/tests/data/store/plan.yaml" plan.yaml
TODAY=--today=2025-01-01

# wait_for DESC CMD...: until CMD succeeds, at most about 30 s; a hang
# guard, not a timing assertion.
wait_for() {
	_d=$1; shift
	_i=0
	while ! "$@" 2> /dev/null; do
		_i=$((_i + 1))
		if [ $_i -gt 600 ]; then
			_report 0 "$_d" "never happened: $*"
			return 1
		fi
		sleep 0.05
	done
}
locked() {	# another writer cannot start
	! sqlite3 plan.db 'PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK' \
	    > /dev/null 2>&1
}
has_db_open() {	# pid: the process has plan.db open
	ls -l "/proc/$1/fd" | grep -q '/plan\.db$'
}
events() {
	sqlite3 plan.db 'SELECT count(*) FROM events'
}

# 732 rows with notes (about 60 KB, many pages of the file).
{
	echo "id,date,value,note"
	i=0
	while [ $i -lt 366 ]; do
		d=$(date -d "2024-01-01 + $i day" +%F)
		echo "T-beds,$d,$i,第 $i 行：按月报送的床位数，含新建院区"
		echo "T-wait,$d,$i,第 $i 行：门诊平均候诊时间，含预约挂号"
		i=$((i + 1))
	done
} > rows.csv
cp rows.csv rows.orig
run "$PLANWATCH" record T-emr 三级 --date 2024-01-01 $TODAY
is "$rc" 0 "the database exists"

# import_during DESC ACTION: import rows.csv while the database is locked,
# run ACTION once import has it open, then release the lock; sets rc, out,
# err.
import_during() {
	cp rows.orig rows.csv
	# The locker is tried up to three times: a CI run once saw it not
	# take the lock within 30 s (its messages go to $T/.sq).
	_try=1
	while :; do
		rm -f ctl
		mkfifo ctl
		sqlite3 plan.db < ctl > "$T/.sq" 2>&1 &
		_sq=$!
		exec 3> ctl
		echo "BEGIN IMMEDIATE;" >&3
		if [ $_try -ge 3 ]; then
			wait_for "$1: the lock is taken" locked
			break
		fi
		_i=0
		while ! locked && [ $_i -lt 200 ]; do
			_i=$((_i + 1))
			sleep 0.05
		done
		locked && break
		echo "# $1: the locker took no lock: $(cat "$T/.sq")"
		exec 3>&-
		wait $_sq
		_try=$((_try + 1))
	done
	"$PLANWATCH" import rows.csv $TODAY < /dev/null > "$T/.out" \
	    2> "$T/.err" &
	_im=$!
	wait_for "$1: import has the database open" has_db_open $_im
	eval "$2"
	echo "COMMIT;" >&3
	exec 3>&-
	wait $_im
	rc=$?
	wait $_sq
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

before=$(events)
import_during "truncated" "truncate -s 0 rows.csv"
is "$rc" 1 "truncated to 0 during import: exit 1, not SIGBUS (135)"
is "$err" "planwatch: rows.csv: the file changed while it was imported; \
nothing imported" "truncated: says so"
is "$(events)" "$before" "truncated: nothing imported"

import_during "cut" "truncate -s 1000 rows.csv"
is "$rc" 1 "cut to 1000 bytes during import: exit 1"
has "$err" "the file changed while it was imported" "cut: says so"
is "$(events)" "$before" "cut: nothing imported"

# Rewritten in place to the same size: the rows read are not what the file
# holds now.
import_during "rewritten" \
    "sed 's/第/弟/' rows.orig | dd of=rows.csv conv=notrunc status=none"
is "$rc" 1 "rewritten in place during import: exit 1"
has "$err" "the file changed while it was imported" "rewritten: says so"
is "$(events)" "$before" "rewritten: nothing imported"

# Unchanged, the same wait imports every row.
import_during "unchanged" ":"
is "$rc" 0 "unchanged: imported after the wait"
is "$out" "imported 732 records from rows.csv" "unchanged: every row"
is "$(events)" "$((before + 732))" "unchanged: stored"

finish
