/*
 * postgres.c: the PostgreSQL store (backend.h, planwatch-database(5),
 * POSTGRESQL), on libpq.  It owns the connection: no libpq type leaves
 * this file.
 *
 * The schema is db/pg_schema.sql (pg_migrations[]): one database holds
 * several plans, each row of planwatch.events with its plan's id.  The
 * server, not this file, decides who may write what (row-level security),
 * who recorded a row (session_user), when (the transaction's time) and
 * which rows a new one supersedes (a trigger): a write here is an INSERT
 * of what was recorded and nothing more, and --by is not sent.
 *
 * The plan a connection works on is the one named by the setting
 * planwatch.plan (options=-c planwatch.plan=ID in the URI, or PGOPTIONS),
 * else the one plan the role can see in planwatch.plans, else (several)
 * the one of the plan file's id (store_use_plan).
 *
 * Results are read in binary (dates as days, numbers as IEEE doubles), so
 * that nothing depends on the server's or the client's locale or date
 * style; the same rows give the same facts as the SQLite store.
 */
#include <errno.h>
#include <libpq-fe.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/backend.h"
#include "db/pg.h"
#include "db/pg_copy.h"
#include "db/pg_listen.h"
#include "db/pg_message.h"
#include "db/pg_schema.h"
#include "db/store.h"
#include "util/buf.h"
#include "util/cachefile.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The key of pg_advisory_xact_lock(bigint) that migrations hold. */
#define MIGRATION_LOCK	"1347896386"

struct pg {
	struct store	 base;	/* first: the front's part */
	PGconn		*conn;
	char		*shown;
	enum store_mode	 mode;
	char		*plan;	/* NULL: none published yet */
	bool		 several;	/* several published, none named:
					   store_use_plan chooses */
	struct pg_listen listen;	/* of other connections' writes */
};

struct pg_batch {
	struct store_batch base;	/* first: the front's part */
	struct pg	*s;
	struct pg_copy	*copy;	/* the rows, sent with COPY (pg_copy.h) */
};

static int
kind_parse(const char *s, enum fact_kind *k)
{
	int kind = s != NULL ? fact_kind_parse(s) : -1;

	if (kind < 0)
		return -1;
	*k = (enum fact_kind)kind;
	return 0;
}

bool
pg_location(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 ||
	    strncmp(where, "postgres://", 11) == 0;
}

/* The kind of failure a SQLSTATE is. */
static enum store_error
state_kind(const char *state)
{
	if (state == NULL)
		return STORE_EIO;	/* no result: the connection */
	if (strcmp(state, "42501") == 0 || strncmp(state, "28", 2) == 0 ||
	    strcmp(state, "25006") == 0)
		return STORE_EREFUSED;
	if (strcmp(state, "3D000") == 0 || strcmp(state, "3F000") == 0)
		return STORE_ENOTFOUND;
	if (strcmp(state, "57014") == 0 || strcmp(state, "55P03") == 0 ||
	    strncmp(state, "40", 2) == 0)
		return STORE_EBUSY;
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "53", 2) == 0 ||
	    strncmp(state, "57", 2) == 0 || strncmp(state, "58", 2) == 0)
		return STORE_EIO;
	if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
		return STORE_ECORRUPT;
	if (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)
		return STORE_EINVALID;
	return STORE_EOTHER;
}

/* The message of a failed result (or of the connection when res is
 * NULL); its kind is kept in s. */
static char *
pq_error(struct pg *s, const PGresult *res)
{
	const char *msg, *state = NULL, *lost = NULL;

	if (res != NULL && (msg = PQresultErrorField(res,
	    PG_DIAG_MESSAGE_PRIMARY)) != NULL)
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	else
		msg = PQerrorMessage(s->conn);
	if (PQstatus(s->conn) == CONNECTION_BAD) {
		state = NULL;
		lost = _("connection to the server lost");
	}
	s->base.error = state_kind(state);
	return pg_message(s->shown, NULL, lost, msg);
}

/* Run sql with text parameters; NULL on failure with *err set.  A
 * statement that returns no rows gives a PGRES_COMMAND_OK result. */
static PGresult *
query(struct pg *s, const char *sql, int n, const char *const *params,
    int binary, char **err)
{
	PGresult *res = PQexecParams(s->conn, sql, n, NULL, params, NULL,
	    NULL, binary);
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	*err = pq_error(s, res);
	PQclear(res);
	return NULL;
}

/* Run sql, which may hold several statements and no parameters. */
static int
exec(struct pg *s, const char *sql, char **err)
{
	PGresult *res = PQexec(s->conn, sql);
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		PQclear(res);
		return 0;
	}
	*err = pq_error(s, res);
	PQclear(res);
	return -1;
}

static void
rollback(struct pg *s)
{
	PQclear(PQexec(s->conn, "ROLLBACK"));
}

/* Binary columns. */
static uint64_t
be64(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | u[i];
	return v;
}

static long long
int8_col(const PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col) || PQgetlength(r, row, col) != 8)
		return 0;
	return (long long)be64(PQgetvalue(r, row, col));
}

/* A float8 column; NULL reads as null_value. */
static double
float8_col(const PGresult *r, int row, int col, double null_value)
{
	uint64_t u;
	double d;

	if (PQgetisnull(r, row, col) || PQgetlength(r, row, col) != 8)
		return null_value;
	u = be64(PQgetvalue(r, row, col));
	memcpy(&d, &u, sizeof d);
	return d;
}

/* A date column (days since 2000-01-01); -1 when it is none of ours. */
static int
day_col(const PGresult *r, int row, int col, pw_day *out)
{
	const unsigned char *u;
	int32_t days;

	if (PQgetisnull(r, row, col) || PQgetlength(r, row, col) != 4)
		return -1;
	u = (const unsigned char *)PQgetvalue(r, row, col);
	days = (int32_t)((uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 8 | u[3]);
	if (days < date_from_ymd(DATE_YEAR_MIN, 1, 1) -
	    date_from_ymd(2000, 1, 1) || days > date_from_ymd(DATE_YEAR_MAX,
	    12, 31) - date_from_ymd(2000, 1, 1))
		return -1;
	*out = date_from_ymd(2000, 1, 1) + days;
	return 0;
}

static const char *
text_col(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

static char *
damaged(struct pg *s, long long seq)
{
	s->base.error = STORE_ECORRUPT;
	return xasprintf(_("%s: record %lld is damaged (kind or date)"),
	    s->shown, seq);
}

/* Connect, speak UTF-8 and ISO dates in UTC. */
static enum store_error
connect_to(struct pg *s, const char *where, char **err)
{
	s->conn = PQconnectdb(where);
	if (s->conn == NULL) {
		*err = xasprintf("%s: %s", s->shown, strerror(ENOMEM));
		return s->base.error = STORE_EIO;
	}
	pg_quiet(s->conn);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		const char *msg = PQerrorMessage(s->conn);
		/* libpq echoes a location it cannot parse, password and
		 * all: pg_message hides it. */
		*err = pg_message(s->shown, where, NULL, msg);
		/* libpq has no SQLSTATE for a failed connection. */
		return s->base.error = strstr(msg, "password") != NULL ?
		    STORE_EREFUSED : strstr(msg, "does not exist") != NULL ?
		    STORE_ENOTFOUND : STORE_EIO;
	}
	if (PQsetClientEncoding(s->conn, "UTF8") != 0 ||
	    exec(s, "SET datestyle TO ISO; SET TIME ZONE 'UTC'; "
	    "SET extra_float_digits TO 3", err) != 0)
		return s->base.error != STORE_OK ? s->base.error : STORE_EIO;
	return STORE_OK;
}

/* The schema's version: 0 when there is no planwatch schema. */
static int
schema_version(struct pg *s, int *version, char **err)
{
	PGresult *r;

	if ((r = query(s, "SELECT to_regclass('planwatch.schema_version') "
	    "IS NOT NULL", 0, NULL, 0, err)) == NULL)
		return -1;
	*version = 0;
	if (strcmp(PQgetvalue(r, 0, 0), "t") == 0) {
		PQclear(r);
		if ((r = query(s, "SELECT version FROM planwatch.schema_version",
		    0, NULL, 0, err)) == NULL)
			return -1;
		if (PQntuples(r) == 1)
			*version = atoi(PQgetvalue(r, 0, 0));
	}
	PQclear(r);
	return 0;
}

/* The plan this connection works on (planwatch.plan, else the one the
 * role can see); NULL in s->plan when none is published. */
static int
choose_plan(struct pg *s, char **err)
{
	PGresult *r;

	if ((r = query(s, "SELECT current_setting('planwatch.plan', true)",
	    0, NULL, 0, err)) == NULL)
		return -1;
	if (!PQgetisnull(r, 0, 0) && *PQgetvalue(r, 0, 0) != '\0') {
		s->plan = xstrdup(PQgetvalue(r, 0, 0));
		PQclear(r);
		return 0;
	}
	PQclear(r);
	if ((r = query(s, "SELECT id FROM planwatch.plans ORDER BY id "
	    "LIMIT 2", 0, NULL, 0, err)) == NULL)
		return -1;
	/* Several: the plan file's id chooses (pg_use_plan). */
	s->several = PQntuples(r) == 2;
	if (PQntuples(r) == 1)
		s->plan = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return 0;
}

static void	pg_close(struct store *);

/* Without a plan chosen, a database of several plans is neither read nor
 * written: said for a command that names none (log, void). */
static int
need_plan(struct pg *s, char **err)
{
	if (!s->several)
		return 0;
	s->base.error = STORE_EINVALID;
	*err = xasprintf(_("%s: holds several plans: name one with "
	    "options=-c%%20planwatch.plan%%3DID in the location"), s->shown);
	return -1;
}

/* In a database of several plans and a location that names none, the
 * plan of this id when it is one of them (keyed by the plan's id, as a
 * roll-up of several plan files reads them). */
static int
choose_published(struct pg *s, const char *id, char **err)
{
	const char *p[1] = { id };
	PGresult *r;
	char *want;
	int n;

	if ((r = query(s, "SELECT 1 FROM planwatch.plans WHERE id = $1", 1,
	    p, 0, err)) == NULL)
		return -1;
	n = PQntuples(r);
	PQclear(r);
	if (n == 1) {
		s->plan = xstrdup(id);
		s->several = false;
		return 0;
	}
	want = text_quote(id);
	s->base.error = STORE_EINVALID;
	*err = xasprintf(_("%s holds several plans, none of them the plan "
	    "file's '%s'"), s->shown, want);
	free(want);
	return -1;
}

static int
pg_use_plan(struct store *st, const char *id, char **err)
{
	struct pg *s = (struct pg *)st;
	char *want, *have;

	if (s->several)
		return choose_published(s, id, err);
	/* None published yet: reads are empty, writes say so. */
	if (s->plan == NULL || strcmp(s->plan, id) == 0)
		return 0;
	want = text_quote(id);
	have = text_quote(s->plan);
	s->base.error = STORE_EINVALID;
	*err = xasprintf(_("%s works on plan '%s', not the plan file's '%s': "
	    "name the plan with options=-c%%20planwatch.plan%%3DID in the "
	    "location"), s->shown, have, want);
	free(want);
	free(have);
	return -1;
}

static enum store_error
pg_open(const char *where, const char *shown, enum store_mode mode,
    struct store **out, char **err)
{
	struct pg *s = xcalloc(1, sizeof *s);
	enum store_error kind;
	int version;

	s->shown = xstrdup(shown);
	s->mode = mode;
	*out = NULL;
	if ((kind = connect_to(s, where, err)) != STORE_OK)
		goto fail;
	if (mode == STORE_WRITE &&
	    pg_refuse_standby(s->conn, s->shown, err) != 0) {
		kind = STORE_EREFUSED;
		goto fail;
	}
	if (schema_version(s, &version, err) != 0)
		goto failed;
	if (version == 0) {
		*err = xasprintf(_("%s: no planwatch schema in this database "
		    "(planwatch db init makes it)"), s->shown);
		kind = STORE_ENOTOURS;
		goto fail;
	}
	if (version > PG_SCHEMA_VERSION) {
		*err = xasprintf(_("%s: database was written by a newer "
		    "planwatch (schema %lld); this one knows up to %d"),
		    s->shown, (long long)version, PG_SCHEMA_VERSION);
		kind = STORE_ETOONEW;
		goto fail;
	}
	if (version < PG_SCHEMA_VERSION && mode == STORE_WRITE) {
		*err = xasprintf(_("%s: database has an older schema (%lld); "
		    "the office moves it forward with planwatch db init"),
		    s->shown, (long long)version);
		kind = STORE_ETOOOLD;
		goto fail;
	}
	if (choose_plan(s, err) != 0)
		goto failed;
	*out = &s->base;
	return STORE_OK;
failed:
	kind = s->base.error != STORE_OK ? s->base.error : STORE_EOTHER;
fail:
	pg_close(&s->base);
	return kind;
}

static void
pg_close(struct store *base)
{
	struct pg *s = (struct pg *)base;

	PQfinish(s->conn);
	free(s->plan);
	free(s->shown);
	free(s);
}

static bool
pg_read_only(struct store *base)
{
	return pg_hot_standby(((struct pg *)base)->conn);
}

static int
pg_change_fd(struct store *base)
{
	struct pg *s = (struct pg *)base;

	return pg_listen_fd(s->conn, &s->listen);
}

static int
pg_changed(struct store *base)
{
	struct pg *s = (struct pg *)base;

	return pg_listen_changed(s->conn, s->plan, &s->listen);
}

/*
 * The change token (store_change_token): the plan's highest seq names the
 * state of its records (its writers are serialised and draw seq in that
 * order; a row is changed only by a later one), hashed with the cluster,
 * the database and the table it is of, so that a database made again or
 * restored at the same location, its seq starting over, never gives an
 * earlier state's token.
 */
static int
pg_change_token(struct store *base, uint64_t *token)
{
	struct pg *s = (struct pg *)base;
	const char *p[1] = { s->plan };
	char *err = NULL;
	PGresult *r;

	if (s->plan == NULL)
		return -1;
	if ((r = query(s, "SELECT (SELECT system_identifier "
	    "FROM pg_control_system()) || ' ' || (SELECT oid FROM pg_database "
	    "WHERE datname = current_database()) || ' ' || "
	    "'planwatch.events'::regclass::oid || ' ' || coalesce(max(seq), 0) "
	    "FROM planwatch.events WHERE plan = $1", 1, p, 0, &err)) == NULL) {
		free(err);
		return -1;
	}
	*token = cachefile_hash(PQgetvalue(r, 0, 0),
	    (size_t)PQgetlength(r, 0, 0));
	PQclear(r);
	return 0;
}

static long long
pg_data_version(struct store *base)
{
	struct pg *s = (struct pg *)base;
	const char *p[1] = { s->plan };
	long long v = 0;
	char *err = NULL;
	PGresult *r;

	if (s->plan == NULL)
		return 0;
	if ((r = query(s, "SELECT coalesce(max(seq), 0)::int8 "
	    "FROM planwatch.events WHERE plan = $1", 1, p, 1, &err)) == NULL) {
		free(err);
		return 0;
	}
	v = int8_col(r, 0, 0);
	PQclear(r);
	return v;
}

static int
pg_load_facts(struct store *base, struct facts *f, char **err)
{
	struct pg *s = (struct pg *)base;
	const char *p[1] = { s->plan };
	struct fact fact;
	PGresult *r;

	if (s->plan == NULL)
		return need_plan(s, err);
	if ((r = query(s, "SELECT item, kind, asof, value, level, seq "
	    "FROM planwatch.events WHERE plan = $1 AND superseded_by IS NULL "
	    "AND kind <> 'void' ORDER BY seq", 1, p, 1, err)) == NULL)
		return -1;
	for (int i = 0; i < PQntuples(r); i++) {
		if (kind_parse(text_col(r, i, 1), &fact.kind) != 0 ||
		    day_col(r, i, 2, &fact.date) != 0) {
			*err = damaged(s, int8_col(r, i, 5));
			PQclear(r);
			return -1;
		}
		fact.value = float8_col(r, i, 3, 0);
		fact.level = text_col(r, i, 4);
		fact.seq = int8_col(r, i, 5);
		facts_add(f, text_col(r, i, 0), &fact);
	}
	PQclear(r);
	return 0;
}

/* Every item's latest progress, done and reopen on or before asof, as
 * sqlite.c's load_latest_progress: each item's rows of a kind come
 * together, oldest first, and the last of each run is kept. */
static int
load_latest_progress(struct pg *s, struct facts *f, pw_day asof,
    const char *day, char **err)
{
	const char *p[2] = { s->plan, day };
	struct fact fact, keep;
	const char *item = NULL, *it = NULL;
	PGresult *r;

	if ((r = query(s, "SELECT kind, item, asof, seq, value "
	    "FROM planwatch.events WHERE plan = $1 AND superseded_by IS NULL "
	    "AND kind < 'value' AND asof <= $2::date "
	    "ORDER BY kind, item, asof, seq", 2, p, 1, err)) == NULL)
		return -1;
	fact.level = NULL;
	for (int i = 0; i <= PQntuples(r); i++) {
		if (i < PQntuples(r)) {
			if (kind_parse(text_col(r, i, 0), &fact.kind) != 0 ||
			    fact.kind == FACT_VALUE ||
			    day_col(r, i, 2, &fact.date) != 0) {
				*err = damaged(s, int8_col(r, i, 3));
				PQclear(r);
				return -1;
			}
			it = text_col(r, i, 1);
			fact.seq = int8_col(r, i, 3);
			fact.value = float8_col(r, i, 4, 0);
		}
		if (item != NULL && (i == PQntuples(r) ||
		    fact.kind != keep.kind || strcmp(it, item) != 0)) {
			struct fact_list *l = facts_list(f, item);
			if (l->n == 0 && l->since == DAY_NONE)
				l->since = asof + 1;
			facts_push(f, l, &keep);
		}
		if (i < PQntuples(r)) {
			item = it;
			keep = fact;
		}
	}
	PQclear(r);
	return 0;
}

/* Row i of a want's values (asof, seq, value, level) as a fact. */
static int
value_row(struct pg *s, const PGresult *r, int i, struct fact *fact,
    char **err)
{
	fact->kind = FACT_VALUE;
	if (day_col(r, i, 0, &fact->date) != 0) {
		*err = damaged(s, int8_col(r, i, 1));
		return -1;
	}
	fact->seq = int8_col(r, i, 1);
	fact->value = float8_col(r, i, 2, 0);
	fact->level = text_col(r, i, 3);
	return 0;
}

/*
 * One target's values (struct value_want), as sqlite.c's load_want: its
 * current values on or before asof, newest first, are read at once; the
 * walk keeps them while they are from q->since on (and w->year wants
 * them), or fewer than q->recent counting ones have been seen; then each
 * day of w->at that no value kept answers gets the latest value that
 * counts on or before it; and the values before since whose level is not
 * one of w's are counted.  The list is in sqlite.c's order: those
 * answers, the last found first, then the values kept, oldest first.
 */
static int
load_want(struct pg *s, struct facts *f, const struct facts_query *q,
    const struct value_want *w, const char *asof, char **err)
{
	const char *p[3] = { s->plan, w->item, asof };
	struct fact_list *l = facts_list(f, w->item);
	struct fact fact, *found = NULL;
	pw_day oldest = DAY_NONE;
	size_t counted = 0, nfound = 0;
	bool year = true;
	int i, n, kept, ret = -1;
	PGresult *r;

	l->since = DAY_NONE;
	if ((r = query(s, "SELECT asof, seq, value, level "
	    "FROM planwatch.events WHERE plan = $1 AND superseded_by IS NULL "
	    "AND kind = 'value' AND item = $2 AND asof <= $3::date "
	    "ORDER BY asof DESC, seq DESC", 3, p, 1, err)) == NULL)
		return -1;
	n = PQntuples(r);
	for (i = 0; i < n; i++) {
		if (value_row(s, r, i, &fact, err) != 0)
			goto done;
		if ((fact.date < q->since || !year) && counted >= q->recent) {
			l->since = fact.date + 1;
			break;
		}
		if (value_want_counts(w, fact.level)) {
			if (counted++ == 0)
				year = value_want_year(w, &fact);
			oldest = fact.date;
		}
	}
	kept = i;
	if (l->since != DAY_NONE) {
		found = xcalloc(w->nat + 1, sizeof *found);
		for (size_t k = 0; k < w->nat; k++) {
			pw_day d = w->at[k], upto;
			if (counted > 0 && oldest <= d)
				continue;
			upto = d < l->since ? d : l->since - 1;
			for (int j = 0; j < n; j++) {
				bool have = false;
				if (value_row(s, r, j, &fact, err) != 0)
					goto done;
				if (fact.date > upto ||
				    !value_want_counts(w, fact.level))
					continue;
				for (size_t m = 0; m < nfound; m++)
					if (found[m].seq == fact.seq)
						have = true;
				if (!have)
					found[nfound++] = fact;
				break;
			}
		}
		while (nfound > 0)
			facts_push(f, l, &found[--nfound]);
	}
	for (i = kept; i-- > 0;) {
		if (value_row(s, r, i, &fact, err) != 0)
			goto done;
		facts_push(f, l, &fact);
	}
	if (w->levels != NULL) {
		l->skipped = 0;
		for (int j = 0; j < n; j++) {
			if (value_row(s, r, j, &fact, err) != 0)
				goto done;
			if (fact.date < l->since && (fact.level == NULL ||
			    !value_want_counts(w, fact.level)))
				l->skipped++;
		}
	}
	ret = 0;
done:
	free(found);
	PQclear(r);
	return ret;
}

/* Add s to a text[] literal being built in b ("" when b is empty). */
static void
array_put(struct buf *b, const char *s)
{
	buf_putc(b, b->len == 0 ? '{' : ',');
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static const char *
array_end(struct buf *b)
{
	if (b->len == 0)
		buf_putc(b, '{');
	buf_putc(b, '}');
	return buf_str(b);
}

static void
array_num(struct buf *b, long long n)
{
	char num[32];

	snprintf(num, sizeof num, "%lld", n);
	array_put(b, num);
}

static void
array_day(struct buf *b, pw_day d)
{
	char day[11];

	date_iso(d, day);
	array_put(b, day);
}

/* Does row a of a want's values come before row b: a later date, or the
 * same and a later seq? */
static bool
newer(const PGresult *r, int a, int b)
{
	pw_day da = 0, db = 0;
	long long sa, sb;

	(void)day_col(r, a, 0, &da);
	(void)day_col(r, b, 0, &db);
	if (da != db)
		return da > db;
	sa = int8_col(r, a, 1);
	sb = int8_col(r, b, 1);
	return sa > sb;
}

/*
 * The rows of the walk's statement (want number in column 4, from 1) by
 * want, each want's newest first: the statement has no ORDER BY (the
 * server's sort of 100,000 rows was half its time), so they are counted
 * into place by want, then sorted within each, by insertion: they come
 * in order but for what the server does not promise.  first[i] is where
 * want i's rows begin, first[nwants] where they end.
 */
static int *
walk_order(const PGresult *r, size_t nwants, int *first)
{
	int n = PQntuples(r), *ord = xcalloc((size_t)n + 1, sizeof *ord);
	int *at = xcalloc(nwants + 1, sizeof *at);

	for (int i = 0; i < n; i++) {
		long long w = int8_col(r, i, 4);
		if (w >= 1 && (size_t)w <= nwants)
			first[w]++;
	}
	for (size_t w = 1; w <= nwants; w++)
		first[w] += first[w - 1];
	memcpy(at, first, nwants * sizeof *at);
	for (int i = 0; i < n; i++) {
		long long w = int8_col(r, i, 4);
		if (w >= 1 && (size_t)w <= nwants)
			ord[at[w - 1]++] = i;
	}
	free(at);
	for (size_t w = 0; w < nwants; w++)
		for (int i = first[w] + 1; i < first[w + 1]; i++)
			for (int j = i; j > first[w] &&
			    newer(r, ord[j], ord[j - 1]); j--) {
				int t = ord[j];
				ord[j] = ord[j - 1];
				ord[j - 1] = t;
			}
	return ord;
}

/* What the walk of one want found in the rows read for all. */
struct walked {
	int		 first, n;	/* its rows in the walk's result */
	int		 kept;
	size_t		 counted;
	pw_day		 oldest;
	bool		 whole;		/* the rows read are all it has */
	bool		 again;		/* not: read it alone (load_want) */
	int		*seek;		/* per day of at: its row, or -1 */
	bool		*asked;		/* the row is in the seeks' result */
};

/* The levels a want (k.i) counts, as x.lv (NULL: none), from $5 and $6:
 * each level beside its want's number (from 1).  Grouped once for all:
 * a sub-query of them in the rows' condition ran again for every row
 * read (60,000 rows by 1,100 levels), and one a want, for every seek. */
#define WANT_LEVELS \
	"LEFT JOIN (SELECT v.i, array_agg(v.l) AS lv " \
	"FROM unnest($5::int8[], $6::text[]) AS v(i, l) GROUP BY v.i) " \
	"AS x ON x.i = k.i "

/*
 * Every want's values as load_want reads them, in three statements for
 * all the targets instead of one a target (a round trip each, and every
 * value of each: at province scale 2,000 statements, 520,000 rows).  The
 * first reads each target's values from since on and the recent + 1
 * before (where the walk ends); the walk is load_want's on those.  The
 * days of at that no value read answers are then asked of the server at
 * once (the latest value that counts on or before each), and so are the
 * values left out that a scale does not count.  A want whose walk goes
 * past the rows read (a scale with more than recent values it does not
 * count) is read alone by load_want.
 */
static int
load_wants(struct pg *s, struct facts *f, const struct facts_query *q,
    const char *asof, char **err)
{
	struct buf items = BUF_INIT, ki = BUF_INIT, kitem = BUF_INIT,
	    kday = BUF_INIT, kscaled = BUF_INIT, vi = BUF_INIT, vl = BUF_INIT;
	struct walked *wk = xcalloc(q->nwants + 1, sizeof *wk);
	PGresult *ra = NULL, *rb = NULL, *rc = NULL;
	char since[11], limit[32];
	const char *p[7], *vis, *vls;
	struct fact fact, *found = NULL;
	int *seekrow = NULL, *skipped = NULL, *first = NULL, *ord = NULL;
	size_t nseek = 0, ncount = 0;
	int ret = -1;

	if (q->nwants == 0) {
		free(wk);
		return 0;
	}
	for (size_t i = 0; i < q->nwants; i++) {
		array_put(&items, q->wants[i].item);
		for (size_t k = 0; q->wants[i].levels != NULL &&
		    k < q->wants[i].nlevels; k++) {
			array_num(&vi, (long long)i + 1);
			array_put(&vl, q->wants[i].levels[k]);
		}
	}
	vis = array_end(&vi);
	vls = array_end(&vl);
	date_iso(q->since, since);
	snprintf(limit, sizeof limit, "%zu", q->recent + 1);
	p[0] = s->plan;
	p[1] = array_end(&items);
	p[2] = asof;
	p[3] = since;
	p[4] = q->recent < 100000 ? limit : NULL;
	if ((ra = query(s, "SELECT e.asof, e.seq, e.value, e.level, w.i "
	    "FROM unnest($2::text[]) WITH ORDINALITY AS w(item, i) "
	    "CROSS JOIN LATERAL ((SELECT asof, seq, value, level "
	    "FROM planwatch.events WHERE plan = $1 AND superseded_by IS NULL "
	    "AND kind = 'value' AND item = w.item AND asof <= $3::date "
	    "AND asof >= $4::date ORDER BY asof DESC, seq DESC) UNION ALL "
	    "(SELECT asof, seq, value, level "
	    "FROM planwatch.events WHERE plan = $1 AND superseded_by IS NULL "
	    "AND kind = 'value' AND item = w.item AND asof <= $3::date "
	    "AND asof < $4::date ORDER BY asof DESC, seq DESC "
	    "LIMIT $5::int8)) AS e", 5, p, 1, err)) == NULL)
		goto done;
	first = xcalloc(q->nwants + 1, sizeof *first);
	ord = walk_order(ra, q->nwants, first);

	/* The walks, and the days they leave to ask. */
	for (int i = 0; i < (int)q->nwants; i++) {
		const struct value_want *w = &q->wants[i];
		struct fact_list *l = facts_list(f, w->item);
		struct walked *x = &wk[i];
		bool year = true;
		int below = 0, j;

		l->since = DAY_NONE;
		x->first = first[i];
		x->n = first[i + 1] - first[i];
		x->oldest = DAY_NONE;
		for (j = 0; j < x->n; j++) {
			if (value_row(s, ra, ord[x->first + j], &fact,
			    err) != 0)
				goto done;
			if (fact.date < q->since)
				below++;
		}
		x->whole = p[4] == NULL || below < (int)(q->recent + 1);
		for (j = 0; j < x->n; j++) {
			if (value_row(s, ra, ord[x->first + j], &fact,
			    err) != 0)
				goto done;
			if ((fact.date < q->since || !year) &&
			    x->counted >= q->recent) {
				l->since = fact.date + 1;
				break;
			}
			if (value_want_counts(w, fact.level)) {
				if (x->counted++ == 0)
					year = value_want_year(w, &fact);
				x->oldest = fact.date;
			}
		}
		x->kept = j;
		if (l->since == DAY_NONE && !x->whole) {
			x->again = true;
			continue;
		}
		if (l->since == DAY_NONE)
			continue;
		x->seek = xcalloc(w->nat + 1, sizeof *x->seek);
		x->asked = xcalloc(w->nat + 1, sizeof *x->asked);
		for (size_t k = 0; k < w->nat; k++) {
			pw_day d = w->at[k], upto;
			x->seek[k] = -1;
			if (x->counted > 0 && x->oldest <= d)
				continue;
			upto = d < l->since ? d : l->since - 1;
			for (j = 0; j < x->n; j++) {
				if (value_row(s, ra, ord[x->first + j],
				    &fact, err) != 0)
					goto done;
				if (fact.date <= upto &&
				    value_want_counts(w, fact.level))
					break;
			}
			if (j < x->n)
				x->seek[k] = ord[x->first + j];
			else if (!x->whole) {
				/* Below the rows read: ask. */
				x->seek[k] = (int)nseek++;
				x->asked[k] = true;
				array_num(&ki, (long long)i + 1);
				array_put(&kitem, w->item);
				array_day(&kday, upto);
				array_put(&kscaled, w->levels != NULL ? "t" :
				    "f");
			}
		}
	}
	if (nseek > 0) {
		p[1] = array_end(&ki);
		p[2] = array_end(&kitem);
		p[3] = array_end(&kday);
		p[4] = vis;
		p[5] = vls;
		p[6] = array_end(&kscaled);
		if ((rb = query(s, "SELECT e.asof, e.seq, e.value, e.level, "
		    "k.n FROM unnest($2::int8[], $3::text[], $4::date[], "
		    "$7::bool[]) WITH ORDINALITY "
		    "AS k(i, item, upto, scaled, n) " WANT_LEVELS
		    "CROSS JOIN LATERAL (SELECT asof, seq, value, level "
		    "FROM planwatch.events WHERE plan = $1 "
		    "AND superseded_by IS NULL AND kind = 'value' "
		    "AND item = k.item AND asof <= k.upto AND (NOT k.scaled "
		    "OR level = ANY (x.lv)) "
		    "ORDER BY asof DESC, seq DESC LIMIT 1) AS e", 7, p, 1,
		    err)) == NULL)
			goto done;
		seekrow = xcalloc(nseek, sizeof *seekrow);
		for (size_t k = 0; k < nseek; k++)
			seekrow[k] = -1;
		for (int r = 0; r < PQntuples(rb); r++) {
			long long n = int8_col(rb, r, 4);
			if (n >= 1 && (size_t)n <= nseek)
				seekrow[n - 1] = r;
		}
	}

	/* The values before since that a scale does not count, where the
	 * rows read are not all. */
	buf_release(&ki);
	buf_release(&kitem);
	buf_release(&kday);
	for (size_t i = 0; i < q->nwants; i++) {
		const struct fact_list *l = facts_get(f, q->wants[i].item);
		if (q->wants[i].levels == NULL || wk[i].again ||
		    wk[i].whole || l->since == DAY_NONE)
			continue;
		array_num(&ki, (long long)i + 1);
		array_put(&kitem, q->wants[i].item);
		array_day(&kday, l->since);
		ncount++;
	}
	if (ncount > 0) {
		p[1] = array_end(&ki);
		p[2] = array_end(&kitem);
		p[3] = array_end(&kday);
		p[4] = vis;
		p[5] = vls;
		if ((rc = query(s, "SELECT (SELECT count(*) "
		    "FROM planwatch.events WHERE plan = $1 "
		    "AND superseded_by IS NULL AND kind = 'value' "
		    "AND item = k.item AND asof < k.since "
		    "AND (level IS NULL OR level <> ALL (x.lv)))::int8, k.i "
		    "FROM unnest($2::int8[], $3::text[], $4::date[]) "
		    "AS k(i, item, since) " WANT_LEVELS, 6, p, 1, err)) == NULL)
			goto done;
		skipped = xcalloc(q->nwants + 1, sizeof *skipped);
		for (int r = 0; r < PQntuples(rc); r++) {
			long long i = int8_col(rc, r, 1);
			if (i >= 1 && (size_t)i <= q->nwants)
				skipped[i - 1] = (int)int8_col(rc, r, 0);
		}
	}

	/* The lists, in load_want's order. */
	for (size_t i = 0; i < q->nwants; i++) {
		const struct value_want *w = &q->wants[i];
		struct fact_list *l = facts_list(f, w->item);
		struct walked *x = &wk[i];
		size_t nfound = 0;

		if (x->again) {
			if (load_want(s, f, q, w, asof, err) != 0)
				goto done;
			continue;
		}
		found = xcalloc(w->nat + 1, sizeof *found);
		for (size_t k = 0; x->seek != NULL && k < w->nat; k++) {
			const PGresult *r = x->asked[k] ? rb : ra;
			int row = x->asked[k] ? seekrow[x->seek[k]] :
			    x->seek[k];
			bool have = false;
			if (row < 0)
				continue;
			if (value_row(s, r, row, &fact, err) != 0)
				goto done;
			for (size_t m = 0; m < nfound; m++)
				if (found[m].seq == fact.seq)
					have = true;
			if (!have)
				found[nfound++] = fact;
		}
		while (nfound > 0)
			facts_push(f, l, &found[--nfound]);
		free(found);
		found = NULL;
		for (int j = x->kept; j-- > 0;) {
			if (value_row(s, ra, ord[x->first + j], &fact,
			    err) != 0)
				goto done;
			facts_push(f, l, &fact);
		}
		if (w->levels == NULL)
			continue;
		l->skipped = 0;
		if (!x->whole && l->since != DAY_NONE) {
			l->skipped = (size_t)skipped[i];
			continue;
		}
		for (int j = 0; j < x->n; j++) {
			if (value_row(s, ra, ord[x->first + j], &fact,
			    err) != 0)
				goto done;
			if (fact.date < l->since && (fact.level == NULL ||
			    !value_want_counts(w, fact.level)))
				l->skipped++;
		}
	}
	ret = 0;
done:
	for (size_t i = 0; i < q->nwants; i++) {
		free(wk[i].seek);
		free(wk[i].asked);
	}
	free(wk);
	free(found);
	free(first);
	free(ord);
	free(seekrow);
	free(skipped);
	PQclear(ra);
	PQclear(rb);
	PQclear(rc);
	buf_release(&items);
	buf_release(&ki);
	buf_release(&kitem);
	buf_release(&kday);
	buf_release(&kscaled);
	buf_release(&vi);
	buf_release(&vl);
	return ret;
}

/* The facts of q, in one read-only snapshot. */
static int
pg_load_asof(struct store *base, struct facts *f,
    const struct facts_query *q, char **err)
{
	struct pg *s = (struct pg *)base;
	char asof[11];
	int ret = -1;

	if (s->plan == NULL)
		return need_plan(s, err);
	if (exec(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
	    err) != 0)
		return -1;
	date_iso(q->asof, asof);
	if (load_latest_progress(s, f, q->asof, asof, err) != 0)
		goto done;
	if (load_wants(s, f, q, asof, err) != 0)
		goto done;
	ret = 0;
done:
	if (ret == 0)
		ret = exec(s, "COMMIT", err);
	else
		rollback(s);
	return ret;
}

static void	pg_batch_abort(struct store_batch *);

static int
pg_batch_begin(struct store *base, struct store_batch **out, char **err)
{
	struct pg *s = (struct pg *)base;
	struct pg_batch *b;
	PGresult *r;

	*out = NULL;
	if (s->mode != STORE_WRITE) {
		s->base.error = STORE_EREFUSED;
		*err = xasprintf(_("%s: opened read-only"), s->shown);
		return -1;
	}
	if (need_plan(s, err) != 0)
		return -1;
	if (s->plan == NULL) {
		s->base.error = STORE_EINVALID;
		*err = xasprintf(_("%s: no plan published here yet (the "
		    "office publishes it with planwatch db publish)"),
		    s->shown);
		return -1;
	}
	if (exec(s, "BEGIN", err) != 0)
		return -1;
	b = xcalloc(1, sizeof *b);
	if (pg_copy_begin(s->conn, &b->copy, &r) != 0) {
		*err = pq_error(s, r);
		PQclear(r);
		rollback(s);
		free(b);
		return -1;
	}
	b->base.s = &s->base;
	b->s = s;
	*out = &b->base;
	return 0;
}

/* The row goes to the staging table (pg_copy.h): the server's word on
 * it, a refusal included, comes at commit. */
static int
pg_batch_add(struct store_batch *base, const struct record_in *r,
    char **err)
{
	struct pg_batch *b = (struct pg_batch *)base;
	PGresult *res;

	if (pg_copy_add(b->copy, r, &res) != 0) {
		*err = pq_error(b->s, res);
		PQclear(res);
		return -1;
	}
	return 0;
}

static int
pg_batch_commit(struct store_batch *base, char **err)
{
	struct pg_batch *b = (struct pg_batch *)base;
	PGresult *res;
	int rc;

	rc = pg_copy_finish(b->copy, b->s->plan, &res);
	b->copy = NULL;
	if (rc != 0) {
		*err = pq_error(b->s, res);
		PQclear(res);
	} else
		rc = exec(b->s, "COMMIT", err);
	if (rc != 0)
		rollback(b->s);
	free(b);
	return rc;
}

static void
pg_batch_abort(struct store_batch *base)
{
	struct pg_batch *b = (struct pg_batch *)base;

	pg_copy_free(b->copy);
	rollback(b->s);
	free(b);
}

/* The history, streamed a row at a time (single-row mode), so that an
 * export of any size is read in constant memory. */
static int
pg_each(struct store *base, const struct history_query *q,
    int (*fn)(const struct history_row *, void *), void *arg, char **err)
{
	struct pg *s = (struct pg *)base;
	struct buf sql = BUF_INIT;
	struct history_row row;
	const char *p[5];
	char since[11], until[11], limit[32];
	PGresult *r;
	int n = 0, ret = 0;

	if (s->plan == NULL)
		return need_plan(s, err);
	/* Only fixed fragments go into the SQL; every value is sent
	 * apart. */
	buf_puts(&sql, "SELECT seq, to_char(recorded AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), recorded_by, kind, item, "
	    "asof, value, level, note, source, superseded_by IS NOT NULL, "
	    "superseded_by FROM planwatch.events WHERE plan = $1");
	p[n++] = s->plan;
	if (q->item != NULL) {
		p[n++] = q->item;
		buf_printf(&sql, " AND (item = $%d OR (item > ($%d || '@') "
		    "COLLATE \"C\" AND item < ($%d || 'A') COLLATE \"C\"))",
		    n, n, n);
	}
	if (q->since != DAY_NONE) {
		date_iso(q->since, since);
		p[n++] = since;
		buf_printf(&sql, " AND asof >= $%d::date", n);
	}
	if (q->until != DAY_NONE) {
		date_iso(q->until, until);
		p[n++] = until;
		buf_printf(&sql, " AND asof <= $%d::date", n);
	}
	if (q->current_only)
		buf_puts(&sql, " AND superseded_by IS NULL AND kind <> 'void'");
	buf_puts(&sql, q->oldest_first ? " ORDER BY seq" :
	    " ORDER BY seq DESC");
	if (q->limit > 0) {
		snprintf(limit, sizeof limit, "%zu", q->limit);
		p[n++] = limit;
		buf_printf(&sql, " LIMIT $%d::int8", n);
	}
	if (!PQsendQueryParams(s->conn, buf_str(&sql), n, NULL, p, NULL,
	    NULL, 1) || !PQsetSingleRowMode(s->conn)) {
		buf_release(&sql);
		*err = pq_error(s, NULL);
		return -1;
	}
	buf_release(&sql);
	while ((r = PQgetResult(s->conn)) != NULL) {
		ExecStatusType st = PQresultStatus(r);
		if (st == PGRES_SINGLE_TUPLE && ret == 0) {
			row.seq = int8_col(r, 0, 0);
			row.recorded = (char *)text_col(r, 0, 1);
			row.by = (char *)text_col(r, 0, 2);
			if (kind_parse(text_col(r, 0, 3), &row.kind) != 0)
				row.kind = FACT_VALUE;
			row.item = (char *)text_col(r, 0, 4);
			if (day_col(r, 0, 5, &row.date) != 0)
				row.date = DAY_NONE;
			row.value = float8_col(r, 0, 6, NAN);
			row.level = (char *)text_col(r, 0, 7);
			row.note = (char *)text_col(r, 0, 8);
			row.source = (char *)text_col(r, 0, 9);
			row.superseded = PQgetlength(r, 0, 10) == 1 &&
			    *PQgetvalue(r, 0, 10) != 0;
			row.superseded_by = int8_col(r, 0, 11);
			if (row.recorded == NULL)
				row.recorded = (char *)"";
			if (row.by == NULL)
				row.by = (char *)"";
			if (row.item == NULL)
				row.item = (char *)"";
			if ((ret = fn(&row, arg)) != 0) {
				/* Stop the server sending the rest. */
				PGcancel *c = PQgetCancel(s->conn);
				char buf[256];
				if (c != NULL) {
					PQcancel(c, buf, sizeof buf);
					PQfreeCancel(c);
				}
			}
		} else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK &&
		    ret == 0) {
			*err = pq_error(s, r);
			ret = -1;
		}
		PQclear(r);
	}
	return ret;
}

static int
pg_backup(struct store *base, const char *dest, char **err)
{
	struct pg *s = (struct pg *)base;

	(void)dest;
	s->base.error = STORE_EUNSUPPORTED;
	*err = xasprintf(_("%s: a PostgreSQL store is backed up on the "
	    "server, with pg_dump (see docs/deploy.md)"), s->shown);
	return -1;
}

/*
 * A copy (backend.h): a transaction of its own, holding the plan's writers'
 * lock from the start, whose rows planwatch.copy_record() adds with their
 * recorder, time and supersessions (the office's alone:
 * db/pg_schema.sql, migration 2).  The seq numbers are the database's.
 */
struct pg_copyin {
	struct store_batch base;	/* first: the front's part */
	struct pg	*s;
};

static int
pg_copyin_begin(struct store *base, struct store_batch **out, char **err)
{
	struct pg *s = (struct pg *)base;
	const char *p[1] = { s->plan };
	struct pg_copyin *c;
	PGresult *r;

	*out = NULL;
	if (s->mode != STORE_WRITE || s->plan == NULL) {
		s->base.error = s->plan == NULL ? STORE_EINVALID :
		    STORE_EREFUSED;
		*err = s->plan == NULL ? xasprintf(_("%s: no plan published "
		    "here yet (the office publishes it with planwatch db "
		    "publish)"), s->shown) : xasprintf(_("%s: opened "
		    "read-only"), s->shown);
		return -1;
	}
	if (exec(s, "BEGIN", err) != 0)
		return -1;
	if ((r = query(s, "SELECT pg_advisory_xact_lock(1347896386, "
	    "hashtext($1)), EXISTS (SELECT FROM planwatch.events "
	    "WHERE plan = $1)", 1, p, 0, err)) == NULL) {
		rollback(s);
		return -1;
	}
	if (strcmp(PQgetvalue(r, 0, 1), "t") == 0) {
		PQclear(r);
		rollback(s);
		s->base.error = STORE_EINVALID;
		*err = xasprintf(_("%s holds records already: a copy goes only "
		    "into an empty store"), s->shown);
		return -1;
	}
	PQclear(r);
	c = xcalloc(1, sizeof *c);
	c->base.s = &s->base;
	c->s = s;
	*out = &c->base;
	return 0;
}

static int
pg_copyin_add(struct store_batch *base, const struct record_copy *c,
    long long *seq, char **err)
{
	struct pg *s = ((struct pg_copyin *)base)->s;
	const struct record_in *r = &c->r;
	struct buf sup = BUF_INIT;
	const char *p[11];
	int len[11] = { 0 }, fmt[11] = { 0 };
	char day[11], num[8];
	uint64_t u;
	PGresult *res;

	date_iso(r->date, day);
	buf_putc(&sup, '{');
	for (size_t i = 0; i < c->nsupersedes; i++)
		buf_printf(&sup, "%s%lld", i > 0 ? "," : "",
		    c->supersedes[i]);
	buf_putc(&sup, '}');
	p[0] = s->plan;
	p[1] = fact_kind_word(r->kind);
	p[2] = r->item;
	p[3] = day;
	p[4] = NULL;
	if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS) {
		/* Binary: the very double, whatever the locale. */
		memcpy(&u, &r->value, sizeof u);
		for (int i = 0; i < 8; i++)
			num[i] = (char)(u >> (56 - 8 * i));
		p[4] = num;
		len[4] = 8;
		fmt[4] = 1;
	}
	p[5] = r->level != NULL && *r->level != '\0' ? r->level : NULL;
	p[6] = r->note != NULL && *r->note != '\0' ? r->note : NULL;
	p[7] = r->source != NULL && *r->source != '\0' ? r->source : NULL;
	p[8] = r->by;
	p[9] = c->recorded;
	p[10] = buf_str(&sup);
	res = PQexecParams(s->conn, "SELECT planwatch.copy_record($1, $2, $3, "
	    "$4::date, $5::float8, $6, $7, $8, $9, $10::timestamptz, "
	    "$11::int8[])", 11, NULL, p, len, fmt, 1);
	buf_release(&sup);
	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		*err = pq_error(s, res);
		PQclear(res);
		return -1;
	}
	*seq = int8_col(res, 0, 0);
	PQclear(res);
	return 0;
}

static int
pg_copyin_end(struct store_batch *base, bool commit, char **err)
{
	struct pg *s = ((struct pg_copyin *)base)->s;
	int rc = 0;

	free(base);
	if (commit && (rc = exec(s, "COMMIT", err)) == 0)
		return 0;
	rollback(s);
	return rc;
}

const struct store_ops store_postgres_ops = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.load_facts = pg_load_facts,
	.load_asof = pg_load_asof,
	.batch_begin = pg_batch_begin,
	.batch_add = pg_batch_add,
	.batch_commit = pg_batch_commit,
	.batch_abort = pg_batch_abort,
	.each = pg_each,
	.backup = pg_backup,
	.copy_begin = pg_copyin_begin,
	.copy_add = pg_copyin_add,
	.copy_end = pg_copyin_end,
	.data_version = pg_data_version,
	.change_token = pg_change_token,
	.use_plan = pg_use_plan,
	.read_only = pg_read_only,
	.change_fd = pg_change_fd,
	.changed = pg_changed,
};

/* The office's commands (pg.h). */

/* Connect for one of them: a handle of its own, not a store. */
static enum store_error
admin_open(const char *where, struct pg *s, char **err)
{
	enum store_error kind;

	memset(s, 0, sizeof *s);
	s->shown = store_shown(where);
	s->mode = STORE_WRITE;
	if ((kind = connect_to(s, where, err)) != STORE_OK)
		return s->base.error = kind;
	if (pg_refuse_standby(s->conn, s->shown, err) != 0)
		return s->base.error = STORE_EREFUSED;
	return STORE_OK;
}

static void
admin_close(struct pg *s)
{
	PQfinish(s->conn);
	free(s->shown);
}

static enum store_error
admin_fail(struct pg *s, bool in_transaction)
{
	enum store_error kind = s->base.error != STORE_OK ? s->base.error :
	    STORE_EOTHER;

	if (in_transaction)
		rollback(s);
	admin_close(s);
	return kind;
}

enum store_error
pg_db_init(const char *where, int *from, int *to, char **err)
{
	struct pg s;
	bool first = true;
	int version;

	*from = *to = 0;
	if (admin_open(where, &s, err) != STORE_OK)
		return admin_fail(&s, false);
	for (;;) {
		/* Each migration in a transaction of its own, under the
		 * lock, the version read again under it. */
		if (exec(&s, "BEGIN", err) != 0 || exec(&s, "SELECT "
		    "pg_advisory_xact_lock(" MIGRATION_LOCK ")", err) != 0 ||
		    schema_version(&s, &version, err) != 0)
			return admin_fail(&s, true);
		if (first)
			*from = version;
		first = false;
		*to = version;
		if (version > PG_SCHEMA_VERSION) {
			s.base.error = STORE_ETOONEW;
			*err = xasprintf(_("%s: database was written by a "
			    "newer planwatch (schema %lld); this one knows up "
			    "to %d"), s.shown, (long long)version,
			    PG_SCHEMA_VERSION);
			return admin_fail(&s, true);
		}
		if (version == PG_SCHEMA_VERSION)
			break;
		if (exec(&s, pg_migrations[version], err) != 0 ||
		    exec(&s, "COMMIT", err) != 0)
			return admin_fail(&s, true);
	}
	rollback(&s);
	admin_close(&s);
	return STORE_OK;
}

/* A text[] literal of the departments ids[] of p. */
static char *
dept_array(const struct plan *p, const int *ids, size_t n)
{
	struct buf b = BUF_INIT;

	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		if (ids[i] < 0 || (size_t)ids[i] >= p->ndepts)
			continue;
		if (b.len > 1)
			buf_putc(&b, ',');
		buf_putc(&b, '"');
		for (const char *c = p->depts[ids[i]].id; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *c);
		}
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	return buf_detach(&b);
}

static int
publish_item(struct pg *s, const struct plan *p, const char *id,
    const char *kind, int owner, const int *support, size_t nsupport,
    char **err)
{
	char *supports = dept_array(p, support, nsupport);
	const char *q[5] = { p->id, id, kind, owner >= 0 &&
	    (size_t)owner < p->ndepts ? p->depts[owner].id : NULL, supports };
	PGresult *r;

	r = query(s, "INSERT INTO planwatch.items (plan, id, kind, lead, "
	    "supports) VALUES ($1, $2, $3, $4, $5::text[])", 5, q, 0, err);
	free(supports);
	PQclear(r);
	return r != NULL ? 0 : -1;
}

enum store_error
pg_db_publish(const char *where, const struct plan *p, char **err)
{
	const char *q[3] = { p->id, p->title != NULL ? p->title : "" };
	struct pg s;
	PGresult *r;
	size_t i;

	if (admin_open(where, &s, err) != STORE_OK)
		return admin_fail(&s, false);
	if (exec(&s, "BEGIN", err) != 0)
		return admin_fail(&s, false);
	/* The plan's row stays (its records refer to it); what it holds
	 * is replaced whole. */
	if ((r = query(&s, "INSERT INTO planwatch.plans (id, title) "
	    "VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET "
	    "title = excluded.title, published = now(), "
	    "published_by = session_user", 2, q, 0, err)) == NULL)
		return admin_fail(&s, true);
	PQclear(r);
	if ((r = query(&s, "DELETE FROM planwatch.departments WHERE plan = $1",
	    1, q, 0, err)) == NULL)
		return admin_fail(&s, true);
	PQclear(r);
	if ((r = query(&s, "DELETE FROM planwatch.items WHERE plan = $1",
	    1, q, 0, err)) == NULL)
		return admin_fail(&s, true);
	PQclear(r);
	for (i = 0; i < p->ndepts; i++) {
		q[1] = p->depts[i].id;
		q[2] = p->depts[i].name != NULL ? p->depts[i].name : "";
		if ((r = query(&s, "INSERT INTO planwatch.departments "
		    "(plan, id, name) VALUES ($1, $2, $3)", 3, q, 0,
		    err)) == NULL)
			return admin_fail(&s, true);
		PQclear(r);
	}
	for (i = 0; i < p->nphases; i++)
		if (publish_item(&s, p, p->phases[i].id, "phase",
		    p->phases[i].owner, NULL, 0, err) != 0)
			return admin_fail(&s, true);
	for (i = 0; i < p->nms; i++)
		if (publish_item(&s, p, p->ms[i].id, "milestone",
		    p->ms[i].owner, p->ms[i].support, p->ms[i].nsupport,
		    err) != 0)
			return admin_fail(&s, true);
	for (i = 0; i < p->ntargets; i++)
		if (publish_item(&s, p, p->targets[i].id, "target",
		    p->targets[i].owner, p->targets[i].support,
		    p->targets[i].nsupport, err) != 0)
			return admin_fail(&s, true);
	if (exec(&s, "COMMIT", err) != 0)
		return admin_fail(&s, true);
	admin_close(&s);
	return STORE_OK;
}

enum store_error
pg_db_grant(const char *where, const char *plan, const char *role,
    const char *dept, char **err)
{
	const char *q[3] = { plan, role, dept };
	struct pg s;
	PGresult *r;

	if (admin_open(where, &s, err) != STORE_OK)
		return admin_fail(&s, false);
	if ((r = query(&s, "SELECT planwatch.grant_dept($1, $2, $3)", 3, q,
	    0, err)) == NULL)
		return admin_fail(&s, false);
	PQclear(r);
	admin_close(&s);
	return STORE_OK;
}
