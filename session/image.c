/*
 * image.c: a review's inputs as bytes, and back again (image.h).
 *
 * The plan's part is its structs' fields in the order of the tables of
 * model/plan.h: numbers, dates, positions and enumerations as their bytes
 * in memory, strings as a 32-bit length (NO_STRING for NULL) and their
 * bytes, an array as a 32-bit count and its elements.  Then a byte, 1 when
 * facts follow: the number of lists, and for each its item, since, skipped
 * and facts, in the order the store made them; each fact its kind, date,
 * value, seq and level.  Whatever the bytes, the reader gives what the
 * loader and the store could have made, or -1.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session/image.h"
#include "util/xalloc.h"

#define NO_STRING	UINT32_MAX

/* Written as they are in memory: no padding to leave undefined. */
_Static_assert(sizeof(struct pdate) == sizeof(pw_day) +
    sizeof(enum date_prec), "struct pdate has padding");
_Static_assert(sizeof(struct srcpos) == 2 * sizeof(int),
    "struct srcpos has padding");

/* --- Writing ------------------------------------------------------------ */

#define put(b, v)	buf_add(b, (const char *)&(v), sizeof(v))

static void
put_str(struct buf *b, const char *s)
{
	uint32_t n = s != NULL ? (uint32_t)strlen(s) : NO_STRING;

	put(b, n);
	if (s != NULL)
		buf_add(b, s, n);
}

static void
put_count(struct buf *b, size_t n)
{
	uint32_t v = (uint32_t)n;

	put(b, v);
}

/* A field of x, by its kind in the tables of model/plan.h. */
#define PUT(kind, ...)		PUT_##kind(__VA_ARGS__)
#define PUT_STR(f)		put_str(b, x->f);
#define PUT_OSTR(f)		put_str(b, x->f);
#define PUT_DATE(f)		put(b, x->f);
#define PUT_POS(f)		put(b, x->f);
#define PUT_INT(f)		put(b, x->f);
#define PUT_SIZE(f)		put(b, x->f);
#define PUT_F64(f)		put(b, x->f);
/* A bool is written as its byte and read back as one (GET_BOOL). */
_Static_assert(sizeof(bool) == 1, "a bool is one byte in an image");
#define PUT_BOOL(f)		put(b, x->f);
#define PUT_ENUM(f, type, last)	put(b, x->f);
#define PUT_DEPTS(f)		PUT_ARRAY(f, put(b, x->f[i]))
#define PUT_LIST(f, type)	PUT_ARRAY(f, put_##type(b, &x->f[i]))
#define PUT_STRS(f)		PUT_ARRAY(f, put_str(b, x->f[i]))
#define PUT_ITEMS(f, type)	PUT_ARRAY(f, put_##type(b, &x->f[i]))
#define PUT_ARRAY(f, each)	put_count(b, x->n##f);			\
				for (size_t i = 0; i < x->n##f; i++)	\
					each;

static void
put_department(struct buf *b, const struct department *x)
{
	DEPARTMENT_FIELDS(PUT)
}

static void
put_phase(struct buf *b, const struct phase *x)
{
	PHASE_FIELDS(PUT)
}

static void
put_milestone(struct buf *b, const struct milestone *x)
{
	MILESTONE_FIELDS(PUT)
}

static void
put_stage(struct buf *b, const struct stage *x)
{
	STAGE_FIELDS(PUT)
}

static void
put_target(struct buf *b, const struct target *x)
{
	TARGET_FIELDS(PUT)
}

void
image_put_facts(struct buf *b, const struct facts *f)
{
	size_t n;
	const struct fact_list *const *l = facts_items(f, &n);

	put(b, n);
	for (size_t i = 0; i < n; i++) {
		put_str(b, l[i]->item);
		put(b, l[i]->since);
		put(b, l[i]->skipped);
		put(b, l[i]->n);
		for (size_t k = 0; k < l[i]->n; k++) {
			const struct fact *x = &l[i]->v[k];
			unsigned char kind = (unsigned char)x->kind;
			put(b, kind);
			put(b, x->date);
			put(b, x->value);
			put(b, x->seq);
			put_str(b, x->level);
		}
	}
}

void
image_put_plan(struct buf *b, const struct plan *x)
{
	PLAN_FIELDS(PUT)
}

/* --- Reading ------------------------------------------------------------ */

/* Bytes being read; once bad, every read gives zeros and it stays bad. */
struct reader {
	const unsigned char	*at, *end;
	bool			 bad;
	struct plan		*p;
};

static const void *
take(struct reader *r, size_t n)
{
	const void *v = r->at;

	if (r->bad || (size_t)(r->end - r->at) < n) {
		r->bad = true;
		return NULL;
	}
	r->at += n;
	return v;
}

static inline void
get(struct reader *r, void *out, size_t n)
{
	const void *v = take(r, n);

	if (v != NULL)
		memcpy(out, v, n);
	else
		memset(out, 0, n);
}

/* Make r bad unless ok; returns ok. */
static bool
check(struct reader *r, bool ok)
{
	if (!ok)
		r->bad = true;
	return ok;
}

/* A count of things each at least min bytes long: no more than the bytes
 * left could hold, so a bad count cannot ask for a huge allocation. */
static size_t
get_count(struct reader *r, size_t min)
{
	uint32_t n;

	get(r, &n, sizeof n);
	return check(r, !r->bad && n <= (size_t)(r->end - r->at) / min) ?
	    n : 0;
}

/* A string with no NUL: its bytes and length; NULL for none (bad unless
 * optional). */
static const char *
get_bytes(struct reader *r, bool optional, size_t *len)
{
	uint32_t n;
	const char *s = NULL;

	get(r, &n, sizeof n);
	*len = 0;
	if (n == NO_STRING)
		check(r, optional);
	else if ((s = take(r, n)) == NULL || !check(r, memchr(s, '\0',
	    n) == NULL))
		s = NULL;
	else
		*len = n;
	return r->bad ? NULL : s;
}

/* A string copied into the plan's pool. */
static char *
get_str(struct reader *r, bool optional)
{
	size_t n;
	const char *s = get_bytes(r, optional, &n);

	return s != NULL ? plan_strndup(r->p, s, n) : NULL;
}

/* The fewest bytes a field of each kind takes: a bound for the counts of
 * items read, before anything is allocated for them. */
#define MIN(kind, ...)		+ MIN_##kind
#define MIN_STR			4
#define MIN_OSTR		4
#define MIN_DATE		sizeof(struct pdate)
#define MIN_POS			sizeof(struct srcpos)
#define MIN_INT			sizeof(int)
#define MIN_SIZE		sizeof(size_t)
#define MIN_F64			sizeof(double)
#define MIN_BOOL		sizeof(bool)
#define MIN_ENUM		1
#define MIN_DEPTS		4
#define MIN_LIST		4
#define MIN_STRS		4
enum {
	min_department = 0 DEPARTMENT_FIELDS(MIN),
	min_phase = 0 PHASE_FIELDS(MIN),
	min_milestone = 0 MILESTONE_FIELDS(MIN),
	min_stage = 0 STAGE_FIELDS(MIN),
	min_target = 0 TARGET_FIELDS(MIN)
};

#define GET(kind, ...)		GET_##kind(__VA_ARGS__)
#define GET_STR(f)		x->f = get_str(r, false);
#define GET_OSTR(f)		x->f = get_str(r, true);
#define GET_DATE(f)		get(r, &x->f, sizeof x->f);		\
	check(r, (unsigned)x->f.prec <= PREC_YEAR);
#define GET_POS(f)		get(r, &x->f, sizeof x->f);
#define GET_INT(f)		get(r, &x->f, sizeof x->f);
#define GET_SIZE(f)		get(r, &x->f, sizeof x->f);
#define GET_F64(f)		get(r, &x->f, sizeof x->f);		\
	check(r, isfinite(x->f));
/* A byte that is not 0 or 1 is no bool: read as a byte. */
#define GET_BOOL(f)		{ unsigned char v;			\
	get(r, &v, 1);							\
	x->f = check(r, v <= 1) && v; }
#define GET_ENUM(f, type, last)	get(r, &x->f, sizeof x->f);		\
	check(r, (unsigned)x->f <= (last));
#define GET_DEPTS(f)		GET_ARRAY(f, 4, pool_alloc,		\
				    GET_INT(f[i]))
#define GET_LIST(f, type)	GET_ARRAY(f, min_##type, pool_alloc,	\
				    get_##type(r, &x->f[i]))
#define GET_STRS(f)		GET_ARRAY(f, 4, pool_alloc,		\
				    GET_STR(f[i]))
/* The plan's own arrays: plan_free frees them, and there is always one. */
#define GET_ITEMS(f, type)	GET_ARRAY(f, min_##type, own_alloc,	\
				    get_##type(r, &x->f[i]))
#define GET_ARRAY(f, min, alloc, each)					\
	x->n##f = get_count(r, (min));					\
	x->f = alloc(r->p, x->n##f, sizeof *x->f);			\
	for (size_t i = 0; i < x->n##f; i++)				\
		each;

static void *
pool_alloc(struct plan *p, size_t n, size_t size)
{
	return n > 0 ? plan_alloc(p, n, size) : NULL;
}

static void *
own_alloc(struct plan *p, size_t n, size_t size)
{
	(void)p;
	return xcalloc(n + 1, size);
}

static void
get_department(struct reader *r, struct department *x)
{
	DEPARTMENT_FIELDS(GET)
}

static void
get_phase(struct reader *r, struct phase *x)
{
	PHASE_FIELDS(GET)
}

static void
get_milestone(struct reader *r, struct milestone *x)
{
	MILESTONE_FIELDS(GET)
}

static void
get_stage(struct reader *r, struct stage *x)
{
	STAGE_FIELDS(GET)
}

static void
get_target(struct reader *r, struct target *x)
{
	TARGET_FIELDS(GET)
}

/* The days the store can return (parse_day in store.c). */
static bool
day_ok(pw_day d)
{
	static pw_day min = DAY_NONE, max;

	if (min == DAY_NONE) {
		min = date_from_ymd(DATE_YEAR_MIN, 1, 1);
		max = date_from_ymd(DATE_YEAR_MAX, 12, 31);
	}
	return d >= min && d <= max;
}

/* The fewest bytes a list and a fact take. */
#define LIST_MIN	(4 + sizeof(pw_day) + 2 * sizeof(size_t))
#define FACT_MIN	(1 + sizeof(pw_day) + sizeof(double) + \
			 sizeof(long long) + 4)

/* One list's facts; false when they are not what the store gives. */
static bool
get_list(struct reader *r, struct facts *f, struct fact_list *l,
    struct buf *level)
{
	size_t n, len;

	get(r, &n, sizeof n);
	facts_reserve(l, check(r, n <= (size_t)(r->end - r->at) / FACT_MIN) ?
	    n : 0);
	for (size_t k = 0; k < n && !r->bad; k++) {
		struct fact x = { .kind = FACT_VALUE };
		unsigned char kind;
		const char *s;

		get(r, &kind, 1);
		get(r, &x.date, sizeof x.date);
		get(r, &x.value, sizeof x.value);
		get(r, &x.seq, sizeof x.seq);
		s = get_bytes(r, true, &len);
		if (!check(r, kind <= FACT_REOPEN && !isnan(x.value) &&
		    day_ok(x.date)) || r->bad)
			return false;
		x.kind = (enum fact_kind)kind;
		if (s != NULL) {
			buf_reset(level);
			buf_add(level, s, len);
			x.level = buf_str(level);
		}
		facts_push(f, l, &x);
	}
	return !r->bad;
}

struct facts *
image_get_facts(const void *data, size_t len)
{
	static const unsigned char none[1];
	struct reader rd = { .at = data != NULL ? data : none }, *r = &rd;
	struct buf item = BUF_INIT, level = BUF_INIT;
	struct facts *f = facts_new();
	size_t n;

	r->end = r->at + (data != NULL ? len : 0);
	get(r, &n, sizeof n);
	if (!check(r, n <= (size_t)(r->end - r->at) / LIST_MIN))
		n = 0;
	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *s = get_bytes(r, false, &len);
		struct fact_list *l;
		pw_day since;

		if (!check(r, s != NULL && len > 0))
			break;
		buf_reset(&item);
		buf_add(&item, s, len);
		get(r, &since, sizeof since);
		if (!check(r, facts_get(f, buf_str(&item)) == NULL &&
		    (since == DAY_NONE || day_ok(since) || day_ok(since - 1))))
			break;
		l = facts_list(f, buf_str(&item));
		l->since = since;
		get(r, &l->skipped, sizeof l->skipped);
		get_list(r, f, l, &level);
	}
	buf_release(&item);
	buf_release(&level);
	if (r->bad || r->at != r->end) {
		facts_free(f);
		return NULL;
	}
	return f;
}

struct plan *
image_get_plan(const void *data, size_t len)
{
	static const unsigned char none[1];
	struct reader rd = { .at = data != NULL ? data : none }, *r = &rd;
	struct plan *x = plan_new();

	r->end = r->at + (data != NULL ? len : 0);
	r->p = x;
	PLAN_FIELDS(GET)
	/* plan_free frees a pooled plan's strings at once; make sure it is
	 * one, even with none. */
	if (x->pool == NULL)
		(void)plan_alloc(x, 1, 1);
	if (r->bad || r->at != r->end || plan_index(x) != 0 ||
	    plan_check(x) != 0) {
		plan_free(x);
		return NULL;
	}
	return x;
}
