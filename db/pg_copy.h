/*
 * pg_copy.h: a batch's rows sent to the PostgreSQL server with COPY
 * (postgres.c's batch only; db/ internal).
 *
 * COPY cannot write into a table under row-level security, so the rows
 * are copied into a temporary table of the transaction, numbered in the
 * order they came, and moved into planwatch.events by one INSERT ...
 * SELECT in that order: the policies and the triggers see each row as an
 * INSERT of its own would show it.
 *
 * Each function returns 0, or -1 with *fail the failed result (the
 * caller's to read and PQclear) or NULL when the connection itself failed
 * (PQerrorMessage).  The connection is in a transaction, and nothing else
 * is sent on it between pg_copy_begin and pg_copy_finish or pg_copy_free.
 */
#ifndef DB_PG_COPY_H
#define DB_PG_COPY_H

#include <libpq-fe.h>

#include "db/store.h"

struct pg_copy;

/* Make the staging table and start copying into it. */
int	 pg_copy_begin(PGconn *, struct pg_copy **, PGresult **fail);
/* Send one row (checked by the front). */
int	 pg_copy_add(struct pg_copy *, const struct record_in *,
	    PGresult **fail);
/* End the copy and insert its rows into planwatch.events, for plan, in
 * the order they were added; frees the copy, whatever the outcome.  The
 * transaction is the caller's to commit or roll back. */
int	 pg_copy_finish(struct pg_copy *, const char *plan, PGresult **fail);
/* Give up a copy under way, sending nothing more; frees it (NULL: no
 * copy).  The caller rolls the transaction back. */
void	 pg_copy_free(struct pg_copy *);

#endif
