/*
 * pg_message.h: what libpq says, made the one line planwatch prints
 * (db/postgres.c only; db/ internal).
 *
 * libpq's messages hold several lines (a severity, the server's line, its
 * own hints indented below), and a location that libpq cannot parse is
 * echoed in them, password included.  pg_message() folds them into one
 * line, without the password of the location and escaped, so that every
 * failure of a PostgreSQL store is one line at the edge, as planwatch(1)
 * promises.
 */
#ifndef DB_PG_MESSAGE_H
#define DB_PG_MESSAGE_H

#include <libpq-fe.h>

/*
 * "SHOWN: MSG", or "SHOWN: WHAT: MSG" when what is not NULL: msg's lines
 * trimmed and joined by "; " (a line that continues a sentence, indented
 * and in lower case, by a space), each without a leading severity
 * ("FATAL:  "), every password written in where (its user information,
 * its password= parameter, raw or decoded) replaced by "***" (where may
 * be NULL: none), and made safe (text_safe).  The caller frees it.
 */
char	*pg_message(const char *shown, const char *where, const char *what,
	    const char *msg);
/* Let conn print nothing of what the server sends beside results
 * (notices, warnings, debug lines): failures come back as results. */
void	 pg_quiet(PGconn *conn);

#endif
