/*
 * image.c: a loaded plan as bytes, and back again.
 *
 * The layout is the struct plan's, field by field, in a fixed order: counts
 * and integers as 32 bits, doubles as their 8 bytes, strings as a 32-bit
 * length (NO_STRING for NULL) and their bytes.  Whatever the bytes, the
 * reader returns a plan the loader could have made, or NULL: it checks
 * lengths, counts and enumerations as it reads, and then the plan as a
 * whole with plan_check, the loader's own rules.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/image.h"
#include "util/xalloc.h"

#define NO_STRING	UINT32_MAX
/* The fewest bytes an item of each kind takes (all its strings empty or
 * absent, no lists). */
#define DEPT_MIN	24
#define PHASE_MIN	48
#define MS_MIN		60
#define TARGET_MIN	88

/* --- Writing ------------------------------------------------------------ */

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_int(struct buf *b, int v)
{
	put_u32(b, (uint32_t)v);
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

static void
put_date(struct buf *b, struct pdate d)
{
	put_int(b, d.day);
	put_u32(b, (uint32_t)d.prec);
}

static void
put_pos(struct buf *b, struct srcpos pos)
{
	put_int(b, pos.line);
	put_int(b, pos.col);
}

static void
put_depts(struct buf *b, const int *v, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_int(b, v[i]);
}

void
plan_image_write(const struct plan *p, struct buf *b)
{
	put_u32(b, (uint32_t)p->ndepts);
	put_u32(b, (uint32_t)p->nphases);
	put_u32(b, (uint32_t)p->nms);
	put_u32(b, (uint32_t)p->ntargets);
	put_str(b, p->file);
	put_str(b, p->title);
	put_str(b, p->id);
	put_str(b, p->document);
	put_str(b, p->issuer);
	put_str(b, p->contact);
	put_str(b, p->phone);
	put_date(b, p->issued);
	put_date(b, p->start);
	put_date(b, p->end);
	put_int(b, p->warn_days);
	put_f64(b, p->pace_warn);
	put_f64(b, p->pace_crit);
	put_u32(b, (uint32_t)p->cadence);
	for (size_t i = 0; i < p->ndepts; i++) {
		const struct department *d = &p->depts[i];
		put_str(b, d->id);
		put_str(b, d->name);
		put_str(b, d->short_name);
		put_u32(b, d->no_notices);
		put_pos(b, d->pos);
	}
	for (size_t i = 0; i < p->nphases; i++) {
		const struct phase *ph = &p->phases[i];
		put_str(b, ph->id);
		put_str(b, ph->name);
		put_str(b, ph->note);
		put_date(b, ph->start);
		put_date(b, ph->end);
		put_int(b, ph->owner);
		put_u32(b, (uint32_t)ph->ms_first);
		put_u32(b, (uint32_t)ph->ms_count);
		put_pos(b, ph->pos);
	}
	for (size_t i = 0; i < p->nms; i++) {
		const struct milestone *m = &p->ms[i];
		put_str(b, m->id);
		put_str(b, m->name);
		put_str(b, m->note);
		put_int(b, m->phase);
		put_date(b, m->start);
		put_date(b, m->due);
		put_int(b, m->owner);
		put_depts(b, m->support, m->nsupport);
		put_f64(b, m->weight);
		put_u32(b, (uint32_t)m->every);
		put_pos(b, m->pos);
	}
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct target *t = &p->targets[i];
		put_str(b, t->id);
		put_str(b, t->name);
		put_str(b, t->unit);
		put_str(b, t->note);
		put_u32(b, (uint32_t)t->dir);
		put_f64(b, t->target);
		put_date(b, t->due);
		put_u32(b, t->has_baseline);
		put_f64(b, t->baseline);
		put_date(b, t->baseline_date);
		put_u32(b, (uint32_t)t->nstages);
		for (size_t k = 0; k < t->nstages; k++) {
			put_date(b, t->stages[k].due);
			put_f64(b, t->stages[k].target);
		}
		put_u32(b, (uint32_t)t->cadence);
		put_u32(b, (uint32_t)t->nscale);
		for (size_t k = 0; k < t->nscale; k++)
			put_str(b, t->scale[k]);
		put_int(b, t->owner);
		put_depts(b, t->support, t->nsupport);
		put_int(b, t->phase);
		put_pos(b, t->pos);
	}
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

static int
get_int(struct reader *r)
{
	return (int)(int32_t)get_u32(r);
}

/* A finite double. */
static double
get_f64(struct reader *r)
{
	const void *v = take(r, sizeof(double));
	double x = 0;

	if (v != NULL)
		memcpy(&x, v, sizeof x);
	if (!isfinite(x)) {
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
get_count(struct reader *r, size_t min)
{
	uint32_t n = get_u32(r);

	if (r->bad || n > (size_t)(r->end - r->at) / min) {
		r->bad = true;
		return 0;
	}
	return n;
}

/* A string copied into the plan's pool: NULL only where optional. */
static char *
get_str(struct reader *r, bool optional)
{
	uint32_t n = get_u32(r);
	const char *s;

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
	return plan_strndup(r->p, s, n);
}

/* A plan date (plan_check checks its day). */
static struct pdate
get_date(struct reader *r)
{
	struct pdate d;

	d.day = get_int(r);
	d.prec = (enum date_prec)get_enum(r, PREC_YEAR + 1);
	return d;
}

static struct srcpos
get_pos(struct reader *r)
{
	struct srcpos pos;

	pos.line = get_int(r);
	pos.col = get_int(r);
	return pos;
}

static int *
get_depts(struct reader *r, size_t *n)
{
	int *v;

	*n = get_count(r, sizeof(uint32_t));
	if (*n == 0)
		return NULL;
	v = plan_alloc(r->p, *n, sizeof *v);
	for (size_t i = 0; i < *n; i++)
		v[i] = get_int(r);
	return v;
}

static void
read_target(struct reader *r, struct target *t)
{
	struct plan *p = r->p;

	t->id = get_str(r, false);
	t->name = get_str(r, false);
	t->unit = get_str(r, true);
	t->note = get_str(r, true);
	t->dir = (enum direction)get_enum(r, DIR_EQ + 1);
	t->target = get_f64(r);
	t->due = get_date(r);
	t->has_baseline = get_enum(r, 2);
	t->baseline = get_f64(r);
	t->baseline_date = get_date(r);
	/* A stage is a date (8 bytes) and a double (8). */
	if ((t->nstages = get_count(r, 16)) > 0)
		t->stages = plan_alloc(p, t->nstages, sizeof *t->stages);
	for (size_t k = 0; k < t->nstages; k++) {
		t->stages[k].due = get_date(r);
		t->stages[k].target = get_f64(r);
	}
	t->cadence = (enum period)get_enum(r, PERIOD_YEAR + 1);
	if ((t->nscale = get_count(r, sizeof(uint32_t))) > 0)
		t->scale = plan_alloc(p, t->nscale, sizeof *t->scale);
	for (size_t k = 0; k < t->nscale; k++)
		t->scale[k] = get_str(r, false);
	t->owner = get_int(r);
	t->support = get_depts(r, &t->nsupport);
	t->phase = get_int(r);
	t->pos = get_pos(r);
}

static void
read_items(struct reader *r)
{
	struct plan *p = r->p;

	for (size_t i = 0; i < p->ndepts && !r->bad; i++) {
		struct department *d = &p->depts[i];
		d->id = get_str(r, false);
		d->name = get_str(r, false);
		d->short_name = get_str(r, true);
		d->no_notices = get_enum(r, 2) != 0;
		d->pos = get_pos(r);
	}
	for (size_t i = 0; i < p->nphases && !r->bad; i++) {
		struct phase *ph = &p->phases[i];
		ph->id = get_str(r, false);
		ph->name = get_str(r, false);
		ph->note = get_str(r, true);
		ph->start = get_date(r);
		ph->end = get_date(r);
		ph->owner = get_int(r);
		ph->ms_first = get_u32(r);
		ph->ms_count = get_u32(r);
		ph->pos = get_pos(r);
	}
	for (size_t i = 0; i < p->nms && !r->bad; i++) {
		struct milestone *m = &p->ms[i];
		m->id = get_str(r, false);
		m->name = get_str(r, false);
		m->note = get_str(r, true);
		m->phase = get_int(r);
		m->start = get_date(r);
		m->due = get_date(r);
		m->owner = get_int(r);
		m->support = get_depts(r, &m->nsupport);
		m->weight = get_f64(r);
		m->every = (enum period)get_enum(r, PERIOD_YEAR + 1);
		m->pos = get_pos(r);
	}
	for (size_t i = 0; i < p->ntargets && !r->bad; i++)
		read_target(r, &p->targets[i]);
}

struct plan *
plan_image_read(const void *data, size_t len)
{
	static const unsigned char none[1];
	struct reader r = { .at = data != NULL ? data : none,
	    .end = (data != NULL ? (const unsigned char *)data : none) +
	    (data != NULL ? len : 0) };
	struct plan *p = plan_new();

	r.p = p;
	p->ndepts = get_u32(&r);
	p->nphases = get_u32(&r);
	p->nms = get_u32(&r);
	p->ntargets = get_u32(&r);
	/* No more items than the bytes left could hold, at the least each
	 * kind takes, before arrays that long are allocated. */
	if ((uint64_t)p->ndepts * DEPT_MIN + (uint64_t)p->nphases * PHASE_MIN +
	    (uint64_t)p->nms * MS_MIN + (uint64_t)p->ntargets * TARGET_MIN >
	    (uint64_t)(r.end - r.at))
		r.bad = true;
	if (r.bad)
		p->ndepts = p->nphases = p->nms = p->ntargets = 0;
	p->depts = xcalloc(p->ndepts + 1, sizeof *p->depts);
	p->phases = xcalloc(p->nphases + 1, sizeof *p->phases);
	p->ms = xcalloc(p->nms + 1, sizeof *p->ms);
	p->targets = xcalloc(p->ntargets + 1, sizeof *p->targets);
	p->file = get_str(&r, false);
	p->title = get_str(&r, false);
	p->id = get_str(&r, false);
	p->document = get_str(&r, true);
	p->issuer = get_str(&r, true);
	p->contact = get_str(&r, true);
	p->phone = get_str(&r, true);
	p->issued = get_date(&r);
	p->start = get_date(&r);
	p->end = get_date(&r);
	p->warn_days = get_int(&r);
	p->pace_warn = get_f64(&r);
	p->pace_crit = get_f64(&r);
	p->cadence = (enum period)get_enum(&r, PERIOD_YEAR + 1);
	read_items(&r);
	/* plan_free frees a pooled plan's strings at once; make sure it is
	 * one, even with none. */
	if (p->pool == NULL)
		(void)plan_alloc(p, 1, 1);
	if (r.bad || r.at != r.end || plan_index(p) != 0 ||
	    plan_check(p) != 0) {
		plan_free(p);
		return NULL;
	}
	return p;
}
