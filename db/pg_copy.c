/*
 * pg_copy.c: a batch's rows sent with COPY into a temporary table, then
 * into planwatch.events by one INSERT ... SELECT (pg_copy.h).
 *
 * The copy is in PostgreSQL's binary format: each text goes as its bytes
 * with their length (no escaping of tabs, newlines or backslashes, no
 * string that reads as NULL), the date as days since 2000-01-01 and the
 * number as its IEEE double, so that nothing depends on the locale or the
 * server's date style, and the rows read back exactly as they were sent.
 * The server still checks the text's encoding (UTF-8, the client's).
 *
 * The staging table lives until the transaction ends (ON COMMIT DROP;
 * a rollback takes it too).  Its rows are numbered by the client, and the
 * INSERT takes them in that order: the triggers draw each row's seq in
 * it, so that of two rows of one item, date and sort in a file the later
 * line supersedes the earlier, and the first row the server refuses is
 * the first in the file, named by the trigger's message as a row inserted
 * alone would be.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/pg_copy.h"
#include "model/date.h"
#include "model/facts.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Send the buffered rows once they are this many bytes. */
#define COPY_CHUNK	(64 * 1024)

struct pg_copy {
	PGconn		*conn;
	struct buf	 rows;	/* not yet sent */
	int64_t		 n;	/* rows added */
	bool		 copying;	/* in COPY IN */
};

static const char staging[] =
    "CREATE TEMPORARY TABLE planwatch_batch (n int8, kind text, "
    "item text, asof date, value float8, level text, note text, "
    "source text) ON COMMIT DROP";
static const char copy_in[] =
    "COPY pg_temp.planwatch_batch (n, kind, item, asof, value, level, "
    "note, source) FROM STDIN (FORMAT binary)";
static const char insert[] =
    "INSERT INTO planwatch.events (plan, kind, item, asof, value, level, "
    "note, source) SELECT $1, kind, item, asof, value, level, note, source "
    "FROM pg_temp.planwatch_batch ORDER BY n";

/* The binary format's signature, flags and header extension length. */
static const char header[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";

static void
put_be(struct buf *b, uint64_t v, int bytes)
{
	char c[8];

	for (int i = 0; i < bytes; i++)
		c[i] = (char)(v >> (8 * (bytes - 1 - i)));
	buf_add(b, c, (size_t)bytes);
}

/* A text field; NULL and "" are both sent as NULL, as the store keeps
 * them. */
static void
put_text(struct buf *b, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;

	if (len == 0) {
		put_be(b, UINT32_MAX, 4);
		return;
	}
	put_be(b, (uint32_t)len, 4);
	buf_add(b, s, len);
}

static int
send_rows(struct pg_copy *c, PGresult **fail)
{
	if (c->rows.len == 0)
		return 0;
	if (PQputCopyData(c->conn, c->rows.s, (int)c->rows.len) != 1) {
		*fail = NULL;
		return -1;
	}
	buf_reset(&c->rows);
	return 0;
}

/* The result of a command, 0 when it is want; else *fail holds it. */
static int
expect(PGresult *res, ExecStatusType want, PGresult **fail)
{
	if (PQresultStatus(res) == want) {
		PQclear(res);
		return 0;
	}
	*fail = res;
	return -1;
}

int
pg_copy_begin(PGconn *conn, struct pg_copy **out, PGresult **fail)
{
	struct pg_copy *c;

	*out = NULL;
	if (expect(PQexec(conn, staging), PGRES_COMMAND_OK, fail) != 0 ||
	    expect(PQexec(conn, copy_in), PGRES_COPY_IN, fail) != 0)
		return -1;
	c = xcalloc(1, sizeof *c);
	c->conn = conn;
	c->copying = true;
	buf_add(&c->rows, header, sizeof header);
	*out = c;
	return 0;
}

int
pg_copy_add(struct pg_copy *c, const struct record_in *r, PGresult **fail)
{
	struct buf *b = &c->rows;
	uint64_t u;

	put_be(b, 8, 2);	/* fields */
	put_be(b, 8, 4);
	put_be(b, (uint64_t)++c->n, 8);
	put_text(b, fact_kind_word(r->kind));
	put_text(b, r->item);
	put_be(b, 4, 4);
	put_be(b, (uint32_t)(int32_t)(r->date - date_from_ymd(2000, 1, 1)),
	    4);
	if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS) {
		/* The very double, whatever the locale; but -0 as 0, as
		 * SQLite keeps it (a whole REAL is stored as an integer),
		 * so that both stores show the same. */
		double v = r->value == 0 ? 0.0 : r->value;
		memcpy(&u, &v, sizeof u);
		put_be(b, 8, 4);
		put_be(b, u, 8);
	} else
		put_be(b, UINT32_MAX, 4);
	put_text(b, r->kind == FACT_VALUE ? r->level : NULL);
	put_text(b, r->note);
	put_text(b, r->source);
	return b->len >= COPY_CHUNK ? send_rows(c, fail) : 0;
}

/* End COPY IN: the trailer, then the server's word on the rows. */
static int
copy_end(struct pg_copy *c, PGresult **fail)
{
	PGresult *res;
	int ret = 0;

	c->copying = false;
	put_be(&c->rows, UINT16_MAX, 2);
	if (send_rows(c, fail) != 0 || PQputCopyEnd(c->conn, NULL) != 1) {
		*fail = NULL;
		return -1;
	}
	/* Read every result, keeping the first failure. */
	while ((res = PQgetResult(c->conn)) != NULL) {
		if (ret == 0 && PQresultStatus(res) != PGRES_COMMAND_OK) {
			*fail = res;
			ret = -1;
		} else
			PQclear(res);
	}
	return ret;
}

int
pg_copy_finish(struct pg_copy *c, const char *plan, PGresult **fail)
{
	const char *p[1] = { plan };
	int ret;

	ret = copy_end(c, fail);
	if (ret == 0)
		ret = expect(PQexecParams(c->conn, insert, 1, NULL, p, NULL,
		    NULL, 0), PGRES_COMMAND_OK, fail);
	c->copying = false;
	pg_copy_free(c);
	return ret;
}

void
pg_copy_free(struct pg_copy *c)
{
	PGresult *res;

	if (c == NULL)
		return;
	if (c->copying && PQputCopyEnd(c->conn, "batch abandoned") == 1)
		while ((res = PQgetResult(c->conn)) != NULL)
			PQclear(res);
	buf_release(&c->rows);
	free(c);
}
