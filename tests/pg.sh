# pg.sh: a throwaway PostgreSQL cluster for one test; source it after
# lib.sh.
#
#   . "$PW_TOP/tests/lib.sh"
#   . "$PW_TOP/tests/pg.sh"
#   pg_start || exit 1     # initdb, start; exports PGHOST PGPORT PGUSER
#   psql -c 'SELECT 1'     # PGDATABASE=planwatch, superuser postgres
#   pg_schema              # db/pg_schema.sql, as the superuser
#   finish                 # the cluster is stopped and removed at exit
#
# pg_start makes a directory of its own under $TMPDIR (not in $T, which
# only its owner may enter), runs initdb there as an unprivileged user (the
# postgres user of Debian's packages when run as root, else the caller),
# and starts the server listening on a Unix socket in that directory only
# (listen_addresses is empty: no TCP port at all), named for a port that
# no TCP server of the machine listens on, with fsync off.  Every local
# connection is trusted: the directory is open to its owner only (and
# root).  The server's time zone is Asia/Shanghai, not UTC, so that a
# client that lets the server's zone into what it shows is caught.
#
# pg_stop stops every cluster under that directory (pg_ctl -m immediate)
# and removes it; the traps below call it at exit, whether the test
# passed, failed or was interrupted (INT, TERM, HUP), and remove $T as
# lib.sh's trap did.  pg_standby NAME starts a hot standby streaming from
# the cluster (its port on standard output: psql -p PORT), pg_replayed PORT
# waits until it has replayed what the primary wrote; pg_stop stops it too.
#
# Debian keeps PostgreSQL's programs in /usr/lib/postgresql/15/bin, off
# PATH; pg.sh puts them first on PATH (PG_BIN overrides).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PATH="$PG_BIN:$PATH"
export PATH
# What the environment might say to libpq and psql about another server.
unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGOPTIONS PGPASSWORD PGPASSFILE \
    PGSSLMODE PGREQUIRESSL PGCONNECT_TIMEOUT PGTZ PGDATESTYLE \
    PGCLIENTENCODING PGAPPNAME PGTARGETSESSIONATTRS PGDATA
export PSQLRC=/dev/null
PGDIR=""

trap 'pg_stop; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# pg_as CMD...: run CMD as the cluster's user, from its directory.
pg_as() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$PGDIR" && setpriv --reuid="$_pg_user" \
		    --regid="$(id -g "$_pg_user")" --clear-groups \
		    env HOME="$PGDIR" "$@")
	else
		(cd "$PGDIR" && "$@")
	fi
}

# A port number no TCP server listens on (IPv4 or IPv6), from 20000 to
# 59999, for the socket's name, and none of $PGDIR's sockets has.
_pg_port() {
	while :; do
		_p=$(cat /proc/net/tcp /proc/net/tcp6 2> /dev/null | awk \
		    -v seed="$(od -An -N4 -tu4 /dev/urandom)" '
		    $4 == "0A" { n = split($2, a, ":"); h = toupper(a[n]); p = 0
			for (i = 1; i <= length(h); i++)
				p = p * 16 + index("0123456789ABCDEF",
				    substr(h, i, 1)) - 1
			used[p] = 1 }
		    END { srand(seed)
			do p = 20000 + int(rand() * 40000); while (p in used)
			print p }')
		[ -e "$PGDIR/.s.PGSQL.$_p" ] || break
	done
	echo "$_p"
}

pg_start() {
	[ -x "$PG_BIN/initdb" ] || {
		echo "# no $PG_BIN/initdb: sh tools/deps.sh test installs postgresql-15"
		return 1
	}
	_pg_user=$(id -un)
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/planwatch-pg.XXXXXX") || return 1
	if [ "$(id -u)" = 0 ]; then
		_pg_user=postgres
		id postgres > /dev/null 2>&1 || _pg_user=nobody
		chown "$_pg_user:" "$PGDIR"
	fi
	chmod 700 "$PGDIR"
	port=$(_pg_port)
	if ! pg_as initdb -D "$PGDIR/data" -U postgres -A trust -E UTF8 \
	    --locale=C --no-sync --no-instructions > "$PGDIR/initdb.log" 2>&1
	then
		sed 's/^/# initdb: /' "$PGDIR/initdb.log"
		return 1
	fi
	cat >> "$PGDIR/data/postgresql.conf" <<-EOF
	listen_addresses = ''
	unix_socket_directories = '$PGDIR'
	unix_socket_permissions = 0700
	port = $port
	fsync = off
	synchronous_commit = off
	full_page_writes = off
	timezone = 'Asia/Shanghai'
	EOF
	if ! pg_as pg_ctl -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 \
	    start > /dev/null 2>&1; then
		sed 's/^/# server: /' "$PGDIR/server.log"
		return 1
	fi
	export PGHOST="$PGDIR" PGPORT="$port" PGUSER=postgres
	export PGDATABASE=postgres
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE DATABASE planwatch' ||
	    return 1
	export PGDATABASE=planwatch
}

# pg_standby NAME: a hot standby of the cluster (pg_basebackup -R, so it
# streams from it) in $PGDIR/NAME, started; prints its port (its socket
# is in $PGDIR too).  pg_stop stops it with the primary.
pg_standby() {
	_port=$(_pg_port)
	if ! pg_as pg_basebackup -D "$PGDIR/$1" -R -X stream -c fast \
	    -U postgres > "$PGDIR/$1-basebackup.log" 2>&1; then
		sed 's/^/# pg_basebackup: /' "$PGDIR/$1-basebackup.log" >&2
		return 1
	fi
	echo "port = $_port" >> "$PGDIR/$1/postgresql.auto.conf"
	if ! pg_as pg_ctl -D "$PGDIR/$1" -l "$PGDIR/$1-server.log" -w \
	    -t 120 start > /dev/null 2>&1; then
		sed 's/^/# standby: /' "$PGDIR/$1-server.log" >&2
		return 1
	fi
	echo "$_port"
}

# pg_replayed PORT: wait until the standby on PORT has replayed all the
# primary has written (at most 120 s); 1 if it never did.
pg_replayed() {
	_lsn=$(psql -X -At -c 'SELECT pg_current_wal_insert_lsn()') || return 1
	_i=0
	while [ $_i -lt 1200 ]; do
		[ "$(psql -X -At -p "$1" -c "SELECT pg_last_wal_replay_lsn() >=
		    '$_lsn'")" = t ] && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# pg_schema: apply db/pg_schema.sql to $PGDATABASE as the superuser, in
# one transaction.
pg_schema() {
	psql -X -q -v ON_ERROR_STOP=1 -1 -U postgres \
	    -f "$PW_TOP/db/pg_schema.sql"
}

# pg_stop: stop every cluster under $PGDIR, remove it.
pg_stop() {
	[ -n "$PGDIR" ] && [ -d "$PGDIR" ] || return 0
	for _d in "$PGDIR"/*/; do
		[ -f "$_d/postmaster.pid" ] || continue
		pg_as pg_ctl -D "$_d" -m immediate -w -t 60 stop \
		    > /dev/null 2>&1 && continue
		# pg_ctl could not: the postmaster's own id, from its pid file.
		_pid=$(head -1 "$_d/postmaster.pid" 2> /dev/null)
		[ -n "$_pid" ] && kill -QUIT "$_pid" 2> /dev/null &&
		    for _i in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$_pid" 2> /dev/null || break
			sleep 1
		done
	done
	rm -rf "$PGDIR"
	PGDIR=""
}
