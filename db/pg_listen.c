/*
 * pg_listen.c: LISTEN planwatch on a store's connection, and the hot
 * standby that refuses it (pg_listen.h).
 */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/pg_listen.h"
#include "util/i18n.h"
#include "util/xalloc.h"

bool
pg_hot_standby(PGconn *conn)
{
	const char *v = PQparameterStatus(conn, "in_hot_standby");
	PGresult *r;
	bool standby;

	if (v != NULL)
		return strcmp(v, "on") == 0;
	/* A server before PostgreSQL 14 does not report it. */
	r = PQexec(conn, "SELECT pg_is_in_recovery()");
	standby = PQresultStatus(r) == PGRES_TUPLES_OK &&
	    PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	return standby;
}

int
pg_refuse_standby(PGconn *conn, const char *shown, char **err)
{
	if (!pg_hot_standby(conn))
		return 0;
	*err = xasprintf(_("%s: a read-only server (a hot standby): write "
	    "on the primary"), shown);
	return -1;
}

int
pg_listen_fd(PGconn *conn, struct pg_listen *l)
{
	PGresult *r;
	int fd;

	if (!l->tried) {
		/* LISTEN in a transaction would wait for its commit. */
		if (PQtransactionStatus(conn) != PQTRANS_IDLE)
			return -1;
		l->tried = true;
		/* Asked, not tried: a refused LISTEN is an ERROR line in
		 * the standby's log at every review. */
		if (pg_hot_standby(conn))
			return -1;
		r = PQexec(conn, "LISTEN planwatch");
		l->on = l->pending = PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
	}
	if (!l->on)
		return -1;
	if ((fd = PQsocket(conn)) < 0)
		l->on = false;
	return fd;
}

int
pg_listen_changed(PGconn *conn, const char *plan, struct pg_listen *l)
{
	PGnotify *n;
	int heard, self;

	if (pg_listen_fd(conn, l) < 0)
		return -1;
	heard = l->pending;
	l->pending = false;
	/* A socket that fails to read stays readable: stop listening, so
	 * that a poll() on it does not spin. */
	if (!PQconsumeInput(conn)) {
		l->on = false;
		return -1;
	}
	self = PQbackendPID(conn);
	while ((n = PQnotifies(conn)) != NULL) {
		/* This connection's own writes are reloaded by the writer. */
		if (n->be_pid != self && (plan == NULL ||
		    strcmp(n->extra, plan) == 0))
			heard = 1;
		PQfreemem(n);
	}
	return heard;
}
