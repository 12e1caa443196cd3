#!/bin/sh
# t8001: the throwaway PostgreSQL cluster of the tests (tests/pg.sh).  It
# starts as an unprivileged user, psql reaches it over its Unix socket and
# nothing else (no TCP port is listened on), a hot standby streams from it,
# and it is stopped and removed at the end: when the test passes, when its
# body fails, and when it is interrupted (TERM, INT), with no process of
# it left.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/pg.sh"

# gone PID: no such process, or one that has exited and waits only for
# its parent (init, here) to collect it.
gone() {
	_s=$(ps -o stat= -p "$1")
	[ -z "$_s" ] || [ "${_s#Z}" != "$_s" ]
}
# The inodes of the sockets process $1 holds open.
socket_inodes() {
	ls -l "/proc/$1/fd" 2> /dev/null |
	    sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p' | sort -u
}
# The inodes of the TCP sockets (IPv4 and IPv6) listening anywhere.
tcp_listening() {
	cat /proc/net/tcp /proc/net/tcp6 | awk '$4 == "0A" { print $10 }' |
	    sort -u
}

pg_start
is "$?" 0 "pg_start starts a cluster"
pid=$(head -1 "$PGDIR/data/postmaster.pid")
dir=$PGDIR
ok "its postmaster runs (pid ${pid:-none})" kill -0 "${pid:-0}"
user=$(ps -o user= -p "$pid")
ok "as an unprivileged user (${user:-none}), not root" \
    [ -n "$user" ] && [ "$user" != root ]
is "$PGHOST" "$PGDIR" "PGHOST is the cluster's directory"
is "$(psql -X -At -c 'SELECT 1')" 1 "psql connects with PGHOST, PGPORT, PGUSER"
is "$(psql -X -At -c 'SELECT current_database() || current_user')" \
    planwatchpostgres "to the database planwatch, as postgres"
is "$(psql -X -At -c 'SELECT inet_server_addr() IS NULL')" t \
    "over a Unix socket (no server address)"
is "$(psql -X -At -c 'SHOW listen_addresses')" "" \
    "listen_addresses is empty"
is "$(psql -X -At -c 'SHOW fsync')" off "fsync is off"
ok "the socket is $PGDIR/.s.PGSQL.$PGPORT" [ -S "$PGDIR/.s.PGSQL.$PGPORT" ]
mine=$(socket_inodes "$pid")
ok "the postmaster holds sockets" [ -n "$mine" ]
tcp=$(tcp_listening)
both=$(printf '%s\n%s\n' "$mine" "$tcp" | sort | uniq -d)
is "$both" "" "none of them a listening TCP socket"
ok "and no TCP server listens on port $PGPORT" \
    sh -c "! cat /proc/net/tcp /proc/net/tcp6 | awk '\$4 == \"0A\"' |
    grep -qi ':$(printf %04X "$PGPORT") '"
# A connection forced onto TCP is refused: nothing listens.
run psql -X -At -h 127.0.0.1 -c 'SELECT 1'
ok "psql -h 127.0.0.1 fails (exit $rc)" [ "$rc" -ne 0 ]

# A hot standby, streaming: it replays what the primary writes, refuses
# writes of its own, and is stopped with the primary.
sport=$(pg_standby standby)
ok "pg_standby starts a standby (port ${sport:-none})" [ -n "$sport" ]
spid=$(head -1 "$PGDIR/standby/postmaster.pid" 2> /dev/null)
is "$(psql -X -At -p "$sport" -c 'SELECT pg_is_in_recovery()')" t \
    "the standby is in recovery"
psql -X -q -c 'CREATE TABLE t (n int); INSERT INTO t VALUES (42)'
ok "it replays the primary's writes" pg_replayed "$sport"
is "$(psql -X -At -p "$sport" -c 'SELECT n FROM t')" 42 \
    "and reads the row written on the primary"
run psql -X -p "$sport" -c 'INSERT INTO t VALUES (1)'
has "$err" "read-only transaction" "a write on the standby is refused"

pg_stop
ok "pg_stop removes the cluster's directory" [ ! -e "$dir" ]
ok "the postmaster is gone" gone "$pid"
ok "the standby's too (pid ${spid:-none})" gone "${spid:-0}"
hasnt "$(ps -eo args)" "$dir" "no process names the directory"
is "$PGDIR" "" "PGDIR is cleared"

# A test that fails, then two that are interrupted: each sub-shell starts
# a cluster, notes where, and ends; its traps must have stopped it.
# $1: what the body does after starting.
sub() {
	rm -f "$T/where"
	PLANWATCH="$PLANWATCH" PW_TOP="$PW_TOP" sh -c '
	. "$PW_TOP/tests/lib.sh"
	. "$PW_TOP/tests/pg.sh"
	pg_start || exit 99
	echo "$PGDIR $(head -1 "$PGDIR/data/postmaster.pid") $T" > "'"$T"'/where"
	'"$1" > "$T/sub.out" 2>&1
	subrc=$?
	read -r sdir spid st < "$T/where" || sdir=""
	ok "$2: the sub-test exits $3 (got $subrc)" [ "$subrc" = "$3" ]
	ok "$2: it had started a cluster" [ -n "$sdir" ] && [ -n "$spid" ]
	ok "$2: the cluster's directory is gone" [ ! -e "${sdir:-/}" ]
	ok "$2: its postmaster is gone" gone "${spid:-0}"
	ok "$2: its \$T is gone too" [ ! -e "${st:-/}" ]
}
sub 'psql -X -c "SELECT nosuchcolumn" 2> /dev/null || exit 1' \
    "a failing body" 1
sub 'kill -TERM $$; echo not reached; exit 0' "TERM" 143
sub 'kill -INT $$; echo not reached; exit 0' "INT" 130
hasnt "$(cat "$T/sub.out")" "not reached" "the interrupted bodies went no further"
finish
