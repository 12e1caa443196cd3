#!/bin/sh
# t2200-log-backup.sh: log and its filters and formats, backup, databases
# planwatch must refuse (another program's, newer, damaged), and read-only
# files and directories: writes fail clearly, reads work.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

pw log
is "$out" "nothing recorded" "log of a missing database"
ok "log never creates the database" test ! -e plan.db
pw record T-beds 5 --date 2024-03-01
pw record T-beds 6 --date 2024-04-01 --note 备注
pw record T-beds 6.5 --date 2024-04-01 --by 王五
pw done M-report@2024-03 --date 2024-03-31
pw done M-report@2024-04 --date 2024-04-30
pw log
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 6 "log: a header and every record"
has "$(printf '%s\n' "$out" | sed -n 2p)" "M-report@2024-04" "newest first"
has "$out" "superseded" "the superseded record is marked"
pw log M-report
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "an id matches its instances"
pw log --since 2024-04-01 --until 2024-04-30 --format json
is "$(printf '%s' "$out" | jq length)" 3 "--since and --until filter by as-of date"
is "$(printf '%s' "$out" | jq '[.[] | select(.superseded)] | length')" 1 "JSON marks superseded"
pw log --format csv
has "$out" "seq,recorded,by,kind,id,date,value,note,source,superseded" "CSV header"
pw log --format xml
is "$rc" 2 "an unknown format is a usage error"
pw log --limit 2 --format json
is "$(printf '%s' "$out" | jq length)" 2 "--limit"
# The recorder, in Chinese, is shown.
pw log T-beds
has "$out" "王五" "the recorder is shown"

# Backup: a consistent copy.
pw backup copy.db
is "$rc" 0 "backup exits 0"
is "$(sqlite3 copy.db 'PRAGMA integrity_check')" ok "the copy is sound"
is "$(sqlite3 copy.db 'SELECT count(*) FROM events')" 5 "the copy has every record"
pw -d copy.db export
a=$out
pw export
is "$a" "$out" "the copy exports the same"
pw backup plan.db
is "$rc" 1 "backup onto the database itself is refused"
pw backup nodir/copy.db
is "$rc" 1 "backup into a missing directory fails"
pw -d none.db backup x.db
has "$err" "no database to back up" "backup of a missing database"

# Databases that are not ours, newer, or damaged.
sqlite3 other.db 'CREATE TABLE t (x)'
pw -d other.db record T-beds 1
is "$rc" 1 "another program's database is refused"
has "$err" "other.db: not a planwatch database" "naming the file"
is "$(sqlite3 other.db 'SELECT count(*) FROM sqlite_master')" 1 "and left alone"
cp plan.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 7'
pw -d newer.db log
has "$err" "newer.db: database was written by a newer planwatch (schema 7); this one knows up to 6" "a newer schema is refused"
pw -d newer.db record T-beds 1
is "$rc" 1 "and never written"
head -c 4096 /dev/urandom > junk.db
pw -d junk.db export
is "$rc" 1 "a file that is not SQLite fails"
has "$err" "junk.db" "naming the file"
cp plan.db damaged.db
sqlite3 damaged.db 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
size=$(wc -c < damaged.db)
dd if=/dev/urandom of=damaged.db bs=1 seek=2048 count=$((size - 2048)) conv=notrunc 2>/dev/null
pw -d damaged.db export
is "$rc" 1 "a damaged database fails"
has "$err" "damaged.db" "naming the file"

# Read-only file and read-only directory (as an ordinary user under root).
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv > /dev/null; then
	skip "read-only" "running as root without setpriv"
else
	mkdir ro
	cp plan.yaml ro/
	"$PLANWATCH" -f ro/plan.yaml --today 2024-06-15 record T-beds 5 > /dev/null
	chmod 755 "$T"
	chmod -R a+rX ro
	chmod 444 ro/plan.db
	as_user "$PLANWATCH" -f ro/plan.yaml --today 2024-06-15 record T-beds 6 > ro.out 2> ro.err
	is "$?" 1 "a read-only database: record fails"
	has "$(cat ro.err)" "plan.db: cannot write" "with a clear message"
	as_user "$PLANWATCH" -f ro/plan.yaml export > ro.out 2> ro.err
	is "$?" 0 "a read-only database: export works"
	has "$(cat ro.out)" "T-beds,2024-06-15,5" "and reads the data"
	chmod 555 ro
	as_user "$PLANWATCH" -f ro/plan.yaml log > ro.out 2> ro.err
	is "$?" 0 "a read-only directory: log works"
	has "$(cat ro.out)" "T-beds" "and reads the data"
	as_user "$PLANWATCH" -f ro/plan.yaml export > ro.out 2> ro.err
	is "$?" 0 "a read-only directory: export works"
	as_user "$PLANWATCH" -f ro/plan.yaml --today 2024-06-15 import /dev/null > ro.out 2> ro.err
	is "$?" 1 "a read-only directory: import fails"
	chmod 755 ro
	chmod 644 ro/plan.db
fi

# A full disk: a tiny tmpfs when we may mount one (room for a new
# database, its WAL and -shm, and a few imports).
if [ "$(id -u)" = 0 ] && mkdir full && mount -t tmpfs -o size=128k tmpfs full 2> /dev/null; then
	cp plan.yaml full/
	i=0
	while [ $i -lt 200 ]; do
		printf 'id,date,value,note\n' > big.csv
		j=0
		while [ $j -lt 50 ]; do
			echo "T-beds,2024-05-0$((j % 9 + 1)),$i.$j,$(printf '%0200d' 0)" >> big.csv
			j=$((j + 1))
		done
		"$PLANWATCH" -f full/plan.yaml --today 2024-06-15 import big.csv > full.out 2> full.err || break
		i=$((i + 1))
	done
	has "$(cat full.err)" "full" "a full disk: the import fails saying so"
	is "$(sqlite3 full/plan.db 'PRAGMA integrity_check')" ok "and the database is sound"
	is "$(sqlite3 full/plan.db 'SELECT count(*) % 50 FROM events')" 0 "holding whole imports only"
	"$PLANWATCH" -f full/plan.yaml export > /dev/null
	is "$?" 0 "reads still work"
	umount full
else
	skip "disk full" "cannot mount a small tmpfs here"
fi
finish
