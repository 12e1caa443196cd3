#!/bin/sh
# run.sh: the planwatch benchmark (make bench).
#
# Builds planwatch (release flags, its own build directory), the generator
# and the floor programs; generates the plan at 1/100, 1/10 and full
# (province) scale; imports the values into a fresh database per scale; then
# measures every command and its floor as the median of several whole-process
# runs (wall time, peak RSS from wait4), and prints a Markdown table to
# standard output, also saved with the machine's description in
# bench/RESULTS.md.  Commands planwatch does not have yet are shown as n/a.
#
# Knobs (environment):
#   BENCH_BUILD   build directory (default build-bench)
#   BENCH_RUNS    runs per measurement (default 5; 3 for the slow ones)
#   BENCH_ROUNDS  rounds of the floors, validate, status and check, each
#                 round running each once (default 9)
#   BENCH_SCALES  scale divisors to run (default "100 10 1")
#   BENCH_KEEP    set to 1 to keep the work directory (its path is printed)
#   BENCH_TREE    "head": build the last commit instead of the working tree
#   BENCH_OUT     where to save the results (default bench/RESULTS.md;
#                 empty: do not save)
set -u
LC_ALL=C.UTF-8
export LC_ALL
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
BUILD=${BENCH_BUILD:-build-bench}
RUNS=${BENCH_RUNS:-5}
ROUNDS=${BENCH_ROUNDS:-9}
SCALES=${BENCH_SCALES:-"100 10 1"}
OUT=${BENCH_OUT-bench/RESULTS.md}
TODAY=2025-12-31	# the as-of date gen.c writes its data for
SEED=20240109

WORK=$(mktemp -d "${TMPDIR:-/tmp}/planwatch-bench.XXXXXX") || exit 1
TMUX_SOCK=pwbench$$
# planwatch keeps parsed plans and the facts it read of a database in its
# cache (planwatch(1), FILES): the bench's own, never the user's.  status
# and check are measured with both kept (nothing changed since the last
# run, as under cron), after an edit of the plan (a comment added before
# each run: the plan parsed, the facts kept), after a record (one made
# before each run: the facts read, the plan kept), and with no cache at
# all (PLANWATCH_CACHE=).
PLANWATCH_CACHE=$WORK/cache
export PLANWATCH_CACHE
cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: work directory kept: $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "bench: $*" >&2; }
die() { say "$*"; exit 1; }

# --- Build ------------------------------------------------------------------
# BENCH_TREE=head builds the last commit (from git archive) instead of the
# working tree, so work in progress elsewhere cannot break or skew the run.
SRC=$ROOT
if [ "${BENCH_TREE:-}" = head ]; then
	# Objects of the working tree must not mix with the commit's.
	BUILD=${BENCH_BUILD:-build-bench-head}
	SRC=$WORK/src
	mkdir -p "$SRC" && git archive HEAD | tar -x -C "$SRC" ||
	    die "cannot export HEAD"
fi
say "building planwatch in $BUILD"
make --no-print-directory -C "$SRC" BUILD="$ROOT/$BUILD" \
    CFLAGS="-O2 -g -DNDEBUG" all >"$WORK/make.log" 2>&1 ||
    { tail -20 "$WORK/make.log" >&2; die "build failed"; }
PW=$ROOT/$BUILD/planwatch
B=$ROOT/$BUILD/bench
mkdir -p "$B"
CFL="-std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Wall -Wextra"
PKGS="ncursesw sqlite3 yaml-0.1"
cc $CFL -o "$B/gen" bench/gen.c &&
cc $CFL -o "$B/measure" bench/measure.c &&
cc $CFL $(pkg-config --cflags yaml-0.1) -o "$B/yamlparse" bench/yamlparse.c \
    $(pkg-config --libs yaml-0.1) &&
cc $CFL $(pkg-config --cflags $PKGS) -o "$B/startup" bench/startup.c \
    $(pkg-config --libs $PKGS) || die "cannot build the bench programs"

HAVE_TASK=0
command -v task >/dev/null 2>&1 && HAVE_TASK=1
HAVE_SQLITE=0
command -v sqlite3 >/dev/null 2>&1 && HAVE_SQLITE=1

RES=$WORK/results.tsv
: >"$RES"

# rec SCALE KEY MS KIB STATUS [NOTE [CPUMS]]: one result line.
rec() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
	    "${6:-}" "${7:--}" >>"$RES"
}

# meas SCALE KEY OKMAX RUNS [measure options] -- CMD...: measure and record.
# An exit status above OKMAX is recorded as a failure, with the first line
# of the command's standard error.
# MEAS_ENV: NAME=VALUE words for the environment of measure and so of the
# command (env adds no process to what is timed).
MEAS_ENV=
meas() {
	_s=$1 _k=$2 _ok=$3 _n=$4
	shift 4
	# shellcheck disable=SC2086
	_r=$(env $MEAS_ENV "$B/measure" -n "$_n" -e "$WORK/err" "$@") ||
	    { rec "$_s" "$_k" - - "fail" "measure failed"; return 1; }
	set -- $_r
	if [ "$3" -gt "$_ok" ]; then
		rec "$_s" "$_k" "$1" "$2" "fail:$3" \
		    "$(head -c 300 "$WORK/err" | head -1)" "$4"
		return 1
	fi
	rec "$_s" "$_k" "$1" "$2" ok "" "$4"
}

# Does planwatch have this command yet?
have() { "$PW" help "$1" >/dev/null 2>&1; }

# numeric_target PLAN: the id of the plan's first target measured in
# numbers (not on a scale of levels), which a record of 1 fits.
numeric_target() {
	awk '/^  - id: T/ { if (t != "" && !scale) { print t; exit }
			t = $3; scale = 0 }
	     t != "" && /^    scale:/ { scale = 1 }
	     END { if (t != "" && !scale) print t }' "$1" | head -n 1
}

# record_one PLAN DB: a record, so that what a review read of the
# database is read again.
record_one() {
	"$PW" -f "$1" -d "$2" --today "$TODAY" record "$(numeric_target "$1")" \
	    1 --date "$TODAY" --by bench >/dev/null 2>&1
}

# The import floor: the sqlite3 shell reads the CSV (.import, one prepared
# statement) and inserts the same rows with the same columns planwatch fills
# into the store's events table, index in place, in one transaction.  (A
# file of 550,000 INSERT statements would take about 4x longer, compiling
# the table's CHECK constraints once per statement: not a floor.)
insert_sql() {
	cat <<EOF
PRAGMA temp_store = MEMORY;
CREATE TEMP TABLE csv (id TEXT, date TEXT, value TEXT, note TEXT, source TEXT);
.import --csv --skip 1 '$1' csv
BEGIN;
INSERT INTO events (kind, item, asof, value, level, note, source,
                    recorded_by, recorded)
SELECT CASE WHEN id GLOB 'T*' THEN 'value'
            WHEN value = 'done' THEN 'done' ELSE 'progress' END,
       id, date,
       CASE WHEN value = 'done' OR value GLOB '*[^0-9.-]*' THEN NULL
            ELSE CAST(value AS REAL) END,
       CASE WHEN id GLOB 'T*' AND value GLOB '*[^0-9.-]*' THEN value END,
       nullif(note, ''), nullif(source, ''), 'bench', '${TODAY}T00:00:00Z'
FROM csv;
COMMIT;
EOF
}

# "Latest value per target as of D": one index seek per target.
latest_sql() {
	cat <<EOF
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $1 - 1)
SELECT id, (SELECT coalesce(level, value) FROM events
            WHERE item = id AND kind = 'value' AND superseded_by IS NULL
              AND asof <= '$TODAY'
            ORDER BY asof DESC, seq DESC LIMIT 1)
FROM (SELECT printf('T%04d', i) AS id FROM n);
EOF
}

# The same answer from a scan of the whole table (for comparison only).
groupby_sql() {
	cat <<EOF
SELECT e.item, coalesce(e.level, e.value) FROM events e
JOIN (SELECT item, max(asof) AS m FROM events
      WHERE kind = 'value' AND superseded_by IS NULL AND asof <= '$TODAY'
      GROUP BY item) l ON e.item = l.item AND e.asof = l.m
WHERE e.kind = 'value' AND e.superseded_by IS NULL;
EOF
}

# percentile_ms FILE P: the Pth percentile (50: the median) of FILE's
# microseconds, sorted one a line, in milliseconds (nearest rank).
percentile_ms() {
	awk -v n="$(wc -l <"$1")" -v p="$2" 'BEGIN {
		r = p == 50 ? int((n + 1) / 2) : int(n * p / 100 + 0.999)
		if (r < 1) r = 1 }
	    NR == r { print $1 / 1000 }' "$1"
}

# review_session PLAN DB LOG: one review session in a detached tmux, the
# keys below sent to it, PLANWATCH_KEYLOG=LOG.
review_session() {
	# TERM names what tmux is: with xterm-256color, curses does not know
	# tmux's End and Home (ESC [ 4 ~, ESC [ 1 ~) and reads them as four
	# keys, the 4 switching the view.
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -x 160 -y 50 \
	    "env TERM=tmux-256color PLANWATCH_KEYLOG=$3 '$PW' -f '$1' -d '$2' --today $TODAY review; sleep 1"
	sleep 2
	# Scroll, page down, jump to the end and back, switch view, search.
	for k in j j j j j j j j j j NPage NPage NPage NPage End Home \
	    k k k k k Tab Tab Tab j j j NPage Tab /; do
		tmux -L "$TMUX_SOCK" send-keys "$k"
		sleep 0.05
	done
	tmux -L "$TMUX_SOCK" send-keys -l "医共体"
	tmux -L "$TMUX_SOCK" send-keys Enter
	sleep 0.3
	for k in n n n n n j j j j j NPage End q; do
		tmux -L "$TMUX_SOCK" send-keys "$k"
		sleep 0.05
	done
	sleep 1
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
}

# The curses review in a detached tmux: PLANWATCH_KEYLOG makes planwatch log
# the first complete screen and every handled key, with microseconds.
review() {
	_s=$1 _plan=$2 _db=$3
	if ! have review; then
		rec "$_s" review_first - - na
		return
	fi
	if ! command -v tmux >/dev/null 2>&1; then
		rec "$_s" review_first - - na "tmux not installed"
		return
	fi
	# First three sessions each after a record (the first review after
	# one: the facts read from the database), timing only the first
	# screen; the last fills the cache the sessions after it read.
	: >"$WORK/first.cold"
	for _run in 1 2 3; do
		_log=$WORK/keylog.$_s.cold$_run
		rm -f "$_log"
		record_one "$_plan" "$_db"
		tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -x 160 -y 50 \
		    "env TERM=tmux-256color PLANWATCH_KEYLOG=$_log '$PW' -f '$_plan' -d '$_db' --today $TODAY review; sleep 1"
		sleep 2
		tmux -L "$TMUX_SOCK" send-keys q
		sleep 1
		tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
		awk '$1 ~ /^(first|screen|start)/ { print $NF; exit }' \
		    "$_log" >>"$WORK/first.cold" 2>/dev/null
	done
	_first=$(sort -n "$WORK/first.cold" | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2] / 1000
		else if (NR > 0) print (v[NR / 2] + v[NR / 2 + 1]) / 2000 }')
	if [ -n "$_first" ]; then
		rec "$_s" review_first_facts "$_first" - ok \
		    "as logged, median of $(wc -l <"$WORK/first.cold") sessions, with the facts read from the database"
	else
		rec "$_s" review_first_facts - - pending "no first-screen line in the log"
	fi
	# Then three sessions (nothing changed since: the caches are read),
	# keys from all three: one busy moment of a shared machine is then
	# one key of many, and the first screen a median.
	_log=$WORK/keylog.$_s
	rm -f "$_log"
	for _run in 1 2 3; do
		review_session "$_plan" "$_db" "$_log.$_run"
		[ -s "$_log.$_run" ] && cat "$_log.$_run" >>"$_log"
	done
	if [ ! -s "$_log" ]; then
		rec "$_s" review_first - - pending "PLANWATCH_KEYLOG not written"
		return
	fi
	cp "$_log" "$WORK/keylog.last"
	# Lines whose first word is "first" (or "screen") time the first
	# complete screen; the others are keys.  The last field is
	# microseconds.
	awk '{ us = $NF + 0 }
	    $1 ~ /^(first|screen|start)/ { print us > "/dev/stderr"; next }
	    { print us }' "$_log" 2>"$WORK/first" | sort -n >"$WORK/keys"
	_first=$(sort -n "$WORK/first" | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2] / 1000
		else if (NR > 0) print (v[NR / 2] + v[NR / 2 + 1]) / 2000 }')
	if [ -n "$_first" ]; then
		rec "$_s" review_first "$_first" - ok \
		    "as logged, median of $(wc -l <"$WORK/first") sessions: from the start of main() (plan and facts loaded, screen drawn)"
	else
		rec "$_s" review_first - - pending "no first-screen line in the log"
	fi
	_nk=$(wc -l <"$WORK/keys")
	if [ "$_nk" -gt 0 ]; then
		_p50=$(percentile_ms "$WORK/keys" 50)
		_p99=$(percentile_ms "$WORK/keys" 99)
		# Per kind of key (the log's curses key name), in the order
		# first pressed: count, median and slowest, in ms.
		_by=$(awk '$1 !~ /^(first|screen|start)/ {
			k = $1; if (!(k in n)) order[++nk] = k
			v[k, ++n[k]] = $NF / 1000 }
		    END { for (i = 1; i <= nk; i++) { k = order[i]; m = n[k]
			for (a = 2; a <= m; a++) for (b = a; b > 1 &&
			    v[k, b - 1] > v[k, b]; b--) { x = v[k, b]
				v[k, b] = v[k, b - 1]; v[k, b - 1] = x }
			printf "%s%s x%d %.2f/%.2f", (i > 1 ? ", " : ""), k, m,
			    v[k, int((m + 1) / 2)], v[k, m] } }' "$_log")
		say "review keys (name xcount median/max ms): $_by"
		rec "$_s" review_key_p50 "$_p50" - ok "$_nk keys"
		rec "$_s" review_key_p99 "$_p99" - ok \
		    "$_nk keys; by key, median/max ms: $_by"
		# The same keys in processor time (the log's next-to-last
		# field): planwatch's own work, without the waits for tmux
		# to read the screen and for a processor the machine's other
		# work holds.
		awk '$1 !~ /^(first|screen|start)/ && NF >= 3 { print $(NF - 1) }' \
		    "$_log" | sort -n >"$WORK/keycpu"
		_nc=$(wc -l <"$WORK/keycpu")
		if [ "$_nc" -gt 0 ]; then
			rec "$_s" review_cpu_p50 \
			    "$(percentile_ms "$WORK/keycpu" 50)" - ok "$_nc keys"
			rec "$_s" review_cpu_p99 \
			    "$(percentile_ms "$WORK/keycpu" 99)" - ok \
			    "$_nc keys; processor time, as logged"
		fi
	fi
}

# --- Measure each scale -------------------------------------------------------
for s in $SCALES; do
	D=$WORK/s$s
	mkdir -p "$D"
	say "1/$s scale: generating"
	"$B/gen" -s "$s" -r "$SEED" -t "$D" >&2 || die "gen failed"
	P=$D/plan.yaml
	CSV=$D/values.csv
	# The same rows in date order, as weekly reports arrive (gen writes
	# them by id): import must stay linear in either order.
	CSVD=$D/values-date.csv
	{ head -1 "$CSV"; tail -n +2 "$CSV" | sort -s -t, -k2,2; } >"$CSVD"
	DB=$D/plan.db
	rec "$s" planbytes "$(wc -c <"$P")" - ok
	rec "$s" csvrows "$(($(wc -l <"$CSV") - 1))" - ok
	ntg=$((2000 / s))
	runs=$RUNS
	slow=$RUNS
	[ "$s" -le 10 ] && [ "$RUNS" -gt 3 ] && slow=3
	cat "$P" "$CSV" >/dev/null

	say "1/$s scale: planwatch"
	# import's first run makes the database the rest reads; its other runs
	# alternate with its floor's below, so both see the same machine.
	import_once() {
		meas "$s" import 0 1 -o /dev/null \
		    -b "rm -f '$DB' '$DB-wal' '$DB-shm'" -- "$PW" -f "$P" \
		    -d "$DB" --today "$TODAY" import "$CSVD"
		meas "$s" import_id 0 1 -o /dev/null \
		    -b "rm -f '$DB' '$DB-wal' '$DB-shm'" -- "$PW" -f "$P" \
		    -d "$DB" --today "$TODAY" import "$CSV"
	}
	if have import; then
		import_once
	else
		rec "$s" import - - na
	fi
	dbok=0
	if [ -s "$DB" ] && [ "$HAVE_SQLITE" = 1 ] &&
	    sqlite3 "$DB" .schema >"$D/schema.sql" 2>/dev/null &&
	    grep -q 'events' "$D/schema.sql"; then
		dbok=1
	fi
	[ "$dbok" = 1 ] && latest_sql "$ntg" >"$D/latest.sql"
	# The commands compared with the floors and the floors themselves, in
	# rounds: each round runs every one once, so that a machine busier
	# at one moment than another slows both sides of a ratio alike; the
	# table shows each one's median over the rounds.
	say "1/$s scale: floors and planwatch, $ROUNDS rounds"
	for c in validate status check; do
		have $c || rec "$s" $c - - na
		for v in _plan _facts _parsed; do
			have $c || [ $c = validate ] || rec "$s" $c$v - - na
		done
	done
	[ "$HAVE_TASK" = 1 ] || rec "$s" task - - na "taskwarrior not installed"
	RT=$(numeric_target "$P")
	r=0
	while [ "$r" -lt "$ROUNDS" ]; do
		r=$((r + 1))
		meas "$s" cat 0 1 -o /dev/null -- cat "$P"
		meas "$s" yamlparse 0 1 -o /dev/null -- "$B/yamlparse" "$P"
		meas "$s" startup 0 1 -o /dev/null -- "$B/startup"
		[ "$HAVE_TASK" = 1 ] && meas "$s" task 0 1 -o /dev/null -- \
		    env TASKRC="$D/task/taskrc" task +OVERDUE count
		[ "$dbok" = 1 ] && meas "$s" sql_latest 0 1 -i "$D/latest.sql" \
		    -o /dev/null -- sqlite3 -batch -readonly "$DB"
		have validate && meas "$s" validate 0 1 -o /dev/null -- \
		    "$PW" -f "$P" --today "$TODAY" validate
		# check's exit status is the worst status found (0..3).
		for c in status check; do
			have $c || continue
			meas "$s" $c 3 1 -o /dev/null -- "$PW" \
			    -f "$P" -d "$DB" --today "$TODAY" $c
			meas "$s" ${c}_plan 3 1 -o /dev/null \
			    -b "echo '# edited' >> '$P'" -- "$PW" \
			    -f "$P" -d "$DB" --today "$TODAY" $c
			meas "$s" ${c}_facts 3 1 -o /dev/null \
			    -b "'$PW' -f '$P' -d '$DB' --today $TODAY record \
			    $RT 1 --date $TODAY --by bench >/dev/null" -- \
			    "$PW" -f "$P" -d "$DB" --today "$TODAY" $c
			MEAS_ENV="PLANWATCH_CACHE="
			meas "$s" ${c}_parsed 3 1 -o /dev/null -- "$PW" \
			    -f "$P" -d "$DB" --today "$TODAY" $c
			MEAS_ENV=
		done
	done
	if have report; then
		meas "$s" report_text 0 "$runs" -o /dev/null -- "$PW" -f "$P" \
		    -d "$DB" --today "$TODAY" --color never report --format text
		meas "$s" report_html 0 "$runs" -o /dev/null -- "$PW" -f "$P" \
		    -d "$DB" --today "$TODAY" report --format html
	else
		rec "$s" report_text - - na
		rec "$s" report_html - - na
	fi
	if have export; then
		meas "$s" export 0 "$runs" -o /dev/null -- "$PW" -f "$P" \
		    -d "$DB" --today "$TODAY" export
	else
		rec "$s" export - - na
	fi

	say "1/$s scale: sqlite3 floors"
	if [ "$dbok" = 1 ]; then
		groupby_sql >"$D/groupby.sql"
		meas "$s" sql_groupby 0 "$slow" -i "$D/groupby.sql" \
		    -o /dev/null -- sqlite3 -batch -readonly "$DB"
		insert_sql "$CSV" >"$D/insert.sql"
		insert_sql "$CSVD" >"$D/insert-date.sql"
		{ echo "PRAGMA journal_mode=WAL;"; cat "$D/schema.sql"; } \
		    >"$D/schema-wal.sql"
		F=$D/floor.db
		r=0
		while [ "$r" -lt "$slow" ]; do
			r=$((r + 1))
			meas "$s" sql_insert 0 1 -i "$D/insert.sql" -o /dev/null \
			    -b "rm -f '$F' '$F-wal' '$F-shm'; sqlite3 '$F' <'$D/schema-wal.sql' >/dev/null" \
			    -- sqlite3 -batch "$F"
			meas "$s" sql_insert_date 0 1 -i "$D/insert-date.sql" \
			    -o /dev/null \
			    -b "rm -f '$F' '$F-wal' '$F-shm'; sqlite3 '$F' <'$D/schema-wal.sql' >/dev/null" \
			    -- sqlite3 -batch "$F"
			[ "$r" -lt "$slow" ] && have import && import_once
		done
	else
		note="no database (needs planwatch import and the sqlite3 shell)"
		rec "$s" sql_latest - - na "$note"
		rec "$s" sql_groupby - - na "$note"
		rec "$s" sql_insert - - na "$note"
		rec "$s" sql_insert_date - - na "$note"
	fi
	# The review's per-key times matter on the largest plan.
	[ "$s" = 1 ] && review "$s" "$P" "$DB"
	[ "$s" = 1 ] && sh bench/pg.sh "$PW" "$B" "$D" "$TODAY" >"$WORK/pg.md"
done

# --- The table ----------------------------------------------------------------
table() {
	awk -F'\t' -v scales="$SCALES" '
	function have(s, k) { return ((s, k) in ms) && st[s, k] == "ok" && ms[s, k] != "-" }
	function f(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
	function mib(k) { return k == "-" || k == "" ? "" : sprintf("%.1f", k / 1024) }
	function shown(s, k) {
		if (!((s, k) in st) || st[s, k] == "na") return "| n/a | | |"
		if (st[s, k] == "pending") return "| pending | | |"
		if (st[s, k] ~ /^fail/) return "| " st[s, k] " | | |"
		return "| " f(ms[s, k]) " | " (cpu[s, k] == "-" ? "" : f(cpu[s, k])) " | " mib(kib[s, k]) " |"
	}
	function verdict(ok) { return ok ? "ok" : "**MISS**" }
	# row SCALE KEY LABEL FLOORMS FLOORLABEL BUDGET(ratio max) MEMCHECK FLOORCPU
	# Budgets are for the province (full) scale; smaller scales show the
	# ratios only.
	function row(s, k, label, fl, flabel, budget, memck, flcpu,   r, line, ratio, mem, lim) {
		line = "| " label " " shown(s, k)
		ratio = ""; mem = ""
		if (have(s, k) && fl > 0 && budget > 0) {
			r = ms[s, k] / fl
			ratio = sprintf("%.2fx %s", r, flabel)
			if (flcpu > 0 && cpu[s, k] != "-")
				ratio = ratio sprintf(" (CPU %.2fx)", cpu[s, k] / flcpu)
			if (s == 1) {
				ratio = ratio sprintf(", budget %sx: %s", budget, verdict(r <= budget))
				if (r > budget) miss[++nmiss] = sprintf("%s: %.2fx %s, budget %sx", label, r, flabel, budget)
			}
		} else if (fl == -1)
			ratio = "floor"
		else if (budget > 0 && have(s, k))
			ratio = "(" flabel " not measured)"
		if (memck && have(s, k) && kib[s, k] != "-") {
			lim = 2 * ms[s, "planbytes"] / 1048576 + 32
			mem = sprintf("%s of %.0f MiB: %s", mib(kib[s, k]), lim, verdict(kib[s, k] / 1024 <= lim))
			if (s == 1 && kib[s, k] / 1024 > lim) miss[++nmiss] = sprintf("%s at 1/%s scale: peak %s MiB, budget %.0f MiB", label, s, mib(kib[s, k]), lim)
		}
		note = (s, k) in nt ? nt[s, k] : ""
		print line " " ratio " | " mem " | " note " |"
	}
	# A key measured in rounds has a line a round: keep them all, and take
	# the medians (of time, memory and CPU apart) before the table.
	function median(a, n,   i, j, x) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { x = a[j]; a[j] = a[j - 1]; a[j - 1] = x }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{
		if (((($1, $2) in st) && st[$1, $2] == "ok") && $5 == "ok" && $3 != "-") {
			n = ++nr[$1, $2]
			rms[$1, $2, n] = $3; rkib[$1, $2, n] = $4; rcpu[$1, $2, n] = $7
			next
		}
		ms[$1, $2] = $3; kib[$1, $2] = $4; st[$1, $2] = $5; nt[$1, $2] = $6; cpu[$1, $2] = $7
		if ($5 == "ok" && $3 != "-") { nr[$1, $2] = 1; rms[$1, $2, 1] = $3; rkib[$1, $2, 1] = $4; rcpu[$1, $2, 1] = $7 }
	}
	function sumcpu(s, a, b, c) { return cpu[s, a] == "-" || cpu[s, b] == "-" || cpu[s, c] == "-" ? 0 : cpu[s, a] + cpu[s, b] + cpu[s, c] }
	END {
		for (key in nr) {
			if (nr[key] < 2) continue
			m = nr[key]
			for (j = 1; j <= m; j++) { va[j] = rms[key, j]; vb[j] = rkib[key, j]; vc[j] = rcpu[key, j] }
			ms[key] = median(va, m); kib[key] = median(vb, m)
			cpu[key] = vc[1] == "-" ? "-" : median(vc, m)
			runs_of[key] = m
		}
		n = split(scales, S, " ")
		for (i = 1; i <= n; i++) {
			s = S[i]
			printf "\n### %s scale: plan %.2f MB, %d CSV rows\n\n", s == 1 ? "Province (full)" : "1/" s, ms[s, "planbytes"] / 1e6, ms[s, "csvrows"]
			print "| command | median wall ms | CPU ms | peak MiB | against its floor | peak memory vs 2x plan + 32 MiB | note |"
			print "|---|---:|---:|---:|---|---|---|"
			row(s, "cat", "floor: cat plan.yaml", -1)
			row(s, "yamlparse", "floor: libyaml parse-only", -1)
			row(s, "startup", "floor: start-up, 3 libraries", -1)
			row(s, "sql_latest", "floor: sqlite3 latest value per target", -1)
			row(s, "sql_groupby", "(sqlite3 GROUP BY max() scan)", -1)
			row(s, "sql_insert", "floor: sqlite3 insert, one transaction (rows by id)", -1)
			row(s, "sql_insert_date", "(sqlite3 insert, rows in date order)", -1)
			row(s, "task", "taskwarrior +OVERDUE count", -1)
			q = 0
			if (have(s, "startup") && have(s, "yamlparse") && have(s, "sql_latest"))
				q = ms[s, "startup"] + ms[s, "yamlparse"] + ms[s, "sql_latest"]
			y = have(s, "yamlparse") ? ms[s, "yamlparse"] : 0
			qc = sumcpu(s, "startup", "yamlparse", "sql_latest")
			row(s, "validate", "validate", y, "libyaml", 1.3, 1, cpu[s, "yamlparse"] == "-" ? 0 : cpu[s, "yamlparse"])
			split("status check", C, " ")
			for (j = 1; j in C; j++) {
				c = C[j]
				row(s, c, c " (plan and facts cached: nothing changed)", q, "start-up+libyaml+latest", 1.5, 1, qc)
				row(s, c "_plan", c " (plan parsed: after an edit of the plan)", q, "start-up+libyaml+latest", 1.5, 1, qc)
				row(s, c "_facts", c " (facts read: after a record)", q, "start-up+libyaml+latest", 1.5, 1, qc)
				row(s, c "_parsed", c " (no cache: PLANWATCH_CACHE=)", q, "start-up+libyaml+latest", 1.5, 1, qc)
			}
			row(s, "report_text", "report --format text", 0, "", 0, 1)
			row(s, "report_html", "report --format html", 0, "", 0, 1)
			row(s, "export", "export", 0, "", 0, 1)
			row(s, "import", "import (rows in date order)", have(s, "sql_insert") ? ms[s, "sql_insert"] : 0, "sqlite3 insert by id", 1.5, 1, have(s, "sql_insert") && cpu[s, "sql_insert"] != "-" ? cpu[s, "sql_insert"] : 0)
			row(s, "import_id", "import (rows by id)", have(s, "sql_insert") ? ms[s, "sql_insert"] : 0, "sqlite3 insert by id", 1.5, 1, have(s, "sql_insert") && cpu[s, "sql_insert"] != "-" ? cpu[s, "sql_insert"] : 0)
			split("check check_plan check_facts check_parsed", C, " ")
			# What any run that parses the plan can reach here: the
			# floor itself against taskwarrior.
			if (q > 0 && have(s, "task"))
				printf "| floor (start-up+libyaml+latest) vs taskwarrior | | | | taskwarrior takes %.2fx as long | | |\n", ms[s, "task"] / q
			split("check (cached)|check (plan parsed)|check (facts read)|check (no cache)", CL, "|")
			for (j = 1; j in C; j++) {
				c = C[j]
				if (!have(s, c) || !have(s, "task")) continue
				r = ms[s, "task"] / ms[s, c]
				v = s == 1 ? sprintf(" (budget >= 3x): %s", verdict(r >= 3)) : ""
				printf "| %s vs taskwarrior | | | | taskwarrior takes %.2fx as long%s | | |\n", CL[j], r, v
				if (s == 1 && r < 3) miss[++nmiss] = sprintf("%s: only %.2fx faster than taskwarrior, budget 3x", c, r)
			}
			if ((s, "review_first") in st) {
				row(s, "review_first", "review: first complete screen (plan and facts cached)", have(s, "check") ? ms[s, "check"] : 0, "check (cached)", 2, 0, 0)
				if ((s, "review_first_facts") in st)
					row(s, "review_first_facts", "review: first complete screen (facts read: after a record)", have(s, "check_facts") ? ms[s, "check_facts"] : 0, "check (facts read)", 2, 0, 0)
				if ((s, "review_key_p50") in st) {
					row(s, "review_key_p50", "review: key, median", 0, "", 0, 0)
					row(s, "review_key_p99", "review: key, 99th percentile", 0, "", 0, 0)
					if ((s, "review_cpu_p50") in st) {
						row(s, "review_cpu_p50", "review: key, processor time, median", 0, "", 0, 0)
						row(s, "review_cpu_p99", "review: key, processor time, 99th percentile", 0, "", 0, 0)
					}
					if (have(s, "review_key_p99") && ms[s, "review_key_p99"] > 5)
						miss[++nmiss] = sprintf("review: key p99 %.2f ms, budget 5 ms", ms[s, "review_key_p99"])
				}
			}
		}
		# Growth from 1/10 to full scale.
		if (((10, "planbytes") in ms) && ((1, "planbytes") in ms)) {
			print "\n### Growth from 1/10 to full scale (budget: at most 11x)\n"
			print "| command | 1/10 ms | full ms | growth | 1/10 MiB | full MiB |"
			print "|---|---:|---:|---|---:|---:|"
			split("validate status check status_plan check_plan status_facts check_facts status_parsed check_parsed report_text report_html export import import_id yamlparse sql_latest sql_insert sql_insert_date task", K, " ")
			for (j = 1; j in K; j++) {
				k = K[j]
				if (!have(10, k) || !have(1, k)) { printf "| %s | n/a | n/a | | | |\n", k; continue }
				r = ms[1, k] / ms[10, k]
				fl = k ~ /^(yamlparse|sql_|task)/
				printf "| %s | %s | %s | %.1fx%s | %s | %s |\n", k, f(ms[10, k]), f(ms[1, k]), r,
				    fl ? " (floor)" : ": " verdict(r <= 11), mib(kib[10, k]), mib(kib[1, k])
				if (!fl && r > 11) miss[++nmiss] = sprintf("%s grows %.1fx from 1/10 to full scale, budget 11x", k, r)
			}
		}
		print "\n### Budgets missed\n"
		if (nmiss == 0) print "None of the measured ones."
		for (j = 1; j <= nmiss; j++) print "- " miss[j]
		na = ""
		for (key in st) if (st[key] == "na" || st[key] == "pending") { split(key, kk, SUBSEP); if (!(kk[2] in seen)) { seen[kk[2]] = 1; na = na " " kk[2] } }
		if (na != "") print "\nNot measured (n/a: not in planwatch yet or tool missing; pending: timing log not there yet):" na "."
	}' "$RES"
}

machine() {
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	if [ "${BENCH_TREE:-}" = head ]; then
		echo "- commit: $(git rev-parse --short HEAD 2>/dev/null) (built from the commit, not the working tree)"
	else
		echo "- commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
	fi
	echo "- CPU: $(nproc) x $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "- memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "- kernel: $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work skews wall times; CPU times are steadier)"
	echo "- compiler: $(cc --version | head -1); CFLAGS -O2 -g -DNDEBUG"
	echo "- libraries: $("$B/startup")"
	echo "- sqlite3 shell: $(sqlite3 -version 2>/dev/null | cut -d' ' -f1-2)"
	[ "$HAVE_TASK" = 1 ] && echo "- taskwarrior: $(task --version 2>/dev/null)"
	echo "- runs: the floors, validate, status and check: median of $ROUNDS rounds, each running every one of them once (a ratio's two sides measured side by side); import and the insert floor (rows in date order and by id): median of $RUNS runs each (3 at 1/10 and full scale), one of each in turn; the others: median of $RUNS runs in a row (3 for the GROUP BY scan at 1/10 and full scale); as of $TODAY; seed $SEED; planwatch's cache on (in the work directory: a command's first run at a scale parses the plan and reads the database, the rest read them from the cache), but for the rows that say otherwise: a comment added to the plan or a record made before each run, or no cache"
}

{
	echo "## planwatch benchmark"
	echo
	machine
	table
	[ -s "$WORK/pg.md" ] && cat "$WORK/pg.md"
} >"$WORK/table.md"
cat "$WORK/table.md"
if [ -n "$OUT" ]; then
	{
		echo "# Benchmark results"
		echo
		echo "The last run of \`make bench\` (bench/run.sh).  Times are the median of"
		echo "whole-process runs in milliseconds; peak memory is the child's maximum"
		echo "resident set (wait4).  Floors are what the hardware and the libraries"
		echo "need for the same work; budgets are from issue 8."
		echo
		cat "$WORK/table.md"
	} >"$OUT"
	say "saved $OUT"
fi
