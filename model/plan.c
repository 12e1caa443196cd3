/* plan.c: the plan model: ownership, id lookup and milestone instances. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "util/hash.h"
#include "util/strpool.h"
#include "util/xalloc.h"

/* Open addressing from id to item; ids are borrowed from the plan. */
struct idtable {
	struct idslot {
		const char	*id;
		enum item_kind	 kind;
		int		 index;
	}		*slot;
	size_t		 cap;	/* a power of two */
};

/* Departments have ids of their own, apart from the items'. */
struct idmap {
	struct idtable	 items;
	struct idtable	 depts;
};

static struct idslot *
idmap_lookup(const struct idtable *m, const char *id, size_t n)
{
	size_t i = hash_bytes(id, n) & (m->cap - 1);

	for (;;) {
		struct idslot *s = &m->slot[i];
		if (s->id == NULL ||
		    (strncmp(s->id, id, n) == 0 && s->id[n] == '\0'))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static int
idmap_put(struct idtable *m, const char *id, enum item_kind kind, int index)
{
	struct idslot *s = idmap_lookup(m, id, strlen(id));

	if (s->id != NULL)
		return -1;
	s->id = id;
	s->kind = kind;
	s->index = index;
	return 0;
}

char *
plan_strndup(struct plan *p, const char *s, size_t n)
{
	return strpool_ndup(&p->pool, s, n);
}

void *
plan_alloc(struct plan *p, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	return strpool_alloc(&p->pool, nmemb * size);
}

static void
idtable_init(struct idtable *m, size_t n)
{
	size_t want = n * 2 + 16;

	m->cap = 16;
	while (m->cap < want)
		m->cap *= 2;
	/* Written before it is read: calloc's fresh pages would fault twice,
	 * on the first probe and on the first slot taken. */
	m->slot = xreallocarray(NULL, m->cap, sizeof *m->slot);
	memset(m->slot, 0, m->cap * sizeof *m->slot);
}

static void
idmap_free(struct idmap *m)
{
	if (m == NULL)
		return;
	free(m->items.slot);
	free(m->depts.slot);
	free(m);
}

/* The plan's arrays and itself, its strings gone. */
static void
plan_free_arrays(struct plan *p)
{
	free(p->depts);
	free(p->phases);
	free(p->ms);
	free(p->targets);
	idmap_free(p->ids);
	free(p);
}

struct plan *
plan_new(void)
{
	struct plan *p = xcalloc(1, sizeof *p);

	p->issued.day = p->start.day = p->end.day = DAY_NONE;
	p->warn_days = WARN_DAYS_DEFAULT;
	p->pace_warn = PACE_WARN_DEFAULT;
	p->pace_crit = PACE_CRIT_DEFAULT;
	return p;
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	if (p->pool != NULL) {
		/* Every string and every item's array is in the pool; only
		 * the plan's arrays are apart. */
		strpool_free(p->pool);
		p->pool = NULL;
		plan_free_arrays(p);
		return;
	}
	for (size_t i = 0; i < p->ndepts; i++) {
		free(p->depts[i].id);
		free(p->depts[i].name);
		free(p->depts[i].short_name);
	}
	for (size_t i = 0; i < p->nphases; i++) {
		free(p->phases[i].id);
		free(p->phases[i].name);
		free(p->phases[i].note);
	}
	for (size_t i = 0; i < p->nms; i++) {
		free(p->ms[i].id);
		free(p->ms[i].name);
		free(p->ms[i].note);
		free(p->ms[i].support);
	}
	for (size_t i = 0; i < p->ntargets; i++) {
		struct target *t = &p->targets[i];
		free(t->id);
		free(t->name);
		free(t->unit);
		free(t->note);
		free(t->stages);
		for (size_t k = 0; k < t->nscale; k++)
			free(t->scale[k]);
		free(t->scale);
		free(t->support);
	}
	free(p->file);
	free(p->title);
	free(p->id);
	free(p->document);
	free(p->issuer);
	free(p->contact);
	free(p->phone);
	plan_free_arrays(p);
}

int
plan_index(struct plan *p)
{
	struct idtable *t;
	int rc = 0;

	idmap_free(p->ids);
	p->ids = xcalloc(1, sizeof *p->ids);
	t = &p->ids->items;
	idtable_init(t, p->nphases + p->nms + p->ntargets);
	for (size_t i = 0; i < p->nphases; i++)
		rc |= idmap_put(t, p->phases[i].id, ITEM_PHASE, (int)i);
	for (size_t i = 0; i < p->nms; i++)
		rc |= idmap_put(t, p->ms[i].id, ITEM_MILESTONE, (int)i);
	for (size_t i = 0; i < p->ntargets; i++)
		rc |= idmap_put(t, p->targets[i].id, ITEM_TARGET, (int)i);
	/* A department id given twice keeps its first department, as a
	 * search from the start would; the loader reports the second. */
	t = &p->ids->depts;
	idtable_init(t, p->ndepts);
	for (size_t i = 0; i < p->ndepts; i++)
		(void)idmap_put(t, p->depts[i].id, ITEM_NONE, (int)i);
	return rc;
}

struct item_ref
plan_find(const struct plan *p, const char *id)
{
	struct item_ref r = { ITEM_NONE, -1, DAY_NONE };
	const char *at = strchr(id, '@');
	size_t n = at ? (size_t)(at - id) : strlen(id);
	struct idslot *s;

	if (p->ids == NULL || n == 0)
		return r;
	s = idmap_lookup(&p->ids->items, id, n);
	if (s->id == NULL)
		return r;
	if (at == NULL) {
		r.kind = s->kind;
		r.index = s->index;
		return r;
	}
	if (s->kind != ITEM_MILESTONE)
		return r;
	const struct milestone *m = &p->ms[s->index];
	if (m->every == PERIOD_NONE)
		return r;
	pw_day first = period_parse_label(m->every, at + 1);
	pw_day start = plan_ms_start(p, m);
	if (first == DAY_NONE || start == DAY_NONE)
		return r;
	if (first < period_start(m->every, start) || first > m->due.day)
		return r;
	r.kind = ITEM_INSTANCE;
	r.index = s->index;
	r.period = first;
	return r;
}

int
plan_find_dept(const struct plan *p, const char *id)
{
	if (p->ids != NULL) {
		struct idslot *s = idmap_lookup(&p->ids->depts, id,
		    strlen(id));
		return s->id != NULL ? s->index : -1;
	}
	/* Not indexed yet (a plan being built): search. */
	for (size_t i = 0; i < p->ndepts; i++)
		if (strcmp(p->depts[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Edit distance, capped: anything over cap returns cap + 1. */
static size_t
edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row, best, d;

	if (la > ID_MAX * 2 || lb > ID_MAX * 2)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	row = xcalloc(lb + 1, sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = diag + cost;
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > cap) {
			free(row);
			return cap + 1;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

size_t
plan_suggest(const struct plan *p, const char *id, const char **out,
    size_t max)
{
	size_t cap = strlen(id) / 3 + 1, n = 0;
	size_t dist[8];

	if (max > 8)
		max = 8;
	if (cap > 3)
		cap = 3;
	for (int kind = 0; kind < 3; kind++) {
		size_t count = kind == 0 ? p->nphases : kind == 1 ? p->nms :
		    p->ntargets;
		for (size_t i = 0; i < count; i++) {
			const char *cand = kind == 0 ? p->phases[i].id :
			    kind == 1 ? p->ms[i].id : p->targets[i].id;
			size_t d = edit_distance(id, cand, cap);
			if (d > cap)
				continue;
			/* Insert sorted by distance, keep the best max. */
			size_t k = n < max ? n++ : max;
			if (k == max && d >= dist[max - 1])
				continue;
			if (k == max)
				k = max - 1;
			while (k > 0 && dist[k - 1] > d) {
				dist[k] = dist[k - 1];
				out[k] = out[k - 1];
				k--;
			}
			dist[k] = d;
			out[k] = cand;
		}
	}
	return n;
}

pw_day
plan_ms_start(const struct plan *p, const struct milestone *m)
{
	if (m->start.day != DAY_NONE)
		return m->start.day;
	if (m->phase >= 0 && p->phases[m->phase].start.day != DAY_NONE)
		return p->phases[m->phase].start.day;
	return p->start.day;
}

pw_day
plan_target_start(const struct plan *p, const struct target *t)
{
	if (t->phase >= 0 && p->phases[t->phase].start.day != DAY_NONE)
		return p->phases[t->phase].start.day;
	if (p->start.day != DAY_NONE)
		return p->start.day;
	if (t->has_baseline)
		return t->baseline_date.day;
	return DAY_NONE;
}

static void
push_instance(struct instance **v, size_t *n, size_t *cap,
    struct instance in)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[(*n)++] = in;
}

void
plan_instances(const struct plan *p, int ms, struct instance **v, size_t *n,
    size_t *cap)
{
	const struct milestone *m = &p->ms[ms];
	pw_day start = plan_ms_start(p, m);
	struct instance in;

	if (m->every == PERIOD_NONE || start == DAY_NONE) {
		in.ms = ms;
		in.start = start;
		in.due = m->due.day;
		in.period = DAY_NONE;
		push_instance(v, n, cap, in);
		return;
	}
	for (pw_day ps = period_start(m->every, start); ps <= m->due.day;
	    ps = period_next(m->every, ps)) {
		pw_day pe = period_end(m->every, ps);
		in.ms = ms;
		in.period = ps;
		in.start = ps > start ? ps : start;
		in.due = pe < m->due.day ? pe : m->due.day;
		push_instance(v, n, cap, in);
	}
}

/* The number of the period holding day, counted from any fixed origin: two
 * days' numbers differ by the periods between them. */
static long
period_number(enum period every, pw_day day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	switch (every) {
	case PERIOD_WEEK:
		/* From Monday 1969-12-29 (day -3): an exact division. */
		return ((long)period_start(every, day) + 3) / 7;
	case PERIOD_MONTH:
		return (long)y * 12 + m - 1;
	case PERIOD_QUARTER:
		return (long)y * 4 + (m - 1) / 3;
	default:
		return y;
	}
}

size_t
plan_ms_ninstances(const struct plan *p, int ms)
{
	const struct milestone *m = &p->ms[ms];
	pw_day start = plan_ms_start(p, m);

	if (m->every == PERIOD_NONE || start == DAY_NONE)
		return 1;
	/* plan_instances() runs from the period holding start while a
	 * period starts on or before the due date. */
	if (period_start(m->every, start) > m->due.day)
		return 0;
	return (size_t)(period_number(m->every, m->due.day) -
	    period_number(m->every, start) + 1);
}

char *
plan_instance_name(const struct plan *p, const struct instance *in)
{
	const struct milestone *m = &p->ms[in->ms];
	char label[16];

	if (in->period == DAY_NONE)
		return xstrdup(m->id);
	period_label(m->every, in->period, label);
	return xasprintf("%s@%s", m->id, label);
}

static const char *const dir_symbols[] = {
	[DIR_GE] = ">=", [DIR_GT] = ">", [DIR_LE] = "<=", [DIR_LT] = "<",
	[DIR_EQ] = "=",
};

const char *
direction_symbol(enum direction d)
{
	return dir_symbols[d];
}

int
direction_parse(const char *s, enum direction *d)
{
	for (int i = DIR_GE; i <= DIR_EQ; i++)
		if (strcmp(s, dir_symbols[i]) == 0) {
			*d = (enum direction)i;
			return 0;
		}
	return -1;
}

bool
direction_meets(enum direction d, double value, double target)
{
	switch (d) {
	case DIR_GE:
		return value >= target;
	case DIR_GT:
		return value > target;
	case DIR_LE:
		return value <= target;
	case DIR_LT:
		return value < target;
	case DIR_EQ:
		/* Values are decimal text in the plan and the store: compare
		 * with a tolerance far below any printed precision. */
		return value - target < 1e-9 && target - value < 1e-9;
	}
	return false;
}

const char *
plan_dept_label(const struct plan *p, int dept)
{
	if (dept < 0 || (size_t)dept >= p->ndepts)
		return "-";
	if (p->depts[dept].short_name != NULL)
		return p->depts[dept].short_name;
	return p->depts[dept].name;
}
