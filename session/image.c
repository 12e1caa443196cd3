/*
 * image.c: a review's inputs as bytes, and back again (image.h).
 *
 * The plan's part is its structs' fields in the order of the tables of
 * model/plan.h: integers, counts and enumerations as 32 bits (sizes as
 * 64), doubles as their 8 bytes, strings as a 32-bit length (NO_STRING for
 * NULL) and their bytes, an array as its count and its elements.  Then a
 * byte, 1 when facts follow: the number of lists, and for each its item,
 * since, skipped and facts, in the order the store made them; each fact its
 * kind, date, value, seq and level.  Whatever the bytes, the reader gives
 * what the loader and the store could have made, or -1.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session/image.h"
#include "util/xalloc.h"

#define NO_STRING	UINT32_MAX

/* --- Writing ------------------------------------------------------------ */

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_f64(struct buf *b, double v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

/* A field of x, by its kind in the tables of model/plan.h. */
#define PUT(kind, ...)		PUT_##kind(__VA_ARGS__)
#define PUT_STR(f)		put_str(b, x->f);
#define PUT_OSTR(f)		put_str(b, x->f);
#define PUT_DATE(f)		put_u32(b, (uint32_t)x->f.day);		\
				put_u32(b, (uint32_t)x->f.prec);
#define PUT_POS(f)		put_u32(b, (uint32_t)x->f.line);	\
				put_u32(b, (uint32_t)x->f.col);
#define PUT_INT(f)		put_u32(b, (uint32_t)x->f);
#define PUT_SIZE(f)		put_u64(b, x->f);
#define PUT_F64(f)		put_f64(b, x->f);
#define PUT_BOOL(f)		put_u32(b, x->f);
#define PUT_ENUM(f, type, last)	put_u32(b, (uint32_t)x->f);
#define PUT_DEPTS(f)		put_u32(b, (uint32_t)x->n##f);		\
	for (size_t i = 0; i < x->n##f; i++)				\
		put_u32(b, (uint32_t)x->f[i]);
#define PUT_LIST(f, type)	put_u32(b, (uint32_t)x->n##f);		\
	for (size_t i = 0; i < x->n##f; i++)				\
		put_##type(b, &x->f[i]);
#define PUT_STRS(f)		put_u32(b, (uint32_t)x->n##f);		\
	for (size_t i = 0; i < x->n##f; i++)				\
		put_str(b, x->f[i]);
#define PUT_ITEMS(f, type)	PUT_LIST(f, type)

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

static void
put_facts(struct buf *b, const struct facts *f)
{
	size_t n;
	const struct fact_list *const *l = facts_items(f, &n);

	put_u64(b, n);
	for (size_t i = 0; i < n; i++) {
		put_str(b, l[i]->item);
		put_u32(b, (uint32_t)l[i]->since);
		put_u64(b, l[i]->skipped);
		put_u64(b, l[i]->n);
		for (size_t k = 0; k < l[i]->n; k++) {
			const struct fact *x = &l[i]->v[k];
			char kind = (char)x->kind;
			buf_add(b, &kind, 1);
			put_u32(b, (uint32_t)x->date);
			put_f64(b, x->value);
			put_u64(b, (uint64_t)x->seq);
			put_str(b, x->level);
		}
	}
}

void
image_write(struct buf *b, const struct plan *x, const struct facts *f)
{
	char has = f != NULL;

	PLAN_FIELDS(PUT)
	buf_add(b, &has, 1);
	if (f != NULL)
		put_facts(b, f);
}

/* --- Reading ------------------------------------------------------------ */

/* Bytes being read; once bad, every read gives zero and it stays bad. */
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

static uint32_t
get_u32(struct reader *r)
{
	const void *v = take(r, sizeof(uint32_t));
	uint32_t x = 0;

	if (v != NULL)
		memcpy(&x, v, sizeof x);
	return x;
}

static uint64_t
get_u64(struct reader *r)
{
	const void *v = take(r, sizeof(uint64_t));
	uint64_t x = 0;

	if (v != NULL)
		memcpy(&x, v, sizeof x);
	return x;
}

static int
get_int(struct reader *r)
{
	return (int)(int32_t)get_u32(r);
}

/* A double, NaN refused (finite: a plan's). */
static double
get_f64(struct reader *r, bool finite)
{
	const void *v = take(r, sizeof(double));
	double x = 0;

	if (v != NULL)
		memcpy(&x, v, sizeof x);
	if (finite ? !isfinite(x) : isnan(x)) {
		r->bad = true;
		x = 0;
	}
	return x;
}

/* An unsigned value below limit. */
static unsigned
get_enum(struct reader *r, unsigned limit)
{
	uint32_t x = get_u32(r);

	if (x >= limit) {
		r->bad = true;
		return 0;
	}
	return x;
}

/* A count of things each at least min bytes long: no more than the bytes
 * left could hold, so a bad count cannot ask for a huge allocation. */
static size_t
get_count(struct reader *r, uint64_t n, size_t min)
{
	if (r->bad || n > (size_t)(r->end - r->at) / min) {
		r->bad = true;
		return 0;
	}
	return (size_t)n;
}

/* A string, NUL-free: its bytes and length; NULL for none (bad unless
 * optional). */
static const char *
get_bytes(struct reader *r, bool optional, size_t *len)
{
	uint32_t n = get_u32(r);
	const char *s;

	*len = 0;
	if (r->bad)
		return NULL;
	if (n == NO_STRING) {
		if (!optional)
			r->bad = true;
		return NULL;
	}
	if ((s = take(r, n)) == NULL || memchr(s, '\0', n) != NULL) {
		r->bad = true;
		return NULL;
	}
	*len = n;
	return s;
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
#define MIN_DATE		8
#define MIN_POS			8
#define MIN_INT			4
#define MIN_SIZE		8
#define MIN_F64			8
#define MIN_BOOL		4
#define MIN_ENUM		4
#define MIN_DEPTS		4
#define MIN_LIST		4
#define MIN_STRS		4
#define MIN_ITEMS		4
enum {
	min_department = 0 DEPARTMENT_FIELDS(MIN),
	min_phase = 0 PHASE_FIELDS(MIN),
	min_milestone = 0 MILESTONE_FIELDS(MIN),
	min_stage = 0 STAGE_FIELDS(MIN),
	min_target = 0 TARGET_FIELDS(MIN)
};

/* An array of n elements of x->f from the pool, or the plan's own. */
#define GET_ARRAY(f, min, alloc)					\
	x->n##f = get_count(r, get_u32(r), (min));			\
	x->f = x->n##f > 0 ? alloc : NULL;
#define POOLED(f)	plan_alloc(r->p, x->n##f, sizeof *x->f)

#define GET(kind, ...)		GET_##kind(__VA_ARGS__)
#define GET_STR(f)		x->f = get_str(r, false);
#define GET_OSTR(f)		x->f = get_str(r, true);
#define GET_DATE(f)		x->f.day = get_int(r);			\
	x->f.prec = (enum date_prec)get_enum(r, PREC_YEAR + 1);
#define GET_POS(f)		x->f.line = get_int(r);			\
				x->f.col = get_int(r);
#define GET_INT(f)		x->f = get_int(r);
#define GET_SIZE(f)		x->f = (size_t)get_u64(r);
#define GET_F64(f)		x->f = get_f64(r, true);
#define GET_BOOL(f)		x->f = get_enum(r, 2) != 0;
#define GET_ENUM(f, type, last)	x->f = (enum type)get_enum(r, (last) + 1);
#define GET_DEPTS(f)		GET_ARRAY(f, 4, POOLED(f))		\
	for (size_t i = 0; i < x->n##f; i++)				\
		x->f[i] = get_int(r);
#define GET_LIST(f, type)	GET_ARRAY(f, min_##type, POOLED(f))	\
	for (size_t i = 0; i < x->n##f; i++)				\
		get_##type(r, &x->f[i]);
#define GET_STRS(f)		GET_ARRAY(f, 4, POOLED(f))		\
	for (size_t i = 0; i < x->n##f; i++)				\
		x->f[i] = get_str(r, false);
/* The plan's own arrays: plan_free frees them, and there is always one. */
#define GET_ITEMS(f, type)						\
	x->n##f = get_count(r, get_u32(r), min_##type);			\
	x->f = xcalloc(x->n##f + 1, sizeof *x->f);			\
	for (size_t i = 0; i < x->n##f; i++)				\
		get_##type(r, &x->f[i]);

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
#define LIST_MIN	(4 + 4 + 8 + 8)
#define FACT_MIN	(1 + 4 + 8 + 8 + 4)

/* One list's facts, appended to l; false when they are not the store's. */
static bool
get_list(struct reader *r, struct facts *f, struct fact_list *l,
    struct buf *level)
{
	size_t n = get_count(r, get_u64(r), FACT_MIN), len;

	facts_reserve(l, n);
	for (size_t k = 0; k < n && !r->bad; k++) {
		const unsigned char *kind = take(r, 1);
		struct fact x = { .kind = FACT_VALUE };
		const char *s;

		if (kind == NULL || *kind > FACT_REOPEN)
			return false;
		x.kind = (enum fact_kind)*kind;
		x.date = (pw_day)get_u32(r);
		x.value = get_f64(r, false);
		x.seq = (long long)get_u64(r);
		s = get_bytes(r, true, &len);
		if (r->bad || !day_ok(x.date))
			return false;
		if (s != NULL) {
			buf_reset(level);
			buf_add(level, s, len);
			x.level = buf_str(level);
		}
		facts_push(f, l, &x);
	}
	return !r->bad;
}

static struct facts *
get_facts(struct reader *r)
{
	struct buf item = BUF_INIT, level = BUF_INIT;
	struct facts *f = facts_new();
	size_t n = get_count(r, get_u64(r), LIST_MIN), len;

	for (size_t i = 0; i < n && !r->bad; i++) {
		const char *s = get_bytes(r, false, &len);
		struct fact_list *l;
		pw_day since;

		if (s == NULL || len == 0) {
			r->bad = true;
			break;
		}
		buf_reset(&item);
		buf_add(&item, s, len);
		since = (pw_day)get_u32(r);
		if (facts_get(f, buf_str(&item)) != NULL ||
		    (since != DAY_NONE && !day_ok(since) &&
		    !day_ok(since - 1))) {
			r->bad = true;
			break;
		}
		l = facts_list(f, buf_str(&item));
		l->since = since;
		l->skipped = (size_t)get_u64(r);
		if (!get_list(r, f, l, &level))
			r->bad = true;
	}
	buf_release(&item);
	buf_release(&level);
	return f;
}

int
image_read(const void *data, size_t len, struct plan **pp, struct facts **fp)
{
	static const unsigned char none[1];
	struct reader rd = { .at = data != NULL ? data : none }, *r = &rd;
	struct plan *x = plan_new();
	const unsigned char *has;
	struct facts *f = NULL;

	r->end = r->at + (data != NULL ? len : 0);
	r->p = x;
	PLAN_FIELDS(GET)
	/* plan_free frees a pooled plan's strings at once; make sure it is
	 * one, even with none. */
	if (x->pool == NULL)
		(void)plan_alloc(x, 1, 1);
	if ((has = take(r, 1)) != NULL && *has > 1)
		r->bad = true;
	if (has != NULL && *has == 1)
		f = get_facts(r);
	if (r->bad || r->at != r->end || plan_index(x) != 0 ||
	    plan_check(x) != 0) {
		plan_free(x);
		facts_free(f);
		return -1;
	}
	*pp = x;
	*fp = f;
	return 0;
}
