/*
 * pg_listen.h: what a PostgreSQL store hears of other connections' writes,
 * and whether its server is a hot standby.  Private to db/postgres.c.
 *
 * The schema's trigger notifies the channel planwatch at every commit that
 * inserted records, with the plan's id as payload (db/pg_schema.sql).  A
 * connection that listens learns of them from its own socket, without a
 * query: the review polls that socket beside the terminal instead of
 * asking the server for its change counter every second.  A hot standby
 * refuses LISTEN (and NOTIFY is not replicated): there the caller asks the
 * change counter, as on SQLite.
 */
#ifndef DB_PG_LISTEN_H
#define DB_PG_LISTEN_H

#include <libpq-fe.h>
#include <stdbool.h>

/* One connection's listening, zeroed with it. */
struct pg_listen {
	bool	 tried;		/* LISTEN was sent (or found impossible) */
	bool	 on;		/* the server listens for this connection */
	bool	 pending;	/* what was written before LISTEN took
				   effect was not told: the first
				   pg_listen_changed() says "maybe" */
};

/*
 * The socket that becomes readable when a notification may have come,
 * sending LISTEN on the first call (outside a transaction).  -1 when the
 * connection does not listen: a hot standby, a lost connection.
 */
int	 pg_listen_fd(PGconn *, struct pg_listen *);
/*
 * 1: another connection recorded in plan (NULL: any plan) since the last
 * call, or may have; 0: none did; -1: the connection does not listen (ask
 * the change counter).  Reads what the socket holds, never waits, sends
 * nothing once listening.
 */
int	 pg_listen_changed(PGconn *, const char *plan, struct pg_listen *);
/* Whether the server is a hot standby, refusing every write. */
bool	 pg_hot_standby(PGconn *);
/* On a hot standby: -1 with *err "SHOWN: a read-only server ..." for a
 * connection about to write; else 0. */
int	 pg_refuse_standby(PGconn *, const char *shown, char **err);

#endif
