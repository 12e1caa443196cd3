#!/bin/sh
# pg.sh: the PostgreSQL part of the benchmark (issue 18), at province
# scale, printed as a Markdown section in run.sh's format.
#
#   sh bench/pg.sh PLANWATCH BENCHDIR SCALEDIR TODAY   (from run.sh)
#   sh bench/pg.sh                                     (alone)
#
# BENCHDIR holds run.sh's measure; SCALEDIR gen's plan.yaml and
# values-date.csv (the rows in date order); it imports them into an
# SQLite store of its own to compare with.  Alone, it builds planwatch
# (release flags, in $BENCH_BUILD, default build-bench), measure and gen,
# and generates the province first.
#
# It starts a throwaway PostgreSQL cluster (tests/pg.sh: initdb in a
# temporary directory, a Unix socket only, fsync off), makes the schema
# (db init) and publishes the plan into a template database, and measures,
# in turns so that both sides of a ratio see the same machine:
#
#   import   planwatch import of the rows in date order by the office's
#            role (row-level security on), into a database fresh from the
#            template each run, against psql \copy of the same rows (those
#            planwatch wrote, in its order) into the same table by the
#            superuser, whom row-level security does not apply to: the same
#            indexes and the same triggers (recorder, supersession), no
#            staging table.  For scale only, psql \copy into a twin table
#            with the same columns and indexes but no trigger or policy.
#   check    planwatch check on that PostgreSQL store against planwatch
#            check on the SQLite store of the same rows, with planwatch's
#            caches (warm) and without (PLANWATCH_CACHE=).
#
# Times are whole-process wall times; CPU is the client's (planwatch's or
# psql's), not the server's.  Knobs: BENCH_RUNS import turns (default 3),
# BENCH_ROUNDS check turns (default 9), BENCH_KEEP=1 keeps the work
# directory and the server's log (statements over 200 ms).
set -u
LC_ALL=C.UTF-8
export LC_ALL
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
RUNS=${BENCH_RUNS:-3}
ROUNDS=${BENCH_ROUNDS:-9}
say() { echo "bench: pg: $*" >&2; }
die() { say "$*"; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/planwatch-bench-pg.XXXXXX") || exit 1
# tests/pg.sh's trap stops the cluster and removes $T.
T=$W
[ "${BENCH_KEEP:-0}" = 1 ] && T=/nonexistent
PW_TOP=$ROOT
. "$ROOT/tests/pg.sh"
[ "${BENCH_KEEP:-0}" = 1 ] && say "work directory kept: $W"

if [ $# -ge 4 ]; then
	PW=$1 B=$2 D=$3 TODAY=$4
else
	TODAY=2025-12-31	# run.sh's
	BUILD=${BENCH_BUILD:-build-bench}
	say "building planwatch in $BUILD"
	make --no-print-directory BUILD="$BUILD" CFLAGS="-O2 -g -DNDEBUG" \
	    all >"$W/make.log" 2>&1 ||
	    { tail -20 "$W/make.log" >&2; die "build failed"; }
	PW=$ROOT/$BUILD/planwatch
	B=$W/bin
	D=$W/s1
	mkdir -p "$B" "$D"
	CFL="-std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2"
	cc $CFL -o "$B/gen" bench/gen.c && cc $CFL -o "$B/measure" \
	    bench/measure.c || die "cannot build the bench programs"
	"$B/gen" -s 1 -r 20240109 "$D" >&2 || die "gen failed"
	{ head -1 "$D/values.csv"; tail -n +2 "$D/values.csv" |
	    sort -s -t, -k2,2; } >"$D/values-date.csv"
	say "importing into SQLite"
	"$PW" -f "$D/plan.yaml" -d "$D/plan.db" --today "$TODAY" import \
	    "$D/values-date.csv" >/dev/null || die "import into SQLite failed"
fi
P=$D/plan.yaml
CSVD=$D/values-date.csv
PLANWATCH_CACHE=$W/cache
export PLANWATCH_CACHE
# The SQLite side: a store of the very rows the server gets (run.sh's
# plan.db has had records made in it since, by its rows after a record).
DB=$W/plan.db
"$PW" -f "$P" -d "$DB" --today "$TODAY" import "$CSVD" >/dev/null ||
    die "import into SQLite failed"

say "starting a PostgreSQL cluster"
pg_start >&2 || die "cannot start PostgreSQL"
PGVERSION=$(psql -X -At -c 'SHOW server_version')
export PGVERSION
# No autovacuum: it would run at any moment in one turn and not another,
# and hold back the VACUUM below; that VACUUM stands for it.
echo "autovacuum = off" >>"$PGDIR/data/postgresql.conf"
[ "${BENCH_KEEP:-0}" = 1 ] &&
    echo "log_min_duration_statement = 200" >>"$PGDIR/data/postgresql.conf"
pg_as pg_ctl -D "$PGDIR/data" -w reload >/dev/null
loc() {	# DATABASE ROLE
	echo "postgresql:///$1?host=$PGHOST&port=$PGPORT&user=$2"
}
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# The template: the schema, the office's role, the plan published, and
# the twin table.
q -c 'CREATE DATABASE tmpl' >&2 || die "createdb failed"
"$PW" -f "$P" -d "$(loc tmpl postgres)" db init >&2 || die "db init failed"
q -c 'CREATE ROLE office LOGIN IN ROLE planwatch_office' >&2
"$PW" -f "$P" -d "$(loc tmpl office)" db publish >&2 ||
    die "db publish failed"
q -d tmpl -c 'CREATE TABLE public.twin
    (LIKE planwatch.events INCLUDING ALL)' >&2
RESET="dropdb --if-exists run && createdb -T tmpl run"
RUN=$(loc run office)

# meas KEY [measure options] -- CMD...: one run; its median line (ms kib
# status cpu) added to $W/KEY.
meas() {
	_k=$1
	shift
	"$B/measure" -n 1 -e "$W/err" "$@" >>"$W/$_k" ||
	    die "measure failed ($_k)"
	[ "$(tail -1 "$W/$_k" | cut -d' ' -f3)" -le 3 ] ||
	    die "$_k failed: $(head -c 300 "$W/err" | head -1)"
}

say "import: a first run, whose rows the floors copy"
meas import_first -o /dev/null -b "$RESET" -- "$PW" -f "$P" -d "$RUN" \
    --today "$TODAY" import "$CSVD"
q -d run -c "\\copy (SELECT plan, kind, item, asof, value, level, note,
    source FROM planwatch.events ORDER BY seq) TO '$W/rows.csv' (FORMAT csv)"
q -d run -c "\\copy (SELECT * FROM planwatch.events ORDER BY seq)
    TO '$W/full.csv' (FORMAT csv)"
NROWS=$(q -d run -At -c 'SELECT count(*) FROM planwatch.events')
COPY="\\copy planwatch.events (plan, kind, item, asof, value, level, note, source) FROM '$W/rows.csv' (FORMAT csv)"
TWIN="\\copy public.twin FROM '$W/full.csv' (FORMAT csv)"

r=0
while [ "$r" -lt "$RUNS" ]; do
	r=$((r + 1))
	say "import: turn $r of $RUNS"
	meas copy -o /dev/null -b "$RESET" -- psql -X -q -v ON_ERROR_STOP=1 \
	    -d run -c "$COPY"
	meas twin -o /dev/null -b "$RESET" -- psql -X -q -v ON_ERROR_STOP=1 \
	    -d run -c "$TWIN"
	# Last, so that the check below reads what planwatch wrote.
	meas import -o /dev/null -b "$RESET" -- "$PW" -f "$P" -d "$RUN" \
	    --today "$TODAY" import "$CSVD"
done
# As autovacuum would have by the next morning's check.  The checkpoint
# first: with synchronous_commit off (tests/pg.sh), a VACUUM right after
# the import's commit cannot mark its pages all-visible, and an index-only
# scan then reads the table too.
q -d run -c 'CHECKPOINT' -c 'VACUUM ANALYZE planwatch.events' >&2
say "all-visible pages of planwatch.events: $(q -d run -At -c "SELECT
    relallvisible || ' of ' || relpages FROM pg_class
    WHERE oid = 'planwatch.events'::regclass")"

say "check: $ROUNDS turns"
"$PW" -f "$P" -d "$DB" --today "$TODAY" check >"$W/check.sqlite"
"$PW" -f "$P" -d "$RUN" --today "$TODAY" check >"$W/check.pg"
SAME="the same output"
cmp -s "$W/check.sqlite" "$W/check.pg" || SAME="**outputs differ**"
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	for c in sqlite pg; do
		d=$DB
		[ $c = pg ] && d=$RUN
		meas check_$c -o /dev/null -- "$PW" -f "$P" -d "$d" \
		    --today "$TODAY" check
		meas check_${c}_parsed -o /dev/null -- env PLANWATCH_CACHE= \
		    "$PW" -f "$P" -d "$d" --today "$TODAY" check
	done
done
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	cp "$PGDIR/server.log" "$W/server.log"
	say "server log: $W/server.log"
fi

# The table: medians of each key's runs, ratios and budgets.
for k in copy twin import check_sqlite check_pg check_sqlite_parsed \
    check_pg_parsed; do
	awk -v k="$k" '{ ms[NR] = $1; kib[NR] = $2; cpu[NR] = $4 }
	function med(a, n,   i, j, x) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				x = a[j]; a[j] = a[j - 1]; a[j - 1] = x }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END { print k, med(ms, NR), med(kib, NR), med(cpu, NR), NR }' "$W/$k"
done >"$W/medians"
awk -v plan="$(wc -c <"$P")" -v rows="$NROWS" -v same="$SAME" \
    -v runs="$RUNS" -v rounds="$ROUNDS" '
function f(x) { return x >= 100 ? sprintf("%.0f", x) : x >= 10 ? sprintf("%.1f", x) : sprintf("%.2f", x) }
function verdict(ok) { return ok ? "ok" : "**MISS**" }
function row(k, label, fl, flabel, budget, note,   r, ratio, lim, mem) {
	ratio = fl == "" ? "floor" : ""
	if (fl != "") {
		r = ms[k] / ms[fl]
		ratio = sprintf("%.2fx %s", r, flabel)
		if (budget > 0) {
			ratio = ratio sprintf(", budget %sx: %s", budget, verdict(r <= budget))
			if (r > budget) miss[++nmiss] = sprintf("%s: %.2fx %s, budget %sx", label, r, flabel, budget)
		}
	}
	lim = 2 * plan / 1048576 + 32
	mem = sprintf("%.1f of %.0f MiB: %s", kib[k] / 1024, lim, verdict(kib[k] / 1024 <= lim))
	if (k ~ /^(copy|twin)$/) mem = ""
	else if (kib[k] / 1024 > lim) miss[++nmiss] = sprintf("%s: peak %.1f MiB, budget %.0f MiB", label, kib[k] / 1024, lim)
	printf "| %s | %s | %s | %.1f | %s | %s | %s |\n", label, f(ms[k]), f(cpu[k]), kib[k] / 1024, ratio, mem, note
}
{ ms[$1] = $2; kib[$1] = $3; cpu[$1] = $4; n[$1] = $5 }
END {
	printf "\n### PostgreSQL at province scale (bench/pg.sh): %d rows\n\n", rows
	print "| command | median wall ms | CPU ms | peak MiB | against its floor | peak memory vs 2x plan + 32 MiB | note |"
	print "|---|---:|---:|---:|---|---|---|"
	row("copy", "floor: psql \\copy of the same rows into planwatch.events (superuser: same indexes and triggers, no row-level security)", "", "", 0, "")
	row("twin", "(psql \\copy into a twin table: same indexes, no trigger or policy)", "", "", 0, "what the triggers cost, for scale")
	row("import", "import on PostgreSQL (rows in date order, the office role, row-level security on)", "copy", "psql \\copy", 1.5, "COPY into a staging table, one INSERT ... SELECT")
	row("check_sqlite", "check on SQLite (plan and facts cached)", "", "", 0, "")
	row("check_pg", "check on PostgreSQL (plan cached)", "check_sqlite", "check on SQLite", 2, same)
	row("check_sqlite_parsed", "check on SQLite (no cache: PLANWATCH_CACHE=)", "", "", 0, "")
	row("check_pg_parsed", "check on PostgreSQL (no cache: PLANWATCH_CACHE=)", "check_sqlite_parsed", "check on SQLite, no cache", 2, "")
	printf "\nImport and its floors: median of %d turns, each running the three once, each into a database fresh from a template (schema and plan published); check: median of %d turns, each running the four once, after CHECKPOINT and VACUUM ANALYZE (autovacuum off).  CPU is the client'"'"'s, not the server'"'"'s.  The cluster: tests/pg.sh'"'"'s (Unix socket, fsync off), PostgreSQL %s.\n", runs, rounds, ENVIRON["PGVERSION"]
	print "\n### Budgets missed (PostgreSQL)\n"
	if (nmiss == 0) print "None of the measured ones."
	for (j = 1; j <= nmiss; j++) print "- " miss[j]
}' "$W/medians"
