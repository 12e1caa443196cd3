/*
 * store.c: the store above its backends (store.h, backend.h).  It chooses
 * a backend by the location's scheme, checks rows before any backend sees
 * them, keeps the kind of the last failure, and builds what every backend
 * would build alike (store_record from a batch, store_history from
 * store_each).
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/backend.h"
#include "db/store.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * The backends by the scheme of a location; a location with none of these
 * is a SQLite file.  A NULL ops is a backend this build does not have.
 */
static const struct {
	const char		*scheme;	/* with its "://" */
	const struct store_ops	*ops;
	const char		*what;		/* for the message */
} backends[] = {
	{ "postgresql://", &store_postgres_ops, "PostgreSQL" },
	{ "postgres://", &store_postgres_ops, "PostgreSQL" },
};

enum store_error
store_errno_kind(int e)
{
	switch (e) {
	case 0:
		return STORE_EOTHER;
	case ENOENT:
	case ENOTDIR:
		return STORE_ENOTFOUND;
	case EACCES:
	case EPERM:
	case EROFS:
		return STORE_EREFUSED;
	case EBUSY:
	case EAGAIN:
		return STORE_EBUSY;
	default:
		return STORE_EIO;
	}
}

/* Has where a scheme (letters, digits, + - . then "://")? */
static bool
has_scheme(const char *where, size_t *len)
{
	size_t n = 0;

	while ((where[n] >= 'a' && where[n] <= 'z') ||
	    (where[n] >= 'A' && where[n] <= 'Z') ||
	    (n > 0 && ((where[n] >= '0' && where[n] <= '9') ||
	    where[n] == '+' || where[n] == '-' || where[n] == '.')))
		n++;
	*len = n;
	return n > 0 && strncmp(where + n, "://", 3) == 0;
}

char *
store_shown(const char *where)
{
	struct buf b = BUF_INIT;
	const char *p, *at, *end;
	bool first = true;
	size_t n;
	char *shown;

	if (!has_scheme(where, &n))
		return text_safe(where);
	/* scheme://user:password@host/path?password=...&... */
	p = where + n + 3;
	end = p + strcspn(p, "/?");
	at = memchr(p, '@', (size_t)(end - p));
	buf_add(&b, where, (size_t)(p - where));
	if (at != NULL) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		buf_add(&b, p, (size_t)((colon != NULL ? colon : at) - p));
		p = at;
	}
	n = strcspn(p, "?");
	buf_add(&b, p, n);
	for (p += n; *p != '\0';) {
		p++;
		n = strcspn(p, "&");
		if (strncmp(p, "password=", 9) != 0) {
			buf_putc(&b, first ? '?' : '&');
			buf_add(&b, p, n);
			first = false;
		}
		p += n;
	}
	shown = text_safe(buf_str(&b));
	buf_release(&b);
	return shown;
}

enum store_error
store_open(const char *where, enum store_mode mode, struct store **out,
    char **err)
{
	const struct store_ops *ops = &store_sqlite_ops;
	enum store_error kind;
	char *shown = store_shown(where);

	*out = NULL;
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
		if (strncmp(where, backends[i].scheme,
		    strlen(backends[i].scheme)) != 0)
			continue;
		if ((ops = backends[i].ops) == NULL) {
			*err = xasprintf(_("%s: this planwatch has no %s "
			    "store"), shown, backends[i].what);
			free(shown);
			return STORE_EUNSUPPORTED;
		}
		break;
	}
	if ((kind = ops->open(where, shown, mode, out, err)) != STORE_OK) {
		*out = NULL;
		free(shown);
		return kind;
	}
	(*out)->ops = ops;
	(*out)->where = xstrdup(where);
	(*out)->shown = shown;
	(*out)->mode = mode;
	(*out)->error = STORE_OK;
	return STORE_OK;
}

void
store_close(struct store *s)
{
	char *where, *shown;

	if (s == NULL)
		return;
	where = s->where;
	shown = s->shown;
	s->ops->close(s);
	free(where);
	free(shown);
}

const char *
store_location(const struct store *s)
{
	return s->shown;
}

bool
store_keeps_plans(const struct store *s)
{
	return s->ops->use_plan != NULL;
}

int
store_use_plan(struct store *s, const char *plan_id, char **err)
{
	if (s->ops->use_plan == NULL || plan_id == NULL)
		return 0;
	return s->ops->use_plan(s, plan_id, err);
}

enum store_error
store_error(const struct store *s)
{
	return s->error;
}

/* The result of a backend's call that returned rc. */
static enum store_error
result(struct store *s, int rc)
{
	if (rc == 0)
		s->error = STORE_OK;
	else if (s->error == STORE_OK)
		s->error = STORE_EOTHER;
	return s->error;
}

enum store_error
store_load_facts(struct store *s, struct facts *f, char **err)
{
	s->error = STORE_OK;
	return result(s, s->ops->load_facts(s, f, err));
}

enum store_error
store_load_facts_asof(struct store *s, struct facts *f,
    const struct facts_query *q, char **err)
{
	s->error = STORE_OK;
	return result(s, s->ops->load_asof(s, f, q, err));
}

int
store_change_token(struct store *s, uint64_t *token)
{
	return s->ops->change_token != NULL ? s->ops->change_token(s, token) :
	    -1;
}

/* Refuse a row no backend should see. */
static enum store_error
check_record(struct store *s, const struct record_in *r, char **err)
{
	const char *why = NULL;

	if ((unsigned)r->kind > FACT_VOID)
		why = "kind";
	else if (r->item == NULL || *r->item == '\0')
		why = "item";
	else if (r->date == DAY_NONE || r->date < date_from_ymd(DATE_YEAR_MIN,
	    1, 1) || r->date > date_from_ymd(DATE_YEAR_MAX, 12, 31))
		why = "date";
	else if ((r->kind == FACT_VALUE || r->kind == FACT_PROGRESS) &&
	    !isfinite(r->value))
		why = "value";
	else if (r->by == NULL)
		why = "by";
	if (why == NULL)
		return STORE_OK;
	*err = xasprintf(_("%s: refusing to record an invalid %s"), s->shown,
	    why);
	return s->error = STORE_EINVALID;
}

enum store_error
store_batch_begin(struct store *s, struct store_batch **out, char **err)
{
	s->error = STORE_OK;
	return result(s, s->ops->batch_begin(s, out, err));
}

enum store_error
store_batch_add(struct store_batch *b, const struct record_in *r,
    char **err)
{
	struct store *s = b->s;

	s->error = STORE_OK;
	if (check_record(s, r, err) != STORE_OK)
		return s->error;
	return result(s, s->ops->batch_add(b, r, err));
}

enum store_error
store_record_check(struct store *s, const struct record_in *r, char **err)
{
	s->error = STORE_OK;
	return check_record(s, r, err);
}

enum store_error
store_batch_commit(struct store_batch *b, char **err)
{
	struct store *s = b->s;

	s->error = STORE_OK;
	return result(s, s->ops->batch_commit(b, err));
}

void
store_batch_abort(struct store_batch *b)
{
	if (b != NULL)
		b->s->ops->batch_abort(b);
}

enum store_error
store_record(struct store *s, const struct record_in *r, size_t n,
    char **err)
{
	struct store_batch *b;

	for (size_t i = 0; i < n; i++)
		if (check_record(s, &r[i], err) != STORE_OK)
			return s->error;
	if (store_batch_begin(s, &b, err) != STORE_OK)
		return s->error;
	for (size_t i = 0; i < n; i++)
		if (store_batch_add(b, &r[i], err) != STORE_OK) {
			/* The kind of the add's failure, not the abort's. */
			enum store_error kind = s->error;
			store_batch_abort(b);
			return s->error = kind;
		}
	return store_batch_commit(b, err);
}

int
store_each(struct store *s, const struct history_query *q,
    int (*fn)(const struct history_row *, void *), void *arg, char **err)
{
	int rc;

	s->error = STORE_OK;
	if ((rc = s->ops->each(s, q, fn, arg, err)) == -1 &&
	    s->error == STORE_OK)
		s->error = STORE_EOTHER;
	return rc;
}

struct collect {
	struct history_row *v;
	size_t		 n, cap;
};

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
collect_row(const struct history_row *r, void *arg)
{
	struct collect *c = arg;
	struct history_row *d;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	d = &c->v[c->n++];
	*d = *r;
	d->recorded = xstrdup(r->recorded);
	d->by = xstrdup(r->by);
	d->item = xstrdup(r->item);
	d->level = dup_or_null(r->level);
	d->note = dup_or_null(r->note);
	d->source = dup_or_null(r->source);
	return 0;
}

enum store_error
store_history(struct store *s, const struct history_query *q,
    struct history_row **rows, size_t *n, char **err)
{
	struct collect c = { NULL, 0, 0 };

	if (store_each(s, q, collect_row, &c, err) != 0) {
		history_rows_free(c.v, c.n);
		return s->error;
	}
	*rows = c.v;
	*n = c.n;
	return STORE_OK;
}

void
history_rows_free(struct history_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].recorded);
		free(rows[i].by);
		free(rows[i].item);
		free(rows[i].level);
		free(rows[i].note);
		free(rows[i].source);
	}
	free(rows);
}

enum store_error
store_backup(struct store *s, const char *dest, char **err)
{
	s->error = STORE_OK;
	return result(s, s->ops->backup(s, dest, err));
}

long long
store_data_version(struct store *s)
{
	return s->ops->data_version(s);
}

int
store_change_fd(struct store *s)
{
	return s->ops->change_fd != NULL ? s->ops->change_fd(s) : -1;
}

int
store_changed(struct store *s)
{
	return s->ops->changed != NULL ? s->ops->changed(s) : -1;
}

bool
store_read_only(struct store *s)
{
	return s->ops->read_only != NULL && s->ops->read_only(s);
}
